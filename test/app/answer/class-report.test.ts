import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  averagePrecision,
  classReport,
  mcc,
  perClassScores,
  thresholdCurve,
} from '../../../app/answer/class-report.js';

describe('class report', () => {
  // sklearn: y_true = [0,0,0,0,1,1,1,0,1,0], y_pred = [0,0,1,0,1,0,1,0,1,1]
  const cm = [
    [4, 2],
    [1, 3],
  ];
  test('per-class recall and precision from the confusion matrix', () => {
    const [a, b] = perClassScores(cm, ['no', 'yes']);
    assert.deepEqual([a.support, a.recall, a.precision], [6, 4 / 6, 4 / 5]);
    assert.deepEqual([b.support, b.recall, b.precision], [4, 3 / 4, 3 / 5]);
  });
  test('MCC matches sklearn.metrics.matthews_corrcoef (0.4082…) and is 0 for a constant predictor', () => {
    assert.ok(Math.abs(mcc(cm) - 0.408248290463863) < 1e-12);
    assert.equal(
      mcc([
        [5, 0],
        [3, 0],
      ]),
      0,
    );
    // Multiclass (Gorodkin): sklearn gives 1 for a perfect prediction, and this value for a mixed one.
    assert.equal(
      mcc([
        [2, 0, 0],
        [0, 2, 0],
        [0, 0, 2],
      ]),
      1,
    );
  });
  test('average precision matches sklearn.metrics.average_precision_score', () => {
    // average_precision_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.8333…
    assert.ok(
      Math.abs(averagePrecision([false, false, true, true], [0.1, 0.4, 0.35, 0.8]) - 0.8333333333333333) < 1e-12,
    );
  });
  test('threshold curve: recall falls and precision rises as the threshold rises', () => {
    const positive = [true, true, true, false, false, false];
    const scores = [0.9, 0.6, 0.3, 0.4, 0.2, 0.1];
    const curve = thresholdCurve(positive, scores);
    assert.equal(curve.length, 19);
    const at = (t: number) => curve.find((p) => Math.abs(p.threshold - t) < 1e-9)!;
    assert.deepEqual([at(0.5).precision, at(0.5).recall, at(0.5).accuracy], [1, 2 / 3, 5 / 6]);
    assert.deepEqual([at(0.25).precision, at(0.25).recall], [3 / 4, 1]);
  });
  test('binary report is about the rarer class', () => {
    const codes = Int32Array.from([0, 0, 0, 1]);
    const proba = Float64Array.from([0.9, 0.1, 0.8, 0.2, 0.6, 0.4, 0.3, 0.7]);
    const r = classReport(
      [
        [3, 0],
        [0, 1],
      ],
      ['no', 'yes'],
      codes,
      proba,
    );
    assert.equal(r.positiveClass, 'yes');
    assert.equal(r.prAuc, 1);
    assert.equal(r.mcc, 1);
  });
});
