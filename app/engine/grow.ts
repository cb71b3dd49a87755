/**
 * Growing one tree on binned features — the engine's inner loop for the decision tree and the random
 * forest (gradient boosting grows its trees in boost.ts, over row shards, with the same split search).
 *
 * - Rows are an index array; each node owns a contiguous range of it, and a split partitions that range
 *   in place (stably, so rows stay ascending and memory access stays sequential). Nothing is copied per node.
 * - A node's histogram holds, per feature bin, the criterion's channels (class counts, or n and Σy).
 *   When every (allowed) feature is evaluated at every node, only the smaller child's histogram is built
 *   from its rows; the larger one is parent − smaller (histogram subtraction), in the parent's buffer.
 *   With features sampled per split (random forest), a node builds histograms for its drawn features only.
 * - Without a leaf limit nodes are expanded depth-first, so only O(depth) histograms are alive; with
 *   `maxLeaves` the pending leaf with the largest gain is split first (best-first, as LightGBM).
 * - Bootstrap samples are row weights (multiplicities), not copied rows.
 *
 * With `splitter: 'random'` (extremely randomized trees) each candidate feature gets one random threshold
 * (random-split.ts) instead of its best one; everything else is shared.
 *
 * Numeric thresholds sit in the middle of the gap between the node's values on either side (centre()),
 * as scikit-learn's exact trees do.
 *
 * Stopping rules follow scikit-learn: a node is split only if it has ≥ minSamplesSplit rows (counting
 * multiplicities), is impure, is above maxDepth, each child keeps ≥ minSamplesLeaf rows, and the weighted
 * impurity decrease divided by the root's weight is ≥ minImpurityDecrease. The best split is taken even
 * when it does not lower impurity (as scikit-learn; it lets XOR-like interactions be found one level down).
 */
import { cancelled } from '../util/errors.js';
import type { Rng } from '../util/random.js';
import type { BinnedFeatures } from './binning.js';
import {
  classTotalImpurity,
  classWeightSum,
  scanNumeric,
  SplitResult,
  type CriterionKind,
  type SplitContext,
} from './split.js';
import { scanCategorical } from './split-categorical.js';
import { heapPop, heapPush } from './gain-heap.js';
import { RandomSplitScratch, scanRandom } from './random-split.js';
import { SparseHist } from './sparse-hist.js';
import { buildClass, buildReg } from './hist-kernels.js';
import { TreeStore, type GrownTree } from './tree-store.js';

export interface GrowSettings {
  readonly kind: Exclude<CriterionKind, 'grad'>;
  /** Classes (class), 1 (reg). */
  readonly classes: number;
  readonly entropy: boolean;
  readonly classWeight: Float64Array | null;
  /** Infinity = unlimited. */
  readonly maxDepth: number;
  /** 0 = no limit (depth-first); otherwise best-first up to this many leaves. */
  readonly maxLeaves: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** scikit-learn's min_impurity_decrease. */
  readonly minImpurityDecrease: number;
  /** Features tried per split; ≥ the number of allowed features means all (histogram subtraction). */
  readonly featuresPerSplit: number;
  /**
   * 'best' (default): the best threshold of each candidate feature. 'random': one random threshold per
   * candidate feature (extremely randomized trees, random-split.ts); needs an rng even with all features.
   */
  readonly splitter?: 'best' | 'random';
  /**
   * With feature sampling, a drawn feature gets a sparse histogram when the node has at most this many rows per
   * bin of it (default SPARSE_ROWS_PER_BIN; 0 = never, Infinity = always). Speed only: the tree is the same.
   */
  readonly sparseRowsPerBin?: number;
  /** Unused by these criteria (boosting's); part of the shared split context. */
  readonly l2: number;
  readonly minChildWeight: number;
}

/** What the tree learns from: class codes or target values (per row id). */
export interface GrowTarget {
  readonly codes?: Int32Array;
  readonly values?: Float64Array;
}

interface Candidate {
  readonly node: number;
  readonly split: SplitResult;
  hist: Float64Array | null;
}

