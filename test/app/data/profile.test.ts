import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { profileDataset } from '../../../app/data/profile.js';
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
