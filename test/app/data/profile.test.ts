import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { profileDataset, thresholdAccuracy } from '../../../app/data/profile.js';
import { read, rejectsWith } from './helpers.js';
import type { Warning } from '../../../app/util/warnings.js';

const TINY = 'x,c,b,k,y\n1,a,yes,7,p\n2,b,no,7,q\n3,a,yes,7,p\n,a,,7,p\n4,NA,no,7,q\n';

describe('profileDataset on a hand-computed table', () => {
  test('column statistics', async () => {
    const profile = profileDataset(await read(TINY, { fileName: 'tiny.csv' }), 'y');
    assert.equal(profile.fileName, 'tiny.csv');
    assert.equal(profile.rows, 5);
    assert.match(profile.sha256, /^[0-9a-f]{64}$/);
    const [x, c, b, k, y] = profile.columns;

    const { histogram, std, ...xRest } = x;
    assert.deepEqual(xRest, {
      name: 'x',
      type: 'numeric',
      missing: 1,
      missingFraction: 0.2,
      distinct: 4,
      min: 1,
      max: 4,
      mean: 2.5,
    });
    assert.ok(Math.abs((std as number) - Math.sqrt(5 / 3)) < 1e-12); // sample std of 1..4
    assert.ok(histogram);
    assert.deepEqual(
      histogram.map((h) => h.count),
      [1, 0, 0, 1, 0, 0, 1, 0, 0, 1],
    );
    histogram.forEach((h, i) => {
      assert.ok(Math.abs(h.lo - (1 + 0.3 * i)) < 1e-12);
      assert.ok(Math.abs(h.hi - (1 + 0.3 * (i + 1))) < 1e-12);
    });
    assert.equal(histogram[9].hi, 4);

    assert.deepEqual(c, {
      name: 'c',
      type: 'categorical',
      missing: 1,
      missingFraction: 0.2,
      distinct: 2,
      topCategories: [
        { value: 'a', count: 3 },
        { value: 'b', count: 1 },
      ],
    });

    const { std: bStd, ...bRest } = b;
    assert.deepEqual(bRest, {
      name: 'b',
      type: 'boolean',
      missing: 1,
      missingFraction: 0.2,
      distinct: 2,
      min: 0,
      max: 1,
      mean: 0.5,
      topCategories: [
        { value: 'no', count: 2 },
        { value: 'yes', count: 2 },
      ],
    });
    assert.ok(Math.abs((bStd as number) - Math.sqrt(1 / 3)) < 1e-12);

    assert.deepEqual(k, {
      name: 'k',
      type: 'constant',
      missing: 0,
      missingFraction: 0,
      distinct: 1,
      min: 7,
      max: 7,
      mean: 7,
      std: 0,
    });
    assert.equal(y.type, 'categorical');
  });

  test('target balance and warnings', async () => {
    const profile = profileDataset(await read(TINY), 'y');
    assert.deepEqual(profile.target, {
      name: 'y',
      task: 'classification',
      classBalance: [
        { label: 'p', count: 3, fraction: 0.6 },
        { label: 'q', count: 2, fraction: 0.4 },
      ],
    });
    assert.deepEqual(
      profile.warnings.map((w) => w.message),
      ["column 'k' has a single value ('7'); it is excluded from features by default"],
    );
  });

  test('is plain JSON', async () => {
    const profile = profileDataset(await read(TINY), 'y');
    assert.deepEqual(JSON.parse(JSON.stringify(profile)), profile);
    assert.equal(profileDataset(await read(TINY)).target, undefined);
  });

  test('an unknown target', async () => {
    const ds = await read(TINY);
    await rejectsWith(
      () => profileDataset(ds, 'z'),
      'UNKNOWN_COLUMN',
      "unknown target column 'z'; the columns are: x, c, b, k, y",
    );
  });

  test('regression target has no class balance', async () => {
    const profile = profileDataset(await read('x,y\n1,0.5\n2,1.5\n'), 'y');
    assert.deepEqual(profile.target, { name: 'y', task: 'regression' });
  });
});

const messages = (ws: readonly Warning[]) => ws.map((w) => w.message);

