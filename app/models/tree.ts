/**
 * `mljs-tree`: a single decision tree (CART) where ml-cart finds the splits — kept as an independent
 * second implementation for small data (Sapling's own engine, app/engine, is the default `tree`).
 * Here Sapling grows and stores the tree
 * (cart.ts, compact-tree.ts). Defaults follow scikit-learn's DecisionTree: grow until leaves are pure.
 */
import { throwIfAborted } from '../util/errors.js';
import { createRng } from '../util/random.js';
import { treeFromJSON, treeToJSON } from './cart-json.js';
import { growTree } from './cart.js';
import { addLeafOutputs, normalize, type CompactTree } from './compact-tree.js';
import type { Estimator, FitNote, FitOptions, ModelFactory, Params, SerializedModel } from './estimator.js';
import { Fitted, fittedHeader, type ModelCore } from './fitted.js';
import type { FeatureMatrix, Target, Task } from './matrix.js';
import { singleClassNote, subsampleNote } from './notes.js';
import { Pacer } from './pacer.js';
import { defaultsOf, helpOf, intParam, resolveParams, type ParamSchema } from './params.js';
import { strataOf, stratifiedSample } from './sampling.js';
import { field, numbers, readHeader } from './serialized.js';
import { checkFitCall, checkTask } from './validate.js';

/**
 * Above this many rows a tree is fitted on a stratified subsample. ml-cart re-scans a node once
 * per candidate threshold, O(features·n²) per node. Measured (one core, 20 noisy features, two
 * overlapping classes — a worst case): 1,000 rows 0.9 s, 2,000 rows 3.0 s, 3,000 rows 6.6 s,
 * 5,000 rows 22 s; credit_data's 9 numeric columns: 2,000 rows 1.3 s, 4,000 rows 4.8 s.
 * Pathological data is worse still: labels alternating along one feature give a degenerate,
 * O(n³) tree (2,000 rows: 2 minutes) — cancellable, but slow until the fast-engine issue lands.
 */
export const TREE_ROW_CAP = 2000;

export const TREE_PARAMS: ParamSchema = {
  maxDepth: intParam(0, 'maximum depth of the tree; 0 = unlimited (grow until leaves are pure)', 0, 1000),
  minSamplesSplit: intParam(2, 'a node needs at least this many training rows to be split', 2),
  rowCap: intParam(
    TREE_ROW_CAP,
    'train on a stratified subsample of at most this many rows (fit time grows with rows²)',
    2,
  ),
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
  readonly id = 'mljs-tree' as const;
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
    const { tree, impurityDecrease } = await growTree(X, y, p, {
      rows,
      pacer: new Pacer(options.signal),
      onProgress: options.onProgress,
    });
    throwIfAborted(options.signal);
    options.onProgress?.(1);
    const header = fittedHeader(this.id, this.params, options.seed, X, y, notes);
    return new Fitted(header, treeCore(this.task, tree, normalize(impurityDecrease)));
  }
}

export const mljsTreeFactory: ModelFactory = {
  id: 'mljs-tree',
  label: 'Decision tree (ml-cart)',
  defaults: defaultsOf(TREE_PARAMS),
  paramHelp: helpOf(TREE_PARAMS),
  create(task: Task, params?: Params): Estimator {
    return new TreeEstimator(checkTask(task), resolveParams('mljs-tree', TREE_PARAMS, params));
  },
  fromJSON(json: SerializedModel): Fitted {
    const { header, state } = readHeader(json, 'mljs-tree', TREE_PARAMS);
    const cols = header.featureNames.length;
    const width = header.classes?.length ?? 1;
    const tree = treeFromJSON(field(state, 'tree'), 'state.tree', cols, width);
    const importance = numbers(field(state, 'importance'), 'state.importance', cols);
    return new Fitted(header, treeCore(header.task, tree, importance));
  },
};
