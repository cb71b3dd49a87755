/**
 * How prediction walks a tree ensemble's nodes (ensemble.ts has the ensemble and its outputs).
 *
 * The walk reads a packed copy of the nodes, one 16-byte record per node in one buffer, so a step touches a quarter
 * of a cache line instead of five arrays (prediction over a large forest is bound by memory latency):
 * - I[4i]: the left child's record offset (4 × node); the right child is always the record after it (trees are built
 *   that way and loading checks it). A leaf holds its own offset: it points to itself.
 * - I[4i+1]: feature · 8 + bits — NAN_RIGHT (a missing value goes right), CATEGORICAL, LEAF.
 * - F[2i+1] (the record's second double): the threshold; +∞ at leaves, so a leaf's step stays where it is.
 *
 * A step is arithmetic, not a branch: next = left + 4 × goesRight, goesRight = (x > threshold) | (x is NaN and
 * NAN_RIGHT). That is ensemble.ts's rule exactly (x ≤ t goes left; NaN goes left iff the node says so; thresholds are
 * never NaN — loading rejects them). A row's walk is a chain of dependent loads with a split test the CPU would
 * mispredict about half the time, so batch prediction (treeLeaves) walks LANES rows through the same tree at once:
 * each loop iteration advances eight independent walks by one node, their loads overlap, and the only unpredictable
 * branch left is the group's end (a lane that has reached its leaf stays there until the others arrive). Measured
 * here: 2× the rows/s of a walk per row (docs/benchmark.md, "Batch prediction"). Categorical splits take the general
 * rule (categoricalLeft), lane by lane.
 */
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from './tree-store.js';
import { sharedBuffer } from './shared-arrays.js';

/** What the walk reads of a tree ensemble (ensemble.ts's TreeEnsemble has all of it). */
export interface WalkNodes {
  readonly cols: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly flags: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly catSets: Uint32Array;
  readonly codeToBin: Int32Array;
  readonly codeStart: Int32Array;
}

export const NAN_RIGHT = 1;
const CATEGORICAL = 2;
const LEAF = 4;
/** I[4i+1] >> FEATURE_SHIFT is the node's feature. */
export const FEATURE_SHIFT = 3;

/** The packed records (I and F view the same buffer). */
export interface Packed {
  readonly I: Int32Array;
  readonly F: Float64Array;
}

const packedCache = new WeakMap<WalkNodes, Packed>();

/** The packed records of an ensemble, built once per ensemble object. */
export function packed(e: WalkNodes): Packed {
  let p = packedCache.get(e);
  if (!p) {
    p = pack(e);
    packedCache.set(e, p);
  }
  return p;
}

/**
 * Records received from another thread together with the ensemble they were packed from (app/compare/jobs.ts posts
 * both, in shared memory), so this thread walks them instead of packing its own copy.
 */
export function adoptPacked(e: WalkNodes, p: Packed): void {
  const n = e.feature.length;
  if (p.I.length !== 4 * n || p.F.length !== 2 * n)
    throw new Error(`packed nodes: ${p.I.length / 4} records for an ensemble of ${n} nodes`);
  packedCache.set(e, p);
}

function pack(e: WalkNodes): Packed {
  const n = e.feature.length;
  // Shared memory: a permutation job on a worker thread walks these very records (adoptPacked).
  const buffer = sharedBuffer(16 * n);
  const I = new Int32Array(buffer);
  const F = new Float64Array(buffer);
  for (let i = 0; i < n; i++) {
    const l = e.left[i];
    if (l < 0) {
      I[4 * i] = 4 * i;
      I[4 * i + 1] = LEAF;
      F[2 * i + 1] = Infinity;
      continue;
    }
    if (e.right[i] !== l + 1) throw new Error(`tree ensemble: node ${i}'s children are not adjacent`);
    if (Number.isNaN(e.threshold[i])) throw new Error(`tree ensemble: node ${i} has a NaN threshold`);
    const fl = e.flags[i];
    I[4 * i] = 4 * l;
    I[4 * i + 1] =
      (e.feature[i] << FEATURE_SHIFT) |
      ((fl & FLAG_MISSING_LEFT) === 0 ? NAN_RIGHT : 0) |
      ((fl & FLAG_CATEGORICAL) !== 0 ? CATEGORICAL : 0);
    F[2 * i + 1] = e.threshold[i];
  }
  return { I, F };
}

/**
 * Whether category code x goes left at a split on feature f whose category set is number `set`: its bin's bit in the
 * 8-word set; missing values and codes never seen in training follow `missingLeft`.
 */
