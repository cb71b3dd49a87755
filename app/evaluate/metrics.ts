/**
 * Evaluation metrics, matching scikit-learn's definitions (tests pin them to sklearn 1.2 values).
 *
 * Class labels are integer codes 0..k−1; predicted labels may come as Float64Array (what
 * FittedModel.predict returns) but must hold integer codes. Probabilities are row-major n × k.
 * An undefined metric (e.g. ROC AUC on a fold with one class) is NaN rather than an error, so one
 * bad fold does not sink a cross-validation run; `summarize` in stats.ts skips NaN.
 */
import type { Target, Task } from '../models/matrix.js';
import { SaplingError } from '../util/errors.js';
import { countsByScore } from '../util/counts-by-score.js';

export const CLASSIFICATION_METRICS = [
  'accuracy',
  'balancedAccuracy',
  'f1Macro',
  'rocAuc',
  'logLoss',
  'brier',
] as const;
export const REGRESSION_METRICS = ['rmse', 'mae', 'r2'] as const;

export type ClassificationMetricName = (typeof CLASSIFICATION_METRICS)[number];
export type RegressionMetricName = (typeof REGRESSION_METRICS)[number];
export type MetricName = ClassificationMetricName | RegressionMetricName;

export const METRIC_LABELS: Readonly<Record<MetricName, string>> = {
  accuracy: 'Accuracy',
  balancedAccuracy: 'Balanced accuracy',
  f1Macro: 'F1 (macro)',
  rocAuc: 'ROC AUC',
  logLoss: 'Log loss',
  brier: 'Brier score',
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
};

export function metricLabel(name: MetricName): string {
  return METRIC_LABELS[name];
}

/** Whether a larger value is better. */
export function metricDirection(name: MetricName): 'higher' | 'lower' {
  return name === 'logLoss' || name === 'brier' || name === 'rmse' || name === 'mae' ? 'lower' : 'higher';
}

export function metricsFor(task: Task): readonly MetricName[] {
  return task === 'classification' ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
}

/**
 * Every metric for the task. The record always has all keys (so it fits `Record<MetricName, number>`);
 * the other task's metrics are NaN — iterate `metricsFor(task)` to show only the relevant ones.
 * Without `proba`, the probability metrics (rocAuc, logLoss, brier) are NaN.
 */
export function computeMetrics(
  task: Task,
  y: Target,
  predictions: Float64Array,
  proba?: Float64Array,
): Record<MetricName, number> {
  if (task !== y.task)
    throw new SaplingError('BAD_PARAMETER', `computeMetrics: task '${task}' but the target is ${y.task}`);
  const out = {} as Record<MetricName, number>;
  for (const name of [...CLASSIFICATION_METRICS, ...REGRESSION_METRICS]) out[name] = NaN;
  if (y.task === 'regression') {
    out.rmse = rmse(y.values, predictions);
    out.mae = mae(y.values, predictions);
    out.r2 = r2(y.values, predictions);
    return out;
  }
  const k = y.classes.length;
  out.accuracy = accuracy(y.codes, predictions);
  out.balancedAccuracy = balancedAccuracy(y.codes, predictions, k);
  out.f1Macro = f1Macro(y.codes, predictions, k);
  if (proba !== undefined) {
    out.rocAuc = rocAuc(y.codes, proba, k);
    out.logLoss = logLoss(y.codes, proba, k);
    out.brier = brier(y.codes, proba, k);
  }
  return out;
}

// ---- classification from labels ----

export function accuracy(yTrue: Int32Array, yPred: ArrayLike<number>): number {
  checkLengths(yTrue.length, yPred.length);
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return yTrue.length === 0 ? NaN : correct / yTrue.length;
}

/**
 * k × k counts, rows = true class, columns = predicted class. `k` defaults to one more than the
 * largest code seen; pass the target's class count so absent classes still get a row.
 */
export function confusionMatrix(yTrue: Int32Array, yPred: ArrayLike<number>, k?: number): number[][] {
  checkLengths(yTrue.length, yPred.length);
  const size = k ?? Math.max(maxCode(yTrue), maxCode(yPred)) + 1;
  const cm = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    cm[checkCode(yTrue[i], size)][checkCode(yPred[i], size)]++;
  }
  return cm;
}

/** Mean recall over the classes present in yTrue (sklearn drops classes with no true rows). */
export function balancedAccuracy(yTrue: Int32Array, yPred: ArrayLike<number>, k?: number): number {
  const cm = confusionMatrix(yTrue, yPred, k);
  let sum = 0;
  let classes = 0;
  cm.forEach((row, c) => {
    const support = row.reduce((a, b) => a + b, 0);
    if (support === 0) return;
    sum += row[c] / support;
    classes++;
  });
  return classes === 0 ? NaN : sum / classes;
}

/**
 * Unweighted mean F1 over the classes in yTrue ∪ yPred (sklearn's default label set).
 * F1 = 2TP / (2TP + FP + FN), which is 0 when precision or recall has a zero denominator —
 * sklearn's zero_division=0 behaviour without its warning.
 */
export function f1Macro(yTrue: Int32Array, yPred: ArrayLike<number>, k?: number): number {
  const cm = confusionMatrix(yTrue, yPred, k);
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < cm.length; c++) {
    const tp = cm[c][c];
    const actual = cm[c].reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (const row of cm) predicted += row[c];
    if (actual === 0 && predicted === 0) continue;
    sum += (2 * tp) / (actual + predicted);
    classes++;
  }
  return classes === 0 ? NaN : sum / classes;
}

