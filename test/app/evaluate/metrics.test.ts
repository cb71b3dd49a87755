// Expected values marked "sklearn" were computed with scikit-learn 1.2.1 / numpy 1.24 (python3-sklearn
// on Debian 12) on the same arrays and pasted here; the tests never call Python.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLASSIFICATION_METRICS,
  REGRESSION_METRICS,
  accuracy,
  balancedAccuracy,
  binaryAuc,
  brier,
  computeMetrics,
  confusionMatrix,
  f1Macro,
  logLoss,
  mae,
  metricDirection,
  metricLabel,
  metricsFor,
  r2,
  rmse,
  rocAuc,
} from '../../../app/evaluate/metrics.js';
import { SaplingError } from '../../../app/util/errors.js';

const i32 = (xs: number[]): Int32Array => Int32Array.from(xs);
const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
function close(actual: number, expected: number, tol = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);
}

// Binary case with tied scores (0.4 appears for two negatives and one positive).
const yBin = i32([0, 0, 1, 1, 0, 1, 0, 1]);
const p1Bin = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.7, 0.9];
const probaBin = f64(p1Bin.flatMap((p) => [1 - p, p]));

// Three classes.
const y3 = i32([0, 1, 2, 2, 1, 0, 2, 1]);
const proba3 = f64([
  0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.1, 0.2, 0.7, 0.3, 0.3, 0.4, 0.3, 0.4, 0.3, 0.5, 0.25, 0.25, 0.2, 0.6, 0.2, 0.4, 0.4,
  0.2,
]);

describe('label metrics', () => {
  const yTrue = i32([0, 0, 0, 1, 1, 2, 2, 2, 2]);
  const yPred = f64([0, 1, 0, 1, 1, 2, 0, 2, 1]);

  test('confusion matrix: rows are true classes (sklearn)', () => {
    assert.deepEqual(confusionMatrix(yTrue, yPred), [
      [2, 1, 0],
      [0, 2, 0],
      [1, 1, 2],
    ]);
    assert.deepEqual(confusionMatrix(i32([0, 0]), f64([0, 0]), 3), [
      [2, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  test('accuracy, balanced accuracy, macro F1 (sklearn)', () => {
    close(accuracy(yTrue, yPred), 0.6666666666666666);
    close(balancedAccuracy(yTrue, yPred), 0.7222222222222222);
    close(f1Macro(yTrue, yPred), 0.6666666666666666);
  });

  test('a class never predicted scores F1 0 (sklearn, zero_division=0)', () => {
    close(f1Macro(i32([0, 1, 2, 2]), f64([0, 0, 2, 2])), 0.5555555555555555);
    close(balancedAccuracy(i32([0, 1, 2, 2]), f64([0, 0, 2, 2])), 0.6666666666666666);
  });

  test('a predicted class absent from y_true counts for F1 but not balanced accuracy (sklearn)', () => {
    close(f1Macro(i32([0, 0, 1, 1]), f64([0, 2, 1, 1]), 3), 0.5555555555555555);
    close(balancedAccuracy(i32([0, 0, 1, 1]), f64([0, 2, 1, 1]), 3), 0.75);
  });

  test('perfect and all-wrong predictions', () => {
    const y = i32([0, 1, 1, 2]);
    for (const m of [accuracy, balancedAccuracy, f1Macro]) {
      assert.equal(m(y, f64([0, 1, 1, 2])), 1);
      assert.equal(m(y, f64([1, 2, 2, 0])), 0);
    }
  });

  test('rejects mismatched lengths and non-code predictions', () => {
    const isBadInput = (e: unknown): boolean => e instanceof SaplingError && e.code === 'BAD_INPUT';
    assert.throws(() => accuracy(i32([0, 1]), f64([0])), isBadInput);
    assert.throws(() => f1Macro(i32([0, 1]), f64([0, 0.5])), isBadInput);
    assert.throws(() => confusionMatrix(i32([0, 1]), f64([0, 3]), 2), isBadInput);
  });
});

describe('ROC AUC', () => {
  test('binary with ties uses midranks (sklearn: 0.6875)', () => {
    close(rocAuc(yBin, probaBin, 2), 0.6875);
    close(binaryAuc(yBin, p1Bin), 0.6875);
  });

  test('hand-computed tie case: one positive and one negative on the same score count ½', () => {
    assert.equal(binaryAuc([1, 0], [0.5, 0.5]), 0.5);
    assert.equal(binaryAuc([true, false, false], [0.5, 0.5, 0.1]), 0.75);
  });

  test('perfect, worst and constant scores', () => {
    assert.equal(binaryAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]), 1);
    assert.equal(binaryAuc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]), 0);
    assert.equal(binaryAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]), 0.5);
  });

  test('multiclass macro one-vs-rest (sklearn: 0.8555555555555555)', () => {
    close(rocAuc(y3, proba3, 3), 0.8555555555555555);
  });

  test('NaN when a class is absent from y_true (undefined on that fold)', () => {
    assert.ok(Number.isNaN(rocAuc(i32([1, 1]), f64([0.2, 0.8, 0.4, 0.6]), 2)));
    assert.ok(Number.isNaN(rocAuc(i32([0, 1, 1]), f64([0.5, 0.3, 0.2, 0.1, 0.6, 0.3, 0.2, 0.2, 0.6]), 3)));
    assert.ok(Number.isNaN(binaryAuc([0, 1], [NaN, 0.5])));
  });

  test('rejects a probability array of the wrong shape', () => {
    assert.throws(
      () => rocAuc(yBin, f64([0.5, 0.5]), 2),
      (e: unknown) => e instanceof SaplingError && e.code === 'BAD_INPUT',
    );
  });
});

