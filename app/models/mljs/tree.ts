/**
 * `mljs-tree`: a single decision tree (CART) where ml-cart finds the splits — kept as an independent
 * second implementation for small data (Sapling's own engine, app/engine, is the default `tree`).
 * Here Sapling grows and stores the tree
 * (cart.ts, compact-tree.ts). Defaults follow scikit-learn's DecisionTree: grow until leaves are pure.
 */
import { throwIfAborted } from '../../util/errors.js';
import { createRng } from '../../util/random.js';
import { treeFromJSON, treeToJSON } from './cart-json.js';
import { growTree } from './cart.js';
import { addLeafOutputs, normalize, type CompactTree } from '../compact-tree.js';
import type { Estimator, FitNote, FitOptions, ModelId, Params, SerializedModel } from '../estimator.js';
import { Fitted, fittedHeader, type ModelCore } from '../fitted.js';
import type { FeatureMatrix, Target, Task } from '../matrix.js';
import { singleClassNote, subsampleNote } from '../notes.js';
import { Pacer } from '../pacer.js';
import { describedFactory, type Learner } from '../learner.js';
import { strataOf, stratifiedSample } from '../sampling.js';
import { field, numbers, readHeader } from '../serialized.js';
import { checkFitCall } from '../validate.js';

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
  constructor(
    readonly id: ModelId,
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

/** A single CART tree whose splits ml-cart finds (parameters: app/models/catalog/mljs-tree.ts). */
export const mljsTreeLearner: Learner = (d) =>
  describedFactory(d, {
    create: (task, params) => new TreeEstimator(d.id, task, params),
    fromJSON(json: SerializedModel): Fitted {
      const { header, state } = readHeader(json, d.id, d.params);
      const cols = header.featureNames.length;
      const width = header.classes?.length ?? 1;
      const tree = treeFromJSON(field(state, 'tree'), 'state.tree', cols, width, header.task);
      const importance = numbers(field(state, 'importance'), 'state.importance', cols);
      return new Fitted(header, treeCore(header.task, tree, importance));
    },
  });