const STOP_CHECK_EVERY = 16;
/**
 * A drawn feature gets a sparse histogram (sparse-hist.ts) when the node has at most this many rows per bin
 * of it: a fully grown tree's deep nodes hold a few rows and would otherwise fill and scan every bin.
 * (Measured on credit_data's forest: 1, 2, 4 and "always" within noise of each other, all ~20% below dense.)
 */
const SPARSE_ROWS_PER_BIN = 4;

/** Grows trees on one binned matrix; reuses its buffers from tree to tree. */
export class TreeGrower {
  private readonly C: number;
  private readonly ctx: SplitContext;
  private readonly slots: number;
  private readonly offC: Int32Array;
  private readonly pool: Float64Array[] = [];
  private scratchRows = new Int32Array(0);
  private readonly goLeft = new Uint8Array(256);
  /** Histograms of the features drawn at a node (feature sampling); all zero between nodes. */
  private readonly sampledHist: Float64Array;
  private readonly sparse = new SparseHist();
  /**
   * Feature sampling's scratch: features not drawn yet, drawn this round, built densely this round / at this
   * node, built sparsely this round.
   */
  private readonly featurePool: Int32Array;
  private readonly drawn: Int32Array;
  private readonly dense: Int32Array;
  private readonly denseBuilt: Int32Array;
  private readonly sparseDrawn: Int32Array;
  /** SplitResults of finished candidates, reused (a fully grown forest tree has thousands of nodes). */
  private readonly freeSplits: SplitResult[] = [];
  /** Set when the splitter is 'random'. */
  private readonly random: RandomSplitScratch | null;
  /** The current tree's rng (random splitter or feature sampling). */
  private rng: Rng | null = null;
  /** The nodes of the tree being grown (shared layout with the booster). */
  private readonly store: TreeStore;

  constructor(
    private readonly binned: BinnedFeatures,
    private readonly settings: GrowSettings,
    private readonly target: GrowTarget,
  ) {
    const C = settings.kind === 'class' ? settings.classes : 2;
    this.C = C;
    this.ctx = {
      kind: settings.kind,
      channels: C,
      L: new Float64Array(C),
      R: new Float64Array(C),
      entropy: settings.entropy,
      classWeight: settings.classWeight,
      minSamplesLeaf: settings.minSamplesLeaf,
      l2: settings.l2,
      minChildWeight: settings.minChildWeight,
    };
    this.slots = binned.offset[binned.cols];
    this.offC = Int32Array.from(binned.offset, (o) => o * C);
    this.sampledHist = new Float64Array(this.slots * C);
    this.featurePool = new Int32Array(binned.cols);
    this.drawn = new Int32Array(binned.cols);
    this.dense = new Int32Array(binned.cols);
    this.denseBuilt = new Int32Array(binned.cols);
    this.sparseDrawn = new Int32Array(binned.cols);
    this.random = settings.splitter === 'random' ? new RandomSplitScratch(C) : null;
    this.store = new TreeStore(settings.kind === 'class' ? settings.classes : 1, C);
  }

