import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { holdout, kFold, stratifiedKFold, stratifiedSubsample, type Fold } from '../../../app/evaluate/splits.js';
import { SaplingError } from '../../../app/util/errors.js';

/** Labels with uneven classes: 0 ×23, 1 ×11, 2 ×6 (40 rows), interleaved in file order. */
function unevenLabels(): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < 23; i++) out.push(0);
  for (let i = 0; i < 11; i++) out.push(1);
  for (let i = 0; i < 6; i++) out.push(2);
  // A fixed non-trivial order so class and row index are not aligned.
  return Int32Array.from(
    out
      .map((c, i) => [c, (i * 17) % 40] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([c]) => c),
  );
}

function isSortedUnique(a: Int32Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] <= a[i - 1]) return false;
  return true;
}

function assertPartition(folds: Fold[], n: number): void {
  const seen = new Int32Array(n);
  folds.forEach((fold, f) => {
    assert.equal(fold.index, f);
    assert.ok(isSortedUnique(fold.test), 'test sorted');
    assert.ok(isSortedUnique(fold.train), 'train sorted');
    assert.equal(fold.train.length + fold.test.length, n);
    const inTest = new Set(fold.test);
    for (const r of fold.train) assert.ok(!inTest.has(r), 'train and test disjoint');
    for (const r of fold.test) seen[r]++;
  });
  assert.deepEqual([...seen], new Array(n).fill(1), 'every row in exactly one test fold');
}

const key = (folds: Fold[]): string => folds.map((f) => [...f.test].join(',')).join('|');

describe('stratifiedKFold', () => {
  test('partitions the rows, keeps class counts within ±1 per fold, balances fold sizes', () => {
    const labels = unevenLabels();
    const { folds, warnings } = stratifiedKFold(labels, 5, 42);
    assert.equal(folds.length, 5);
    assert.deepEqual(warnings, []);
    assertPartition(folds, labels.length);
    for (const c of [0, 1, 2]) {
      const counts = folds.map((f) => [...f.test].filter((r) => labels[r] === c).length);
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `class ${c}: ${counts}`);
    }
    const sizes = folds.map((f) => f.test.length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
  });

  test('is deterministic for a seed and differs across seeds', () => {
    const labels = unevenLabels();
    assert.equal(key(stratifiedKFold(labels, 4, 7).folds), key(stratifiedKFold(labels, 4, 7).folds));
    assert.notEqual(key(stratifiedKFold(labels, 4, 7).folds), key(stratifiedKFold(labels, 4, 8).folds));
  });

  test('warns, but still splits, when a class has fewer rows than folds', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
    const { folds, warnings } = stratifiedKFold(labels, 3, 1, ['yes', 'no']);
    assertPartition(folds, 10);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].code, 'class-fewer-rows-than-folds');
    assert.match(warnings[0].message, /'no' has only 2 rows, fewer than the 3 folds/);
    const withRare = folds.filter((f) => [...f.test].some((r) => labels[r] === 1));
    assert.equal(withRare.length, 2, 'the two rare rows land in different folds');
  });

  test('rejects k < 2, non-integer k and k > rows', () => {
    const labels = Int32Array.from([0, 1, 0, 1]);
    for (const k of [1, 0, 2.5, 5]) {
      assert.throws(
        () => stratifiedKFold(labels, k, 1),
        (e: unknown) => e instanceof SaplingError && e.code === 'BAD_PARAMETER',
      );
    }
  });
});

describe('kFold', () => {
  test('partitions, balances, is deterministic and seed-dependent', () => {
    const folds = kFold(23, 5, 3);
    assertPartition(folds, 23);
    assert.deepEqual(folds.map((f) => f.test.length).sort(), [4, 4, 5, 5, 5]);
    assert.equal(key(folds), key(kFold(23, 5, 3)));
    assert.notEqual(key(folds), key(kFold(23, 5, 4)));
  });

  test('shuffles: the first fold is not just the first rows', () => {
    assert.notDeepEqual(
      [...kFold(100, 4, 9)[0].test],
      Array.from({ length: 25 }, (_, i) => i),
    );
  });

  test('k = n is leave-one-out', () => {
    const folds = kFold(6, 6, 1);
    assertPartition(folds, 6);
    for (const f of folds) assert.equal(f.test.length, 1);
  });

  test('rejects bad k', () => {
    assert.throws(
      () => kFold(3, 4, 1),
      (e: unknown) => e instanceof SaplingError && e.code === 'BAD_PARAMETER',
    );
    assert.throws(
      () => kFold(10, 1, 1),
      (e: unknown) => e instanceof SaplingError && e.code === 'BAD_PARAMETER',
    );
  });
});

