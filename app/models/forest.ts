/**
 * `mljs-forest`: the random forest built on ml-cart — kept as an independent second implementation for
 * small data (Sapling's own engine, app/engine, is the default `forest`). As scikit-learn's: bagged CART trees (cart.ts: ml-cart finds each split) with a
 * fresh random subset of features tried at every split. Trees are grown one at a time, pausing
 * now and then (pacer.ts), so a fit reports progress and can be cancelled.
 *
 * We do not use ml-random-forest: it crashes unless `noOOB`, its probabilities drop the first
 * tree's vote, `maxSamples` takes the first rows, it trains all trees in one synchronous call,
 * and it draws features once per tree, not per split. Measured on our CV folds: per-tree 'sqrt'
 * lost 6.6 points of R² on diabetes against per-split 'sqrt'; per-tree '0.5' was about as
 * accurate as per-split 'sqrt' but 2–3× slower, since ml-cart's cost grows with the features
 * searched at each node. Bootstraps and feature draws use Sapling's seeded RNG, tree t drawing
 * from deriveSeed(seed, t).
 *
 * Probabilities average the trees' leaf class fractions (scikit-learn's soft voting); the
 * predicted class is their argmax. Regression averages the leaf means.
 */
import { SaplingError, throwIfAborted } from '../util/errors.js';
import { createRng, deriveSeed } from '../util/random.js';
import { treeFromJSON, treeToJSON } from './cart-json.js';
import { growTree } from './cart.js';
import { addLeafOutputs, normalize, type CompactTree } from './compact-tree.js';
import type { Estimator, FitNote, FitOptions, ModelFactory, ParamValue, Params, SerializedModel } from './estimator.js';
import { Fitted, fittedHeader, type ModelCore } from './fitted.js';
import type { FeatureMatrix, Target, Task } from './matrix.js';
import { singleClassNote, subsampleNote } from './notes.js';
import { Pacer } from './pacer.js';
import { defaultsOf, helpOf, intParam, resolveParams, type ParamSchema } from './params.js';
import { bootstrapSample, strataOf, stratifiedSample } from './sampling.js';
import { badModel, field, numbers, readHeader } from './serialized.js';
import { checkFitCall, checkTask } from './validate.js';

/**
 * Above this many rows each tree is grown on a stratified bootstrap sample of this size, drawn
 * from all rows (so the forest as a whole still sees all the data). Measured, 100 trees with
 * maxFeatures 'sqrt' (one core, 20 noisy features, a worst case): 1,000 rows ≈ 17 s, 2,000 rows
 * ≈ 75 s, 5,000 rows ≈ 500 s; credit_data's 9 numeric columns: 1,000 rows ≈ 10 s, 2,000 rows ≈ 32 s.
 */
export const FOREST_ROW_CAP = 1000;

export const FOREST_PARAMS: ParamSchema = {
  trees: intParam(100, 'number of trees', 1, 10000),
  maxFeatures: {
    default: 'sqrt',
    help: "features tried at each split: 'sqrt', 'log2', 'all', a fraction such as '0.5', or a count such as '3'",
    check: (v) =>
      parseMaxFeatures(v as string) === undefined
        ? "must be 'sqrt', 'log2', 'all', a fraction in (0, 1], or a whole number ≥ 1"
        : undefined,
  },
  maxDepth: intParam(0, 'maximum depth of each tree; 0 = unlimited', 0, 1000),
  minSamplesSplit: intParam(2, 'a node needs at least this many rows to be split', 2),
  rowCap: intParam(
    FOREST_ROW_CAP,
    'above this many rows, each tree sees a stratified bootstrap sample of this size (fit time grows with rows²)',
    2,
  ),
};

type MaxFeatures =
  { kind: 'sqrt' | 'log2' | 'all' } | { kind: 'fraction'; value: number } | { kind: 'count'; value: number };

/** 'sqrt' | 'log2' | 'all' | a fraction in (0, 1) | a whole number ≥ 1; '1' means one feature, 'all' (or '1.0') all of them. */
function parseMaxFeatures(text: string): MaxFeatures | undefined {
  if (text === 'sqrt' || text === 'log2' || text === 'all') return { kind: text };
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const v = Number(text);
  if (/^\d+$/.test(text)) return v >= 1 ? { kind: 'count', value: v } : undefined;
  return v > 0 && v <= 1 ? { kind: 'fraction', value: v } : undefined;
}