  /**
   * Grows a tree on `rows` (row ids, ascending, each listed once; permuted in place), `weight` per row id
   * (bootstrap multiplicities) or null, restricted to `features` (ascending). `rng` draws the features of
   * each split when featuresPerSplit < features.length.
   */
  grow(
    rows: Int32Array,
    weight: Float64Array | null,
    features: Int32Array,
    rng: Rng | null,
    shouldStop?: () => boolean,
  ): GrownTree {
    const s = this.settings;
    const C = this.C;
    const m = rows.length;
    if (this.scratchRows.length < m) this.scratchRows = new Int32Array(m);
    this.store.reset();
    const subtraction = s.featuresPerSplit >= features.length;
    if (!subtraction && rng === null) throw new Error('feature sampling needs an rng');
    if (this.random && rng === null) throw new Error('random splits need an rng');
    this.rng = rng;

    const root = this.newNode(0, 0, m);
    this.rootTotals(rows, m, weight);
    this.finishNode(root);
    const rootWeight = this.store.cover[root];
    const minGain = s.minImpurityDecrease * rootWeight;

    const bestFirst = s.maxLeaves > 0;
    const queue: Candidate[] = [];
    let leaves = 1;
    let steps = 0;
    const consider = (node: number, hist: Float64Array | null): void => {
      if (!this.splittable(node)) {
        if (hist) this.release(hist);
        return;
      }
      const split = this.freeSplits.pop() ?? new SplitResult(C);
      split.reset();
      if (subtraction) this.bestFromHist(node, hist!, features, split);
      else this.bestSampled(node, rows, weight, features, rng!, split);
      if (split.feature < 0 || !this.acceptable(split.gain, minGain)) {
        this.freeSplits.push(split);
        if (hist) this.release(hist);
        return;
      }
      if (bestFirst) heapPush(queue, { node, split, hist });
      else queue.push({ node, split, hist });
    };

    let rootHist: Float64Array | null = null;
    if (subtraction && this.splittable(root)) {
      rootHist = this.acquire();
      this.build(rootHist, rows, 0, m, weight, features, features.length);
    }
    consider(root, rootHist);

    while (queue.length > 0) {
      if (shouldStop && ++steps % STOP_CHECK_EVERY === 0 && shouldStop()) throw cancelled();
      if (bestFirst && leaves >= s.maxLeaves) break;
      const cand = bestFirst ? heapPop(queue) : queue.pop()!;
      const node = cand.node;
      const split = cand.split;
      const mid = this.partition(node, split, rows, weight);
      const l = this.newNode(this.store.depth[node] + 1, this.store.start[node], mid);
      const r = this.newNode(this.store.depth[node] + 1, mid, this.store.end[node]);
      this.store.split(node, split, l, r);
      this.freeSplits.push(split);
      this.childSquares(node, l, r);
      this.finishNode(l);
      this.finishNode(r);
      leaves++;

      let lh: Float64Array | null = null;
      let rh: Float64Array | null = null;
      if (subtraction) {
        const lWants = this.splittable(l);
        const rWants = this.splittable(r);
        const parent = cand.hist!;
        if (lWants || rWants) {
          const lSmaller = mid - this.store.start[node] <= this.store.end[node] - mid;
          const small = lSmaller ? l : r;
          const largeWants = lSmaller ? rWants : lWants;
          const hs = this.acquire();
          this.build(hs, rows, this.store.start[small], this.store.end[small], weight, features, features.length);
          if (largeWants) {
            this.subtract(parent, hs, features);
            if (lSmaller) {
              lh = hs;
              rh = parent;
            } else {
              lh = parent;
              rh = hs;
            }
          } else {
            this.release(parent);
            if (lSmaller) lh = hs;
            else rh = hs;
          }
        } else {
          this.release(parent);
        }
      }
      // Depth-first: the left child is expanded first (pushed last).
      if (bestFirst) {
        consider(l, lh);
        consider(r, rh);
      } else {
        consider(r, rh);
        consider(l, lh);
      }
    }
    const capped = bestFirst && queue.length > 0;
    for (const c of queue) {
      if (c.hist) this.release(c.hist);
      this.freeSplits.push(c.split);
    }
    return this.result(capped);
  }

  // ---------- nodes ----------

  private newNode(depth: number, start: number, end: number): number {
    return this.store.add(depth, start, end);
  }

  private rootTotals(rows: Int32Array, m: number, weight: Float64Array | null): void {
    const C = this.C;
    const t = this.store.totals;
    t.fill(0, 0, C);
    const kind = this.settings.kind;
    if (kind === 'class') {
      const y = this.target.codes!;
      for (let k = 0; k < m; k++) t[y[rows[k]]] += weight === null ? 1 : weight[rows[k]];
    } else {
      const y = this.target.values!;
      let n = 0;
      let s = 0;
      let q = 0;
      for (let k = 0; k < m; k++) {
        const r = rows[k];
        const w = weight === null ? 1 : weight[r];
        const v = y[r];
        n += w;
        s += w * v;
        q += w * v * v;
      }
      t[0] = n;
      t[1] = s;
      this.store.sq[0] = q;
    }
  }

