/**
 * One shard of a boosting fit: a fixed, contiguous range of the rows, owned by one thread for the whole
 * fit. The coordinator (boost.ts) grows each tree; shards do the per-row work it asks for — gradients,
 * partial histograms of their rows, partitioning their rows at each split, and adding leaf values to the
 * predictions. With W threads the coordinator runs shard 0 itself and W − 1 helpers run the others
 * (boost-team.ts); with one thread there is just one shard.
 *
 * Why the model does not depend on W: every gradient and hessian is rounded to a power-of-two grid
 * (2^−k, with k chosen so no histogram sum can exceed 2^53 grid steps). Sums of such numbers are exact in
 * floating point, so a histogram summed over any split of the rows, in any order, has the same bits.
 * (The rounding is ~1e−10 relative: far below anything that changes a split.)
 *
 * Rows outside this round's subsample and validation rows (early stopping) stay in the shard with zero
 * weight: they add nothing to histograms but are partitioned with the tree, so their predictions are
 * updated from the leaf they land in — the same leaf a traversal would reach.
 */
import type { BinnedFeatures } from './binning.js';

/**
 * x + ROUND − ROUND rounds x to the nearest integer (ties to even) for |x| < 2^51 — one add and one
 * subtract, where Math.round costs ~15 ns (it was a third of the gradient pass). The grid step keeps
 * every |g|/step and h/step below 2^51.
 */
const ROUND = 6755399441055744; // 1.5 · 2^52

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** How the coordinator and the shards exchange a tree's splits: one 256-entry goLeft table per split. */
export interface ShardSplit {
  readonly node: number;
  readonly feature: number;
  readonly left: number;
  readonly right: number;
  /** goLeft[bin] = 1 if rows in that bin go left (missing bin included). */
  readonly goLeft: Uint8Array;
}

export class BoostShard {
  /** Rows [lo, hi) of the data. */
  readonly lo: number;
  readonly hi: number;
  private readonly m: number;
  private readonly p: number;
  private readonly stride: number;
  private readonly bins: Uint8Array;
  /** The same codes read four at a time (little-endian machines; null elsewhere). */
  private readonly words: Uint32Array | null;
  private readonly offC: Int32Array;
  /** Position → row id; each node owns positions [start[node], end[node]). */
  private readonly ids: Int32Array;
  private readonly scratch: Int32Array;
  /** g, h of local row i (id − lo) at 2i, 2i + 1; `weight` 1 if the row is in this tree's sample. */
  private readonly gh: Float64Array;
  private readonly weight: Uint8Array;
  private start = new Int32Array(64);
  private end = new Int32Array(64);
  private split = new Uint8Array(64);

  constructor(
    private readonly binned: BinnedFeatures,
    lo: number,
    hi: number,
    /** Histogram channels: 3 = [Σg, Σh, n], 2 = [Σg, Σh] (no minimum leaf size). */
    private readonly channels: 2 | 3,
  ) {
    this.lo = lo;
    this.hi = hi;
    this.m = hi - lo;
    this.p = binned.cols;
    this.stride = binned.stride;
    this.bins = binned.bins;
    this.words = LITTLE_ENDIAN
      ? new Uint32Array(binned.bins.buffer, binned.bins.byteOffset, binned.bins.length >> 2)
      : null;
    this.offC = Int32Array.from(binned.offset, (o) => o * channels);
    this.ids = Int32Array.from({ length: this.m }, (_, i) => lo + i);
    this.scratch = new Int32Array(this.m);
    this.gh = new Float64Array(2 * this.m);
    this.weight = new Uint8Array(this.m);
  }

