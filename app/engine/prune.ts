/**
 * Minimal cost-complexity pruning (Breiman et al. 1984, ch. 3; scikit-learn's `ccp_alpha`).
 *
 * A node's cost is R(t) = impurity(t) · weight(t) / weight(root); a subtree's is the sum over its leaves.
 * The weakest link is the internal node with the smallest g(t) = (R(t) − R(T_t)) / (leaves(T_t) − 1);
 * while that smallest g is ≤ alpha, its subtree is collapsed into a leaf. The result keeps the surviving
 * nodes in their original order (children still after their parent).
 */
import type { GrownTree } from './tree-store.js';

export function costComplexityPrune(tree: GrownTree, alpha: number): GrownTree {
  if (!(alpha > 0) || tree.nodes <= 1) return tree;
  const n = tree.nodes;
  const rootWeight = tree.cover[0];
  const leafCost = new Float64Array(n);
  for (let i = 0; i < n; i++) leafCost[i] = (tree.impurity[i] * tree.cover[i]) / rootWeight;
  const isLeaf = Uint8Array.from({ length: n }, (_, i) => (tree.left[i] < 0 ? 1 : 0));
  const subtreeCost = new Float64Array(n);
  const leaves = new Float64Array(n);
  for (;;) {
    // Bottom-up (children have larger indices): subtree costs and leaf counts of the current tree.
    for (let i = n - 1; i >= 0; i--) {
      if (isLeaf[i]) {
        subtreeCost[i] = leafCost[i];
        leaves[i] = 1;
      } else {
        subtreeCost[i] = subtreeCost[tree.left[i]] + subtreeCost[tree.right[i]];
        leaves[i] = leaves[tree.left[i]] + leaves[tree.right[i]];
      }
    }
    let weakest = -1;
    let weakestG = Infinity;
    const reachable = new Uint8Array(n);
    reachable[0] = 1;
    for (let i = 0; i < n; i++) {
      if (!reachable[i] || isLeaf[i]) continue;
      reachable[tree.left[i]] = 1;
      reachable[tree.right[i]] = 1;
      const g = (leafCost[i] - subtreeCost[i]) / (leaves[i] - 1);
      if (g < weakestG) {
        weakestG = g;
        weakest = i;
      }
    }
    if (weakest < 0 || weakestG > alpha) break;
    isLeaf[weakest] = 1;
  }
  return compact(tree, isLeaf);
}

/** Keeps the nodes reachable from the root when `isLeaf` nodes lose their children. */
function compact(tree: GrownTree, isLeaf: Uint8Array): GrownTree {
  const n = tree.nodes;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  for (let i = 0; i < n; i++) {
    if (!keep[i] || isLeaf[i]) continue;
    keep[tree.left[i]] = 1;
    keep[tree.right[i]] = 1;
  }
  const newId = new Int32Array(n).fill(-1);
  let m = 0;
  for (let i = 0; i < n; i++) if (keep[i]) newId[i] = m++;
  const w = tree.width;
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(a: T, width = 1): T => {
    const out = new (a.constructor as new (k: number) => T)(m * width);
    for (let i = 0; i < n; i++)
      if (keep[i]) for (let k = 0; k < width; k++) out[newId[i] * width + k] = a[i * width + k];
    return out;
  };
  const feature = pick(tree.feature);
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const flags = pick(tree.flags);
  const gain = pick(tree.gain);
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const j = newId[i];
    if (isLeaf[i]) {
      feature[j] = -1;
      left[j] = -1;
      right[j] = -1;
      flags[j] = 0;
      gain[j] = 0;
    } else {
      left[j] = newId[tree.left[i]];
      right[j] = newId[tree.right[i]];
    }
  }
  return {
    nodes: m,
    feature,
    bin: pick(tree.bin),
    flags,
    left,
    right,
    cover: pick(tree.cover),
    count: pick(tree.count),
    impurity: pick(tree.impurity),
    gain,
    value: pick(tree.value, w),
    width: w,
    catSets: tree.catSets,
    depth: pick(tree.depth),
    start: pick(tree.start),
    end: pick(tree.end),
    capped: tree.capped,
  };
}