  /** Cover, count, impurity and value of a node from its totals. */
  private finishNode(id: number): void {
    const C = this.C;
    const t = this.store.totals;
    const at = id * C;
    const kind = this.settings.kind;
    if (kind === 'class') {
      let n = 0;
      for (let c = 0; c < C; c++) n += t[at + c];
      const W = classWeightSum(this.ctx, t, at);
      this.store.count[id] = n;
      this.store.cover[id] = W;
      this.store.impurity[id] = W > 0 ? classTotalImpurity(this.ctx, t, at) / W : 0;
      const cw = this.settings.classWeight;
      for (let c = 0; c < C; c++)
        this.store.value[id * C + c] = W > 0 ? (cw === null ? t[at + c] : t[at + c] * cw[c]) / W : 0;
    } else {
      const n = t[at];
      const mean = n > 0 ? t[at + 1] / n : 0;
      this.store.count[id] = n;
      this.store.cover[id] = n;
      this.store.impurity[id] = n > 0 ? Math.max(0, this.store.sq[id] / n - mean * mean) : 0;
      this.store.value[id] = mean + 0;
    }
  }

  private splittable(id: number): boolean {
    const s = this.settings;
    const n = this.store.count[id];
    if (this.store.depth[id] >= s.maxDepth || n < s.minSamplesSplit || n < 2 * s.minSamplesLeaf) return false;
    if (s.kind === 'class') {
      const at = id * this.C;
      let nonzero = 0;
      for (let c = 0; c < this.C; c++) if (this.store.totals[at + c] > 0) nonzero++;
      return nonzero > 1;
    }
    return this.store.impurity[id] > 1e-14 * (1 + Math.abs(this.store.value[id]) ** 2);
  }

  private acceptable(gain: number, minGain: number): boolean {
    return minGain <= 0 || gain >= minGain * (1 - 1e-12);
  }

  private nodeTerm(id: number): number {
    const at = id * this.C;
    const t = this.store.totals;
    if (this.settings.kind === 'class') return classTotalImpurity(this.ctx, t, at);
    return (t[at + 1] * t[at + 1]) / t[at];
  }

  private nodeTotal(id: number): Float64Array {
    return this.store.totals.subarray(id * this.C, (id + 1) * this.C);
  }

  // ---------- split search ----------

  private bestFromHist(id: number, hist: Float64Array, features: Int32Array, best: SplitResult): void {
    const total = this.nodeTotal(id);
    const term = this.nodeTerm(id);
    for (let j = 0; j < features.length; j++) this.scanFeature(hist, features[j], total, term, best);
    if (best.feature >= 0) {
      this.defaultDirection(hist, best, total);
      this.centre(hist, best);
    }
  }

  /**
   * Draws features until `featuresPerSplit` non-constant ones were evaluated (scikit-learn's rule) or none are left.
   * A feature with more bins than the node has rows gets a sparse histogram (sparse-hist.ts); the others share
   * the dense kernel. Either way `sampledHist` is all zero again when the node is done.
   */
  private bestSampled(
    id: number,
    rows: Int32Array,
    weight: Float64Array | null,
    features: Int32Array,
    rng: Rng,
    best: SplitResult,
  ): void {
    const b = this.binned;
    const C = this.C;
    const hist = this.sampledHist;
    const total = this.nodeTotal(id);
    const term = this.nodeTerm(id);
    const from = this.store.start[id];
    const to = this.store.end[id];
    const n = to - from;
    const sparseLimit = this.settings.sparseRowsPerBin ?? SPARSE_ROWS_PER_BIN;
    const pool = this.featurePool;
    pool.set(features);
    const drawn = this.drawn;
    const dense = this.dense;
    const built = this.denseBuilt;
    const sparseFeats = this.sparseDrawn;
    const sparse = this.sparse;
    let builtCount = 0;
    let remaining = features.length;
    let wanted = this.settings.featuresPerSplit;
    while (wanted > 0 && remaining > 0) {
      const k = Math.min(wanted, remaining);
      for (let i = 0; i < k; i++) {
        const j = rng.int(remaining);
        drawn[i] = pool[j];
        pool[j] = pool[remaining - 1];
        remaining--;
      }
      let nd = 0;
      let ns = 0;
      for (let i = 0; i < k; i++) {
        const f = drawn[i];
        if (n <= sparseLimit * b.count[f]) sparseFeats[ns++] = f;
        else {
          dense[nd++] = f;
          built[builtCount++] = f;
        }
      }
      if (nd > 0) this.build(hist, rows, from, to, weight, dense, nd);
      if (ns > 0)
        sparse.build(
          hist,
          b.bins,
          b.stride,
          sparseFeats,
          ns,
          this.offC,
          C,
          rows,
          from,
          to,
          this.target.codes,
          this.target.values,
          weight,
        );
      let constant = 0;
      // Evaluated in draw order (ties keep the first feature), sparse ones by their place in the sparse build.
      for (let i = 0, si = 0; i < k; i++) {
        const f = drawn[i];
        if (n > sparseLimit * b.count[f]) {
          if (this.isConstant(hist, f)) constant++;
          else this.scanFeature(hist, f, total, term, best);
          continue;
        }
        sparse.select(si++, b.count[f]);
        if (sparse.distinct <= 1) constant++;
        else this.scanFeature(hist, f, total, term, best, sparse.occupied, sparse.occupiedCount);
      }
      wanted = constant;
    }
    // Each feature is drawn at most once per node, so the best feature's histogram is still intact.
    if (best.feature >= 0) {
      this.defaultDirection(hist, best, total);
      this.centre(hist, best);
    }
    this.sparse.clear(hist, C);
    for (let i = 0; i < builtCount; i++) {
      const f = built[i];
      hist.fill(0, this.offC[f], this.offC[f] + (b.count[f] + 1) * C);
    }
  }

