/**
 * Permutation importance on held-out rows: how much the score drops when one source feature's values
 * are shuffled among the test rows (scikit-learn's `permutation_importance`). It needs only predictions,
 * so it works for any model — later also the LLM baseline. A one-hot-encoded feature is shuffled as one
 * block of columns, so a categorical column gets one importance, not one per category.
 */
import type { FeatureMatrix } from '../models/matrix.js';
import { createRng, shuffleInPlace } from '../util/random.js';
import { cancelled, throwIfAborted } from '../util/errors.js';
import { runSteps, runStepsPaced, type Steps } from '../util/steps.js';

export interface PermutationOptions {
  /** Source-feature index of each matrix column (see featureGroups in app/pipeline/preprocess.ts). */
  readonly groups: Int32Array;
  readonly featureCount: number;
  readonly repeats: number;
  readonly seed: number;
  /** Score of predictions on (a copy of) the test matrix; higher is better. */
  readonly score: (X: FeatureMatrix) => number;
  /**
   * Optional faster score of the shuffled matrix, told which matrix columns differ from X (models that
   * re-predict only what those columns change). Must equal score(X) exactly.
   */
  readonly scoreChanged?: (X: FeatureMatrix, columns: readonly number[]) => number;
  readonly signal?: AbortSignal;
  /** Polled per repeat (an engine worker's stop flag, where no AbortSignal can arrive): true = stop with CANCELLED. */
  readonly shouldStop?: () => boolean;
}

/** Returns, per source feature, the score drop of each repeat (length featureCount × repeats, feature-major). */
export function permutationDrops(X: FeatureMatrix, options: PermutationOptions): Float64Array[] {
  return runSteps(permutationSteps(X, options));
}

/**
 * permutationDrops with `pause()` awaited after each repeat: the same drops, but in a thread that must stay
 * responsive (a linear model's importance on a 200,000-row fold is seconds of work in compare's thread).
 */
export async function permutationDropsPaced(
  X: FeatureMatrix,
  options: PermutationOptions,
  pause: () => Promise<void>,
): Promise<Float64Array[]> {
  return runStepsPaced(permutationSteps(X, options), pause);
}

function* permutationSteps(X: FeatureMatrix, options: PermutationOptions): Steps<Float64Array[]> {
  const baseline = options.score(X);
  const rng = createRng(options.seed);
  const drops: Float64Array[] = [];
  const shuffled = new Float64Array(X.data);
  const permuted: FeatureMatrix = { ...X, data: shuffled };
  for (let f = 0; f < options.featureCount; f++) {
    const columns = [...options.groups.keys()].filter((j) => options.groups[j] === f);
    const perFeature = new Float64Array(options.repeats);
    for (let r = 0; r < options.repeats; r++) {
      throwIfAborted(options.signal);
      if (options.shouldStop?.()) throw cancelled();
      const order = shuffleInPlace(
        Int32Array.from({ length: X.rows }, (_, i) => i),
        rng,
      );
      for (const j of columns)
        for (let i = 0; i < X.rows; i++) shuffled[i * X.cols + j] = X.data[order[i] * X.cols + j];
      perFeature[r] =
        baseline - (options.scoreChanged ? options.scoreChanged(permuted, columns) : options.score(permuted));
      yield;
    }
    for (const j of columns) for (let i = 0; i < X.rows; i++) shuffled[i * X.cols + j] = X.data[i * X.cols + j];
    drops.push(perFeature);
  }
  return drops;
}
