/**
 * Random forest: bagged CART trees, each grown by ml-cart (cart.ts) on our own seeded bootstrap
 * sample and feature subset, one tree at a time so fits report progress and can be cancelled.
 *
 * We do not use ml-random-forest's training loop: it crashes unless `noOOB`, its probabilities
 * drop the first tree's vote, `maxSamples` takes the first rows, and it runs all trees in one
 * synchronous call. What it does — bootstrap rows, pick a feature subset per tree, grow a CART
 * tree — is reproduced here with Sapling's seeded RNG. Like it (and unlike scikit-learn), the
 * features are drawn once per tree, not per split; see maxFeatures for the consequence.
 *
 * Probabilities average the trees' leaf class fractions (scikit-learn's soft voting); the
 * predicted class is their argmax. Regression averages the leaf means.
 */
import { SaplingError, throwIfAborted } from '../util/errors.js';
import { createRng, deriveSeed } from '../util/random.js';
import { addLeafOutputs, growTree, normalize, type CompactTree } from './cart.js';
import { treeFromJSON, treeToJSON } from './cart-json.js';
import type { Estimator, FitNote, FitOptions, ModelFactory, ParamValue, Params, SerializedModel } from './estimator.js';
import { Fitted, type ModelCore, type ModelHeader } from './fitted.js';
import type { FeatureMatrix, Target, Task } from './matrix.js';
import { singleClassNote, subsampleNote } from './notes.js';
import { defaultsOf, helpOf, intParam, resolveParams, type ParamSchema } from './params.js';
import { bootstrapSample, strataOf, stratifiedSample } from './sampling.js';
import { badModel, field, numbers, readHeader } from './serialized.js';
import { checkFitCall, checkTask } from './validate.js';

/** Above this many rows each tree is grown on a stratified bootstrap sample of this size (drawn from all rows). */
export const FOREST_ROW_CAP = 2000;

export const FOREST_PARAMS: ParamSchema = {
  trees: intParam(100, 'number of trees', 1, 10000),
  maxFeatures: {
    default: 1,
    help: 'features each tree may use: a fraction in (0, 1] of them, or a whole number > 1 of them',
    check: (v) => (Number.isFinite(v) && (v as number) > 0 && ((v as number) <= 1 || Number.isInteger(v)) ? undefined : 'must be a fraction in (0, 1] or a whole number > 1'),
  },
  maxDepth: intParam(0, 'maximum depth of each tree; 0 = unlimited', 0, 1000),
  minSamplesSplit: intParam(2, 'a node needs at least this many rows to be split', 2),
  rowCap: intParam(FOREST_ROW_CAP, 'above this many rows, each tree sees a stratified bootstrap sample of this size (fit time grows with rows²)', 2),
};

/** How many of p features each tree sees. */
export function featuresPerTree(maxFeatures: ParamValue, p: number): number {
  const v = maxFeatures as number;
  const m = v <= 1 ? Math.round(v * p) : v;
  if (m > p) throw new SaplingError('BAD_PARAMETER', `parameter 'maxFeatures' of model 'forest' asks for ${m} features, but there are only ${p}`);
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

/** Lets the event loop run (so an abort can arrive) without slowing a fit measurably. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

class ForestEstimator implements Estimator {
  readonly id = 'forest' as const;
  constructor(
    private readonly task: Task,
    readonly params: Params,
  ) {}

  async fit(X: FeatureMatrix, y: Target, options: FitOptions): Promise<Fitted> {
    checkFitCall(this.task, X, y, options.seed);
    throwIfAborted(options.signal);
    const p = this.params as { trees: number; maxFeatures: number; maxDepth: number; minSamplesSplit: number; rowCap: number };
    const m = featuresPerTree(p.maxFeatures, X.cols);
    const capped = X.rows > p.rowCap;
    const strata = capped ? strataOf(y) : undefined;
    const trees: CompactTree[] = [];
    const importance = new Float64Array(X.cols);
    let lastYield = Date.now();
    for (let t = 0; t < p.trees; t++) {
      const rng = createRng(deriveSeed(options.seed, t));
      const rows = strata ? stratifiedSample(strata, p.rowCap, rng, true) : bootstrapSample(X.rows, rng);
      const grown = growTree(X, y, p, { rows, featuresPerSplit: m, rng });
      trees.push(grown.tree);
      // scikit-learn's forest importance: each tree's normalized importance, averaged.
      normalize(grown.impurityDecrease).forEach((v, f) => (importance[f] += v / p.trees));
      options.onProgress?.((t + 1) / p.trees);
      if (Date.now() - lastYield > 20) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
      throwIfAborted(options.signal);
    }
    const notes: FitNote[] = [];
    if (capped) notes.push(subsampleNote(p.rowCap, X.rows, 'each tree was trained on a stratified bootstrap sample of'));
    const single = singleClassNote(y);
    if (single) notes.push(single);
    const header: ModelHeader = {
      id: this.id,
      task: this.task,
      params: this.params,
      seed: options.seed,
      featureNames: [...X.featureNames],
      ...(y.task === 'classification' ? { classes: [...y.classes] } : {}),
      notes,
    };
    return new Fitted(header, forestCore(this.task, trees, normalize(importance)));
  }
}

export const forestFactory: ModelFactory = {
  id: 'forest',
  label: 'Random forest',
  defaults: defaultsOf(FOREST_PARAMS),
  paramHelp: helpOf(FOREST_PARAMS),
  create(task: Task, params?: Params): Estimator {
    return new ForestEstimator(checkTask(task), resolveParams('forest', FOREST_PARAMS, params));
  },
  fromJSON(json: SerializedModel): Fitted {
    const { header, state } = readHeader(json, 'forest', FOREST_PARAMS);
    const cols = header.featureNames.length;
    const width = header.classes?.length ?? 1;
    const list = field(state, 'trees');
    if (!Array.isArray(list) || list.length === 0) throw badModel('state.trees must be a non-empty list');
    const trees = list.map((t, i) => treeFromJSON(t, `state.trees[${i}]`, cols, width));
    const importance = numbers(field(state, 'importance'), 'state.importance', cols);
    return new Fitted(header, forestCore(header.task, trees, importance));
  },
};
