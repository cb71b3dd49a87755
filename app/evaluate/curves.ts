/**
 * Curves drawn from out-of-fold predictions: ROC curves (one-vs-rest) for classification and a
 * predicted-against-actual sample for regression. Pure and deterministic: the same predictions and
 * seed give the same points.
 *
 * The ROC's AUC is `binaryAuc` (metrics.ts), the number the leaderboard's rocAuc is built from; the
 * full curve's trapezoid area equals it exactly (tied scores make a diagonal step, worth one half, as
 * midranks do). Only the drawn points are thinned, never the AUC.
 */
import { createRng, pickSorted } from '../util/random.js';
import { countsByScore } from '../util/counts-by-score.js';
import { binaryAuc } from './metrics.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface RocCurve {
  readonly label: string;
  readonly auc: number;
  readonly points: readonly Point[];
}

export const MAX_ROC_POINTS = 200;
export const MAX_SCATTER_POINTS = 2000;

/**
 * The full ROC curve: false positive rate (x) against true positive rate (y), from (0, 0) to (1, 1),
 * one point per distinct score (a threshold between two scores). Empty when there are no positives
 * or no negatives (the curve is undefined), or when a score is NaN.
 */
export function rocPoints(isPositive: ArrayLike<number | boolean>, scores: ArrayLike<number>): Point[] {
  const n = scores.length;
  if (isPositive.length !== n) throw new RangeError(`rocPoints: ${isPositive.length} labels but ${n} scores`);
  for (let i = 0; i < n; i++) if (Number.isNaN(scores[i])) return [];
  const { tp, fp, positives, negatives } = countsByScore(isPositive, scores);
  if (positives === 0 || negatives === 0) return [];
  const points: Point[] = [{ x: 0, y: 0 }];
  // Rows with equal scores cross the threshold together: one (possibly diagonal) step per distinct score.
  for (let g = 0; g < tp.length; g++) points.push({ x: fp[g] / negatives, y: tp[g] / positives });
  return points;
}

/** Area under a polyline by the trapezoid rule (x must be non-decreasing). */
export function trapezoidArea(points: readonly Point[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++)
    area += ((points[i].x - points[i - 1].x) * (points[i].y + points[i - 1].y)) / 2;
  return area;
}

/**
 * At most `max` points of a monotone curve (both coordinates non-decreasing, as a ROC curve), evenly
 * spread along its length (x + y), always keeping the first and last points. Fewer points pass unchanged.
 */
export function thinCurve(points: readonly Point[], max = MAX_ROC_POINTS): Point[] {
  if (max < 2) throw new RangeError('thinCurve: keep at least 2 points');
  if (points.length <= max) return points.slice();
  const first = points[0];
  const last = points[points.length - 1];
  const length = last.x - first.x + (last.y - first.y);
  const keep: Point[] = [first];
  let i = 1;
  for (let k = 1; k < max - 1; k++) {
    const target = first.x + first.y + (length * k) / (max - 1);
    while (i < points.length - 1 && points[i].x + points[i].y < target) i++;
    if (i >= points.length - 1) break;
    if (keep[keep.length - 1] !== points[i]) keep.push(points[i]);
  }
  keep.push(last);
  return keep;
}

/**
 * One-vs-rest ROC curves from row-major n × k probabilities and class codes. Two classes: one curve,
 * for the positive class (code 1), as rocAuc scores it. More: one curve per class.
 */
export function rocCurves(
  codes: ArrayLike<number>,
  proba: ArrayLike<number>,
  classes: readonly string[],
  maxPoints = MAX_ROC_POINTS,
): RocCurve[] {
  const k = classes.length;
  const n = codes.length;
  if (k < 2) throw new RangeError('rocCurves: need at least 2 classes');
  if (proba.length !== n * k)
    throw new RangeError(`rocCurves: expected ${n} × ${k} probabilities, got ${proba.length}`);
  const curveClasses = k === 2 ? [1] : classes.map((_, c) => c);
  return curveClasses.map((c) => {
    const isPositive = Array.from(codes, (code) => code === c);
    const scores = Float64Array.from({ length: n }, (_, i) => proba[i * k + c]);
    return {
      label: classes[c],
      auc: binaryAuc(isPositive, scores),
      points: thinCurve(rocPoints(isPositive, scores), maxPoints),
    };
  });
}

/**
 * Indices of a seeded sample of `k` of the `n` items (all of them when k ≥ n), ascending.
 * A partial Fisher–Yates shuffle, so the same seed always picks the same rows.
 */
export function sampleIndices(n: number, k: number, seed: number): Int32Array {
  return pickSorted(n, k, createRng(seed));
}

/** Actual (x) against predicted (y) for rows where both are finite; a seeded sample of at most `max` rows, in row order. */
export function predictedVsActual(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  seed: number,
  max = MAX_SCATTER_POINTS,
): Point[] {
  if (actual.length !== predicted.length)
    throw new RangeError(`predictedVsActual: ${actual.length} actual values but ${predicted.length} predictions`);
  const rows: number[] = [];
  for (let i = 0; i < actual.length; i++) if (Number.isFinite(actual[i]) && Number.isFinite(predicted[i])) rows.push(i);
  return Array.from(sampleIndices(rows.length, max, seed), (s) => ({ x: actual[rows[s]], y: predicted[rows[s]] }));
}
