/**
 * Gradient boosting on binned features, round by round (so the caller can report progress and cancel
 * between rounds). Second-order boosting as XGBoost / LightGBM / scikit-learn's HistGradientBoosting:
 * each round fits a tree to the gradients and hessians of the loss, leaf value −G/(H+λ), shrunk by the
 * learning rate.
 *
 * Losses: squared error (regression), logistic (two classes present in training), softmax (more; one tree
 * per class per round, all from the same round-start predictions). Classes listed but absent from the
 * training rows get probability exactly 0; a single present class gives a constant model.
 *
 * Row subsampling (per round, without replacement) and column subsampling (per tree) draw from
 * deriveSeed(seed, round). Early stopping holds out a stratified `validationFraction` of the rows, stops
 * after `patience` rounds without the validation loss improving by more than `tol`, and keeps the trees
 * up to the best round.
 *
 * The Booster is the coordinator: it keeps the tree (splits, totals, histograms) and asks a Team of row
 * shards (boost-team.ts, boost-shard.ts) for the per-row work — one shard in this thread, or one per
 * worker thread. Gradients are rounded to a power-of-two grid so histogram sums are exact, which makes
 * the model identical whatever the number of shards.
 *
 * Tree growth: with a leaf limit, best-first (the pending leaf with the largest gain is split next, one
 * split per step); with a depth limit of at most LEVELWISE_MAX_DEPTH and no leaf limit, level by level
 * (a whole level's splits and histograms in one step — few synchronizations between threads); otherwise
 * depth-first, one split per step. Without a leaf limit the order does not change the tree.
 */
import { strataOf, stratifiedSample } from '../models/sampling.js';
import { depthCap } from '../models/tree-limits.js';
import { createRng, deriveSeed, pickSorted, type Rng } from '../util/random.js';
import type { BoostShared, Team, TeamArrays } from './boost-team.js';
import { LocalTeam, SharedTeam } from './boost-team.js';
import type { ShardSplit } from './boost-shard.js';
import { TreeStore, type GrownTree } from './tree-store.js';
import { toRawTree, type RawTree } from './raw-tree.js';
import { scanNumeric, SplitResult, type SplitContext } from './split.js';
import { scanCategorical } from './split-categorical.js';
import type { EngineData } from './data.js';
import { heapPop, heapPush } from './gain-heap.js';

export interface BoostJob {
  readonly rounds: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly maxLeaves: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
  readonly l2: number;
  readonly minSplitGain: number;
  readonly subsample: number;
  readonly colsample: number;
  readonly earlyStopping: boolean;
  readonly validationFraction: number;
  readonly patience: number;
  readonly tol: number;
  readonly seed: number;
}

export interface BoostResult {
  readonly trees: RawTree[];
  readonly link: 'identity' | 'logistic' | 'softmax';
  readonly outputs: number;
  readonly base: Float64Array;
  readonly classMap: Int32Array;
  /** Rounds kept (trees = rounds · outputs) and rounds run. */
  readonly rounds: number;
  readonly roundsRun: number;
  /** Total gain per feature over the kept trees. */
  readonly importance: Float64Array;
  /** Validation loss after each round run (early stopping only). */
  readonly validationLoss: Float64Array | null;
}

/** Level-by-level growth up to this depth (more would keep too many histograms alive). */
export const LEVELWISE_MAX_DEPTH = 10;
/** Histogram doubles per build step (bounds the shards' partial histogram buffers). */
const STEP_DOUBLES = 1 << 22;

/** Sizes a boosting fit's team needs (also used to allocate shared memory before the threads start). */
export function boostTeamSize(
  data: EngineData,
  job: BoostJob,
): { rows: number; outputs: number; histSize: number; slots: number; maxNodes: number; cols: number; channels: 2 | 3 } {
  const b = data.binned;
  const channels = histogramChannels(job);
  const histSize = b.offset[b.cols] * channels;
  const levelwise = job.maxLeaves === 0 && job.maxDepth >= 1 && job.maxDepth <= LEVELWISE_MAX_DEPTH;
  const slots = levelwise ? Math.max(1, Math.min(1 << (job.maxDepth - 1), Math.floor(STEP_DOUBLES / histSize))) : 1;
  const byLeaves = job.maxLeaves > 0 ? 2 * job.maxLeaves : Infinity;
  const byDepth = job.maxDepth > 0 && job.maxDepth < 30 ? 2 ** (job.maxDepth + 1) : Infinity;
  const maxNodes = Math.min(byLeaves, byDepth, 2 * b.rows + 1);
  let outputs = 1;
  if (data.codes) {
    const present = new Set(data.codes).size;
    outputs = present > 2 ? present : 1;
  }
  return { rows: b.rows, outputs, histSize, slots, maxNodes, cols: b.cols, channels };
}

