/**
 * PermutedPredictor (permutation importance's re-predict-only-what-changes) against predictBatch on the
 * shuffled matrix: identical bits, for every combine (mean, logistic, softmax, identity), with missing
 * values and categorical splits, and with more than 32 columns (where its path masks over-approximate).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { predictBatch } from '../../../app/engine/ensemble.js';
import { isEngineModel } from '../../../app/engine/fitted.js';
import { down32, PermutedPredictor, up32 } from '../../../app/engine/permuted-predict.js';
import type { ModelId } from '../../../app/models/estimator.js';
import type { FeatureMatrix, Target } from '../../../app/models/matrix.js';
import { getModelFactory } from '../../../app/registry/models.js';
import { createRng, shuffleInPlace } from '../../../app/util/random.js';
import { blobs, linearTarget } from '../models/fixtures.js';

/**
 * Blobs with some values missing, one categorical column (codes 0…4) and one of whole numbers (thresholds such as
 * 2.5 are float32 values themselves: the predictor's rounded interval bounds meet them exactly).
 */
function messy(cols: number): { X: FeatureMatrix; y: Target } {
  const P = blobs(9, 260, cols, 2, 1);
  const rng = createRng(4);
  const data = P.X.data.slice();
  for (let i = 0; i < P.X.rows; i++) {
    data[i * cols] = rng.int(5);
    if (rng.next() < 0.1) data[i * cols + 1] = NaN;
    data[i * cols + 2] = Math.round(data[i * cols + 2] * 2);
  }
  const categorical = Array.from({ length: cols }, (_, j) => j === 0);
  return { X: { ...P.X, data, categorical }, y: P.y };
}

/** The next double above / below x (finite x). */
function nextUp(x: number): number {
  const b = new Float64Array([x]);
  const u = new BigInt64Array(b.buffer);
  if (x === 0) return Number.MIN_VALUE;
  u[0] += x > 0 ? 1n : -1n;
  return b[0];
}
const nextDown = (x: number): number => -nextUp(-x);

/**
 * New values for column j that land on the ensemble's thresholds of j, a double either side of them, the nearest
 * float32s (where the predictor's interval bounds are rounded), NaN and ±∞ — the edges of "same path".
 */
function edgeValues(e: { feature: Int32Array; threshold: Float64Array; left: Int32Array }, j: number): number[] {
  const out = [NaN, Infinity, -Infinity, 0, -0];
  for (let v = 0; v < e.feature.length; v++) {
    if (e.left[v] < 0 || e.feature[v] !== j) continue;
    const t = e.threshold[v];
    if (!Number.isFinite(t)) continue;
    out.push(t, nextUp(t), nextDown(t), Math.fround(t), up32(t), down32(t));
  }
  return out;
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
    // Every fourth trial (same columns, so the predictor reuses its starts and intervals): values on the edges.
    if (trial % 4 === 3)
      for (const j of columns) {
        const edges = edgeValues(e, j);
        for (let i = 0; i < X.rows; i++) shuffled[i * X.cols + j] = edges[rng.int(edges.length)];
      }
    same(predictor.predict(shuffled, columns), predictBatch(e, shuffled, X.rows, k), `trial ${trial}`);
  }
  // Each column on its own with every edge value many times (rows take them in turn, twice with an offset).
  for (let j = 0; j < X.cols; j++) {
    const edges = edgeValues(e, j);
    for (const offset of [0, 1]) {
      shuffled.set(X.data);
      for (let i = 0; i < X.rows; i++) shuffled[i * X.cols + j] = edges[(i + offset) % edges.length];
      same(predictor.predict(shuffled, [j]), predictBatch(e, shuffled, X.rows, k), `column ${j} on its edges`);
    }
  }
}

function same(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++)
    assert.ok(Object.is(actual[i], expected[i]), `${what} [${i}]: ${actual[i]} vs ${expected[i]}`);
}

describe('float32 bounds rounded inwards', () => {
  test('up32(x) is the smallest float32 ≥ x, down32(x) the largest ≤ x', () => {
    const rng = createRng(5);
    const xs = [0, -0, 1, -1, 0.1, -0.1, 1e-46, -1e-46, 1e-40, 3.5e38, -3.5e38, Infinity, -Infinity, 2 ** -149];
    for (let i = 0; i < 2000; i++) xs.push((rng.next() - 0.5) * 10 ** (rng.int(80) - 40));
    for (const x of xs) {
      const u = up32(x);
      const d = down32(x);
      assert.equal(Math.fround(u), u, `up32(${x}) is a float32`);
      assert.equal(Math.fround(d), d, `down32(${x}) is a float32`);
      assert.ok(u >= x && d <= x, `${d} ≤ ${x} ≤ ${u}`);
      // Tight: the float32 just inside is on the wrong side of x (or x is a float32 itself).
      if (u !== x) assert.ok(down32(nextDown(u)) < x, `up32(${x}) = ${u} is the smallest`);
      if (d !== x) assert.ok(up32(nextUp(d)) > x, `down32(${x}) = ${d} is the largest`);
    }
  });
});

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
