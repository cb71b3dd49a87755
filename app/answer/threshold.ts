/**
 * Reading the decision-threshold curve of a two-class model (classReport.thresholds, app/answer/class-report.ts):
 * the point at a threshold, the threshold of best balanced accuracy, and which model to show. Shared by the
 * report's Decision threshold section and the desktop's threshold slider, so both show the same numbers.
 */
import type { ThresholdPoint } from '../result/answer.js';
import type { ModelResult } from '../result/compare.js';
import type { RowId } from '../result/pre-trained.js';

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

/** A threshold the user chose for one two-class model (the desktop's slider, `compare --threshold`), for the report. */
export interface ChosenThreshold {
  readonly modelId: RowId;
  readonly threshold: number;
}

/**
 * What is wrong with chosen thresholds for these model results, or null: each must name a model of the run that
 * has a threshold curve (two classes, probabilities), at most once, with a threshold strictly between 0 and 1.
 */
export function chosenThresholdProblem(
  models: readonly ModelResult[],
  chosen: readonly ChosenThreshold[],
): string | null {
  const seen = new Set<string>();
  for (const { modelId, threshold } of chosen) {
    if (!(Number.isFinite(threshold) && threshold > 0 && threshold < 1))
      return `the threshold for '${modelId}' must be a number between 0 and 1 (exclusive), got ${threshold}`;
    if (seen.has(modelId)) return `the threshold for '${modelId}' is given twice`;
    seen.add(modelId);
    const model = models.find((m) => m.id === modelId);
    if (!model) return `no model '${modelId}' in this run (it has ${models.map((m) => m.id).join(', ')})`;
    if ((model.classReport?.thresholds?.length ?? 0) === 0)
      return `${model.label} has no decision threshold: only a two-class model with probabilities has one`;
  }
  return null;
}