/** Row counts per bin are only needed for a minimum leaf size; without them histograms are a third smaller. */
function histogramChannels(job: BoostJob): 2 | 3 {
  return job.minSamplesLeaf > 1 ? 3 : 2;
}

interface Candidate {
  readonly node: number;
  readonly split: SplitResult;
  hist: Float64Array | null;
}

export class Booster {
  private readonly n: number;
  private readonly link: 'identity' | 'logistic' | 'softmax';
  private readonly K: number;
  private readonly classMap: Int32Array;
  private readonly team: Team;
  private readonly arrays: TeamArrays;
  private readonly base: Float64Array;
  private readonly validRows: Int32Array | null;
  private readonly trainCount: number;
  private readonly trees: RawTree[] = [];
  private readonly treeGain: Float64Array[] = [];
  private readonly losses: number[] = [];
  private readonly ctx: SplitContext;
  private readonly offC: Int32Array;
  private readonly histPool: Float64Array[] = [];
  private readonly levelwise: boolean;
  /** Histogram channels: 3 = [Σg, Σh, n]; 2 = [Σg, Σh] (then Σh stands in for the row count). */
  private readonly ch: 2 | 3;
  private bestLoss = Infinity;
  private bestRound = 0;
  private done = false;
  /** Bound on |gradient| for the squared-error grid (max |raw − y|). */
  private residualBound = 0;
  roundsDone = 0;

  constructor(
    private readonly data: EngineData,
    private readonly job: BoostJob,
    shared?: BoostShared,
  ) {
    const binned = data.binned;
    const n = (this.n = binned.rows);
    const size = boostTeamSize(data, job);
    const CH = (this.ch = size.channels);
    this.store = new TreeStore(1, CH);
    if (shared) this.team = new SharedTeam(binned, shared);
    else {
      const arrays: TeamArrays = {
        raw: new Float64Array(n * size.outputs),
        delta: new Float64Array(size.outputs > 1 ? n * size.outputs : 0),
        y: new Float64Array(n),
        inSample: new Uint8Array(n),
        partial: new Float64Array(size.slots * size.histSize),
        results: new Float64Array(4),
      };
      this.team = new LocalTeam(binned, arrays, size.histSize, size.slots, size.channels);
    }
    const arrays = (this.arrays = this.team.arrays);
    const y = arrays.y;
    if (data.codes) {
      const present = new Uint8Array(data.classes);
      for (let i = 0; i < n; i++) present[data.codes[i]] = 1;
      const map: number[] = [];
      present.forEach((p, c) => p && map.push(c));
      this.classMap = Int32Array.from(map);
      const index = new Int32Array(data.classes).fill(-1);
      map.forEach((c, k) => (index[c] = k));
      for (let i = 0; i < n; i++) y[i] = index[data.codes[i]];
      // Two classes: one logistic output; one class: a constant softmax over that class alone.
      this.link = map.length === 2 ? 'logistic' : 'softmax';
      this.K = map.length === 2 ? 1 : map.length;
      if (map.length < 2) this.done = true;
    } else {
      this.classMap = new Int32Array(0);
      y.set(data.values!);
      this.link = 'identity';
      this.K = 1;
    }
    if (this.K !== size.outputs) throw new Error('boosting outputs do not match the team size');

    // Early stopping: a stratified validation split of the rows; they stay out of every sample.
    let valid: Int32Array | null = null;
    if (job.earlyStopping && !this.done && n >= 4) {
      const count = Math.max(1, Math.round(job.validationFraction * n));
      if (count < n) {
        const strata = data.codes ? data.codes : strataOf({ task: 'regression', values: data.values! });
        valid = stratifiedSample(strata, count, createRng(deriveSeed(job.seed, 0x5eed)), false);
      }
    }
    this.validRows = valid;
    arrays.inSample.fill(1);
    if (valid) for (const r of valid) arrays.inSample[r] = 0;
    this.trainCount = n - (valid?.length ?? 0);

    this.base = this.baseScore();
    for (let i = 0; i < n; i++) for (let k = 0; k < this.K; k++) arrays.raw[i * this.K + k] = this.base[k];
    if (this.link === 'identity') {
      for (let i = 0; i < n; i++) this.residualBound = Math.max(this.residualBound, Math.abs(arrays.raw[i] - y[i]));
    }
    this.ctx = {
      kind: 'grad',
      channels: CH,
      L: new Float64Array(CH),
      R: new Float64Array(CH),
      entropy: false,
      classWeight: null,
      minSamplesLeaf: job.minSamplesLeaf,
      l2: job.l2,
      minChildWeight: job.minChildWeight,
    };
    this.offC = Int32Array.from(binned.offset, (o) => o * CH);
    this.levelwise = job.maxLeaves === 0 && job.maxDepth >= 1 && job.maxDepth <= LEVELWISE_MAX_DEPTH;
    if (job.rounds === 0) this.done = true;
  }

