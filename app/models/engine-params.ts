/**
 * Parameters of the engine's models (`tree`, `forest`, `boost`). Names follow the foundation's camelCase
 * style; defaults follow scikit-learn's DecisionTree / RandomForest and HistGradientBoosting.
 */
import { SaplingError } from '../util/errors.js';
import { intParam, type ParamSchema, type ParamSpec, type ParamValue } from './params.js';

function choiceParam(value: string, help: string, choices: readonly string[]): ParamSpec {
  return {
    default: value,
    help,
    check: (v) =>
      choices.includes(v as string) ? undefined : `must be one of ${choices.map((c) => `'${c}'`).join(', ')}`,
  };
}

function rangeParam(value: number, help: string, min: number, max: number, minOpen = false): ParamSpec {
  return {
    default: value,
    help,
    check: (v) => {
      const x = v as number;
      const ok = Number.isFinite(x) && (minOpen ? x > min : x >= min) && x <= max;
      return ok
        ? undefined
        : `must be a number ${minOpen ? 'greater than' : 'from'} ${min} ${minOpen ? 'and at most' : 'to'} ${max}`;
    },
  };
}

const nonNegative = (value: number, help: string): ParamSpec => rangeParam(value, help, 0, Number.MAX_VALUE);

/** Most quantile bins per numeric feature (bin codes are bytes; one more holds missing values). */
export const MAX_BINS = 255;

const maxBins = intParam(
  MAX_BINS,
  `quantile bins per numeric feature (2–${MAX_BINS}; one more bin holds missing values)`,
  2,
  MAX_BINS,
);
const criterion = choiceParam(
  'gini',
  "classification split criterion: 'gini' or 'entropy' (regression always uses squared error)",
  ['gini', 'entropy'],
);
const classWeight = choiceParam(
  'none',
  "'balanced' weights each class by n / (classes · its count), as scikit-learn; 'none'",
  ['none', 'balanced'],
);

export const ENGINE_TREE_PARAMS: ParamSchema = {
  pruning: choiceParam(
    'auto',
    "'auto': the number of leaves (2–64) is chosen by 3-fold cross-validation inside the training rows (lowest Brier score / squared error): a tree small enough to read; 'none': grow as the other limits allow (unpruned)",
    ['auto', 'none'],
  ),
  maxDepth: intParam(0, 'maximum depth; 0 = unlimited (grow until leaves are pure)', 0, 1000),
  minSamplesSplit: intParam(2, 'a node needs at least this many training rows to be split', 2),
  minSamplesLeaf: intParam(1, 'each leaf keeps at least this many training rows', 1),
  minImpurityDecrease: nonNegative(
    0,
    "split only if the weighted impurity decrease (÷ all rows' weight) is at least this",
  ),
  maxLeaves: intParam(0, 'maximum leaves, grown best-first; 0 = no limit', 0),
  criterion,
  classWeight,
  ccpAlpha: nonNegative(
    0,
    'cost-complexity pruning: collapse subtrees whose impurity reduction per extra leaf is ≤ this',
  ),
  maxBins,
};

/**
 * Default leaf limit of a forest's trees. Fully grown trees on a million noisy rows have ~600,000 leaves
 * each: 100 of them need ~10 GB and cannot be saved as JSON (V8 strings stop at 512 M characters).
 * 10,000 leaves per tree keeps a 100-tree forest at ≤ 2 M nodes (~150 MB saved) and never binds below
 * ~15,000 rows (a bootstrap sample has 63% distinct rows; a leaf holds at least one).
 */
export const FOREST_MAX_LEAVES = 10_000;

