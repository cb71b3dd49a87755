/**
 * Sapling's own tree representation: flat arrays, nodes in preorder (a child's index is always
 * greater than its parent's). Prediction, persistence (cart-json.ts) and explanations read this,
 * never ml-cart's objects.
 */
import type { FeatureMatrix, Task } from './matrix.js';

export interface CompactTree {
  /** Feature index of each split; −1 at leaves. */
  readonly feature: Int32Array;
  /** Rows with x < threshold go left. 0 at leaves. */
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Training rows reaching each node (bootstrap duplicates counted). */
  readonly count: Float64Array;
  /** Per node, `width` numbers: class counts (classification) or the mean target (regression). */
  readonly value: Float64Array;
  /** Number of classes, or 1 for regression. */
  readonly width: number;
}

/** Leaf reached by the row starting at data[offset]. */
export function leafOf(tree: CompactTree, data: Float64Array, offset: number): number {
  let node = 0;
  while (tree.feature[node] >= 0)
    node = data[offset + tree.feature[node]] < tree.threshold[node] ? tree.left[node] : tree.right[node];
  return node;
}

/**
 * Adds each row's leaf output to `out` (rows × width): the leaf's class fractions, or its mean.
 * Fractions are count/total, so a loaded tree (integer counts in JSON) gives bit-identical output.
 */
export function addLeafOutputs(tree: CompactTree, task: Task, X: FeatureMatrix, out: Float64Array): void {
  const w = tree.width;
  for (let i = 0; i < X.rows; i++) {
    const leaf = leafOf(tree, X.data, i * X.cols);
    if (task === 'regression') {
      out[i] += tree.value[leaf];
    } else {
      const total = tree.count[leaf];
      for (let c = 0; c < w; c++) out[i * w + c] += tree.value[leaf * w + c] / total;
    }
  }
}

/** Scales to sum 1; all zeros stay zeros (a single-leaf tree has no importance to share out). */
export function normalize(values: Float64Array): Float64Array {
  let total = 0;
  for (const v of values) total += v;
  return total > 0 ? values.map((v) => v / total) : new Float64Array(values.length);
}
