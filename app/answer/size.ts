/**
 * How much a reader has to read to follow a model: leaves (one rule each) for a tree, the total leaves of
 * an ensemble, the non-zero coefficients of a linear model. One number per model on one scale
 * (`count`), so "2,000× smaller" compares like with like; `sizeText` says what it counts.
 */
import { isEngineModel } from '../engine/models.js';
import { treeFromJSON } from '../models/cart-json.js';
import type { FittedModel } from '../models/estimator.js';

export interface ModelSize {
  /** What `count` counts: leaves (= rules) of the tree(s), or non-zero coefficients. */
  readonly measure: 'leaves' | 'coefficients';
  readonly count: number;
  /** Trees in the model (tree models). */
  readonly trees?: number;
  /** Deepest leaf (tree models). */
  readonly depth?: number;
}

export function modelSize(model: FittedModel): ModelSize {
  if (isEngineModel(model)) {
    const e = model.ensemble;
    let leaves = 0;
    let depth = 0;
    for (let t = 0; t < e.trees; t++) {
      const stack: number[] = [e.treeStart[t], 0];
      while (stack.length > 0) {
        const d = stack.pop()!;
        const node = stack.pop()!;
        if (e.left[node] < 0) {
          leaves++;
          depth = Math.max(depth, d);
        } else stack.push(e.left[node], d + 1, e.right[node], d + 1);
      }
    }
    return { measure: 'leaves', count: leaves, trees: e.trees, depth };
  }
  const state = model.toJSON().state as Record<string, unknown>;
  if (model.id === 'linear') {
    const coef = state.coef as readonly number[];
    return { measure: 'coefficients', count: coef.filter((c) => c !== 0).length };
  }
  const cols = model.featureNames.length;
  const width = model.task === 'classification' ? (model.classes?.length ?? 1) : 1;
  const raw = model.id === 'mljs-tree' ? [state.tree] : (state.trees as unknown[]);
  let leaves = 0;
  let depth = 0;
  raw.forEach((json, i) => {
    const tree = treeFromJSON(json, `state.trees[${i}]`, cols, width);
    const stack: number[] = [0, 0];
    while (stack.length > 0) {
      const d = stack.pop()!;
      const node = stack.pop()!;
      if (tree.left[node] < 0) {
        leaves++;
        depth = Math.max(depth, d);
      } else stack.push(tree.left[node], d + 1, tree.right[node], d + 1);
    }
  });
  return { measure: 'leaves', count: leaves, trees: raw.length, depth };
}

/** "14 leaves, depth 5", "100 trees, 41,230 leaves", "21 coefficients". */
export function sizeText(size: ModelSize | undefined): string {
  if (size === undefined) return 'size not measured';
  const n = size.count.toLocaleString('en-US');
  if (size.measure === 'coefficients') return `${n} coefficient${size.count === 1 ? '' : 's'}`;
  const leaves = `${n} lea${size.count === 1 ? 'f' : 'ves'}`;
  if ((size.trees ?? 1) > 1) return `${size.trees!.toLocaleString('en-US')} trees, ${leaves}`;
  return size.depth !== undefined ? `${leaves}, depth ${size.depth}` : leaves;
}
