import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFolds, encodeFolds, sameFolds } from '../../../app/audit/folds.js';
import { holdout, kFold, stratifiedKFold } from '../../../app/evaluate/splits.js';

describe('fold assignment codec', () => {
  test('k-fold, stratified and holdout splits decode to exactly the same rows', () => {
    const labels = Int32Array.from({ length: 1001 }, (_, i) => (i * 7919) % 3);
    for (const folds of [
      kFold(1001, 5, 3),
      stratifiedKFold(labels, 10, 4).folds,
      [holdout(1001, 0.2, 5)],
      kFold(17, 2, 1),
    ]) {
      const encoded = encodeFolds(folds, folds[0].train.length + folds[0].test.length);
      assert.ok(sameFolds(decodeFolds(encoded), folds));
    }
  });

  test('is compact: 5 folds of 100,000 rows take 3 bits per row (50 KB of base64)', () => {
    const encoded = encodeFolds(kFold(100_000, 5, 1), 100_000);
    assert.equal(encoded.bitsPerRow, 3);
    assert.equal(encoded.packed.length, 50_000);
    assert.deepEqual(
      encoded.sizes.map((s) => s.test),
      [20_000, 20_000, 20_000, 20_000, 20_000],
    );
  });

  test('a different split is told apart, and a damaged assignment is refused', () => {
    const a = kFold(100, 5, 1);
    assert.equal(sameFolds(decodeFolds(encodeFolds(a, 100)), kFold(100, 5, 2)), false);
    const encoded = encodeFolds(a, 100);
    assert.throws(() => decodeFolds({ ...encoded, packed: encoded.packed.slice(4) }), /do not hold 100 rows/);
    assert.throws(() => decodeFolds({ ...encoded, packed: encoded.packed.replace(/[^=]/g, '/') }), /has fold 7 of 5/);
  });
});
