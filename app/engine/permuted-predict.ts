/**
 * Prediction for permutation importance that re-walks only what a shuffled column can change (issue 14).
 *
 * A row's leaf in a tree depends only on the features split on along its path. So the baseline pass records,
 * per tree and row, the leaf and a bit mask of the columns on that path (column c sets bit c mod 32 — with
 * more than 32 columns the mask over-approximates, which only costs a re-walk, never a wrong leaf). When
 * columns are shuffled, a (tree, row) pair is walked again only if its path touches one of them; every
 * other leaf is reused. Outputs are then combined exactly as ensemble.ts's predictBatch does — the same
 * additions in the same order — so the numbers are bit-identical to predicting the shuffled matrix afresh.
 *
 * A re-walk starts at the first node of the path that splits on a shuffled column: the nodes above it read
 * only unchanged columns, so every shuffle of the same columns reaches it. Permutation importance shuffles
 * each column several times in a row (repeats), so those start nodes are found once per column set.
 *
 * One shuffled numeric column: the path, and so the leaf, stays the same exactly when the new value goes the
 * way the old one went at each of the path's nodes on that column — when it lies in the interval (lo, hi] those
 * nodes' thresholds leave (a fully grown forest at 100k rows: 61% of the re-walks ended in the old leaf). The
 * interval is found once per column (walking up from the leaf), kept as float32 bounds rounded inwards (a value
 * inside them is inside the exact interval; one outside is simply walked), and a pair whose new value lies inside
 * it is not walked at all.
 */
import { applyLink, goesLeft, type TreeEnsemble } from './ensemble.js';
import { FEATURE_SHIFT, packed, treeLeavesFrom, walkRow, walkUntil, type Packed } from './node-walk.js';
import { FLAG_CATEGORICAL } from './tree-store.js';

export class PermutedPredictor {
  private readonly leaves: Int32Array;
  private readonly masks: Int32Array;
  /** Per (tree, row), for the column set `startsFor`: where its re-walk starts, −1 if its leaf cannot change. */
  private readonly starts: Int32Array;
  private startsFor = '';
  /** Per (tree, row): the new values of column `intervalColumn` that keep the baseline path, (lo, hi]. */
  private readonly lo: Float32Array;
  private readonly hi: Float32Array;
  /** The one shuffled column `lo`/`hi` are for; −1: none (several columns, or a categorical one). */
  private intervalColumn = -1;
  /** Each node's parent (−1 at roots): the interval is read walking up from the leaf. */
  private readonly parent: Int32Array;
  /** 1 for a column some node splits on categorically (no interval: its rule is a set, not a threshold). */
  private readonly categoricalColumn: Uint8Array;
  /**
   * Without categorical splits the re-walks of a tree go eight at a time (node-walk.ts treeLeavesFrom); with them,
   * one by one — a categorical node sends a whole group of eight through the slow per-lane step (measured slower
   * on credit_data, 4 of 13 columns categorical).
   */
  private readonly lanes: boolean;
  /** The current tree's leaf per row, and its re-walks: start node, row offset in `data`, row index, leaf. */
  private readonly treeLeaf: Int32Array;
  private readonly walkStarts: Int32Array;
  private readonly walkOffsets: Int32Array;
  private readonly walkRows: Int32Array;
  private readonly walkLeaves: Int32Array;

  /** `data`: the unshuffled rows (rows × e.cols, row-major). */
  constructor(
    private readonly e: TreeEnsemble,
    data: Float64Array,
    private readonly rows: number,
    private readonly classes: number,
  ) {
    const n = e.trees * rows;
    this.leaves = new Int32Array(n);
    this.masks = new Int32Array(n);
    this.starts = new Int32Array(n);
    this.lo = new Float32Array(n);
    this.hi = new Float32Array(n);
    for (let t = 0; t < e.trees; t++) {
      const root = e.treeStart[t];
      for (let i = 0; i < rows; i++) {
        let node = root;
        let mask = 0;
        while (e.left[node] >= 0) {
          const f = e.feature[node];
          mask |= 1 << (f & 31);
          node = goesLeft(e, node, data[i * e.cols + f]) ? e.left[node] : e.right[node];
        }
        this.leaves[t * rows + i] = node;
        this.masks[t * rows + i] = mask;
      }
    }
    const nodes = e.feature.length;
    this.parent = new Int32Array(nodes).fill(-1);
    this.categoricalColumn = new Uint8Array(e.cols);
    for (let v = 0; v < nodes; v++) {
      if (e.left[v] < 0) continue;
      this.parent[e.left[v]] = v;
      this.parent[e.right[v]] = v;
      if ((e.flags[v] & FLAG_CATEGORICAL) !== 0) this.categoricalColumn[e.feature[v]] = 1;
    }
    this.lanes = !this.categoricalColumn.includes(1);
    this.treeLeaf = new Int32Array(rows);
    const size = this.lanes ? rows : 0;
    this.walkStarts = new Int32Array(size);
    this.walkOffsets = new Int32Array(size);
    this.walkRows = new Int32Array(size);
    this.walkLeaves = new Int32Array(size);
  }