describe('holdout', () => {
  test('plain: sizes from round(n·fraction), disjoint, sorted, deterministic', () => {
    const split = holdout(50, 0.2, 5);
    assert.equal(split.index, 0);
    assert.equal(split.test.length, 10);
    assert.equal(split.train.length, 40);
    assert.ok(isSortedUnique(split.test) && isSortedUnique(split.train));
    assert.equal(new Set([...split.train, ...split.test]).size, 50);
    assert.deepEqual(holdout(50, 0.2, 5), split);
    assert.notDeepEqual(holdout(50, 0.2, 6).test, split.test);
  });

  test('neither side is ever empty', () => {
    assert.equal(holdout(10, 0.01, 1).test.length, 1);
    assert.equal(holdout(10, 0.99, 1).train.length, 1);
    assert.deepEqual([holdout(2, 0.5, 1).train.length, holdout(2, 0.5, 1).test.length], [1, 1]);
  });

  test('stratified: class proportions kept by largest remainder', () => {
    const labels = unevenLabels(); // 23 / 11 / 6 of 40
    const { train, test } = holdout(40, 0.25, 11, labels);
    assert.equal(test.length, 10);
    // quotas 5.75, 2.75, 1.5 → floors 5, 2, 1 and the 2 leftover units to classes 0 and 1.
    const count = (rows: Int32Array, c: number): number => [...rows].filter((r) => labels[r] === c).length;
    assert.deepEqual(
      [0, 1, 2].map((c) => count(test, c)),
      [6, 3, 1],
    );
    assert.deepEqual(
      [0, 1, 2].map((c) => count(train, c)),
      [17, 8, 5],
    );
  });

  test('rejects fractions outside (0, 1), too few rows and mismatched labels', () => {
    const bad = (e: unknown): boolean =>
      e instanceof SaplingError && (e.code === 'BAD_PARAMETER' || e.code === 'BAD_INPUT');
    for (const f of [0, 1, -0.1, 1.5, NaN]) assert.throws(() => holdout(10, f, 1), bad);
    assert.throws(() => holdout(1, 0.5, 1), bad);
    assert.throws(() => holdout(4, 0.5, 1, Int32Array.from([0, 1])), bad);
  });
});

describe('stratifiedSubsample', () => {
  test('returns every row when size ≥ n', () => {
    assert.deepEqual([...stratifiedSubsample(5, 10, 1)], [0, 1, 2, 3, 4]);
    assert.deepEqual([...stratifiedSubsample(Int32Array.from([1, 0, 1]), 3, 1)], [0, 1, 2]);
  });

  test('plain: sorted, unique, right size, deterministic', () => {
    const rows = stratifiedSubsample(1000, 100, 2);
    assert.equal(rows.length, 100);
    assert.ok(isSortedUnique(rows));
    assert.ok(rows[99] < 1000 && rows[0] >= 0);
    assert.deepEqual(stratifiedSubsample(1000, 100, 2), rows);
    assert.notDeepEqual(stratifiedSubsample(1000, 100, 3), rows);
  });

  test('stratified: proportional counts', () => {
    const labels = unevenLabels();
    const rows = stratifiedSubsample(labels, 20, 4);
    assert.equal(rows.length, 20);
    assert.ok(isSortedUnique(rows));
    // quotas 11.5, 5.5, 3 → 11, 5, 3 and the leftover unit to class 0 (tie broken to the lower code).
    assert.deepEqual(
      [0, 1, 2].map((c) => [...rows].filter((r) => labels[r] === c).length),
      [12, 5, 3],
    );
  });

  test('keeps at least one row of a rare class when size allows', () => {
    const labels = new Int32Array(1000);
    labels[500] = 1; // one row of class 1 among 1000: its proportional quota rounds to 0
    const rows = stratifiedSubsample(labels, 10, 1);
    assert.equal(rows.length, 10);
    assert.ok(rows.includes(500));
  });

  test('rejects a non-positive size', () => {
    assert.throws(
      () => stratifiedSubsample(10, 0, 1),
      (e: unknown) => e instanceof SaplingError && e.code === 'BAD_PARAMETER',
    );
  });
});