export function categoricalLeft(e: WalkNodes, set: number, f: number, x: number, missingLeft: boolean): boolean {
  const from = e.codeStart[f];
  const size = e.codeStart[f + 1] - from;
  if (!(x >= 0 && x < size) || Math.floor(x) !== x) return missingLeft;
  const bin = e.codeToBin[from + x];
  if (bin < 0) return missingLeft;
  return (e.catSets[8 * set + (bin >>> 5)] & (1 << (bin & 31))) !== 0;
}

/** One step from record offset `a` for feature value x (a leaf stays where it is). */
export function step(e: WalkNodes, p: Packed, a: number, x: number): number {
  const ff = p.I[a + 1];
  if ((ff & CATEGORICAL) !== 0)
    return categoricalLeft(e, p.F[(a >> 1) + 1], ff >> FEATURE_SHIFT, x, (ff & NAN_RIGHT) === 0) ? p.I[a] : p.I[a] + 4;
  // Unary + turns the comparisons into 0/1 without a branch.
  return p.I[a] + ((+(x > p.F[(a >> 1) + 1]) | (+(x !== x) & ff)) << 2);
}

/** Whether record offset `a` is a leaf. */
export function isLeaf(p: Packed, a: number): boolean {
  return (p.I[a + 1] & LEAF) !== 0;
}

/**
 * Record offset of the leaf that the row at data[offset …] reaches from record offset `a`. No allocation. One walk
 * alone branches on the split (the CPU's guess runs ahead of the loads): measured ~10% faster per row than the
 * arithmetic step, which pays off only when several walks interleave.
 */
export function walkRow(e: WalkNodes, p: Packed, a: number, data: Float64Array, offset: number): number {
  const { I, F } = p;
  let l = I[a];
  while (l !== a) {
    const ff = I[a + 1];
    const x = data[offset + (ff >> FEATURE_SHIFT)];
    if ((ff & CATEGORICAL) !== 0) a = step(e, p, a, x);
    else a = x > F[(a >> 1) + 1] || (x !== x && (ff & NAN_RIGHT) !== 0) ? l + 4 : l;
    l = I[a];
  }
  return a;
}

/**
 * walkRow, stopping early at the first node that splits on a column with stop[column] = 1: the record offset of that
 * node, or of the leaf when the path has none (permutation importance's re-walks start there).
 */
export function walkUntil(
  e: WalkNodes,
  p: Packed,
  a: number,
  data: Float64Array,
  offset: number,
  stop: Uint8Array,
): number {
  const { I, F } = p;
  let l = I[a];
  while (l !== a) {
    const ff = I[a + 1];
    const f = ff >> FEATURE_SHIFT;
    if (stop[f] === 1) return a;
    const x = data[offset + f];
    if ((ff & CATEGORICAL) !== 0) a = step(e, p, a, x);
    else a = x > F[(a >> 1) + 1] || (x !== x && (ff & NAN_RIGHT) !== 0) ? l + 4 : l;
    l = I[a];
  }
  return a;
}

/**
 * The leaf (node index) that each of `rows` rows (row-major, e.cols values each) reaches in the tree rooted at node
 * `root`, into leaves[0 … rows). Eight rows at a time (see the file comment); the same leaves as walkRow.
 */
export function treeLeaves(e: WalkNodes, root: number, data: Float64Array, rows: number, leaves: Int32Array): void {
  walkLanes(e, root, null, null, rows, data, leaves);
}

/**
 * Walk k of n starts at node starts[k] (any node of any tree) with the row at data[rowOffsets[k] …] and ends at the
 * leaf leaves[k] — e.g. permutation importance re-walking only the part of a path below a shuffled column. Eight walks
 * at a time, as treeLeaves.
 */
export function treeLeavesFrom(
  e: WalkNodes,
  starts: Int32Array,
  rowOffsets: Int32Array,
  n: number,
  data: Float64Array,
  leaves: Int32Array,
): void {
  walkLanes(e, 0, starts, rowOffsets, n, data, leaves);
}