  /**
   * predictBatch's output for `data` — the baseline rows with only the matrix columns `changed` altered.
   * Rows × classes probabilities, or one value per row.
   */
  predict(data: Float64Array, changed: readonly number[]): Float64Array {
    const { e, rows, leaves, starts, lo, hi, treeLeaf } = this;
    const key = changed.join(',');
    if (key !== this.startsFor) {
      this.findStarts(data, changed);
      this.startsFor = key;
    }
    const cols = e.cols;
    const c = this.intervalColumn;
    const p = packed(e); // once per call (leafOf looks it up per walk)
    const sum = this.begin();
    for (let t = 0; t < e.trees; t++) {
      const from = t * rows;
      let n = 0;
      for (let i = 0; i < rows; i++) {
        const start = starts[from + i];
        if (start < 0) {
          treeLeaf[i] = leaves[from + i];
          continue;
        }
        if (c >= 0) {
          const x = data[i * cols + c];
          if (x > lo[from + i] && x <= hi[from + i]) {
            treeLeaf[i] = leaves[from + i];
            continue;
          }
        }
        if (!this.lanes) treeLeaf[i] = walkRow(e, p, 4 * start, data, i * cols) >> 2;
        else {
          this.walkStarts[n] = start;
          this.walkOffsets[n] = i * cols;
          this.walkRows[n++] = i;
        }
      }
      if (n > 0) {
        treeLeavesFrom(e, this.walkStarts, this.walkOffsets, n, data, this.walkLeaves);
        for (let k = 0; k < n; k++) treeLeaf[this.walkRows[k]] = this.walkLeaves[k];
      }
      this.addTree(sum, t);
    }
    return this.finish(sum);
  }

  /**
   * `starts` for the columns `changed`: the first node on each path that splits on one of them (−1: none); for one
   * numeric column also each path's interval of it (`lo`, `hi`).
   */
  private findStarts(data: Float64Array, changed: readonly number[]): void {
    const { e, rows, masks, starts, leaves } = this;
    const isChanged = new Uint8Array(e.cols);
    let bits = 0;
    for (const c of changed) {
      bits |= 1 << (c & 31);
      isChanged[c] = 1;
    }
    const c = changed.length === 1 && this.categoricalColumn[changed[0]] === 0 ? changed[0] : -1;
    const p = packed(e);
    for (let t = 0; t < e.trees; t++) {
      const root = 4 * e.treeStart[t];
      const from = t * rows;
      for (let i = 0; i < rows; i++) {
        if ((masks[from + i] & bits) === 0) {
          starts[from + i] = -1;
          continue;
        }
        // Only unchanged columns above the start: the walk is the baseline's, whatever the shuffle.
        const a = walkUntil(e, p, root, data, i * e.cols, isChanged);
        // A mask that over-approximates (over 32 columns) can lead to the baseline leaf: nothing to re-walk.
        const start = p.I[a] !== a ? a >> 2 : -1;
        starts[from + i] = start;
        if (c >= 0 && start >= 0) this.interval(p, from + i, leaves[from + i], start, c);
      }
    }
    this.intervalColumn = c;
  }

  /** lo/hi of pair k: the thresholds on column c between its leaf and `start` (its first node on c), rounded in. */
  private interval(p: Packed, k: number, leaf: number, start: number, c: number): void {
    const { I, F } = p;
    const parent = this.parent;
    let lo = -Infinity;
    let hi = Infinity;
    let child = leaf;
    for (let v = parent[leaf]; ; v = parent[v]) {
      if (I[4 * v + 1] >> FEATURE_SHIFT === c) {
        const t = F[2 * v + 1];
        // x ≤ t went left, x > t right (a NaN that went either way: a numeric value must still pass the test).
        if (I[4 * v] === 4 * child) hi = Math.min(hi, t);
        else lo = Math.max(lo, t);
      }
      if (v === start) break;
      child = v;
    }
    this.lo[k] = up32(lo);
    this.hi[k] = down32(hi);
  }

  // ---------- combining leaves into outputs, tree by tree, in predictBatch's order ----------

  private begin(): Float64Array {
    const { e, rows } = this;
    const c = e.combine;
    if (c.kind === 'mean') return new Float64Array(rows * e.width);
    const K = c.outputs;
    const raw = new Float64Array(rows * K);
    for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) raw[i * K + k] = c.base[k];
    return raw;
  }

  /** Adds tree t's leaves (`treeLeaf`) to the running sums. */
  private addTree(sum: Float64Array, t: number): void {
    const { e, rows, treeLeaf } = this;
    const c = e.combine;
    const value = e.value;
    if (c.kind === 'mean') {
      const w = e.width;
      for (let i = 0; i < rows; i++) {
        const leaf = treeLeaf[i] * w;
        for (let k = 0; k < w; k++) sum[i * w + k] += value[leaf + k];
      }
      return;
    }
    const K = c.outputs;
    const k = t % K;
    for (let i = 0; i < rows; i++) sum[i * K + k] += value[treeLeaf[i]];
  }

  private finish(sum: Float64Array): Float64Array {
    const { e, rows, classes } = this;
    const c = e.combine;
    if (c.kind === 'mean') {
      if (e.trees > 1) for (let i = 0; i < sum.length; i++) sum[i] /= e.trees;
      return sum;
    }
    const width = c.link === 'identity' ? 1 : classes;
    const out = new Float64Array(rows * width);
    for (let i = 0; i < rows; i++) applyLink(c, sum, i * c.outputs, out, i * width, classes);
    return out;
  }
}

// float32 bounds rounded inwards: lo up, hi down (Math.fround rounds to nearest, either way).
const F32 = new Float32Array(1);
const BITS = new Uint32Array(F32.buffer);

/** The smallest float32 ≥ x. */
export function up32(x: number): number {
  F32[0] = x;
  const f = F32[0];
  if (f >= x) return f;
  if (f === 0)
    BITS[0] = 1; // the smallest positive subnormal (x is a tiny positive number)
  else BITS[0] += f > 0 ? 1 : -1;
  return F32[0];
}

/** The largest float32 ≤ x. */
export function down32(x: number): number {
  F32[0] = x;
  const f = F32[0];
  if (f <= x) return f;
  if (f === 0)
    BITS[0] = 0x80000001; // the negative subnormal nearest zero (x is a tiny negative number)
  else BITS[0] += f > 0 ? -1 : 1;
  return F32[0];
}
