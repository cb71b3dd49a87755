/**
 * A fitted tree ensemble in raw feature space — what the engine's models predict with, save, and expose
 * to explanations (exact TreeSHAP needs exactly this: per node the split, children, cover and value).
 *
 * All trees live in one set of flat typed arrays; tree t's nodes are treeStart[t] … treeStart[t+1]−1, its
 * root is treeStart[t], and children always come after their parent (in the same tree), the right child
 * right after the left one. `left`/`right` are global node indices, −1 at leaves.
 *
 * Split rule at node i (feature f = feature[i], value x):
 * - numeric: x ≤ threshold[i] goes left; a missing x (NaN) goes left iff flags & FLAG_MISSING_LEFT.
 * - categorical (flags & FLAG_CATEGORICAL): x is a category code; its bin is codeToBin[codeStart[f] + x];
 *   the bin goes left iff its bit is set in the 8-word set catSets[8·threshold[i] …]. Missing values,
 *   and codes never seen in training, follow FLAG_MISSING_LEFT.
 *
 * Outputs (`combine`):
 * - 'mean': the average of the trees' leaf values (decision tree: one tree; random forest) — `width`
 *   class probabilities, or 1 regression value.
 * - 'sum': gradient boosting; tree t adds its leaf value (width 1) to raw output t mod `outputs`,
 *   starting from `base`; then 'identity' (regression), 'logistic' (two classes: [1−σ(raw), σ(raw)]) or
 *   'softmax'. `classMap` lists the classes the outputs stand for (classes absent from training get 0).
 */
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from './tree-store.js';
import { categoricalLeft, FEATURE_SHIFT, isLeaf, packed, step, treeLeaves, walkRow } from './node-walk.js';
import { canShare, isShared, toShared } from './shared-arrays.js';

export type Combine =
  | { readonly kind: 'mean' }
  | {
      readonly kind: 'sum';
      readonly link: 'identity' | 'logistic' | 'softmax';
      /** Raw outputs per row (1, or the number of classes for softmax). */
      readonly outputs: number;
      readonly base: Float64Array;
      /** Classification: the class code of each probability column of the link's output. */
      readonly classMap: Int32Array;
    };

export interface TreeEnsemble {
  readonly cols: number;
  /** Values per node. */
  readonly width: number;
  readonly trees: number;
  readonly treeStart: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly flags: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Training weight reaching each node (class-weighted rows, rows, or Σ hessian for boosting). */
  readonly cover: Float64Array;
  readonly value: Float64Array;
  readonly catSets: Uint32Array;
  readonly codeToBin: Int32Array;
  readonly codeStart: Int32Array;
  readonly combine: Combine;
}

/** Leaf (node index) of the tree rooted at `root` for the row starting at data[offset]. No allocation. */
export function leafOf(e: TreeEnsemble, root: number, data: Float64Array, offset: number): number {
  return walkRow(e, packed(e), 4 * root, data, offset) >> 2;
}

/**
 * Predicts the row at data[offset…] into out[outOffset…] (probabilities or a value). `raw` is scratch of
 * length ≥ combine.outputs (boosting). No allocation: this is the single-row path.
 */
export function predictRowInto(
  e: TreeEnsemble,
  data: Float64Array,
  offset: number,
  out: Float64Array,
  outOffset: number,
  raw: Float64Array,
  classes: number,
): void {
  const c = e.combine;
  const p = packed(e);
  const value = e.value;
  if (c.kind === 'mean') {
    const w = e.width;
    for (let k = 0; k < w; k++) out[outOffset + k] = 0;
    for (let t = 0; t < e.trees; t++) {
      const leaf = (walkRow(e, p, 4 * e.treeStart[t], data, offset) >> 2) * w;
      for (let k = 0; k < w; k++) out[outOffset + k] += value[leaf + k];
    }
    if (e.trees > 1) for (let k = 0; k < w; k++) out[outOffset + k] /= e.trees;
    return;
  }
  const K = c.outputs;
  for (let k = 0; k < K; k++) raw[k] = c.base[k];
  for (let t = 0; t < e.trees; t++) raw[t % K] += value[walkRow(e, p, 4 * e.treeStart[t], data, offset) >> 2];
  applyLink(c, raw, 0, out, outOffset, classes);
}

/** Boosting's link: raw outputs raw[at …] to probabilities (or the value) in out[outOffset …]. */
export function applyLink(
  c: Extract<Combine, { kind: 'sum' }>,
  raw: Float64Array,
  at: number,
  out: Float64Array,
  outOffset: number,
  classes: number,
): void {
  if (c.link === 'identity') {
    out[outOffset] = raw[at];
    return;
  }
  for (let k = 0; k < classes; k++) out[outOffset + k] = 0;
  if (c.link === 'logistic') {
    const p = 1 / (1 + Math.exp(-raw[at]));
    out[outOffset + c.classMap[0]] = 1 - p;
    out[outOffset + c.classMap[1]] = p;
    return;
  }
  const K = c.outputs;
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (raw[at + k] > max) max = raw[at + k];
  let sum = 0;
  for (let k = 0; k < K; k++) sum += Math.exp(raw[at + k] - max);
  for (let k = 0; k < K; k++) out[outOffset + c.classMap[k]] = Math.exp(raw[at + k] - max) / sum;
}

/**
 * Batch prediction, rows × outputWidth. Tree by tree over all rows (one tree's nodes stay in cache; node-walk.ts walks
 * eight rows at once); per row the trees are summed in the same order as predictRowInto, so both give identical bits.
 */
