/**
 * The streaming reader: chunk and window boundaries (1 M characters) in awkward places, the quote-free
 * fast path against papaparse, and columns that turn from numbers to text after many rows.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readCsv, type ReadCsvOptions } from '../../../app/data/read-csv.js';
import type { Dataset } from '../../../app/data/dataset.js';
import { createRng } from '../../../app/util/random.js';
import { nativeSha256 } from '../../../io/hash.js';
import { cells, chunked, column, read, rejectsWith, utf8 } from './helpers.js';

/** The bytes as a stream cut at the given offsets. */
async function* cutAt(bytes: Uint8Array, offsets: readonly number[]): AsyncIterable<Uint8Array> {
  let from = 0;
  for (const to of [...[...offsets].sort((a, b) => a - b), bytes.length]) {
    yield bytes.slice(from, to);
    from = to;
  }
}

const stream = (input: AsyncIterable<Uint8Array>, options: Partial<ReadCsvOptions> = {}): Promise<Dataset> =>
  readCsv(input, { fileName: 'data.csv', ...options });

/** deepStrictEqual, but typed arrays compared as bytes (much faster on 100 000 rows; also tells -0 from 0). */
function assertSameDataset(actual: Dataset, expected: Dataset, message: string): void {
  const strip = (ds: Dataset): unknown => ({
    ...ds,
    columns: ds.columns.map((c) => ({ ...c, values: undefined, codes: undefined })),
  });
  assert.deepStrictEqual(strip(actual), strip(expected), message);
  const bytesOf = (a: Float64Array | Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  actual.columns.forEach((c, j) => {
    const e = expected.columns[j];
    const [x, y] =
      c.storage === 'number' && e.storage === 'number'
        ? [c.values, e.values]
        : [(c as { codes: Int32Array }).codes, (e as { codes: Int32Array }).codes];
    assert.ok(bytesOf(x).equals(bytesOf(y)), `${message}: column ${c.name}`);
  });
}

/** Every way of feeding `bytes` used below gives this same dataset. */
async function readAllWays(
  bytes: Uint8Array,
  cuts: readonly number[],
  options: Partial<ReadCsvOptions> = {},
): Promise<Dataset> {
  const whole = await read(bytes, options);
  for (const size of [65_537, 999_983])
    assertSameDataset(await stream(chunked(bytes, size), options), whole, `chunks of ${size}`);
  assertSameDataset(await stream(cutAt(bytes, cuts), options), whole, `cut at ${cuts.join(', ')}`);
  return whole;
}

/** Cells of a column equal the expected ones (a loop: deepEqual is slow on 100 000 elements). */
function assertCells(ds: Dataset, name: string, expected: (i: number) => number | string | null): void {
  const got = cells(ds, name);
  assert.equal(got.length, ds.rowCount);
  got.forEach((v, i) => assert.ok(Object.is(v, expected(i)), `${name}[${i}]: ${String(v)} ≠ ${String(expected(i))}`));
}

// ~1.25 MB: two windows. Row i is numbers only, except a label column.
const ROWS = 60_000;
const numericRow = (i: number): string =>
  `${i},${((i * 1.37) % 1000).toFixed(2)},${-i / 16},${i % 7 === 0 ? 'NA' : String(i % 11)}`;
const numericText = (newline: string): string =>
  `id2,x,y,k${newline}${Array.from({ length: ROWS }, (_, i) => numericRow(i)).join(newline)}${newline}`;

describe('readCsv streaming: chunk and window boundaries', () => {
  test('a chunk boundary inside a number, at and between window cuts', async () => {
    const text = numericText('\n');
    const bytes = utf8(text);
    // Cut inside the second field of rows near each window end, and one byte after a line break.
    const cuts = [47_000, 49_000, 55_000].map((r) => text.indexOf(`\n${r},`) + String(r).length + 4);
    const ds = await readAllWays(bytes, [...cuts, text.indexOf('\n', 1_100_000) + 1]);
    assert.equal(ds.rowCount, ROWS);
    assertCells(ds, 'x', (i) => Number(((i * 1.37) % 1000).toFixed(2)));
    assertCells(ds, 'y', (i) => Number(String(-i / 16)));
    assertCells(ds, 'k', (i) => (i % 7 === 0 ? NaN : i % 11));
  });

  test('a chunk boundary between CR and LF', async () => {
    const text = numericText('\r\n');
    const bytes = utf8(text);
    const crs = [30_000, 47_000, 50_000].map((r) => text.indexOf(`\r\n${r},`) + 1); // just after the '\r'
    const ds = await readAllWays(bytes, crs);
    assert.equal(ds.rowCount, ROWS);
    assert.deepEqual(cells(ds, 'y').slice(-2), [-(ROWS - 2) / 16, -(ROWS - 1) / 16]);
    // A text column: no '\r' may stick to a cell.
    const lines = Array.from({ length: 120_000 }, (_, i) => `t${i % 3},${i}`);
    const withText = utf8(`name,n\r\n${lines.join('\r\n')}\r\n`);
    const t = await stream(cutAt(withText, [utf8(`name,n\r\n${lines.slice(0, 110_000).join('\r\n')}\r`).length]));
    assertCells(t, 'name', (i) => `t${i % 3}`);
    assert.deepEqual((column(t, 'name') as { categories: readonly string[] }).categories, ['t0', 't1', 't2']);
    await rejectsWith(
      stream(cutAt(utf8(text + '1,2\r\n'), crs)),
      'RAGGED_ROW',
      `data.csv line ${ROWS + 2}: expected 4 fields (as in the header) but found 2`,
    );
  });

  test('old Mac CR line endings across windows', async () => {
    const ds = await readAllWays(utf8(numericText('\r')), [1_050_000]);
    assert.equal(ds.rowCount, ROWS);
    await rejectsWith(
      read(numericText('\r') + '1\r'),
      'RAGGED_ROW',
      `data.csv line ${ROWS + 2}: expected 4 fields (as in the header) but found 1`,
    );
  });

  test('a chunk boundary inside a multi-byte character', async () => {
    const words = ['Köln', '東京', 'emoji 😀', 'ß'];
    const text = `name,n\n${Array.from({ length: 130_000 }, (_, i) => `${words[i % 4]},${i}`).join('\n')}\n`;
    const bytes = utf8(text);
    // Inside the 4-byte emoji and the 3-byte 東 near a window end.
    const emoji = utf8(text.slice(0, text.indexOf('😀', 1_000_000))).length + 2;
    const kanji = utf8(text.slice(0, text.indexOf('東', 1_040_000))).length + 1;
    const ds = await readAllWays(bytes, [emoji, kanji]);
    assert.deepEqual(cells(ds, 'name').slice(0, 5), ['Köln', '東京', 'emoji 😀', 'ß', 'Köln']);
    assertCells(ds, 'name', (i) => words[i % 4]);
    assertCells(ds, 'n', (i) => i);
  });

  test('invalid UTF-8 far into a stream names its line (encoding utf-8 chosen)', async () => {
    const text = numericText('\n');
    const bytes = utf8(text);
    const bad = bytes.slice();
    bad[utf8(text.slice(0, text.indexOf('\n55000,'))).length + 3] = 0xe9; // line 55002 (header is line 1)
    const advice = 'save it as UTF-8, or choose the encoding it was saved in (windows-1252 reads any byte)';
    await rejectsWith(
      stream(chunked(bad, 65_536), { encoding: 'utf-8' }),
      'ENCODING',
      `data.csv line 55002: the file is not valid UTF-8 (byte 0xE9); ${advice}`,
    );
    // A file ending inside a character: its last line.
    const cutShort = utf8(`${text}é,1,2,3`).slice(0, -7);
    await rejectsWith(
      stream(chunked(cutShort, 1 << 20), { encoding: 'utf-8' }),
      'ENCODING',
      `data.csv line ${ROWS + 2}: the file is not valid UTF-8 (byte 0xC3); ${advice}`,
    );
  });

  test('detected: ASCII for 55,000 lines, then a Windows-1252 byte — the whole file is Windows-1252, the guess names the line', async () => {
    const text = numericText('\n');
    const bad = utf8(text);
    const at = utf8(text.slice(0, text.indexOf('\n55000,'))).length + 3;
    bad[at] = 0xe9;
    for (const size of [65_536, 999_983]) {
      const ds = await stream(chunked(bad, size));
      assert.deepEqual(ds.source.encoding, { name: 'windows-1252', guessed: true });
      assert.match(
        ds.warnings[0],
        /^data\.csv is not UTF-8 \(byte 0xE9 on line 55002\), so it was read as Windows-1252/,
      );
      assert.equal(ds.rowCount, ROWS);
    }
  });
});

describe('readCsv streaming: a column that turns to text', () => {
  // Every way of writing a number that parseNumber accepts, and then some that need their text kept.
  const FORMS = [
    '1.50',
    '-0.0',
    '+3',
    '.5',
    '-.25',
    '1.',
    '42',
    ' 7 ',
    '1e3',
    '2.5E-7',
    '12345678901234.5',
    '0.1234567890123456',
    '-0',
    'NA',
    '',
  ];

  test('after 100 000 numeric rows, one text cell makes the column categorical with every cell as written', async () => {
    const rows = 100_000;
    const v = Array.from({ length: rows }, (_, i) => FORMS[i % FORMS.length]);
    const w = Array.from({ length: rows }, (_, i) => (i / 7).toFixed(3)); // one format throughout
    const body = v.map((x, i) => `${i},${x},${w[i]}`).join('\n');
    for (const input of [
      `i,v,w\n${body}\n${rows},n/a!,x\n`,
      `i,v,w\n"${body.slice(0, 1)}"${body.slice(1)}\n${rows},"n/a!",x\n`,
    ]) {
      const ds = await read(input);
      const expected = [...v.map((x) => (x.trim() === '' || x.trim() === 'NA' ? null : x.trim())), 'n/a!'];
      assert.equal(column(ds, 'v').type, 'categorical');
      assertCells(ds, 'v', (i) => expected[i]);
      assert.equal(column(ds, 'v').missing, expected.filter((x) => x === null).length);
      assertCells(ds, 'w', (i) => (i < rows ? w[i] : 'x'));
      assertCells(ds, 'i', (i) => i); // the other columns stay in step
    }
  });

  test('decimal commas keep their comma', async () => {
    const ds = await read('v;n\n1,50;1\n-,5;2\n2.25;3\n3;4\nabc;5\n');
    assert.deepEqual(cells(ds, 'v'), ['1,50', '-,5', '2.25', '3', 'abc']);
  });

  test('a column missing for a long time, then text, then numbers', async () => {
    const n = 70_000;
    const ds = await read(`a,b\n${'NA,1\n'.repeat(n)}x,2\n1.0,3\n`);
    assert.deepEqual(cells(ds, 'a').slice(-3), [null, 'x', '1.0']);
    assert.equal(column(ds, 'a').missing, n);
  });

  test('booleans after many missing cells, and booleans that meet a number', async () => {
    const ds = await read(`a,b\n${',1\n'.repeat(70_000)}TRUE,1\nno,2\n`);
    assert.equal(column(ds, 'a').type, 'categorical'); // mixed vocabularies
    const bools = await read(`a,b\n${',1\n'.repeat(70_000)}TRUE,1\nfalse,2\n`);
    assert.equal(column(bools, 'a').type, 'boolean');
    assert.deepEqual(cells(bools, 'a').slice(-2), [1, 0]);
    assert.deepEqual(cells(await read('a\ntrue\nfalse\n1\n'), 'a'), ['true', 'false', '1']);
  });
});

describe('readCsv streaming: quoted and unquoted windows', () => {
  test('a file mixing quoted records and long quote-free stretches', async () => {
    const n = 80_000;
    const lines = Array.from({ length: n }, (_, i) =>
      i % 25_000 === 24_999
        ? `${i},"note, with ""quotes""\nand a line break",${i / 4}`
        : `${i},plain ${i % 3},${i / 4}`,
    );
    const text = `id2,note,v\n${lines.join('\n')}\n`;
    const ds = await readAllWays(utf8(text), [text.indexOf('"') + 3, text.indexOf('\n', 1_100_000)]);
    assert.equal(ds.rowCount, n);
    assertCells(ds, 'note', (i) =>
      i % 25_000 === 24_999 ? 'note, with "quotes"\nand a line break' : `plain ${i % 3}`,
    );
    assert.deepEqual(cells(ds, 'v').slice(-1), [(n - 1) / 4]);
    // Three quoted records took two lines each: a ragged row at the end is 3 lines further down.
    await rejectsWith(
      read(`${text}1,2\n`),
      'RAGGED_ROW',
      `data.csv line ${n + 2 + 3}: expected 3 fields (as in the header) but found 2`,
    );
  });

  test('line numbers after blank lines and a multi-line header cell, in the fast path', async () => {
    const n = 200_000;
    const body = Array.from({ length: n }, (_, i) => (i % 1000 === 0 ? `\n${i},${i % 9}` : `${i},${i % 9}`)).join('\n');
    const text = `"a\nb",c\n${body}\n`;
    await rejectsWith(
      read(`${text}1,2,3\n`),
      'RAGGED_ROW',
      `data.csv line ${3 + n + n / 1000}: expected 2 fields (as in the header) but found 3`,
    );
    await rejectsWith(
      read(`${text.replaceAll('\n', '\r\n')}1\r\n`),
      'RAGGED_ROW',
      `data.csv line ${3 + n + n / 1000}: expected 2 fields (as in the header) but found 1`,
    );
  });

  test('the fast path reads exactly what papaparse reads', async () => {
    // A quote in the header sends the whole (single-window) file through papaparse; without it, the fast path.
    const rng = createRng(11);
    const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
    const CELLS = [
      '1.50',
      '-0',
      '+3',
      '.5',
      '1.',
      '1e3',
      '2.5E-7',
      '007',
      '1,5',
      '0x1F',
      '1e',
      '-',
      '',
      'NA',
      ' NA ',
      'null',
      '?',
      '-999',
      'abc',
      'TRUE',
      'no',
      '\u00A01',
      ' 4 ',
      '\t5',
      'é',
    ];
    for (let t = 0; t < 200; t++) {
      const d = pick([',', ';', '\t', '|']);
      const newline = pick(['\n', '\r\n', '\r']);
      const width = 1 + rng.int(3);
      const lines = [Array.from({ length: width }, (_, j) => `c${j}`).join(d)];
      for (let r = 0; r < 1 + rng.int(40); r++) {
        if (rng.int(15) === 0) lines.push(pick(['', ' ', '\u3000']));
        else
          lines.push(
            Array.from({ length: rng.int(60) === 0 ? width + 1 : width }, () => pick(CELLS).replaceAll(d, '')).join(d),
          );
      }
      const body = lines.join(newline) + newline;
      const options: Partial<ReadCsvOptions> = {
        ...(rng.int(4) === 0 ? { missingTokens: ['-999', 'NA'] } : {}),
        ...(rng.int(4) === 0 ? { decimalComma: true } : {}),
      };
      const outcome = async (text: string): Promise<unknown> => {
        try {
          const ds = await read(text, options);
          return { rowCount: ds.rowCount, columns: ds.columns, warnings: ds.warnings };
        } catch (e) {
          return (e as Error).message;
        }
      };
      assert.deepStrictEqual(await outcome(body), await outcome(`"c0"${body.slice(2)}`), JSON.stringify(body));
    }
  });
});

describe('readCsv streaming: sizes, hashes, blanks', () => {
  test('a wrong size estimate changes nothing', async () => {
    // Exactly 3 blocks of 64 K rows, then blank lines (a block is started for them, and stays empty).
    const bytes = utf8(
      `${numericText('\n')}${Array.from({ length: 3 * 65_536 - ROWS }, (_, i) => numericRow(i)).join('\n')}\n\n\n`,
    );
    const plain = await stream(chunked(bytes, 1 << 20));
    for (const expectedBytes of [bytes.length, bytes.length / 2, bytes.length * 10]) {
      const ds = await stream(chunked(bytes, 1 << 20), { expectedBytes });
      assertSameDataset(ds, plain, `expectedBytes ${expectedBytes}`);
      const x = column(ds, 'x');
      assert.ok(x.storage === 'number');
      // Only the right estimate leaves the values in the array reserved for them (a view with a little room after it).
      assert.equal(x.values.buffer.byteLength > x.values.byteLength, expectedBytes === bytes.length);
    }
  });

  test('a native SHA-256 gives the same fingerprint', async () => {
    const text = numericText('\n');
    const bytes = utf8(text.slice(0, text.indexOf('\n', 100_000) + 1));
    const ds = await read(bytes, { createSha256: nativeSha256 });
    assert.equal(ds.source.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal((await read(bytes)).source.sha256, ds.source.sha256);
  });

  test('a header of tabs only: empty file if nothing else follows, else an empty header', async () => {
    await rejectsWith(read('\t\t\n\t\n  \n'), 'EMPTY_FILE', 'data.csv: the file is empty');
    await rejectsWith(read('\t\t\n\t\na\tb\n'), 'EMPTY_HEADER', 'data.csv line 1: column 1 has no name');
  });
});