  private ensure(nodes: number): void {
    if (nodes <= this.start.length) return;
    const size = Math.max(nodes, 2 * this.start.length);
    const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a as never);
      return b;
    };
    this.start = grow(this.start);
    this.end = grow(this.end);
    this.split = grow(this.split);
  }

  /**
   * Starts a tree for output k: gradients and hessians at the current predictions, rounded to the grid
   * (gStep, hStep: powers of two), weight 1 for rows in the sample. Writes the root's partial totals
   * [Σg, Σh, n] to totals[at …] and its partial histogram (over `features`) to hist[histAt …].
   */
  begin(
    link: 'identity' | 'logistic' | 'softmax',
    K: number,
    k: number,
    raw: Float64Array,
    y: Float64Array,
    inSample: Uint8Array,
    gStep: number,
    hStep: number,
    features: Int32Array,
    nf: number,
    totals: Float64Array,
    at: number,
    hist: Float64Array,
    histAt: number,
  ): void {
    const gh = this.gh;
    const lo = this.lo;
    const gInv = 1 / gStep;
    const hInv = 1 / hStep;
    let G = 0;
    let H = 0;
    let N = 0;
    // Every tree starts from ascending row order: the previous tree left the rows grouped by its leaves,
    // and gathering bins and gradients in that order would miss the cache at every row.
    const ids = this.ids;
    for (let i = 0; i < this.m; i++) ids[i] = lo + i;
    const weight = this.weight;
    const m = this.m;
    // One loop per loss, so the per-row work has no branches but the sample test.
    if (link === 'identity') {
      for (let i = 0; i < m; i++) {
        const r = lo + i;
        const w = inSample[r];
        weight[i] = w;
        if (w === 0) {
          gh[2 * i] = 0;
          gh[2 * i + 1] = 0;
          continue;
        }
        const g = ((raw[r] - y[r]) * gInv + ROUND - ROUND) * gStep;
        const h = (hInv + ROUND - ROUND) * hStep;
        gh[2 * i] = g;
        gh[2 * i + 1] = h;
        G += g;
        H += h;
        N++;
      }
    } else if (link === 'logistic') {
      for (let i = 0; i < m; i++) {
        const r = lo + i;
        const w = inSample[r];
        weight[i] = w;
        if (w === 0) {
          gh[2 * i] = 0;
          gh[2 * i + 1] = 0;
          continue;
        }
        const p = 1 / (1 + Math.exp(-raw[r]));
        const q = p * (1 - p);
        const g = ((p - y[r]) * gInv + ROUND - ROUND) * gStep;
        const h = ((q > 1e-16 ? q : 1e-16) * hInv + ROUND - ROUND) * hStep;
        gh[2 * i] = g;
        gh[2 * i + 1] = h;
        G += g;
        H += h;
        N++;
      }
    } else {
      for (let i = 0; i < m; i++) {
        const r = lo + i;
        const w = inSample[r];
        weight[i] = w;
        if (w === 0) {
          gh[2 * i] = 0;
          gh[2 * i + 1] = 0;
          continue;
        }
        let max = -Infinity;
        for (let c = 0; c < K; c++) if (raw[r * K + c] > max) max = raw[r * K + c];
        let sum = 0;
        for (let c = 0; c < K; c++) sum += Math.exp(raw[r * K + c] - max);
        const p = Math.exp(raw[r * K + k] - max) / sum;
        const q = p * (1 - p);
        const g = ((p - (y[r] === k ? 1 : 0)) * gInv + ROUND - ROUND) * gStep;
        const h = ((q > 1e-16 ? q : 1e-16) * hInv + ROUND - ROUND) * hStep;
        gh[2 * i] = g;
        gh[2 * i + 1] = h;
        G += g;
        H += h;
        N++;
      }
    }
    totals[at] = G;
    totals[at + 1] = H;
    totals[at + 2] = N;
    this.ensure(1);
    this.start[0] = 0;
    this.end[0] = this.m;
    this.split[0] = 0;
    this.build(0, features, nf, hist, histAt);
  }

  /** Partial histogram of a node's rows over `features`, into hist[at …] (zeroed first). */
  build(node: number, features: Int32Array, nf: number, hist: Float64Array, at: number): void {
    const b = this.binned;
    for (let j = 0; j < nf; j++) {
      const f = features[j];
      hist.fill(0, at + this.offC[f], at + this.offC[f] + (b.count[f] + 1) * this.channels);
    }
    const from = this.start[node];
    const to = this.end[node];
    if (this.channels === 2 && nf === this.p && this.words)
      buildGrad2Words(
        hist,
        at,
        this.words,
        this.bins,
        this.p,
        this.stride,
        this.offC,
        this.ids,
        from,
        to,
        this.gh,
        this.weight,
        this.lo,
      );
    else if (this.channels === 3)
      buildGrad3(
        hist,
        at,
        this.bins,
        this.p,
        this.stride,
        this.offC,
        features,
        nf,
        this.ids,
        from,
        to,
        this.gh,
        this.weight,
        this.lo,
      );
    else
      buildGrad2(
        hist,
        at,
        this.bins,
        this.p,
        this.stride,
        this.offC,
        features,
        nf,
        this.ids,
        from,
        to,
        this.gh,
        this.weight,
        this.lo,
      );
  }

  /** Partitions a node's rows (stably) between its children. */
  apply(s: ShardSplit): void {
    this.ensure(Math.max(s.left, s.right) + 1);
    const ids = this.ids;
    const bins = this.bins;
    const stride = this.stride;
    const f = s.feature;
    const go = s.goLeft;
    const scratch = this.scratch;
    const from = this.start[s.node];
    const to = this.end[s.node];
    let l = from;
    let rc = 0;
    for (let k = from; k < to; k++) {
      const r = ids[k];
      const left = go[bins[r * stride + f]];
      ids[l] = r;
      scratch[rc] = r;
      l += left;
      rc += 1 - left;
    }
    ids.set(scratch.subarray(0, rc), l);
    this.split[s.node] = 1;
    this.start[s.left] = from;
    this.end[s.left] = l;
    this.split[s.left] = 0;
    this.start[s.right] = l;
    this.end[s.right] = to;
    this.split[s.right] = 0;
  }

  /**
   * Adds each leaf's value (nodeValue[node], learning rate included) to output k of its rows: into
   * `raw` directly, or into `delta` when the round has several outputs (softmax: every tree of a round
   * starts from the same predictions). Returns max |raw − y| over the shard after the update (identity
   * link; it bounds the next round's gradients), else 0.
   */
  finish(
    nodes: number,
    nodeValue: Float64Array,
    K: number,
    k: number,
    target: Float64Array,
    y: Float64Array | null,
  ): number {
    const ids = this.ids;
    for (let node = 0; node < nodes; node++) {
      if (this.split[node] === 1) continue;
      const v = nodeValue[node];
      for (let j = this.start[node]; j < this.end[node]; j++) target[ids[j] * K + k] += v;
    }
    if (!y) return 0;
    let max = 0;
    for (let r = this.lo; r < this.hi; r++) {
      const d = Math.abs(target[r] - y[r]);
      if (d > max) max = d;
    }
    return max;
  }
}

