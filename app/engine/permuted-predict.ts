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
 */
import { applyLink, goesLeft, type TreeEnsemble } from './ensemble.js';
import { packed, walkRow } from './node-walk.js';

export class PermutedPredictor {
  private readonly leaves: Int32Array;
  private readonly masks: Int32Array;
  private readonly current: Int32Array;
  /** Per (tree, row), for the column set `startsFor`: where its re-walk starts, −1 if its leaf cannot change. */
  private readonly starts: Int32Array;
  private startsFor = '';

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
    this.current = new Int32Array(n);
    this.starts = new Int32Array(n);
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
  }

  /**
   * predictBatch's output for `data` — the baseline rows with only the matrix columns `changed` altered.
   * Rows × classes probabilities, or one value per row.
   */
  predict(data: Float64Array, changed: readonly number[]): Float64Array {
    const { e, rows, leaves, current, starts } = this;
    const key = changed.join(',');
    if (key !== this.startsFor) {
      this.findStarts(data, changed);
      this.startsFor = key;
    }
    const p = packed(e); // once per call (leafOf looks it up per walk)
    for (let t = 0; t < e.trees; t++) {
      const from = t * rows;
      for (let i = 0; i < rows; i++) {
        const start = starts[from + i];
        current[from + i] = start < 0 ? leaves[from + i] : walkRow(e, p, 4 * start, data, i * e.cols) >> 2;
      }
    }
    return this.combine();
  }

  /** `starts` for the columns `changed`: the first node on each path that splits on one of them (−1: none). */
  private findStarts(data: Float64Array, changed: readonly number[]): void {
    const { e, rows, masks, starts } = this;
    const isChanged = new Uint8Array(e.cols);
    let bits = 0;
    for (const c of changed) {
      bits |= 1 << (c & 31);
      isChanged[c] = 1;
    }
    for (let t = 0; t < e.trees; t++) {
      const root = e.treeStart[t];
      const from = t * rows;
      for (let i = 0; i < rows; i++) {
        if ((masks[from + i] & bits) === 0) {
          starts[from + i] = -1;
          continue;
        }
        // Only unchanged columns above the start: the walk is the baseline's, whatever the shuffle.
        let node = root;
        while (e.left[node] >= 0 && isChanged[e.feature[node]] === 0)
          node = goesLeft(e, node, data[i * e.cols + e.feature[node]]) ? e.left[node] : e.right[node];
        // A mask that over-approximates (over 32 columns) can lead to the baseline leaf: nothing to re-walk.
        starts[from + i] = e.left[node] >= 0 ? node : -1;
      }
    }
  }

  /** Leaves to outputs in predictBatch's order: tree by tree, then the mean or the link. */
  private combine(): Float64Array {
    const { e, rows, current, classes } = this;
    const c = e.combine;
    const value = e.value;
    if (c.kind === 'mean') {
      const w = e.width;
      const out = new Float64Array(rows * w);
      for (let t = 0; t < e.trees; t++) {
        const from = t * rows;
        for (let i = 0; i < rows; i++) {
          const leaf = current[from + i] * w;
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
      const k = t % K;
      const from = t * rows;
      for (let i = 0; i < rows; i++) raw[i * K + k] += value[current[from + i]];
    }
    const width = c.link === 'identity' ? 1 : classes;
    const out = new Float64Array(rows * width);
    for (let i = 0; i < rows; i++) applyLink(c, raw, i * K, out, i * width, classes);
    return out;
  }
}
