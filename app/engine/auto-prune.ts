/**
 * The default decision tree's size, chosen inside the training rows it is given (never on test rows):
 * 3-fold cross-validation over leaf limits 2, 4, 8 … 64 (best-first growth, so a limit of L keeps the L − 1
 * splits that reduce impurity most), scored by the Brier score (classification) or squared error
 * (regression); the limit with the lowest mean inner loss wins (ties: the smaller tree). Breiman's
 * one-standard-error rule was measured too and rejected: it cut glass to 0.56 accuracy (0.66 here; scikit-learn's
 * tuned tree 0.70) for one or two fewer leaves (docs/accuracy.md). A tree of at most 64 leaves can be read; a fully grown one (1,221 nodes on
 * credit_data) cannot, and it reports "100%" for leaves holding a single row.
 */
import { brier } from '../evaluate/metrics.js';
import { kFold, stratifiedKFold } from '../evaluate/splits.js';
import type { FittedModel } from '../models/estimator.js';
import { selectRows, selectTarget, type FeatureMatrix, type Target } from '../models/matrix.js';
import { throwIfAborted } from '../util/errors.js';
import { deriveSeed } from '../util/random.js';

export const LEAF_LIMITS: readonly number[] = [2, 4, 8, 16, 32, 64];
export const INNER_FOLDS = 3;

export interface LeafChoice {
  readonly maxLeaves: number;
  /** Mean inner loss per leaf limit tried (lower is better), in LEAF_LIMITS order. */
  readonly losses: readonly { readonly leaves: number; readonly loss: number; readonly se: number }[];
}

export type FitTree = (X: FeatureMatrix, y: Target, maxLeaves: number, seed: number) => Promise<FittedModel>;

/**
 * `limit`: the user's own leaf cap (0 = none); only smaller limits are tried. Fewer than 2·INNER_FOLDS rows
 * per class (or 30 rows) is too little to choose on: the smallest useful tree (4 leaves) is returned.
 */
export async function chooseLeafLimit(
  X: FeatureMatrix,
  y: Target,
  seed: number,
  fit: FitTree,
  limit = 0,
  signal?: AbortSignal,
): Promise<LeafChoice> {
  const limits = LEAF_LIMITS.filter((l) => limit === 0 || l <= limit);
  if (limits.length === 0) return { maxLeaves: limit, losses: [] };
  if (X.rows < 30) return { maxLeaves: Math.min(4, limits[limits.length - 1]), losses: [] };
  const folds =
    y.task === 'classification'
      ? stratifiedKFold(y.codes, INNER_FOLDS, deriveSeed(seed, 7)).folds
      : kFold(X.rows, INNER_FOLDS, deriveSeed(seed, 7));
  const perLimit = limits.map(() => [] as number[]);
  for (const fold of folds) {
    const Xtr = selectRows(X, fold.train);
    const ytr = selectTarget(y, fold.train);
    const Xva = selectRows(X, fold.test);
    const yva = selectTarget(y, fold.test);
    for (const [i, leaves] of limits.entries()) {
      throwIfAborted(signal);
      const model = await fit(Xtr, ytr, leaves, deriveSeed(seed, 8, fold.index));
      perLimit[i].push(loss(model, Xva, yva));
    }
  }
  const losses = limits.map((leaves, i) => {
    const xs = perLimit[i];
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1));
    return { leaves, loss: mean, se: sd / Math.sqrt(xs.length) };
  });
  const best = losses.reduce((a, b) => (b.loss < a.loss ? b : a));
  return { maxLeaves: best.leaves, losses };
}

function loss(model: FittedModel, X: FeatureMatrix, y: Target): number {
  if (y.task === 'classification') return brier(y.codes, model.predictProba(X), y.classes.length);
  const predicted = model.predict(X);
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += (predicted[i] - y.values[i]) ** 2;
  return sum / predicted.length;
}
