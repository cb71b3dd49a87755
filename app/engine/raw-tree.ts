/**
 * From a tree grown in bin space (grow.ts) to the raw-space arrays prediction uses (ensemble.ts), and
 * from a list of such trees to one TreeEnsemble. Raw trees are plain typed arrays, so a worker can
 * transfer them to the main thread without copying.
 */
import type { BinnedFeatures } from './binning.js';
import type { Combine, TreeEnsemble } from './ensemble.js';
import { FLAG_CATEGORICAL, type GrownTree } from './tree-store.js';
import { sharedArray, sharedCopy } from './shared-arrays.js';

export interface RawTree {
  readonly nodes: number;
  readonly feature: Int32Array;
  /** Numeric: x ≤ threshold goes left. Categorical: index of the node's 8-word set in catSets. */
  readonly threshold: Float64Array;
  readonly flags: Uint8Array;
  /** Local node indices, −1 at leaves. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly cover: Float64Array;
  readonly value: Float64Array;
  readonly catSets: Uint32Array;
}

/** Raw thresholds for a grown tree; leaf values multiplied by `scale` (boosting's learning rate). */
export function toRawTree(g: GrownTree, binned: BinnedFeatures, scale = 1): RawTree {
  const n = g.nodes;
  const threshold = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = g.feature[i];
    if (f < 0) continue;
    if ((g.flags[i] & FLAG_CATEGORICAL) !== 0) threshold[i] = g.bin[i];
    else {
      const b = g.bin[i];
      const edges = binned.edgeStart[f + 1] - binned.edgeStart[f];
      // The last bin going left means "every non-missing value left".
      threshold[i] = b < edges ? binned.edges[binned.edgeStart[f] + b] : Infinity;
    }
  }
  const value = scale === 1 ? g.value.slice() : g.value.map((v) => v * scale + 0);
  return {
    nodes: n,
    feature: g.feature.slice(),
    threshold,
    flags: g.flags.slice(),
    left: g.left.slice(),
    right: g.right.slice(),
    cover: g.cover.slice(),
    value,
    catSets: g.catSets.slice(),
  };
}

/**
 * The tree made of the first `splits` splits of `t`, the others undone (their nodes become leaves, with the
 * value and cover they had as leaves). For a best-first tree (maxLeaves) this is exactly the tree grown with a
 * limit of splits + 1 leaves: the grower splits the same nodes in the same order until the limit stops it, and
 * the k-th split creates nodes 2k + 1 and 2k + 2, so that tree holds nodes 0 … 2·splits and its category sets
 * are the first ones (sets are stored in split order).
 */
export function firstSplits(t: RawTree, splits: number): RawTree {
  const n = Math.min(t.nodes, 2 * splits + 1);
  if (n === t.nodes) return t;
  const feature = t.feature.slice(0, n);
  const threshold = t.threshold.slice(0, n);
  const flags = t.flags.slice(0, n);
  const left = t.left.slice(0, n);
  const right = t.right.slice(0, n);
  let sets = 0;
  for (let i = 0; i < n; i++) {
    if (left[i] >= n) {
      feature[i] = -1;
      threshold[i] = 0;
      flags[i] = 0;
      left[i] = -1;
      right[i] = -1;
    } else if (left[i] >= 0 && (flags[i] & FLAG_CATEGORICAL) !== 0) sets++;
  }
  return {
    nodes: n,
    feature,
    threshold,
    flags,
    left,
    right,
    cover: t.cover.slice(0, n),
    value: t.value.slice(0, n * (t.value.length / t.nodes)),
    catSets: t.catSets.slice(0, 8 * sets),
  };
}

/** All tree arrays of a RawTree, for transfer lists. */
export function rawTreeBuffers(t: RawTree): ArrayBuffer[] {
  return [t.feature, t.threshold, t.flags, t.left, t.right, t.cover, t.value, t.catSets].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Concatenates trees (in order) into one ensemble. */
export function assemble(
  trees: readonly RawTree[],
  binned: Pick<BinnedFeatures, 'cols' | 'codeToBin' | 'codeStart'>,
  width: number,
  combine: Combine,
): TreeEnsemble {
  const total = trees.reduce((s, t) => s + t.nodes, 0);
  const cats = trees.reduce((s, t) => s + t.catSets.length, 0);
  // In shared memory: the compare's permutation and SHAP jobs post the ensemble to worker threads (shared-arrays.ts).
  const treeStart = sharedArray(Int32Array, trees.length + 1);
  const feature = sharedArray(Int32Array, total);
  const threshold = sharedArray(Float64Array, total);
  const flags = sharedArray(Uint8Array, total);
  const left = sharedArray(Int32Array, total);
  const right = sharedArray(Int32Array, total);
  const cover = sharedArray(Float64Array, total);
  const value = sharedArray(Float64Array, total * width);
  const catSets = sharedArray(Uint32Array, cats);
  let at = 0;
  let catAt = 0;
  trees.forEach((t, k) => {
    treeStart[k] = at;
    feature.set(t.feature, at);
    flags.set(t.flags, at);
    cover.set(t.cover, at);
    value.set(t.value, at * width);
    catSets.set(t.catSets, catAt);
    for (let i = 0; i < t.nodes; i++) {
      left[at + i] = t.left[i] < 0 ? -1 : t.left[i] + at;
      right[at + i] = t.right[i] < 0 ? -1 : t.right[i] + at;
      threshold[at + i] = (t.flags[i] & FLAG_CATEGORICAL) !== 0 ? t.threshold[i] + catAt / 8 : t.threshold[i];
    }
    at += t.nodes;
    catAt += t.catSets.length;
  });
  treeStart[trees.length] = at;
  return {
    cols: binned.cols,
    width,
    trees: trees.length,
    treeStart,
    feature,
    threshold,
    flags,
    left,
    right,
    cover,
    value,
    catSets,
    codeToBin: sharedCopy(binned.codeToBin),
    codeStart: sharedCopy(binned.codeStart),
    combine,
  };
}

/** Leaf of a grown tree for row r of the binned matrix (used for out-of-bag and validation rows). */
export function binnedLeaf(g: GrownTree, binned: BinnedFeatures, r: number): number {
  const bins = binned.bins;
  const stride = binned.stride;
  let node = 0;
  while (g.left[node] >= 0) {
    const f = g.feature[node];
    const b = bins[r * stride + f];
    let goLeft: boolean;
    if (b === binned.count[f]) goLeft = (g.flags[node] & 1) !== 0;
    else if ((g.flags[node] & FLAG_CATEGORICAL) !== 0)
      goLeft = (g.catSets[8 * g.bin[node] + (b >>> 5)] & (1 << (b & 31))) !== 0;
    else goLeft = b <= g.bin[node];
    node = goLeft ? g.left[node] : g.right[node];
  }
  return node;
}
