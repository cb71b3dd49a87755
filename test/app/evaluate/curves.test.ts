import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_ROC_POINTS,
  predictedVsActual,
  rocCurves,
  rocPoints,
  sampleIndices,
  thinCurve,
  trapezoidArea,
} from '../../../app/evaluate/curves.js';
import { binaryAuc, rocAuc } from '../../../app/evaluate/metrics.js';
import { createRng } from '../../../app/util/random.js';

describe('rocPoints', () => {
  test('a small worked example, with a tie making a diagonal step', () => {
    // scores: positives 0.9, 0.5 ; negatives 0.5, 0.1
    const points = rocPoints([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1]);
    assert.deepEqual(points, [
      { x: 0, y: 0 },
      { x: 0, y: 0.5 },
      { x: 0.5, y: 1 },
      { x: 1, y: 1 },
    ]);
    assert.equal(trapezoidArea(points), 0.875);
    assert.equal(binaryAuc([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1]), 0.875);
  });

  test('its trapezoid area equals binaryAuc (Mann–Whitney with midranks) on random tied scores', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + rng.int(300);
      const labels = Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
      labels[0] = 1;
      labels[1] = 0;
      const scores = Array.from({ length: n }, (_, i) => Math.round((rng.next() + labels[i] * 0.3) * 10) / 10); // many ties
      assert.ok(Math.abs(trapezoidArea(rocPoints(labels, scores)) - binaryAuc(labels, scores)) < 1e-12);
    }
  });

  test('undefined without both classes or with a NaN score', () => {
    assert.deepEqual(rocPoints([1, 1], [0.2, 0.3]), []);
    assert.deepEqual(rocPoints([1, 0], [NaN, 0.3]), []);
    assert.throws(() => rocPoints([1, 0, 1], [0.1, 0.2]), RangeError);
  });
});

describe('thinCurve', () => {
  test('keeps at most max points, the first and the last, in order', () => {
    const rng = createRng(3);
    const n = 5000;
    const labels = Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
    const scores = Array.from({ length: n }, (_, i) => rng.next() + labels[i] * 0.5);
    const full = rocPoints(labels, scores);
    assert.ok(full.length > 1000);
    const thin = thinCurve(full);
    assert.ok(thin.length <= MAX_ROC_POINTS && thin.length > MAX_ROC_POINTS / 2, `${thin.length} points`);
    assert.deepEqual(thin[0], { x: 0, y: 0 });
    assert.deepEqual(thin.at(-1), { x: 1, y: 1 });
    for (let i = 1; i < thin.length; i++) assert.ok(thin[i].x >= thin[i - 1].x && thin[i].y >= thin[i - 1].y);
    assert.ok(
      Math.abs(trapezoidArea(thin) - trapezoidArea(full)) < 0.01,
      'the drawn curve stays close to the full one',
    );
  });

  test('short curves pass unchanged', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 0.5, y: 0.7 },
      { x: 1, y: 1 },
    ];
    assert.deepEqual(thinCurve(pts, 3), pts);
    assert.throws(() => thinCurve(pts, 1), RangeError);
  });
});

describe('rocCurves', () => {
  test('two classes: one curve for the positive class, AUC as rocAuc', () => {
    const codes = Int32Array.from([0, 1, 1, 0, 1]);
    const proba = Float64Array.from([0.8, 0.2, 0.3, 0.7, 0.6, 0.4, 0.9, 0.1, 0.2, 0.8]);
    const curves = rocCurves(codes, proba, ['no', 'yes']);
    assert.equal(curves.length, 1);
    assert.equal(curves[0].label, 'yes');
    assert.equal(curves[0].auc, rocAuc(codes, proba, 2));
  });

  test('three classes: one-vs-rest curves whose mean AUC is the macro rocAuc', () => {
    const rng = createRng(5);
    const n = 90;
    const codes = Int32Array.from({ length: n }, (_, i) => i % 3);
    const proba = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const raw = [rng.next(), rng.next(), rng.next()];
      raw[codes[i]] += 0.5;
      const total = raw[0] + raw[1] + raw[2];
      raw.forEach((v, c) => (proba[i * 3 + c] = v / total));
    }
    const curves = rocCurves(codes, proba, ['a', 'b', 'c']);
    assert.deepEqual(
      curves.map((c) => c.label),
      ['a', 'b', 'c'],
    );
    const mean = curves.reduce((s, c) => s + c.auc, 0) / 3;
    assert.ok(Math.abs(mean - rocAuc(codes, proba, 3)) < 1e-12);
  });

  test('shape errors are RangeErrors', () => {
    assert.throws(() => rocCurves([0, 1], [0.5, 0.5], ['a', 'b']), RangeError);
    assert.throws(() => rocCurves([0], [1], ['a']), RangeError);
  });
});

describe('predictedVsActual', () => {
  test('all finite rows when there are few, in row order', () => {
    assert.deepEqual(predictedVsActual([1, 2, NaN, 4], [1.5, NaN, 3, 3.5], 1), [
      { x: 1, y: 1.5 },
      { x: 4, y: 3.5 },
    ]);
  });

  test('a seeded sample of at most max rows, the same for the same seed', () => {
    const n = 10_000;
    const actual = Float64Array.from({ length: n }, (_, i) => i);
    const predicted = Float64Array.from({ length: n }, (_, i) => i + 0.5);
    const a = predictedVsActual(actual, predicted, 42);
    assert.equal(a.length, 2000);
    assert.deepEqual(a, predictedVsActual(actual, predicted, 42));
    assert.notDeepEqual(a, predictedVsActual(actual, predicted, 43));
    assert.ok(a.every((p, i) => p.y === p.x + 0.5 && (i === 0 || p.x > a[i - 1].x)));
    assert.equal(predictedVsActual(actual, predicted, 1, 10).length, 10);
  });

  test('sampleIndices picks distinct indices, ascending', () => {
    const s = sampleIndices(100, 30, 9);
    assert.equal(new Set(s).size, 30);
    assert.ok(s.every((v, i) => v >= 0 && v < 100 && (i === 0 || v > s[i - 1])));
    assert.deepEqual(Array.from(sampleIndices(3, 10, 1)), [0, 1, 2]);
  });
});