/** The eight-lane walk: from node starts[k] (or `root`) with the row at data[rowOffsets[k]] (or row k). */
function walkLanes(
  e: WalkNodes,
  root: number,
  starts: Int32Array | null,
  rowOffsets: Int32Array | null,
  rows: number,
  data: Float64Array,
  leaves: Int32Array,
): void {
  const p = packed(e);
  const { I, F } = p;
  const cols = e.cols;
  const start = 4 * root;
  let i = 0;
  for (; i + 8 <= rows; i += 8) {
    const o0 = rowOffsets === null ? i * cols : rowOffsets[i];
    const o1 = rowOffsets === null ? o0 + cols : rowOffsets[i + 1];
    const o2 = rowOffsets === null ? o1 + cols : rowOffsets[i + 2];
    const o3 = rowOffsets === null ? o2 + cols : rowOffsets[i + 3];
    const o4 = rowOffsets === null ? o3 + cols : rowOffsets[i + 4];
    const o5 = rowOffsets === null ? o4 + cols : rowOffsets[i + 5];
    const o6 = rowOffsets === null ? o5 + cols : rowOffsets[i + 6];
    const o7 = rowOffsets === null ? o6 + cols : rowOffsets[i + 7];
    let a0 = starts === null ? start : 4 * starts[i];
    let a1 = starts === null ? start : 4 * starts[i + 1];
    let a2 = starts === null ? start : 4 * starts[i + 2];
    let a3 = starts === null ? start : 4 * starts[i + 3];
    let a4 = starts === null ? start : 4 * starts[i + 4];
    let a5 = starts === null ? start : 4 * starts[i + 5];
    let a6 = starts === null ? start : 4 * starts[i + 6];
    let a7 = starts === null ? start : 4 * starts[i + 7];
    for (;;) {
      const f0 = I[a0 + 1];
      const f1 = I[a1 + 1];
      const f2 = I[a2 + 1];
      const f3 = I[a3 + 1];
      const f4 = I[a4 + 1];
      const f5 = I[a5 + 1];
      const f6 = I[a6 + 1];
      const f7 = I[a7 + 1];
      if ((f0 & f1 & f2 & f3 & f4 & f5 & f6 & f7 & LEAF) !== 0) break;
      if (((f0 | f1 | f2 | f3 | f4 | f5 | f6 | f7) & CATEGORICAL) !== 0) {
        a0 = step(e, p, a0, data[o0 + (f0 >> FEATURE_SHIFT)]);
        a1 = step(e, p, a1, data[o1 + (f1 >> FEATURE_SHIFT)]);
        a2 = step(e, p, a2, data[o2 + (f2 >> FEATURE_SHIFT)]);
        a3 = step(e, p, a3, data[o3 + (f3 >> FEATURE_SHIFT)]);
        a4 = step(e, p, a4, data[o4 + (f4 >> FEATURE_SHIFT)]);
        a5 = step(e, p, a5, data[o5 + (f5 >> FEATURE_SHIFT)]);
        a6 = step(e, p, a6, data[o6 + (f6 >> FEATURE_SHIFT)]);
        a7 = step(e, p, a7, data[o7 + (f7 >> FEATURE_SHIFT)]);
        continue;
      }
      const x0 = data[o0 + (f0 >> FEATURE_SHIFT)];
      const x1 = data[o1 + (f1 >> FEATURE_SHIFT)];
      const x2 = data[o2 + (f2 >> FEATURE_SHIFT)];
      const x3 = data[o3 + (f3 >> FEATURE_SHIFT)];
      const x4 = data[o4 + (f4 >> FEATURE_SHIFT)];
      const x5 = data[o5 + (f5 >> FEATURE_SHIFT)];
      const x6 = data[o6 + (f6 >> FEATURE_SHIFT)];
      const x7 = data[o7 + (f7 >> FEATURE_SHIFT)];
      a0 = I[a0] + ((+(x0 > F[(a0 >> 1) + 1]) | (+(x0 !== x0) & f0)) << 2);
      a1 = I[a1] + ((+(x1 > F[(a1 >> 1) + 1]) | (+(x1 !== x1) & f1)) << 2);
      a2 = I[a2] + ((+(x2 > F[(a2 >> 1) + 1]) | (+(x2 !== x2) & f2)) << 2);
      a3 = I[a3] + ((+(x3 > F[(a3 >> 1) + 1]) | (+(x3 !== x3) & f3)) << 2);
      a4 = I[a4] + ((+(x4 > F[(a4 >> 1) + 1]) | (+(x4 !== x4) & f4)) << 2);
      a5 = I[a5] + ((+(x5 > F[(a5 >> 1) + 1]) | (+(x5 !== x5) & f5)) << 2);
      a6 = I[a6] + ((+(x6 > F[(a6 >> 1) + 1]) | (+(x6 !== x6) & f6)) << 2);
      a7 = I[a7] + ((+(x7 > F[(a7 >> 1) + 1]) | (+(x7 !== x7) & f7)) << 2);
    }
    leaves[i] = a0 >> 2;
    leaves[i + 1] = a1 >> 2;
    leaves[i + 2] = a2 >> 2;
    leaves[i + 3] = a3 >> 2;
    leaves[i + 4] = a4 >> 2;
    leaves[i + 5] = a5 >> 2;
    leaves[i + 6] = a6 >> 2;
    leaves[i + 7] = a7 >> 2;
  }
  for (; i < rows; i++)
    leaves[i] =
      walkRow(e, p, starts === null ? start : 4 * starts[i], data, rowOffsets === null ? i * cols : rowOffsets[i]) >> 2;
}
