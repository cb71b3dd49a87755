/**
 * Prediction agreement between models on the rows each fold held out: for classes, the share of rows where two
 * models predict the same class; for numbers, the Pearson correlation of their predictions. Only rows every
 * model predicted count (a holdout split leaves the training rows without a held-out prediction).
 */
import type { PredictionAgreement } from '../result/prediction-agreement.js';
import type { Task } from '../models/matrix.js';

export interface ModelPredictions {
  readonly id: string;
  readonly label: string;
  /** Per dataset row, the out-of-fold prediction (class code or value); NaN where none. */
  readonly oof: Float64Array;
}

export function predictionAgreement(models: readonly ModelPredictions[], task: Task): PredictionAgreement | undefined {
  if (models.length < 2) return undefined;
  const n = models[0].oof.length;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (models.every((m) => !Number.isNaN(m.oof[i]))) rows.push(i);
  if (rows.length === 0) return undefined;
  const pair = task === 'classification' ? sameClass : correlation;
  const matrix = models.map((a, i) => models.map((b, j) => (i === j ? 1 : j < i ? null : pair(a.oof, b.oof, rows))));
  // Fill the lower triangle from the upper one (the measure is symmetric).
  for (let i = 0; i < models.length; i++) for (let j = 0; j < i; j++) matrix[i][j] = matrix[j][i];
  return {
    measure: task === 'classification' ? 'same-class' : 'correlation',
    ids: models.map((m) => m.id),
    labels: models.map((m) => m.label),
    matrix,
    rows: rows.length,
  };
}

function sameClass(a: Float64Array, b: Float64Array, rows: readonly number[]): number {
  let same = 0;
  for (const i of rows) if (a[i] === b[i]) same++;
  return same / rows.length;
}

function correlation(a: Float64Array, b: Float64Array, rows: readonly number[]): number | null {
  let ma = 0;
  let mb = 0;
  for (const i of rows) {
    ma += a[i];
    mb += b[i];
  }
  ma /= rows.length;
  mb /= rows.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const i of rows) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}