export const ENGINE_FOREST_PARAMS: ParamSchema = {
  trees: intParam(100, 'number of trees', 1, 10000),
  maxFeatures: {
    default: 'auto',
    help: "features tried at each split: 'auto' (sqrt for classification, all for regression), 'sqrt', 'log2', 'all', a fraction such as '0.5', or a count such as '3'",
    check: (v) =>
      parseMaxFeatures(v as string) === undefined
        ? "must be 'auto', 'sqrt', 'log2', 'all', a fraction in (0, 1], or a whole number ≥ 1"
        : undefined,
  },
  maxDepth: intParam(0, 'maximum depth of each tree; 0 = unlimited', 0, 1000),
  maxLeaves: intParam(
    FOREST_MAX_LEAVES,
    `maximum leaves per tree, grown best-first; 0 = no limit. The default (${FOREST_MAX_LEAVES.toLocaleString('en-US')}) only binds above ~15,000 rows and keeps a forest on a million rows in memory`,
    0,
  ),
  minSamplesSplit: intParam(2, 'a node needs at least this many rows to be split', 2),
  minSamplesLeaf: intParam(1, 'each leaf keeps at least this many rows', 1),
  minImpurityDecrease: nonNegative(
    0,
    "split only if the weighted impurity decrease (÷ all rows' weight) is at least this",
  ),
  criterion,
  classWeight,
  bootstrap: {
    default: true,
    help: 'true: each tree sees a bootstrap sample (with replacement); false: a subsample without replacement (all rows when maxSamples is 1)',
  },
  maxSamples: rangeParam(1, 'rows per tree as a fraction of the training rows', 0, 1, true),
  oobScore: {
    default: false,
    help: 'compute the out-of-bag score (accuracy or R²) from the rows each tree did not see',
  },
  maxBins,
};

export const ENGINE_BOOST_PARAMS: ParamSchema = {
  rounds: intParam(100, 'boosting rounds (one tree per round, one per class for more than two classes)', 1, 100000),
  learningRate: rangeParam(0.1, 'shrinkage of each tree', 0, 1, true),
  maxDepth: intParam(0, 'maximum depth of each tree; 0 = unlimited (maxLeaves limits the tree)', 0, 1000),
  maxLeaves: intParam(31, 'maximum leaves per tree, grown best-first; 0 = no limit (then set maxDepth)', 0),
  minSamplesLeaf: intParam(20, 'each leaf keeps at least this many rows', 1),
  minChildWeight: nonNegative(1e-3, 'each leaf keeps at least this sum of hessians'),
  l2: nonNegative(0, 'L2 regularization of leaf values (λ)'),
  minSplitGain: nonNegative(0, 'split only if the loss reduction is greater than this (γ)'),
  subsample: rangeParam(1, 'fraction of rows each round sees (without replacement)', 0, 1, true),
  colsample: rangeParam(1, 'fraction of features each tree may use', 0, 1, true),
  earlyStopping: choiceParam(
    'auto',
    "hold out validationFraction of the rows and stop when the validation loss stops improving: 'auto' (above 10,000 rows), 'on', 'off'",
    ['auto', 'on', 'off'],
  ),
  validationFraction: rangeParam(0.1, 'fraction of rows held out for early stopping', 0, 0.5, true),
  patience: intParam(10, 'early stopping: rounds without improvement before stopping', 1),
  maxBins,
};

type MaxFeatures =
  { kind: 'auto' | 'sqrt' | 'log2' | 'all' } | { kind: 'fraction'; value: number } | { kind: 'count'; value: number };

function parseMaxFeatures(text: string): MaxFeatures | undefined {
  if (text === 'auto' || text === 'sqrt' || text === 'log2' || text === 'all') return { kind: text };
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const v = Number(text);
  if (/^\d+$/.test(text)) return v >= 1 ? { kind: 'count', value: v } : undefined;
  return v > 0 && v <= 1 ? { kind: 'fraction', value: v } : undefined;
}

/** Features tried per split, at least 1 (scikit-learn's max_features). */
export function featuresPerSplit(
  maxFeatures: ParamValue,
  p: number,
  classification: boolean,
  model = 'forest',
): number {
  const mf = parseMaxFeatures(String(maxFeatures));
  if (mf === undefined)
    throw new SaplingError(
      'BAD_PARAMETER',
      `parameter 'maxFeatures' of model '${model}' is invalid: ${String(maxFeatures)}`,
    );
  let m: number;
  if (mf.kind === 'fraction') m = Math.floor(mf.value * p);
  else if (mf.kind === 'count') m = mf.value;
  else if (mf.kind === 'all' || (mf.kind === 'auto' && !classification)) m = p;
  else if (mf.kind === 'log2') m = Math.floor(Math.log2(p));
  else m = Math.floor(Math.sqrt(p));
  if (m > p)
    throw new SaplingError(
      'BAD_PARAMETER',
      `parameter 'maxFeatures' of model '${model}' asks for ${m} features, but there are only ${p}`,
    );
  return Math.max(1, m);
}
