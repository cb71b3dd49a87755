/**
 * PermutedPredictor (permutation importance's re-predict-only-what-changes) against predictBatch on the
 * shuffled matrix: identical bits, for every combine (mean, logistic, softmax, identity), with missing
 * values and categorical splits, and with more than 32 columns (where its path masks over-approximate).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { predictBatch } from '../../../app/engine/ensemble.js';
import { isEngineModel } from '../../../app/engine/fitted.js';
import { PermutedPredictor } from '../../../app/engine/permuted-predict.js';
import type { ModelId } from '../../../app/models/estimator.js';
import type { FeatureMatrix, Target } from '../../../app/models/matrix.js';
import { getModelFactory } from '../../../app/registry/models.js';
import { createRng, shuffleInPlace } from '../../../app/util/random.js';
import { blobs, linearTarget } from '../models/fixtures.js';

/** Blobs with some values missing and one categorical column (codes 0…4). */
function messy(cols: number): { X: FeatureMatrix; y: Target } {
  const P = blobs(9, 260, cols, 2, 1);
  const rng = createRng(4);
  const data = P.X.data.slice();
  for (let i = 0; i < P.X.rows; i++) {
    data[i * cols] = rng.int(5);
    if (rng.next() < 0.1) data[i * cols + 1] = NaN;
  }
  const categorical = Array.from({ length: cols }, (_, j) => j === 0);
  return { X: { ...P.X, data, categorical }, y: P.y };
}

function checkIdentical(model: unknown, X: FeatureMatrix, k: number, seed: number): void {
  assert.ok(isEngineModel(model));
  const e = model.ensemble;
  const predictor = new PermutedPredictor(e, X.data, X.rows, k);
  const rng = createRng(seed);
  const shuffled = X.data.slice();
  let columns: number[] = [];
  for (let trial = 0; trial < 3 * X.cols; trial++) {
    shuffled.set(X.data);
    // One column, or a block of two (a one-hot group is shuffled together); kept for a few shuffles in a row
    // as permutation importance's repeats do (the predictor reuses where those re-walks start).
    if (trial % 3 === 0 || rng.next() < 0.2) {
      const first = rng.int(X.cols);
      columns = rng.next() < 0.3 && first + 1 < X.cols ? [first, first + 1] : [first];
    }
    const order = shuffleInPlace(
      Int32Array.from({ length: X.rows }, (_, i) => i),
      rng,
    );
    for (const j of columns) for (let i = 0; i < X.rows; i++) shuffled[i * X.cols + j] = X.data[order[i] * X.cols + j];
    const expected = predictBatch(e, shuffled, X.rows, k);
    const actual = predictor.predict(shuffled, columns);
    assert.equal(actual.length, expected.length);
    for (let i = 0; i < actual.length; i++)
      assert.ok(Object.is(actual[i], expected[i]), `trial ${trial} [${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

describe('PermutedPredictor re-predicts shuffled columns bit for bit like predictBatch', () => {
  const binary = blobs(6, 240, 5, 2, 1.2);
  const three = blobs(5, 240, 4, 3, 1.2);
  const regression = linearTarget(8, 240, 4, 0.3);
  const wide = blobs(3, 200, 40, 2, 0.8);
  const cases: [string, ModelId, { X: FeatureMatrix; y: Target }, Record<string, number>][] = [
    ['forest, two classes (mean)', 'forest', binary, { trees: 12 }],
    ['boost, two classes (logistic)', 'boost', binary, { rounds: 15 }],
    ['boost, three classes (softmax)', 'boost', three, { rounds: 5 }],
    ['boost, regression (identity)', 'boost', regression, { rounds: 10 }],
    ['tree, regression', 'tree', regression, {}],
    ['forest, 40 columns (masks over-approximate)', 'forest', wide, { trees: 6 }],
    ['forest with missing values and a categorical column', 'forest', messy(5), { trees: 8 }],
    ['boost with missing values and a categorical column', 'boost', messy(5), { rounds: 8 }],
  ];
  for (const [label, id, P, params] of cases) {
    test(label, async () => {
      const model = await getModelFactory(id).create(P.y.task, params).fit(P.X, P.y, { seed: 1 });
      checkIdentical(model, P.X, P.y.task === 'classification' ? P.y.classes.length : 1, 7);
    });
  }
});
