/**
 * Issue 15, defects 4 and 5: a wide file costs memory in proportion to its data (not 512 KB per column), with a
 * documented column limit; numbers at the edge of a double's range never crash profiling.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK_ROWS, FIRST_BLOCK_ROWS } from '../../../app/data/columns.js';
import { profileDataset } from '../../../app/data/profile.js';
import { MAX_COLUMNS, TableBuilder } from '../../../app/data/table.js';
import { cells, read, rejectsWith } from './helpers.js';

function table(): TableBuilder {
  return new TableBuilder(',', 'w.csv', { missing: new Set(['']), decimalComma: false });
}

describe('wide files: memory follows the rows', () => {
  test('a column block starts small and doubles with the rows, up to a full block', () => {
    const t = table();
    t.record(['n', 's'], 1);
    const sizes: number[] = [];
    for (let i = 0; i < BLOCK_ROWS + 10; i++) {
      t.record([String(i), `w${i % 3}`], i + 2);
      if ([0, 2, FIRST_BLOCK_ROWS, 1000, BLOCK_ROWS - 1].includes(i)) sizes.push(t.columns![0].blockRows);
    }
    assert.deepEqual(sizes, [FIRST_BLOCK_ROWS, FIRST_BLOCK_ROWS, 2 * FIRST_BLOCK_ROWS, 1024, BLOCK_ROWS]);
    // A text column follows the same sizes.
    assert.equal(t.columns![1].blockRows, BLOCK_ROWS);
    // Past the first block, whole blocks are added (never a block per row).
    assert.equal(t.columns![0].blockRows, BLOCK_ROWS);
    assert.ok(FIRST_BLOCK_ROWS * 8 <= 64, 'a first block of 3 rows costs bytes, not the 512 KB of a full block');
  });

  test('cells survive the doubling: mixed formats, a switch to text and missing cells across every growth step', async () => {
    const rows = 3000;
    const lines = ['a,b,c'];
    for (let i = 0; i < rows; i++) {
      const a = i % 7 === 0 ? '' : i % 2 ? `${i}.50` : String(i); // two formats, from the second row on
      const b = i === 2500 ? 'text' : `${i}.0`; // numbers, then text at row 2,500 (after five doublings)
      lines.push(`${a},${b},${i}`);
    }
    const dataset = await read(`${lines.join('\n')}\n`);
    assert.equal(dataset.rowCount, rows);
    const a = cells(dataset, 'a');
    const b = cells(dataset, 'b');
    const c = cells(dataset, 'c');
    for (let i = 0; i < rows; i++) {
      assert.deepEqual(a[i], i % 7 === 0 ? Number.NaN : i % 2 ? i + 0.5 : i, `a row ${i}`);
      assert.equal(b[i], i === 2500 ? 'text' : `${i}.0`, `b row ${i}`);
      assert.equal(c[i], i);
    }
  });

  test('20,000 columns × 3 rows read with every cell in place', async () => {
    const columns = 20_000;
    const header = Array.from({ length: columns }, (_, j) => `c${j}`).join(',');
    const row = (i: number): string =>
      Array.from({ length: columns }, (_, j) => (j % 2 ? `${i + j}` : `t${(i + j) % 5}`)).join(',');
    const dataset = await read(`${header}\n${row(0)}\n${row(1)}\n${row(2)}\n`);
    assert.equal(dataset.columns.length, columns);
    assert.deepEqual(cells(dataset, 'c19999'), [19999, 20000, 20001]);
    assert.deepEqual(cells(dataset, 'c19998'), ['t3', 't4', 't0']);
  });

  test(`more than ${MAX_COLUMNS.toLocaleString('en-US')} columns: one clear error naming the file and the count`, async () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, j) => `c${j}`).join(',');
    const error = await rejectsWith(
      read(`${header}\n${'1,'.repeat(MAX_COLUMNS)}1\n`, { fileName: 'wide.csv' }),
      'TOO_MANY_COLUMNS',
      'wide.csv line 1: the header has 100,001 columns; Sapling reads at most 100,000 (is the file transposed?)',
    );
    assert.deepEqual(error.location, { file: 'wide.csv', line: 1 });
  });
});

describe('numbers at the edge of the double range', () => {
  test('1e400 is not a number (as in Excel): its column is text, with a warning naming line, field and column', async () => {
    const dataset = await read('x,big,code\n1,5,007\n2,1e400,008\n3,-1E+999,009\n');
    assert.deepEqual(cells(dataset, 'big'), ['5', '1e400', '-1E+999']);
    assert.deepEqual(cells(dataset, 'x'), [1, 2, 3]);
    const outOfRange = dataset.warnings.filter((w) => w.includes('beyond the range'));
    // Only the cell that made the column text is named; '007' (a code, not out of range) is not.
    assert.deepEqual(outOfRange, [
      "data.csv line 3, field 2: '1e400' is beyond the range of numbers (±1.8e308), so column 'big' is read as text",
    ]);
    const profile = profileDataset(dataset);
    assert.equal(profile.columns[1].type, 'categorical');
  });

  test('tiny numbers are in range: 1e-400 reads as 0', async () => {
    const dataset = await read('x,y\n1e-400,1\n2,2\n');
    assert.deepEqual(cells(dataset, 'x'), [0, 2]);
  });

  test('1e308 and -1e308 in one column: a finite histogram holding every row, finite mean and std', async () => {
    const dataset = await read('v,w\n1e308,1\n-1e308,2\n0,3\n5e307,4\n');
    const [v] = profileDataset(dataset).columns;
    assert.equal(v.type, 'numeric');
    assert.equal(v.min, -1e308);
    assert.equal(v.max, 1e308);
    const bins = v.histogram!;
    assert.equal(bins.length, 10);
    assert.equal(
      bins.reduce((n, b) => n + b.count, 0),
      4,
    );
    for (const b of bins) assert.ok(Number.isFinite(b.lo) && Number.isFinite(b.hi) && b.lo <= b.hi, JSON.stringify(b));
    assert.equal(bins[0].lo, -1e308);
    assert.equal(bins[9].hi, 1e308);
    assert.deepEqual(
      bins.map((b) => b.count),
      [1, 0, 0, 0, 0, 1, 0, 1, 0, 1],
    );
    assert.ok(Number.isFinite(v.mean) && Number.isFinite(v.std), `${v.mean} ± ${v.std}`);
    assert.ok(Math.abs(v.mean! - 1.25e307) / 1.25e307 < 1e-12);
  });

  test('a standard deviation beyond the double range is left out, never Infinity or NaN (JSON null)', async () => {
    const dataset = await read('v\n1.79e308\n-1.79e308\n');
    const [v] = profileDataset(dataset).columns;
    assert.equal(v.std, undefined);
    assert.equal(v.mean, 0);
    assert.doesNotMatch(JSON.stringify(profileDataset(dataset)), /null/);
  });

  test('ordinary columns keep exactly the usual statistics and bins', async () => {
    const values = [0.1, 0.2, 0.7, 1.3, 2.9, 3.3, 10.01, -4.4];
    const dataset = await read(`v\n${values.join('\n')}\n`);
    const [v] = profileDataset(dataset).columns;
    const sorted = [...values].sort((a, b) => a - b);
    const mean = sorted.reduce((s, x) => s + x, 0) / values.length;
    const std = Math.sqrt(sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
    assert.equal(v.mean, mean);
    assert.equal(v.std, std);
    const width = (10.01 - -4.4) / 10;
    assert.deepEqual(
      v.histogram!.map((b) => b.lo),
      Array.from({ length: 10 }, (_, b) => -4.4 + b * width),
    );
    const counts = new Array<number>(10).fill(0);
    for (const x of sorted) counts[Math.min(9, Math.floor((x - -4.4) / width))]++;
    assert.deepEqual(
      v.histogram!.map((b) => b.count),
      counts,
    );
  });
});