// ---- classification from probabilities ----

/**
 * Binary ROC AUC via the Mann-Whitney U statistic: the probability that a random positive scores
 * above a random negative, ties counting one half (midranks). NaN without both positives and
 * negatives, or with a NaN score. `isPositive[i]` is truthy for positive rows.
 */
export function binaryAuc(isPositive: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  checkLengths(isPositive.length, scores.length);
  const n = scores.length;
  for (let i = 0; i < n; i++) if (Number.isNaN(scores[i])) return NaN;
  const { tp, fp, positives, negatives } = countsByScore(isPositive, scores);
  if (positives === 0 || negatives === 0) return NaN;
  // Mann–Whitney: the positives' ranks from the lowest score up, tied scores sharing their mean (1-based) rank.
  // Ranks are half-integers, so the sum is exact in any order.
  let rankSum = 0;
  let below = n;
  for (let g = 0; g < tp.length; g++) {
    const pos = tp[g] - (g > 0 ? tp[g - 1] : 0);
    const size = pos + fp[g] - (g > 0 ? fp[g - 1] : 0);
    below -= size;
    rankSum += pos * (below + (size + 1) / 2);
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * k = 2: binary AUC of the class-1 probability. k > 2: macro one-vs-rest (sklearn's
 * multi_class='ovr', average='macro'). If any class has no rows in yTrue — or every row — its
 * one-vs-rest AUC is undefined and the whole result is NaN (sklearn raises instead); this happens
 * on folds that miss a rare class, and summaries skip it.
 */
export function rocAuc(yTrue: Int32Array, proba: Float64Array, k: number): number {
  checkProba(yTrue, proba, k);
  if (k === 2)
    return binaryAuc(
      Array.from(yTrue, (c) => c === 1),
      column(proba, k, 1),
    );
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const auc = binaryAuc(
      Array.from(yTrue, (t) => t === c),
      column(proba, k, c),
    );
    if (Number.isNaN(auc)) return NaN;
    sum += auc;
  }
  return sum / k;
}

/** Mean negative natural log of the true class's probability, clipped to [1e-15, 1 − 1e-15] so a confident miss is finite. */
export function logLoss(yTrue: Int32Array, proba: Float64Array, k: number): number {
  checkProba(yTrue, proba, k);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(proba[i * k + checkCode(yTrue[i], k)], 1e-15), 1 - 1e-15);
    sum -= Math.log(p);
  }
  return yTrue.length === 0 ? NaN : sum / yTrue.length;
}

/**
 * Brier score. Binary (k = 2): sklearn's brier_score_loss, mean (p₁ − y)², in [0, 1].
 * Multiclass (k > 2): mean over rows of Σ_c (p_c − [y = c])², in [0, 2] — the original Brier
 * definition. (Applied to k = 2 that sum would be exactly twice the binary value, hence the switch.)
 */
export function brier(yTrue: Int32Array, proba: Float64Array, k: number): number {
  checkProba(yTrue, proba, k);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = checkCode(yTrue[i], k);
    if (k === 2) {
      sum += (proba[i * 2 + 1] - (t === 1 ? 1 : 0)) ** 2;
    } else {
      for (let c = 0; c < k; c++) sum += (proba[i * k + c] - (c === t ? 1 : 0)) ** 2;
    }
  }
  return yTrue.length === 0 ? NaN : sum / yTrue.length;
}

// ---- regression ----

export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue.length, yPred.length);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i] - yPred[i]) ** 2;
  return yTrue.length === 0 ? NaN : Math.sqrt(sum / yTrue.length);
}

export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue.length, yPred.length);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i]);
  return yTrue.length === 0 ? NaN : sum / yTrue.length;
}

/**
 * Coefficient of determination, 1 − SS_res / SS_tot. With a constant yTrue (SS_tot = 0) it is
 * 1 for a perfect prediction and 0 otherwise, as sklearn's r2_score (force_finite=True).
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLengths(yTrue.length, yPred.length);
  const n = yTrue.length;
  if (n === 0) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (yTrue[i] - yPred[i]) ** 2;
    ssTot += (yTrue[i] - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

// ---- helpers ----

function checkLengths(a: number, b: number): void {
  if (a !== b)
    throw new SaplingError('BAD_INPUT', `metric inputs differ in length: ${a} true values, ${b} predictions`);
}

function checkProba(yTrue: Int32Array, proba: Float64Array, k: number): void {
  if (!Number.isInteger(k) || k < 2)
    throw new SaplingError('BAD_PARAMETER', `probability metrics need k ≥ 2 classes, got ${k}`);
  if (proba.length !== yTrue.length * k) {
    throw new SaplingError('BAD_INPUT', `expected ${yTrue.length} × ${k} probabilities, got ${proba.length}`);
  }
}

function checkCode(code: number, k: number): number {
  if (!Number.isInteger(code) || code < 0 || code >= k) {
    throw new SaplingError('BAD_INPUT', `class code ${code} is not an integer in [0, ${k})`);
  }
  return code;
}

function maxCode(values: ArrayLike<number>): number {
  let max = -1;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

function column(proba: Float64Array, k: number, c: number): Float64Array {
  const n = proba.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = proba[i * k + c];
  return out;
}
