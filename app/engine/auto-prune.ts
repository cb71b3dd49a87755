/**
 * The default decision tree's size, chosen inside the training rows it is given (never on test rows):
 * 3-fold cross-validation over leaf limits 2, 4, 8 … 64 (best-first growth, so a limit of L keeps the L − 1
 * splits that reduce impurity most), scored by the Brier score (classification) or squared error
 * (regression); the limit with the lowest mean inner loss wins (ties: the smaller tree). Breiman's
 * one-standard-error rule was measured too and rejected: it cut glass to 0.56 accuracy (0.66 here; scikit-learn's
 * tuned tree 0.70) for one or two fewer leaves (docs/accuracy.md). A tree of at most 64 leaves can be read; a fully grown one (1,221 nodes on
 * credit_data) cannot, and it reports "100%" for leaves holding a single row.
 */
import { selectRows, selectTarget, type FeatureMatrix, type Target } from '../models/matrix.js';
import { throwIfAborted } from '../util/errors.js';
import { createRng, deriveSeed, shuffleInPlace } from '../util/random.js';

export const LEAF_LIMITS: readonly number[] = [2, 4, 8, 16, 32, 64];
export const INNER_FOLDS = 3;

export interface LeafChoice {
  readonly maxLeaves: number;
  /** Mean inner loss per leaf limit tried (lower is better), in LEAF_LIMITS order. */
  readonly losses: readonly { readonly leaves: number; readonly loss: number; readonly se: number }[];
}

/**
 * Fits trees on (X, y) with each of `limits` leaves (seed `seed`) and returns their predictions for `validation`,
 * one array per limit: class probabilities (rows × classes) or values, as FittedModel.predictProba / predict.
 * One call per inner fold, so a learner can grow the largest tree once and read the smaller ones off it.
 */
export type PredictLeafLimits = (
  X: FeatureMatrix,
  y: Target,
  validation: FeatureMatrix,
  limits: readonly number[],
  seed: number,
) => Promise<Float64Array[]>;

/**
 * `limit`: the user's own leaf cap (0 = none); only smaller limits are tried. Fewer than 2·INNER_FOLDS rows
 * per class (or 30 rows) is too little to choose on: the smallest useful tree (4 leaves) is returned.
 */
export async function chooseLeafLimit(
  X: FeatureMatrix,
  y: Target,
  seed: number,
  predictLimits: PredictLeafLimits,
  limit = 0,
  signal?: AbortSignal,
): Promise<LeafChoice> {
  const limits = LEAF_LIMITS.filter((l) => limit === 0 || l <= limit);
  if (limits.length === 0) return { maxLeaves: limit, losses: [] };
  if (X.rows < 30) return { maxLeaves: Math.min(4, limits[limits.length - 1]), losses: [] };
  const folds = innerFolds(y, X.rows, deriveSeed(seed, 7));
  const perLimit = limits.map(() => [] as number[]);
  for (const fold of folds) {
    const Xtr = selectRows(X, fold.train);
    const ytr = selectTarget(y, fold.train);
    const Xva = selectRows(X, fold.test);
    const yva = selectTarget(y, fold.test);
    throwIfAborted(signal);
    const predictions = await predictLimits(Xtr, ytr, Xva, limits, deriveSeed(seed, 8, fold.index));
    predictions.forEach((p, i) => perLimit[i].push(loss(p, yva)));
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

/**
 * INNER_FOLDS folds of the training rows: rows shuffled (within each class for classification, so every fold keeps
 * the class balance) and dealt round-robin. The engine sits below app/evaluate, so it deals its own folds.
 */
function innerFolds(y: Target, n: number, seed: number): { index: number; train: Int32Array; test: Int32Array }[] {
  const rng = createRng(seed);
  const fold = new Int32Array(n);
  const groups: number[][] = [];
  for (let i = 0; i < n; i++) {
    const g = y.task === 'classification' ? y.codes[i] : 0;
    (groups[g] ??= []).push(i);
  }
  let next = 0;
  for (const rows of groups) {
    if (!rows) continue;
    const order = Int32Array.from(rows);
    shuffleInPlace(order, rng);
    for (const row of order) {
      fold[row] = next;
      next = (next + 1) % INNER_FOLDS;
    }
  }
  return Array.from({ length: INNER_FOLDS }, (_, index) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === index ? test : train).push(i);
    return { index, train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}

/**
 * Brier score (classification: mean over rows of Σ_c (p_c − [y = c])²; a proper score) or mean squared error, of
 * `predicted` (probabilities or values) against y.
 */
function loss(predicted: Float64Array, y: Target): number {
  if (y.task === 'classification') {
    const k = y.classes.length;
    const rows = y.codes.length;
    let sum = 0;
    for (let i = 0; i < rows; i++)
      for (let c = 0; c < k; c++) sum += (predicted[i * k + c] - (c === y.codes[i] ? 1 : 0)) ** 2;
    return sum / rows;
  }
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += (predicted[i] - y.values[i]) ** 2;
  return sum / predicted.length;
}