/** Histogram kernels, one per channel count (kept separate so each stays monomorphic and tight). */
function buildGrad3(
  hist: Float64Array,
  at: number,
  bins: Uint8Array,
  p: number,
  stride: number,
  offC: Int32Array,
  feats: Int32Array,
  nf: number,
  ids: Int32Array,
  from: number,
  to: number,
  gh: Float64Array,
  weight: Uint8Array,
  lo: number,
): void {
  if (nf === p) {
    for (let k = from; k < to; k++) {
      const r = ids[k];
      const i = r - lo;
      if (weight[i] === 0) continue;
      const g = gh[2 * i];
      const h = gh[2 * i + 1];
      const base = r * stride;
      let j = 0;
      let o: number;
      for (; j + 3 < p; j += 4) {
        o = at + offC[j] + bins[base + j] * 3;
        hist[o] += g;
        hist[o + 1] += h;
        hist[o + 2] += 1;
        o = at + offC[j + 1] + bins[base + j + 1] * 3;
        hist[o] += g;
        hist[o + 1] += h;
        hist[o + 2] += 1;
        o = at + offC[j + 2] + bins[base + j + 2] * 3;
        hist[o] += g;
        hist[o + 1] += h;
        hist[o + 2] += 1;
        o = at + offC[j + 3] + bins[base + j + 3] * 3;
        hist[o] += g;
        hist[o + 1] += h;
        hist[o + 2] += 1;
      }
      for (; j < p; j++) {
        o = at + offC[j] + bins[base + j] * 3;
        hist[o] += g;
        hist[o + 1] += h;
        hist[o + 2] += 1;
      }
    }
    return;
  }
  for (let k = from; k < to; k++) {
    const r = ids[k];
    const i = r - lo;
    if (weight[i] === 0) continue;
    const g = gh[2 * i];
    const h = gh[2 * i + 1];
    const base = r * stride;
    for (let j = 0; j < nf; j++) {
      const f = feats[j];
      const o = at + offC[f] + bins[base + f] * 3;
      hist[o] += g;
      hist[o + 1] += h;
      hist[o + 2] += 1;
    }
  }
}

