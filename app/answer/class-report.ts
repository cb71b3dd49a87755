/**
 * What accuracy hides on an imbalanced target, from a model's out-of-fold predictions: recall and
 * precision per class, Matthews correlation (MCC), the precision–recall AUC of the rarer class (binary),
 * and how precision, recall and accuracy move with the decision threshold (binary).
 */
import { countsByScore } from '../util/counts-by-score.js';
import { rocPoints, thinCurve, type Point } from '../evaluate/curves.js';
import type { ClassReport, ClassScores, ThresholdPoint } from '../result/answer.js';
export type { ClassReport, ClassScores, ThresholdPoint };

/** Points kept per drawn curve in the JSON (the report's ROC/PR chart): enough for a smooth line. */
export const CURVE_POINTS = 60;

/** From a k × k confusion matrix (rows = true class, columns = predicted). */
export function perClassScores(confusion: readonly (readonly number[])[], classes: readonly string[]): ClassScores[] {
  return classes.map((label, c) => {
    const support = confusion[c].reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (const row of confusion) predicted += row[c];
    return {
      label,
      support,
      recall: support === 0 ? NaN : confusion[c][c] / support,
      precision: predicted === 0 ? NaN : confusion[c][c] / predicted,
    };
  });
}

/** Matthews correlation from a confusion matrix (Gorodkin 2004 for k > 2; equals the binary MCC for k = 2). */
export function mcc(confusion: readonly (readonly number[])[]): number {
  const k = confusion.length;
  let n = 0;
  let correct = 0;
  const truth = new Array<number>(k).fill(0);
  const predicted = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      n += confusion[i][j];
      truth[i] += confusion[i][j];
      predicted[j] += confusion[i][j];
      if (i === j) correct += confusion[i][j];
    }
  let tp = 0;
  let tt = 0;
  let pp = 0;
  for (let i = 0; i < k; i++) {
    tp += truth[i] * predicted[i];
    tt += truth[i] * truth[i];
    pp += predicted[i] * predicted[i];
  }
  const denominator = Math.sqrt((n * n - pp) * (n * n - tt));
  // A model that always predicts one class has an undefined MCC; scikit-learn reports 0 (no skill).
  return denominator === 0 ? 0 : (correct * n - tp) / denominator;
}

/**
 * Average precision (scikit-learn's average_precision_score): Σ (R_n − R_{n−1}) · P_n over the distinct
 * scores, highest first. `positive[i]` marks positive rows; NaN scores are skipped.
 */
export function averagePrecision(positive: ArrayLike<boolean>, scores: ArrayLike<number>): number {
  const { tp, fp, positives } = countsByScore(positive, scores);
  if (positives === 0) return NaN;
  let previousRecall = 0;
  let ap = 0;
  for (let g = 0; g < tp.length; g++) {
    const recall = tp[g] / positives;
    ap += (recall - previousRecall) * (tp[g] / (tp[g] + fp[g]));
    previousRecall = recall;
  }
  return ap;
}

/** Precision, recall and accuracy of "positive when P(positive) ≥ t" for t = 0.05 … 0.95. */
export function thresholdCurve(positive: ArrayLike<boolean>, scores: ArrayLike<number>): ThresholdPoint[] {
  const out: ThresholdPoint[] = [];
  for (let step = 1; step <= 19; step++) {
    const threshold = step / 20;
    let tp = 0;
    let fp = 0;
    let tn = 0;
    let fn = 0;
    for (let i = 0; i < scores.length; i++) {
      if (Number.isNaN(scores[i])) continue;
      const yes = scores[i] >= threshold;
      if (positive[i]) {
        if (yes) tp++;
        else fn++;
      } else if (yes) fp++;
      else tn++;
    }
    const n = tp + fp + tn + fn;
    const recall = tp + fn === 0 ? NaN : tp / (tp + fn);
    const specificity = tn + fp === 0 ? NaN : tn / (tn + fp);
    out.push({
      threshold,
      precision: tp + fp === 0 ? NaN : tp / (tp + fp),
      recall,
      accuracy: n === 0 ? NaN : (tp + tn) / n,
      balancedAccuracy: (recall + specificity) / 2,
    });
  }
  return out;
}

/** Precision against recall, one point per distinct score (highest first), from recall 0. */
export function prPoints(positive: ArrayLike<boolean>, scores: ArrayLike<number>): Point[] {
  const { tp, fp, positives } = countsByScore(positive, scores);
  if (positives === 0) return [];
  const points: Point[] = [];
  for (let g = 0; g < tp.length; g++) {
    if (points.length === 0) points.push({ x: 0, y: tp[g] / (tp[g] + fp[g]) });
    points.push({ x: tp[g] / positives, y: tp[g] / (tp[g] + fp[g]) });
  }
  return points;
}

/**
 * The report for one model. `codes`: true class per row (−1 = not scored); `proba`: rows × k out-of-fold
 * probabilities (NaN rows skipped) or null.
 */
export function classReport(
  confusion: readonly (readonly number[])[],
  classes: readonly string[],
  codes: Int32Array,
  proba: Float64Array | null,
): ClassReport {
  const perClass = perClassScores(confusion, classes);
  const base = { perClass, mcc: mcc(confusion) };
  if (classes.length !== 2 || proba === null) return base;
  const positiveCode = perClass[0].support < perClass[1].support ? 0 : 1;
  const positive: boolean[] = [];
  const scores: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    const p = proba[i * 2 + positiveCode];
    if (codes[i] < 0 || Number.isNaN(p)) continue;
    positive.push(codes[i] === positiveCode);
    scores.push(p);
  }
  return {
    ...base,
    positiveClass: classes[positiveCode],
    prAuc: averagePrecision(positive, scores),
    thresholds: thresholdCurve(positive, scores),
    roc: rounded(thinCurve(rocPoints(positive, scores), CURVE_POINTS)),
    pr: rounded(everyNth(prPoints(positive, scores), CURVE_POINTS)),
  };
}

/** At most `max` points, evenly spaced by index, first and last kept (precision is not monotone, so thinCurve does not apply). */
function everyNth(points: readonly Point[], max: number): Point[] {
  if (points.length <= max) return points.slice();
  const out: Point[] = [];
  for (let k = 0; k < max; k++) out.push(points[Math.round((k * (points.length - 1)) / (max - 1))]);
  return out;
}

/** Drawn points need 4 decimals, not 17: keeps the JSON small. */
function rounded(points: readonly Point[]): Point[] {
  return points.map((p) => ({ x: Number(p.x.toFixed(4)), y: Number(p.y.toFixed(4)) }));
}