describe('profileDataset: leakage warnings', () => {
  const rows = 60;
  const table = (header: string, row: (i: number) => string): string =>
    `${header}\n${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}\n`;

  test('a categorical feature that gives the label away', async () => {
    const text = table('leak,almost,noise,y', (i) => {
      const y = 'abc'[i % 3];
      return `L${y},${i === 0 ? 'Lb' : `L${y}`},${'uv'[i % 2]},${y}`;
    });
    assert.deepEqual(messages(profileDataset(await read(text), 'y').warnings), [
      "'leak' alone predicts 'y' with 100.0% accuracy — possible leakage",
      "'almost' alone predicts 'y' with 98.3% accuracy — possible leakage",
    ]);
  });

  test('a numeric feature whose one threshold separates two classes', async () => {
    const text = table('score,other,y', (i) => `${i * 0.5},${i % 7},${i < 25 ? 'no' : 'yes'}`);
    assert.deepEqual(messages(profileDataset(await read(text), 'y').warnings), [
      "'score' alone predicts 'y' with 100.0% accuracy — possible leakage",
    ]);
  });

  test('not when the majority class is already ≥ 90%', async () => {
    const text = table('leak,y', (i) => (i < 57 ? 'A,a' : 'B,b'));
    assert.deepEqual(messages(profileDataset(await read(text), 'y').warnings), []);
  });

  test('not for identifiers or categories too many to mean anything', async () => {
    const text = table('name,pair,y', (i) => `p${i},g${Math.floor(i / 2)},${Math.floor(i / 2) % 2 ? 'odd' : 'even'}`);
    assert.deepEqual(messages(profileDataset(await read(text), 'y').warnings), [
      "column 'name' looks like a row identifier (unique per row); it is excluded from features by default",
    ]);
  });

  test('regression: a near-perfect correlation', async () => {
    const text = table('x2,noise,y', (i) => `${i},${(i * 37) % 11},${(i * 1.5 + (i % 2) * 0.01).toFixed(2)}`);
    assert.deepEqual(messages(profileDataset(await read(text), 'y').warnings), [
      "'x2' alone predicts 'y' with correlation 1.000 — possible leakage",
    ]);
  });

  test('not on tiny tables, where perfect fits happen by chance', async () => {
    assert.deepEqual(profileDataset(await read('f,y\na,p\nb,q\na,p\nb,q\n'), 'y').warnings, []);
  });
});

describe('thresholdAccuracy (the leakage check of a numeric feature)', () => {
  // The reference: the check as it was first written — row indices sorted by value, a cut after each distinct value.
  const reference = (x: Float64Array, y: Int32Array, rows: readonly number[]): number | undefined => {
    const present = rows.filter((i) => !Number.isNaN(x[i])).sort((a, b) => x[a] - x[b]);
    const n = present.length;
    if (n < 20) return undefined;
    let ones = 0;
    for (const i of present) ones += y[i];
    let best = Math.max(ones, n - ones);
    let leftOnes = 0;
    for (let k = 0; k < n - 1; k++) {
      leftOnes += y[present[k]];
      if (x[present[k]] === x[present[k + 1]]) continue;
      const leftZeros = k + 1 - leftOnes;
      best = Math.max(best, leftZeros + ones - leftOnes, leftOnes + n - ones - leftZeros);
    }
    return best / n;
  };

  test('equals a sort of the rows by value on random columns with ties, ±0, ±∞ and missing values', () => {
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pool = [0, -0, 1, -1, 2.5, Infinity, -Infinity, NaN];
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(next() * 80);
      const skew = next();
      const x = Float64Array.from({ length: n }, () =>
        next() < 0.6 ? pool[Math.floor(next() * pool.length)] : Math.round(next() * 8) / 2,
      );
      // Labels sometimes follow the value (near-perfect thresholds), sometimes not at all.
      const y = Int32Array.from(x, (v) => (next() < skew ? Number(v > 0.7) : Number(next() < 0.5)));
      const rows = Array.from({ length: n }, (_, i) => i).filter(() => next() < 0.9);
      assert.equal(
        thresholdAccuracy(x, y, rows),
        reference(x, y, rows),
        `trial ${trial}: ${x.join(' ')} / ${y.join('')}`,
      );
    }
  });
});
