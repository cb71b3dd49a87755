/**
 * A single decision tree (CART), grown by ml-cart and held in Sapling's own flat form
 * (see cart.ts). Defaults follow scikit-learn's DecisionTree: grow until leaves are pure.
 */
import { throwIfAborted } from '../util/errors.js';
import { createRng } from '../util/random.js';
import { growTree, addLeafOutputs, normalize, type CompactTree } from './cart.js';
import { treeFromJSON, treeToJSON } from './cart-json.js';
import type { Estimator, FitNote, FitOptions, ModelFactory, Params, SerializedModel } from './estimator.js';
import { Fitted, type ModelCore } from './fitted.js';
import type { FeatureMatrix, Target, Task } from './matrix.js';
import { defaultsOf, helpOf, intParam, resolveParams, type ParamSchema } from './params.js';
import { singleClassNote, subsampleNote } from './notes.js';
import { strataOf, stratifiedSample } from './sampling.js';
import { field, numbers, readHeader } from './serialized.js';
import { checkFitCall, checkTask } from './validate.js';

/**
 * Above this many rows a tree is fitted on a stratified subsample. ml-cart re-scans a node once
 * per candidate threshold, O(features·n²) per node: measured on this machine, 20 features,
 * (see the models report) 5,000 rows take ≈ 2–4 s, 10,000 rows well over 10 s.
 */
export const TREE_ROW_CAP = 5000;

export const TREE_PARAMS: ParamSchema = {
  maxDepth: intParam(0, 'maximum depth of the tree; 0 = unlimited (grow until leaves are pure)', 0, 1000),
  minSamplesSplit: intParam(2, 'a node needs at least this many training rows to be split', 2),
  rowCap: intParam(TREE_ROW_CAP, 'train on a stratified subsample of at most this many rows (fit time grows with rows²)', 2),
};

function treeCore(task: Task, tree: CompactTree, importance: Float64Array): ModelCore {
  return {
    predictMatrix: (X: FeatureMatrix) => {
      const out = new Float64Array(X.rows * tree.width);
      addLeafOutputs(tree, task, X, out);
      return out;
    },
    importance: () => importance,
    state: () => ({ tree: treeToJSON(tree), importance: Array.from(importance) }),
  };
}

class TreeEstimator implements Estimator {
  readonly id = 'tree' as const;
  constructor(
    private readonly task: Task,
    readonly params: Params,
  ) {}

  async fit(X: FeatureMatrix, y: Target, options: FitOptions): Promise<Fitted> {
    checkFitCall(this.task, X, y, options.seed);
    throwIfAborted(options.signal);
    const p = this.params as { maxDepth: number; minSamplesSplit: number; rowCap: number };
    const notes: FitNote[] = [];
    let rows: Int32Array | undefined;
    if (X.rows > p.rowCap) {
      rows = stratifiedSample(strataOf(y), p.rowCap, createRng(options.seed), false);
      notes.push(subsampleNote(p.rowCap, X.rows));
    }
    const single = singleClassNote(y);
    if (single) notes.push(single);
    const { tree, impurityDecrease } = growTree(X, y, p, rows ? { rows } : {});
    throwIfAborted(options.signal);
    options.onProgress?.(1);
    const header = {
      id: this.id,
      task: this.task,
      params: this.params,
      seed: options.seed,
      featureNames: [...X.featureNames],
      ...(y.task === 'classification' ? { classes: [...y.classes] } : {}),
      notes,
    };
    return new Fitted(header, treeCore(this.task, tree, normalize(impurityDecrease)));
  }
}

export const treeFactory: ModelFactory = {
  id: 'tree',
  label: 'Decision tree',
  defaults: defaultsOf(TREE_PARAMS),
  paramHelp: helpOf(TREE_PARAMS),
  create(task: Task, params?: Params): Estimator {
    return new TreeEstimator(checkTask(task), resolveParams('tree', TREE_PARAMS, params));
  },
  fromJSON(json: SerializedModel): Fitted {
    const { header, state } = readHeader(json, 'tree', TREE_PARAMS);
    const cols = header.featureNames.length;
    const width = header.classes?.length ?? 1;
    const tree = treeFromJSON(field(state, 'tree'), 'state.tree', cols, width);
    const importance = numbers(field(state, 'importance'), 'state.importance', cols);
    return new Fitted(header, treeCore(header.task, tree, importance));
  },
};