function buildGrad2(
  hist: Float64Array,
  at: number,
  bins: Uint8Array,
  p: number,
  stride: number,
  offC: Int32Array,
  feats: Int32Array,
  nf: number,
  ids: Int32Array,
  from: number,
  to: number,
  gh: Float64Array,
  weight: Uint8Array,
  lo: number,
): void {
  if (nf === p) {
    for (let k = from; k < to; k++) {
      const r = ids[k];
      const i = r - lo;
      if (weight[i] === 0) continue;
      const g = gh[2 * i];
      const h = gh[2 * i + 1];
      const base = r * stride;
      let j = 0;
      let o: number;
      for (; j + 3 < p; j += 4) {
        o = at + offC[j] + bins[base + j] * 2;
        hist[o] += g;
        hist[o + 1] += h;
        o = at + offC[j + 1] + bins[base + j + 1] * 2;
        hist[o] += g;
        hist[o + 1] += h;
        o = at + offC[j + 2] + bins[base + j + 2] * 2;
        hist[o] += g;
        hist[o + 1] += h;
        o = at + offC[j + 3] + bins[base + j + 3] * 2;
        hist[o] += g;
        hist[o + 1] += h;
      }
      for (; j < p; j++) {
        o = at + offC[j] + bins[base + j] * 2;
        hist[o] += g;
        hist[o + 1] += h;
      }
    }
    return;
  }
  for (let k = from; k < to; k++) {
    const r = ids[k];
    const i = r - lo;
    if (weight[i] === 0) continue;
    const g = gh[2 * i];
    const h = gh[2 * i + 1];
    const base = r * stride;
    for (let j = 0; j < nf; j++) {
      const f = feats[j];
      const o = at + offC[f] + bins[base + f] * 2;
      hist[o] += g;
      hist[o + 1] += h;
    }
  }
}

/**
 * buildGrad2 over all features, reading four bin codes per 32-bit load (rows are padded to a multiple
 * of four bytes): about a tenth fewer cycles per update than byte loads (measured).
 */
function buildGrad2Words(
  hist: Float64Array,
  at: number,
  words: Uint32Array,
  bins: Uint8Array,
  p: number,
  stride: number,
  offC: Int32Array,
  ids: Int32Array,
  from: number,
  to: number,
  gh: Float64Array,
  weight: Uint8Array,
  lo: number,
): void {
  const full = p >> 2;
  const wstride = stride >> 2;
  for (let k = from; k < to; k++) {
    const r = ids[k];
    const i = r - lo;
    if (weight[i] === 0) continue;
    const g = gh[2 * i];
    const h = gh[2 * i + 1];
    const wbase = r * wstride;
    let o: number;
    for (let q = 0, j = 0; q < full; q++, j += 4) {
      const w = words[wbase + q];
      o = at + offC[j] + ((w & 255) << 1);
      hist[o] += g;
      hist[o + 1] += h;
      o = at + offC[j + 1] + (((w >>> 8) & 255) << 1);
      hist[o] += g;
      hist[o + 1] += h;
      o = at + offC[j + 2] + (((w >>> 16) & 255) << 1);
      hist[o] += g;
      hist[o + 1] += h;
      o = at + offC[j + 3] + ((w >>> 24) << 1);
      hist[o] += g;
      hist[o + 1] += h;
    }
    const base = r * stride;
    for (let j = full << 2; j < p; j++) {
      o = at + offC[j] + (bins[base + j] << 1);
      hist[o] += g;
      hist[o + 1] += h;
    }
  }
}