  private baseScore(): Float64Array {
    const base = new Float64Array(this.K);
    const y = this.arrays.y;
    const inSample = this.arrays.inSample;
    const m = this.trainCount;
    if (this.link === 'identity') {
      let s = 0;
      for (let r = 0; r < this.n; r++) if (inSample[r]) s += y[r];
      base[0] = m > 0 ? s / m + 0 : 0;
    } else if (this.link === 'logistic') {
      let pos = 0;
      for (let r = 0; r < this.n; r++) if (inSample[r]) pos += y[r];
      const p = Math.min(Math.max(pos / m, 1e-15), 1 - 1e-15);
      base[0] = Math.log(p / (1 - p));
    } else {
      const counts = new Float64Array(this.K);
      for (let r = 0; r < this.n; r++) if (inSample[r]) counts[y[r]]++;
      for (let k = 0; k < this.K; k++) base[k] = Math.log(Math.max(counts[k], 1e-15) / m);
    }
    return base;
  }

  /** Runs one round; false when there is nothing more to do (all rounds, or stopped early). */
  step(): boolean {
    if (this.done) return false;
    const job = this.job;
    const K = this.K;
    const rng = createRng(deriveSeed(job.seed, this.roundsDone + 1));
    if (job.subsample < 1) this.sample(rng);
    // Power-of-two grids such that no histogram sum can exceed 2^51 grid steps: sums are exact.
    const rows = Math.max(1, this.trainCount);
    const gBound = this.link === 'identity' ? Math.max(this.residualBound, 1e-30) : 1; // below 1e-30 every gradient rounds to 0
    const hBound = this.link === 'identity' ? 1 : 0.25;
    const gStep = 2 ** Math.ceil(Math.log2((gBound * rows) / 2 ** 51));
    const hStep = 2 ** Math.ceil(Math.log2((hBound * rows) / 2 ** 51));
    for (let k = 0; k < K; k++) {
      const features = this.columns(rng);
      const grown = this.growTree(k, features, gStep, hStep);
      const lr = job.learningRate;
      const nodeValue = new Float64Array(grown.nodes);
      for (let i = 0; i < grown.nodes; i++) nodeValue[i] = grown.value[i] * lr + 0;
      const bound = this.team.finish(grown.nodes, nodeValue, K, k, K > 1, this.link === 'identity');
      if (this.link === 'identity') this.residualBound = bound;
      const gain = new Float64Array(this.data.binned.cols);
      for (let i = 0; i < grown.nodes; i++) if (grown.feature[i] >= 0) gain[grown.feature[i]] += grown.gain[i];
      this.trees.push(toRawTree(grown, this.data.binned, lr));
      this.treeGain.push(gain);
    }
    if (K > 1) this.team.applyDeltas(K);
    this.roundsDone++;

    if (this.validRows) {
      const loss = this.loss(this.validRows);
      this.losses.push(loss);
      if (loss < this.bestLoss - job.tol) {
        this.bestLoss = loss;
        this.bestRound = this.roundsDone;
      } else if (this.roundsDone - this.bestRound >= job.patience) {
        this.done = true;
      }
    } else {
      this.bestRound = this.roundsDone;
    }
    if (this.roundsDone >= job.rounds) this.done = true;
    return !this.done;
  }

  /** This round's rows: a sample without replacement of the training rows (validation rows never). */
  private sample(rng: Rng): void {
    const inSample = this.arrays.inSample;
    const train: number[] = [];
    const isValid = new Uint8Array(this.n);
    if (this.validRows) for (const r of this.validRows) isValid[r] = 1;
    for (let r = 0; r < this.n; r++) if (!isValid[r]) train.push(r);
    const size = Math.max(1, Math.round(this.job.subsample * train.length));
    inSample.fill(0);
    for (const k of pickSorted(train.length, size, rng)) inSample[train[k]] = 1;
  }

  private columns(rng: Rng): Int32Array {
    const p = this.data.binned.cols;
    if (this.job.colsample >= 1) return Int32Array.from({ length: p }, (_, j) => j);
    const m = Math.max(1, Math.round(this.job.colsample * p));
    return pickSorted(p, m, rng);
  }