export function predictBatch(e: TreeEnsemble, data: Float64Array, rows: number, classes: number): Float64Array {
  const c = e.combine;
  const value = e.value;
  const leaves = new Int32Array(rows);
  if (c.kind === 'mean') {
    const w = e.width;
    const out = new Float64Array(rows * w);
    for (let t = 0; t < e.trees; t++) {
      treeLeaves(e, e.treeStart[t], data, rows, leaves);
      if (w === 1) for (let i = 0; i < rows; i++) out[i] += value[leaves[i]];
      else
        for (let i = 0; i < rows; i++) {
          const leaf = leaves[i] * w;
          for (let k = 0; k < w; k++) out[i * w + k] += value[leaf + k];
        }
    }
    if (e.trees > 1) for (let i = 0; i < out.length; i++) out[i] /= e.trees;
    return out;
  }
  const K = c.outputs;
  const raw = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) raw[i * K + k] = c.base[k];
  for (let t = 0; t < e.trees; t++) {
    treeLeaves(e, e.treeStart[t], data, rows, leaves);
    const k = t % K;
    for (let i = 0; i < rows; i++) raw[i * K + k] += value[leaves[i]];
  }
  const width = c.link === 'identity' ? 1 : classes;
  const out = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) applyLink(c, raw, i * K, out, i * width, classes);
  return out;
}

/** Record offset of the leaf reached by row i of column-major input (columns[f][i]) from record offset `a`. */
function walkColumns(
  e: TreeEnsemble,
  p: ReturnType<typeof packed>,
  a: number,
  columns: readonly ArrayLike<number>[],
  i: number,
): number {
  while (!isLeaf(p, a)) a = step(e, p, a, columns[p.I[a + 1] >> FEATURE_SHIFT][i]);
  return a;
}

/**
 * Batch prediction over columns — columns[f][i] is feature f of row i (e.g. the typed arrays of a columnar
 * table), no row-major copy needed. Same outputs, bit for bit, as predictBatch on the same values.
 */
export function predictColumns(
  e: TreeEnsemble,
  columns: readonly ArrayLike<number>[],
  rows: number,
  classes: number,
): Float64Array {
  const c = e.combine;
  const p = packed(e);
  const value = e.value;
  if (c.kind === 'mean') {
    const w = e.width;
    const out = new Float64Array(rows * w);
    for (let t = 0; t < e.trees; t++) {
      const root = 4 * e.treeStart[t];
      for (let i = 0; i < rows; i++) {
        const leaf = (walkColumns(e, p, root, columns, i) >> 2) * w;
        for (let k = 0; k < w; k++) out[i * w + k] += value[leaf + k];
      }
    }
    if (e.trees > 1) for (let i = 0; i < out.length; i++) out[i] /= e.trees;
    return out;
  }
  const K = c.outputs;
  const raw = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) raw[i * K + k] = c.base[k];
  for (let t = 0; t < e.trees; t++) {
    const root = 4 * e.treeStart[t];
    const k = t % K;
    for (let i = 0; i < rows; i++) raw[i * K + k] += value[walkColumns(e, p, root, columns, i) >> 2];
  }
  const width = c.link === 'identity' ? 1 : classes;
  const out = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) applyLink(c, raw, i * K, out, i * width, classes);
  return out;
}

/**
 * Whether the split at internal node `node` sends feature value x left — the same rule as prediction's
 * walk, one node at a time (explanations: TreeSHAP, decision paths, what-if).
 */
export function goesLeft(e: TreeEnsemble, node: number, x: number): boolean {
  const fl = e.flags[node];
  const missingLeft = (fl & FLAG_MISSING_LEFT) !== 0;
  if ((fl & FLAG_CATEGORICAL) !== 0) return categoricalLeft(e, e.threshold[node], e.feature[node], x, missingLeft);
  if (Number.isNaN(x)) return missingLeft;
  return x <= e.threshold[node];
}

export function nodeCount(e: TreeEnsemble): number {
  return e.treeStart[e.trees];
}

/** Category codes sent left by a categorical split node (for display and explanations). */
export function leftCodes(e: TreeEnsemble, node: number): number[] {
  const f = e.feature[node];
  const out: number[] = [];
  if ((e.flags[node] & FLAG_CATEGORICAL) === 0) return out;
  const from = e.codeStart[f];
  for (let code = 0; code < e.codeStart[f + 1] - from; code++) {
    const bin = e.codeToBin[from + code];
    if (bin >= 0 && (e.catSets[8 * e.threshold[node] + (bin >>> 5)] & (1 << (bin & 31))) !== 0) out.push(code);
  }
  return out;
}

const sharedCopies = new WeakMap<TreeEnsemble, TreeEnsemble>();

/**
 * The ensemble with every array in shared memory (shared-arrays.ts), to post to worker threads without a copy: itself
 * when it already is (every fitted ensemble: raw-tree.ts's assemble allocates there), else a copy made once per
 * ensemble (e.g. a model read from a file).
 */
export function shareEnsemble(e: TreeEnsemble): TreeEnsemble {
  const arrays = [e.treeStart, e.feature, e.threshold, e.flags, e.left, e.right, e.cover, e.value, e.catSets];
  if (!canShare || [...arrays, e.codeToBin, e.codeStart].every((a) => isShared(a))) return e;
  let copy = sharedCopies.get(e);
  if (!copy) {
    copy = {
      ...e,
      treeStart: toShared(e.treeStart),
      feature: toShared(e.feature),
      threshold: toShared(e.threshold),
      flags: toShared(e.flags),
      left: toShared(e.left),
      right: toShared(e.right),
      cover: toShared(e.cover),
      value: toShared(e.value),
      catSets: toShared(e.catSets),
      codeToBin: toShared(e.codeToBin),
      codeStart: toShared(e.codeStart),
    };
    sharedCopies.set(e, copy);
  }
  return copy;
}