describe('probability losses', () => {
  test('log loss, binary and multiclass (sklearn)', () => {
    close(logLoss(yBin, probaBin, 2), 0.5782001863575765);
    close(logLoss(y3, proba3, 3), 0.8265131296101473);
  });

  test('log loss clips a zero probability at 1e-15 (sklearn log_loss(..., eps=1e-15))', () => {
    // Rows: certain and wrong, certain and right, 50/50. Mean of −ln 1e-15, ~0 and ln 2.
    close(logLoss(i32([1, 1, 0]), f64([1, 0, 0, 1, 0.5, 0.5]), 2), 11.743974525156878, 1e-9);
    close(logLoss(i32([0, 1]), f64([1, 0, 0, 1]), 2), 0, 1e-14);
  });

  test('Brier: binary is sklearn brier_score_loss (0.2065625)', () => {
    close(brier(yBin, probaBin, 2), 0.2065625);
  });

  test('Brier: multiclass is the mean summed squared error over classes (numpy: 0.479375)', () => {
    close(brier(y3, proba3, 3), 0.479375);
  });

  test('Brier: perfect is 0, certain and wrong is 1 (binary) or 2 (multiclass)', () => {
    assert.equal(brier(i32([0, 1]), f64([1, 0, 0, 1]), 2), 0);
    assert.equal(brier(i32([0, 1]), f64([0, 1, 1, 0]), 2), 1);
    assert.equal(brier(i32([0, 2]), f64([0, 1, 0, 1, 0, 0]), 3), 2);
  });
});

describe('regression metrics', () => {
  const yTrue = f64([3, -0.5, 2, 7, 4.2]);
  const yPred = f64([2.5, 0, 2, 8, 3.9]);

  test('rmse, mae, r2 (sklearn)', () => {
    close(rmse(yTrue, yPred), 0.5639148871948674);
    close(mae(yTrue, yPred), 0.4600000000000001);
    close(r2(yTrue, yPred), 0.9480256276150627);
  });

  test('r2 with a constant target follows sklearn: 1 if perfect, else 0', () => {
    assert.equal(r2(f64([2, 2, 2]), f64([2, 2, 2])), 1);
    assert.equal(r2(f64([2, 2, 2]), f64([1, 2, 3])), 0);
  });

  test('perfect predictions', () => {
    assert.equal(rmse(yTrue, yTrue), 0);
    assert.equal(mae(yTrue, yTrue), 0);
    assert.equal(r2(yTrue, yTrue), 1);
  });
});

describe('computeMetrics and metric metadata', () => {
  test('classification fills the classification metrics, NaN for the rest', () => {
    const y = { task: 'classification' as const, codes: y3, classes: ['a', 'b', 'c'] };
    const pred = f64([0, 1, 2, 2, 1, 0, 1, 0]);
    const m = computeMetrics('classification', y, pred, proba3);
    close(m.accuracy, accuracy(y3, pred));
    close(m.f1Macro, f1Macro(y3, pred));
    close(m.rocAuc, 0.8555555555555555);
    close(m.logLoss, 0.8265131296101473);
    close(m.brier, 0.479375);
    for (const name of REGRESSION_METRICS) assert.ok(Number.isNaN(m[name]));
  });

  test('classification without probabilities: probability metrics are NaN', () => {
    const y = { task: 'classification' as const, codes: yBin, classes: ['n', 'y'] };
    const m = computeMetrics('classification', y, f64([...yBin]));
    assert.equal(m.accuracy, 1);
    for (const name of ['rocAuc', 'logLoss', 'brier'] as const) assert.ok(Number.isNaN(m[name]));
  });

  test('regression', () => {
    const m = computeMetrics(
      'regression',
      { task: 'regression', values: f64([3, -0.5, 2, 7, 4.2]) },
      f64([2.5, 0, 2, 8, 3.9]),
    );
    close(m.rmse, 0.5639148871948674);
    close(m.r2, 0.9480256276150627);
    for (const name of CLASSIFICATION_METRICS) assert.ok(Number.isNaN(m[name]));
  });

  test('task must match the target', () => {
    assert.throws(
      () => computeMetrics('classification', { task: 'regression', values: f64([1]) }, f64([1])),
      (e: unknown) => e instanceof SaplingError && e.code === 'BAD_PARAMETER',
    );
  });

  test('directions, labels and per-task lists', () => {
    assert.deepEqual([...CLASSIFICATION_METRICS, ...REGRESSION_METRICS].map(metricDirection), [
      'higher',
      'higher',
      'higher',
      'higher',
      'lower',
      'lower',
      'lower',
      'lower',
      'higher',
    ]);
    assert.equal(metricLabel('rocAuc'), 'ROC AUC');
    assert.equal(metricsFor('regression'), REGRESSION_METRICS);
    for (const name of [...CLASSIFICATION_METRICS, ...REGRESSION_METRICS]) assert.ok(metricLabel(name).length > 0);
  });
});
