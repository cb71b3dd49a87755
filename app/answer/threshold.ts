/**
 * Reading the decision-threshold curve of a two-class model (classReport.thresholds, app/answer/class-report.ts):
 * the point at a threshold, the threshold of best balanced accuracy, and which model to show. Shared by the
 * report's Decision threshold section and the desktop's threshold slider, so both show the same numbers.
 */
import type { ThresholdPoint } from '../result/answer.js';
import type { ModelResult } from '../result/compare.js';

/** The threshold the models use unless told otherwise. */
export const DEFAULT_THRESHOLD = 0.5;

/** The point of the curve at `threshold` (the nearest one computed). */
export function pointAt(points: readonly ThresholdPoint[], threshold: number): ThresholdPoint {
  return points.reduce((a, b) => (Math.abs(b.threshold - threshold) < Math.abs(a.threshold - threshold) ? b : a));
}

/** The threshold with the highest balanced accuracy (the lowest such threshold on ties). */
export function bestBalanced(points: readonly ThresholdPoint[]): ThresholdPoint {
  return points.reduce((a, b) => (b.balancedAccuracy > a.balancedAccuracy ? b : a));
}

/** The model the threshold section is about: the recommended one when it has a curve, else the first that has. */
export function thresholdModel(models: readonly ModelResult[], recommended?: string): ModelResult | undefined {
  const withCurve = models.filter((m) => (m.classReport?.thresholds?.length ?? 0) > 0);
  return withCurve.find((m) => m.id === recommended) ?? withCurve[0];
}