  /**
   * Offers feature f's best split (or, with the random splitter, its one random split) to `best`; `occupied`:
   * its non-empty bins when a sparse build listed them.
   */
  private scanFeature(
    hist: Float64Array,
    f: number,
    total: Float64Array,
    term: number,
    best: SplitResult,
    occupied: Int32Array | null = null,
    occupiedCount = 0,
  ): void {
    const b = this.binned;
    if (this.random) scanRandom(this.ctx, b, hist, f, total, term, this.rng!, this.random, best);
    else if (b.categorical[f] === 1) scanCategorical(this.ctx, hist, b.offset[f], b.count[f], total, term, f, best);
    else scanNumeric(this.ctx, hist, b.offset[f], b.count[f], total, term, f, best, occupied, occupiedCount);
  }

  /** True if all the node's rows fall in one bin of feature f. */
  private isConstant(hist: Float64Array, f: number): boolean {
    const C = this.C;
    const from = this.offC[f];
    const to = from + (this.binned.count[f] + 1) * C;
    let nonEmpty = 0;
    for (let at = from; at < to; at += C) {
      let any = false;
      for (let c = 0; c < C; c++) {
        if (hist[at + c] !== 0) {
          any = true;
          break;
        }
      }
      if (any && ++nonEmpty > 1) return false;
    }
    return true;
  }

  /**
   * A numeric split "bin ≤ b" leaves the node's next non-empty bin b′ on the right; any bin boundary in
   * between separates the node's rows the same way. Take the boundary nearest the middle of the gap
   * between the node's values (scikit-learn's trees split halfway between neighbouring values), not the
   * one just above the left values: on small data that generalizes measurably better.
   */
  private centre(hist: Float64Array, best: SplitResult): void {
    // A random split keeps its drawn threshold.
    if (best.categorical || this.random) return;
    const f = best.feature;
    const C = this.C;
    const b = this.binned;
    const count = b.count[f];
    const base = this.offC[f];
    let next = best.bin + 1;
    for (; next < count; next++) {
      let any = false;
      for (let c = 0; c < C; c++) if (hist[base + next * C + c] !== 0) any = true;
      if (any) break;
    }
    if (next >= count || next === best.bin + 1) return;
    const slot = b.offset[f];
    const target = b.binHigh[slot + best.bin] + (b.binLow[slot + next] - b.binHigh[slot + best.bin]) / 2;
    if (!Number.isFinite(target)) return;
    const edges = b.edges;
    const e0 = b.edgeStart[f];
    let bestEdge = best.bin;
    for (let c = best.bin + 1; c < next; c++)
      if (Math.abs(edges[e0 + c] - target) < Math.abs(edges[e0 + bestEdge] - target)) bestEdge = c;
    best.bin = bestEdge;
  }

