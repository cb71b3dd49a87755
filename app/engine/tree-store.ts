/**
 * The nodes of one tree while it grows: the one node store of the engine's two growers (grow.ts TreeGrower
 * for trees and forests, boost.ts Booster for boosting). Structure of arrays in creation order (children
 * after their parent), grown by doubling and reused from tree to tree; `snapshot` copies the live part out
 * as a GrownTree.
 *
 * Per node: the split (feature, bin or category-set index, flags, children), its statistics (cover, count,
 * impurity, gain, `width` values), its depth, its range of the grower's row array (trees only), and the
 * criterion's channel totals (`channels` per node, plus Σw·y² for regression) from which the grower derives
 * the statistics of the children. The growers read and write the arrays directly (they are the hot path's
 * bookkeeping); the store owns their allocation and the parts every grower does the same way.
 */
import type { SplitResult } from './split.js';

export const FLAG_MISSING_LEFT = 1;
export const FLAG_CATEGORICAL = 2;

/** A tree in bin space, nodes in creation order (children after their parent). */
export interface GrownTree {
  readonly nodes: number;
  /** Split feature, −1 at leaves. */
  readonly feature: Int32Array;
  /** Numeric split: last bin going left. Categorical split: index of its 8-word bin set in `catSets`. */
  readonly bin: Int32Array;
  readonly flags: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Weighted rows (class: class-weighted count; reg: rows; grad: Σ hessian). */
  readonly cover: Float64Array;
  /** Rows, bootstrap multiplicities included. */
  readonly count: Float64Array;
  /** Impurity per unit weight (gini/entropy, variance; 0 for boosting). */
  readonly impurity: Float64Array;
  /** Split nodes: weighted impurity decrease (boosting: gain); 0 at leaves. */
  readonly gain: Float64Array;
  /** `width` values per node: class fractions, mean, or −G/(H+λ). */
  readonly value: Float64Array;
  readonly width: number;
  readonly catSets: Uint32Array;
  readonly depth: Int32Array;
  /** Each node's range of `rows` after growth (leaves: exactly their rows); zeros for boosting. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** True if the leaf limit stopped growth while splits were still possible. */
  readonly capped: boolean;
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a.subarray(0, Math.min(a.length, size)) as never);
  return b;
}

export class TreeStore {
  /** Nodes in use. */
  n = 0;
  private cap = 0;
  feature = new Int32Array(0);
  bin = new Int32Array(0);
  flags = new Uint8Array(0);
  left = new Int32Array(0);
  right = new Int32Array(0);
  cover = new Float64Array(0);
  count = new Float64Array(0);
  impurity = new Float64Array(0);
  gain = new Float64Array(0);
  value = new Float64Array(0);
  depth = new Int32Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  /** `channels` criterion totals per node. */
  totals = new Float64Array(0);
  /** Regression: Σ w·y² per node (the variance's second moment). */
  sq = new Float64Array(0);
  private catSets: number[] = [];

  constructor(
    /** Values per node (classes, or 1). */
    readonly width: number,
    /** Criterion channels per node (class counts; n and Σy; Σg, Σh and maybe n). */
    readonly channels: number,
  ) {}

  /** Empties the store for the next tree (the arrays are kept). */
  reset(): void {
    this.n = 0;
    this.catSets = [];
  }

  /** A new leaf at `depth` owning rows [start, end) of the grower's row array; returns its id. */
  add(depth: number, start = 0, end = 0): number {
    if (this.n >= this.cap) this.ensure(this.n + 1);
    const id = this.n++;
    this.feature[id] = -1;
    this.bin[id] = 0;
    this.flags[id] = 0;
    this.left[id] = -1;
    this.right[id] = -1;
    this.gain[id] = 0;
    this.depth[id] = depth;
    this.start[id] = start;
    this.end[id] = end;
    return id;
  }

  private ensure(capacity: number): void {
    const cap = Math.max(64, capacity, this.cap * 2);
    this.feature = grown(this.feature, cap);
    this.bin = grown(this.bin, cap);
    this.flags = grown(this.flags, cap);
    this.left = grown(this.left, cap);
    this.right = grown(this.right, cap);
    this.cover = grown(this.cover, cap);
    this.count = grown(this.count, cap);
    this.impurity = grown(this.impurity, cap);
    this.gain = grown(this.gain, cap);
    this.value = grown(this.value, cap * this.width);
    this.depth = grown(this.depth, cap);
    this.start = grown(this.start, cap);
    this.end = grown(this.end, cap);
    this.totals = grown(this.totals, cap * this.channels);
    this.sq = grown(this.sq, cap);
    this.cap = cap;
  }

  /**
   * Makes node `id` a split with children l and r: its feature, flags, bin (or category set), gain (rounding
   * noise below 0 becomes exactly 0) and the children's channel totals (left from the split, right = parent − left).
   */
  split(id: number, split: SplitResult, l: number, r: number): void {
    this.feature[id] = split.feature;
    this.left[id] = l;
    this.right[id] = r;
    this.flags[id] = (split.missingLeft ? FLAG_MISSING_LEFT : 0) | (split.categorical ? FLAG_CATEGORICAL : 0);
    if (split.categorical) {
      this.bin[id] = this.catSets.length / 8;
      for (let w = 0; w < 8; w++) this.catSets.push(split.catSet[w]);
    } else {
      this.bin[id] = split.bin;
    }
    const C = this.channels;
    const t = this.totals;
    for (let c = 0; c < C; c++) {
      t[l * C + c] = split.left[c];
      t[r * C + c] = t[id * C + c] - split.left[c];
    }
    const gain = split.gain;
    this.gain[id] = gain > 0 ? gain : 0;
  }

  /** A copy of the grown tree. */
  snapshot(capped: boolean): GrownTree {
    const n = this.n;
    return {
      nodes: n,
      feature: this.feature.slice(0, n),
      bin: this.bin.slice(0, n),
      flags: this.flags.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      cover: this.cover.slice(0, n),
      count: this.count.slice(0, n),
      impurity: this.impurity.slice(0, n),
      gain: this.gain.slice(0, n),
      value: this.value.slice(0, n * this.width),
      width: this.width,
      catSets: Uint32Array.from(this.catSets),
      depth: this.depth.slice(0, n),
      start: this.start.slice(0, n),
      end: this.end.slice(0, n),
      capped,
    };
  }
}