/** How many of p features are tried at each split (at least 1, as scikit-learn). */
export function featuresPerSplit(maxFeatures: ParamValue, p: number): number {
  const mf = parseMaxFeatures(String(maxFeatures));
  if (mf === undefined)
    throw new SaplingError(
      'BAD_PARAMETER',
      `parameter 'maxFeatures' of model 'mljs-forest' is invalid: ${String(maxFeatures)}`,
    );
  const m =
    'value' in mf
      ? mf.kind === 'fraction'
        ? Math.floor(mf.value * p)
        : mf.value
      : { all: p, sqrt: Math.floor(Math.sqrt(p)), log2: Math.floor(Math.log2(p)) }[mf.kind];
  if (m > p)
    throw new SaplingError(
      'BAD_PARAMETER',
      `parameter 'maxFeatures' of model 'mljs-forest' asks for ${m} features, but there are only ${p}`,
    );
  return Math.max(1, m);
}

function forestCore(task: Task, trees: readonly CompactTree[], importance: Float64Array): ModelCore {
  return {
    predictMatrix: (X: FeatureMatrix) => {
      const out = new Float64Array(X.rows * trees[0].width);
      for (const tree of trees) addLeafOutputs(tree, task, X, out);
      for (let i = 0; i < out.length; i++) out[i] /= trees.length;
      return out;
    },
    importance: () => importance,
    state: () => ({ trees: trees.map(treeToJSON), importance: Array.from(importance) }),
  };
}

class ForestEstimator implements Estimator {
  readonly id = 'mljs-forest' as const;
  constructor(
    private readonly task: Task,
    readonly params: Params,
  ) {}

  async fit(X: FeatureMatrix, y: Target, options: FitOptions): Promise<Fitted> {
    checkFitCall(this.task, X, y, options.seed);
    throwIfAborted(options.signal);
    const p = this.params as {
      trees: number;
      maxFeatures: string;
      maxDepth: number;
      minSamplesSplit: number;
      rowCap: number;
    };
    const m = featuresPerSplit(p.maxFeatures, X.cols);
    const capped = X.rows > p.rowCap;
    const strata = capped ? strataOf(y) : undefined;
    const trees: CompactTree[] = [];
    const importance = new Float64Array(X.cols);
    const pacer = new Pacer(options.signal);
    for (let t = 0; t < p.trees; t++) {
      const rng = createRng(deriveSeed(options.seed, t));
      const rows = strata ? stratifiedSample(strata, p.rowCap, rng, true) : bootstrapSample(X.rows, rng);
      const onProgress = (f: number): void => options.onProgress?.((t + f) / p.trees);
      const grown = await growTree(X, y, p, { rows, featuresPerSplit: m, rng, pacer, onProgress });
      trees.push(grown.tree);
      // scikit-learn's forest importance: each tree's normalized importance, averaged.
      normalize(grown.impurityDecrease).forEach((v, f) => (importance[f] += v / p.trees));
      options.onProgress?.((t + 1) / p.trees);
      await pacer.breathe();
    }
    const notes: FitNote[] = [];
    if (capped)
      notes.push(subsampleNote(p.rowCap, X.rows, 'each tree was trained on a stratified bootstrap sample of'));
    const single = singleClassNote(y);
    if (single) notes.push(single);
    const header = fittedHeader(this.id, this.params, options.seed, X, y, notes);
    return new Fitted(header, forestCore(this.task, trees, normalize(importance)));
  }
}

export const mljsForestFactory: ModelFactory = {
  id: 'mljs-forest',
  label: 'Random forest (ml-cart)',
  defaults: defaultsOf(FOREST_PARAMS),
  paramHelp: helpOf(FOREST_PARAMS),
  create(task: Task, params?: Params): Estimator {
    return new ForestEstimator(checkTask(task), resolveParams('mljs-forest', FOREST_PARAMS, params));
  },
  fromJSON(json: SerializedModel): Fitted {
    const { header, state } = readHeader(json, 'mljs-forest', FOREST_PARAMS);
    const cols = header.featureNames.length;
    const width = header.classes?.length ?? 1;
    const list = field(state, 'trees');
    if (!Array.isArray(list) || list.length === 0) throw badModel('state.trees must be a non-empty list');
    const trees = list.map((t, i) => treeFromJSON(t, `state.trees[${i}]`, cols, width));
    const importance = numbers(field(state, 'importance'), 'state.importance', cols);
    return new Fitted(header, forestCore(header.task, trees, importance));
  },
};