  /** A node without missing values of the split feature sends missing values to the larger child. */
  private defaultDirection(hist: Float64Array, best: SplitResult, total: Float64Array): void {
    const f = best.feature;
    const C = this.C;
    const at = this.offC[f] + this.binned.count[f] * C;
    const kind = this.settings.kind;
    let missing = 0;
    if (kind === 'class') for (let c = 0; c < C; c++) missing += hist[at + c];
    else missing = hist[at];
    if (missing > 0) return;
    let nL = 0;
    let nT = 0;
    if (kind === 'class') {
      for (let c = 0; c < C; c++) {
        nL += best.left[c];
        nT += total[c];
      }
    } else {
      nL = best.left[0];
      nT = total[0];
    }
    best.missingLeft = nL >= nT - nL;
  }

  // ---------- histograms ----------

  private acquire(): Float64Array {
    const h = this.pool.pop();
    if (h) {
      h.fill(0);
      return h;
    }
    return new Float64Array(this.slots * this.C);
  }

  private release(h: Float64Array): void {
    this.pool.push(h);
  }

  private subtract(parent: Float64Array, child: Float64Array, features: Int32Array): void {
    const C = this.C;
    const b = this.binned;
    if (features.length === b.cols) {
      for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
      return;
    }
    for (const f of features) {
      const to = this.offC[f] + (b.count[f] + 1) * C;
      for (let i = this.offC[f]; i < to; i++) parent[i] -= child[i];
    }
  }

  private build(
    hist: Float64Array,
    rows: Int32Array,
    from: number,
    to: number,
    weight: Float64Array | null,
    feats: Int32Array,
    nf: number,
  ): void {
    const b = this.binned;
    const kind = this.settings.kind;
    if (kind === 'class')
      buildClass(
        hist,
        b.bins,
        b.cols,
        b.stride,
        this.offC,
        feats,
        nf,
        rows,
        from,
        to,
        this.target.codes!,
        weight,
        this.C,
      );
    else buildReg(hist, b.bins, b.cols, b.stride, this.offC, feats, nf, rows, from, to, this.target.values!, weight);
  }

  // ---------- applying a split ----------

  private partition(id: number, split: SplitResult, rows: Int32Array, weight: Float64Array | null): number {
    const f = split.feature;
    const b = this.binned;
    const go = this.goLeft;
    const count = b.count[f];
    if (split.categorical) {
      for (let k = 0; k < count; k++) go[k] = (split.catSet[k >>> 5] & (1 << (k & 31))) !== 0 ? 1 : 0;
    } else {
      for (let k = 0; k < count; k++) go[k] = k <= split.bin ? 1 : 0;
    }
    go[count] = split.missingLeft ? 1 : 0;
    const bins = b.bins;
    const stride = b.stride;
    const scratch = this.scratchRows;
    const from = this.store.start[id];
    const to = this.store.end[id];
    // Branchless: every row is written to both sides and the side's cursor advances by 0 or 1.
    let l = from;
    let rc = 0;
    if (this.settings.kind === 'reg') {
      const y = this.target.values!;
      let q = 0;
      for (let k = from; k < to; k++) {
        const r = rows[k];
        const left = go[bins[r * stride + f]];
        rows[l] = r;
        scratch[rc] = r;
        l += left;
        rc += 1 - left;
        const v = y[r];
        q += left * (weight === null ? 1 : weight[r]) * v * v;
      }
      this.pendingSq = q;
    } else {
      for (let k = from; k < to; k++) {
        const r = rows[k];
        const left = go[bins[r * stride + f]];
        rows[l] = r;
        scratch[rc] = r;
        l += left;
        rc += 1 - left;
      }
    }
    rows.set(scratch.subarray(0, rc), l);
    return l;
  }

  private pendingSq = 0;

  /** Regression: the children's Σ w·y² (the left one summed while partitioning). */
  private childSquares(id: number, l: number, r: number): void {
    if (this.settings.kind !== 'reg') return;
    const sq = this.store.sq;
    sq[l] = this.pendingSq;
    sq[r] = sq[id] - this.pendingSq;
  }

  private result(capped: boolean): GrownTree {
    return this.store.snapshot(capped);
  }
}