  // ---------- one tree ----------

  /** The nodes of the tree being grown (shared layout with the tree grower). */
  private readonly store: TreeStore;

  private acquire(): Float64Array {
    return this.histPool.pop() ?? new Float64Array(this.team.histSize);
  }

  private release(h: Float64Array | null): void {
    if (h) this.histPool.push(h);
  }

  /** Σ over shards of partial histogram `slot`, over the tree's features, into h. */
  private gather(slot: number, features: Int32Array, h: Float64Array): void {
    const CH = this.ch;
    const { partial } = this.arrays;
    const size = this.team.histSize;
    const slots = this.team.slots;
    const b = this.data.binned;
    for (const f of features) {
      const from = this.offC[f];
      const to = from + (b.count[f] + 1) * CH;
      const first = slot * size;
      for (let i = from; i < to; i++) h[i] = partial[first + i];
      for (let s = 1; s < this.team.shards; s++) {
        const at = (s * slots + slot) * size;
        for (let i = from; i < to; i++) h[i] += partial[at + i];
      }
    }
  }

  private newNode(depth: number): number {
    return this.store.add(depth);
  }

  private finishNode(id: number): void {
    const CH = this.ch;
    const t = this.store.totals;
    const G = t[id * CH];
    const H = t[id * CH + 1];
    // Without counts, Σh stands in for the node's size (exact for squared error, where h = 1).
    this.store.count[id] = CH === 3 ? t[id * CH + 2] : H;
    this.store.cover[id] = H;
    const d = H + this.job.l2;
    this.store.value[id] = d > 0 ? -G / d + 0 : 0;
  }

  private splittable(id: number): boolean {
    const n = this.store.count[id];
    const maxDepth = depthCap(this.job.maxDepth);
    if (this.store.depth[id] >= maxDepth) return false;
    return this.ch === 3 ? n >= 2 && n >= 2 * this.job.minSamplesLeaf : n > 0;
  }

  private best(id: number, hist: Float64Array, features: Int32Array): SplitResult | null {
    const b = this.data.binned;
    const CH = this.ch;
    const total = this.store.totals.subarray(id * CH, id * CH + CH);
    const best = new SplitResult(CH);
    for (const f of features) {
      if (b.categorical[f] === 1) scanCategorical(this.ctx, hist, b.offset[f], b.count[f], total, 0, f, best);
      else scanNumeric(this.ctx, hist, b.offset[f], b.count[f], total, 0, f, best);
    }
    if (best.feature < 0 || !(best.gain > Math.max(this.job.minSplitGain, 1e-12))) return null;
    // No missing values of that feature at this node: missing goes to the side with more rows.
    const f = best.feature;
    const m = this.offC[f] + b.count[f] * CH;
    const size = CH - 1; // the count channel, or Σh
    if (CH === 3 ? hist[m + 2] === 0 : hist[m] === 0 && hist[m + 1] === 0)
      best.missingLeft = best.left[size] >= total[size] - best.left[size];
    return best;
  }

