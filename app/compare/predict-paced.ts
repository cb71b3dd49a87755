/**
 * Predicting a fold's rows for scoring: codes and probabilities from one pass, in chunks with pauses in between when
 * the fold is big (compare runs in one thread with its progress events and cancel).
 */
import { classCodes, Fitted } from '../models/fitted.js';
import type { FittedModel } from '../models/estimator.js';
import { rowRange, type FeatureMatrix } from '../models/matrix.js';
import type { Pacer } from '../models/pacer.js';

/**
 * Predictions and (classification) probabilities from one pass over the trees: a Fitted model's predict is
 * the argmax of its predictProba (models/fitted.ts), so the codes are derived rather than predicted twice.
 */
export function predictBoth(model: FittedModel, X: FeatureMatrix): { predicted: Float64Array; proba?: Float64Array } {
  if (model.task !== 'classification') return { predicted: model.predict(X) };
  const proba = model.predictProba(X);
  if (!(model instanceof Fitted)) return { predicted: model.predict(X), proba };
  return { predicted: classCodes(proba, X.rows, model.classes!.length), proba };
}

/** Rows predicted between two pauses (compare's fully grown forest predicts ~100,000 rows a second). */
const PREDICT_CHUNK_ROWS = 16_384;

/**
 * predictBoth in chunks of rows with a pause between them: the same numbers (each row's prediction is its own),
 * but scoring an 800,000-row training fold is seconds of work in compare's thread, and a cancel must land.
 */
export async function predictBothPaced(
  model: FittedModel,
  X: FeatureMatrix,
  pacer: Pacer,
): Promise<{ predicted: Float64Array; proba?: Float64Array }> {
  if (X.rows <= PREDICT_CHUNK_ROWS) return predictBoth(model, X);
  const predicted = new Float64Array(X.rows);
  let proba: Float64Array | undefined;
  for (let start = 0; start < X.rows; start += PREDICT_CHUNK_ROWS) {
    await pacer.breathe();
    const end = Math.min(X.rows, start + PREDICT_CHUNK_ROWS);
    const part = predictBoth(model, rowRange(X, start, end));
    predicted.set(part.predicted, start);
    if (part.proba) {
      const width = part.proba.length / (end - start);
      proba ??= new Float64Array(X.rows * width);
      proba.set(part.proba, start * width);
    }
  }
  return proba ? { predicted, proba } : { predicted };
}