  private growTree(k: number, features: Int32Array, gStep: number, hStep: number): GrownTree {
    const team = this.team;
    team.begin({ link: this.link, K: this.K, k, gStep, hStep, features });
    this.store.reset();
    const root = this.newNode(0);
    const res = this.arrays.results;
    const CH = this.ch;
    for (let c = 0; c < CH; c++) {
      let s = 0;
      for (let sh = 0; sh < team.shards; sh++) s += res[4 * sh + c];
      this.store.totals[c] = s;
    }
    this.finishNode(root);
    const maxLeaves = this.job.maxLeaves;
    const queue: Candidate[] = [];
    let head = 0; // level-wise: queue[head …] is the frontier
    const consider = (node: number, hist: Float64Array | null): void => {
      const split = hist && this.splittable(node) ? this.best(node, hist, features) : null;
      if (!split) {
        this.release(hist);
        return;
      }
      if (maxLeaves > 0) heapPush(queue, { node, split, hist });
      else queue.push({ node, split, hist });
    };
    if (this.splittable(root)) {
      const h = this.acquire();
      this.gather(0, features, h);
      consider(root, h);
    }
    let leaves = 1;
    for (;;) {
      let batch: Candidate[];
      if (maxLeaves > 0) {
        if (queue.length === 0 || leaves >= maxLeaves) break;
        batch = [heapPop(queue)];
      } else if (this.levelwise) {
        if (head >= queue.length) break;
        batch = queue.slice(head, head + team.slots);
        head += batch.length;
      } else {
        if (queue.length === 0) break;
        batch = [queue.pop()!];
      }
      const splits: ShardSplit[] = [];
      const builds: number[] = [];
      const plan: {
        cand: Candidate;
        l: number;
        r: number;
        slot: number;
        lWants: boolean;
        rWants: boolean;
        lSmaller: boolean;
      }[] = [];
      for (const cand of batch) {
        const { node, split } = cand;
        const l = this.newNode(this.store.depth[node] + 1);
        const r = this.newNode(this.store.depth[node] + 1);
        this.setSplit(node, split, l, r);
        leaves++;
        splits.push({ node, feature: split.feature, left: l, right: r, goLeft: this.goLeft(split) });
        const lWants = this.splittable(l);
        const rWants = this.splittable(r);
        const lSmaller = this.store.count[l] <= this.store.count[r];
        let slot = -1;
        if (lWants || rWants) {
          slot = builds.length;
          builds.push(lSmaller ? l : r);
        } else {
          this.release(cand.hist);
          cand.hist = null;
        }
        plan.push({ cand, l, r, slot, lWants, rWants, lSmaller });
      }
      team.level(splits, builds, features);
      const children: [number, Float64Array | null][] = [];
      for (const { cand, l, r, slot, lWants, rWants, lSmaller } of plan) {
        if (slot < 0) continue;
        const small = this.acquire();
        this.gather(slot, features, small);
        const parent = cand.hist!;
        const largeWants = lSmaller ? rWants : lWants;
        let large: Float64Array | null = null;
        if (largeWants) {
          for (const f of features) {
            const to = this.offC[f] + (this.data.binned.count[f] + 1) * this.ch;
            for (let i = this.offC[f]; i < to; i++) parent[i] -= small[i];
          }
          large = parent;
        } else this.release(parent);
        children.push([l, lSmaller ? small : large], [r, lSmaller ? large : small]);
      }
      for (const [node, hist] of children) consider(node, hist);
      if (maxLeaves === 0 && !this.levelwise) {
        // Depth-first: expand the left child first (it was pushed first, so move it to the top).
        const c = queue.length;
        if (c >= 2 && queue[c - 2].node + 1 === queue[c - 1].node)
          [queue[c - 2], queue[c - 1]] = [queue[c - 1], queue[c - 2]];
      }
    }
    for (let i = maxLeaves > 0 || !this.levelwise ? 0 : head; i < queue.length; i++) this.release(queue[i].hist);
    return this.store.snapshot(false);
  }

  private setSplit(id: number, split: SplitResult, l: number, r: number): void {
    this.store.split(id, split, l, r);
    this.finishNode(l);
    this.finishNode(r);
  }

  private goLeft(split: SplitResult): Uint8Array {
    const count = this.data.binned.count[split.feature];
    const go = new Uint8Array(256);
    for (let b = 0; b < count; b++)
      go[b] = split.categorical ? ((split.catSet[b >>> 5] & (1 << (b & 31))) !== 0 ? 1 : 0) : b <= split.bin ? 1 : 0;
    go[count] = split.missingLeft ? 1 : 0;
    return go;
  }

  /** Mean loss (squared error, log loss) over `rows`, in row order. */
  private loss(rows: Int32Array): number {
    const K = this.K;
    const raw = this.arrays.raw;
    const y = this.arrays.y;
    let total = 0;
    for (const r of rows) {
      if (this.link === 'identity') total += (raw[r] - y[r]) ** 2;
      else if (this.link === 'logistic') {
        const z = raw[r];
        // log(1 + e^z) − y·z, computed stably.
        total += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[r] * z;
      } else {
        let max = -Infinity;
        for (let c = 0; c < K; c++) if (raw[r * K + c] > max) max = raw[r * K + c];
        let sum = 0;
        for (let c = 0; c < K; c++) sum += Math.exp(raw[r * K + c] - max);
        total += max + Math.log(sum) - raw[r * K + y[r]];
      }
    }
    return total / rows.length;
  }

  /** Stops the helper threads (if any). Call once, when the fit ends or fails. */
  close(): void {
    this.team.close();
  }

  result(): BoostResult {
    const keepTrees = this.bestRound * this.K;
    const importance = new Float64Array(this.data.binned.cols);
    for (let t = 0; t < keepTrees; t++) this.treeGain[t].forEach((v, f) => (importance[f] += v));
    return {
      trees: this.trees.slice(0, keepTrees),
      link: this.link,
      outputs: this.K,
      base: this.base,
      classMap: this.classMap,
      rounds: this.bestRound,
      roundsRun: this.roundsDone,
      importance,
      validationLoss: this.validRows ? Float64Array.from(this.losses) : null,
    };
  }
}
