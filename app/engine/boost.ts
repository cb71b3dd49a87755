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
 */
import { strataOf, stratifiedSample } from '../models/sampling.js';
import { createRng, deriveSeed } from '../util/random.js';
import { TreeGrower, type GrowSettings, type GrownTree } from './grow.js';
import { binnedLeaf, toRawTree, type RawTree } from './raw-tree.js';
import type { EngineData } from './tasks.js';

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

export class Booster {
  private readonly n: number;
  private readonly link: 'identity' | 'logistic' | 'softmax';
  private readonly K: number;
  private readonly classMap: Int32Array;
  /** Per row: class index into classMap, or the target value. */
  private readonly y: Float64Array;
  private readonly raw: Float64Array;
  private readonly base: Float64Array;
  /** Per output k, gradients and hessians interleaved: gh[k][2r], gh[k][2r + 1]. */
  private readonly gh: Float64Array[] = [];
  private readonly growers: TreeGrower[] = [];
  private readonly trainRows: Int32Array;
  private readonly validRows: Int32Array | null;
  private readonly trees: RawTree[] = [];
  private readonly treeGain: Float64Array[] = [];
  private readonly losses: number[] = [];
  private bestLoss = Infinity;
  private bestRound = 0;
  private done = false;
  roundsDone = 0;

  constructor(
    private readonly data: EngineData,
    private readonly job: BoostJob,
  ) {
    const binned = data.binned;
    const n = (this.n = binned.rows);
    this.y = new Float64Array(n);
    if (data.codes) {
      const present = new Uint8Array(data.classes);
      for (let i = 0; i < n; i++) present[data.codes[i]] = 1;
      const map: number[] = [];
      present.forEach((p, c) => p && map.push(c));
      this.classMap = Int32Array.from(map);
      const index = new Int32Array(data.classes).fill(-1);
      map.forEach((c, k) => (index[c] = k));
      for (let i = 0; i < n; i++) this.y[i] = index[data.codes[i]];
      // Two classes: one logistic output; one class: a constant softmax over that class alone.
      this.link = map.length === 2 ? 'logistic' : 'softmax';
      this.K = map.length === 2 ? 1 : map.length;
      if (map.length < 2) this.done = true;
    } else {
      this.classMap = new Int32Array(0);
      this.y.set(data.values!);
      this.link = 'identity';
      this.K = 1;
    }

    // Early stopping: a stratified validation split of the rows.
    let valid: Int32Array | null = null;
    if (job.earlyStopping && !this.done && n >= 4) {
      const size = Math.max(1, Math.round(job.validationFraction * n));
      if (size < n) {
        const strata = data.codes ? data.codes : strataOf({ task: 'regression', values: data.values! });
        valid = stratifiedSample(strata, size, createRng(deriveSeed(job.seed, 0x5eed)), false);
      }
    }
    this.validRows = valid;
    if (valid) {
      const isValid = new Uint8Array(n);
      for (const r of valid) isValid[r] = 1;
      this.trainRows = new Int32Array(n - valid.length);
      for (let i = 0, k = 0; i < n; i++) if (!isValid[i]) this.trainRows[k++] = i;
    } else {
      this.trainRows = Int32Array.from({ length: n }, (_, i) => i);
    }

    this.base = this.baseScore();
    this.raw = new Float64Array(n * this.K);
    for (let i = 0; i < n; i++) for (let k = 0; k < this.K; k++) this.raw[i * this.K + k] = this.base[k];
    const settings: GrowSettings = {
      kind: 'grad',
      classes: 1,
      entropy: false,
      classWeight: null,
      maxDepth: job.maxDepth === 0 ? Infinity : job.maxDepth,
      maxLeaves: job.maxLeaves,
      minSamplesSplit: 2,
      minSamplesLeaf: job.minSamplesLeaf,
      minImpurityDecrease: job.minSplitGain,
      featuresPerSplit: Infinity,
      l2: job.l2,
      minChildWeight: job.minChildWeight,
    };
    for (let k = 0; k < this.K; k++) {
      this.gh.push(new Float64Array(2 * n));
      this.growers.push(new TreeGrower(binned, settings, { gh: this.gh[k] }));
    }
    if (job.rounds === 0) this.done = true;
  }

  private baseScore(): Float64Array {
    const rows = this.trainRows;
    const base = new Float64Array(this.K);
    if (this.link === 'identity') {
      let s = 0;
      for (const r of rows) s += this.y[r];
      base[0] = rows.length > 0 ? s / rows.length + 0 : 0;
    } else if (this.link === 'logistic') {
      let pos = 0;
      for (const r of rows) pos += this.y[r];
      const p = Math.min(Math.max(pos / rows.length, 1e-15), 1 - 1e-15);
      base[0] = Math.log(p / (1 - p));
    } else {
      const counts = new Float64Array(this.K);
      for (const r of rows) counts[this.y[r]]++;
      for (let k = 0; k < this.K; k++) base[k] = Math.log(Math.max(counts[k], 1e-15) / rows.length);
    }
    return base;
  }

  /** Runs one round; false when there is nothing more to do (all rounds, or stopped early). */
  step(): boolean {
    if (this.done) return false;
    const job = this.job;
    const binned = this.data.binned;
    const n = this.n;
    const K = this.K;
    const round = this.roundsDone;
    const rng = createRng(deriveSeed(job.seed, round + 1));

    // Rows and features of this round.
    let rows = this.trainRows;
    let sampled = false;
    if (job.subsample < 1) {
      const size = Math.max(1, Math.round(job.subsample * rows.length));
      const pool = rows.slice();
      for (let k = 0; k < size; k++) {
        const j = k + rng.int(pool.length - k);
        const tmp = pool[k];
        pool[k] = pool[j];
        pool[j] = tmp;
      }
      rows = pool.subarray(0, size).sort();
      sampled = true;
    }
    this.gradients(rows);

    const roundTrees: GrownTree[] = [];
    for (let k = 0; k < K; k++) {
      const features = this.columns(rng);
      const work = sampled ? rows.slice() : this.trainRows.slice();
      const grown = this.growers[k].grow(work, null, features, null);
      roundTrees.push(grown);
      // Training rows in the sample: their leaves are the grown ranges.
      const lr = job.learningRate;
      for (let node = 0; node < grown.nodes; node++) {
        if (grown.left[node] >= 0) continue;
        const v = grown.value[node] * lr + 0;
        for (let j = grown.start[node]; j < grown.end[node]; j++) this.raw[work[j] * K + k] += v;
      }
      const gain = new Float64Array(binned.cols);
      for (let node = 0; node < grown.nodes; node++) if (grown.feature[node] >= 0) gain[grown.feature[node]] += grown.gain[node];
      this.trees.push(toRawTree(grown, binned, lr));
      this.treeGain.push(gain);
    }
    // Rows not in this round's sample: training rows left out by subsampling, and validation rows.
    const others: Int32Array[] = [];
    if (sampled) {
      const inSample = new Uint8Array(n);
      for (const r of rows) inSample[r] = 1;
      others.push(this.trainRows.filter((r) => !inSample[r]));
    }
    if (this.validRows) others.push(this.validRows);
    for (const list of others) {
      for (let k = 0; k < K; k++) {
        const g = roundTrees[k];
        for (const r of list) this.raw[r * K + k] += g.value[binnedLeaf(g, binned, r)] * job.learningRate + 0;
      }
    }
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

  private columns(rng: ReturnType<typeof createRng>): Int32Array {
    const p = this.data.binned.cols;
    if (this.job.colsample >= 1) return Int32Array.from({ length: p }, (_, j) => j);
    const m = Math.max(1, Math.round(this.job.colsample * p));
    const all = Int32Array.from({ length: p }, (_, j) => j);
    for (let k = 0; k < m; k++) {
      const j = k + rng.int(p - k);
      const tmp = all[k];
      all[k] = all[j];
      all[j] = tmp;
    }
    return all.slice(0, m).sort();
  }

  /** Gradients and hessians of the loss at the current raw predictions, for `rows`. */
  private gradients(rows: Int32Array): void {
    const K = this.K;
    const raw = this.raw;
    const y = this.y;
    if (this.link === 'identity') {
      const gh = this.gh[0];
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        gh[2 * r] = raw[r] - y[r];
        gh[2 * r + 1] = 1;
      }
    } else if (this.link === 'logistic') {
      const gh = this.gh[0];
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        const p = 1 / (1 + Math.exp(-raw[r]));
        gh[2 * r] = p - y[r];
        gh[2 * r + 1] = Math.max(p * (1 - p), 1e-16);
      }
    } else {
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        let max = -Infinity;
        for (let c = 0; c < K; c++) if (raw[r * K + c] > max) max = raw[r * K + c];
        let sum = 0;
        for (let c = 0; c < K; c++) sum += Math.exp(raw[r * K + c] - max);
        for (let c = 0; c < K; c++) {
          const p = Math.exp(raw[r * K + c] - max) / sum;
          const gh = this.gh[c];
          gh[2 * r] = p - (y[r] === c ? 1 : 0);
          gh[2 * r + 1] = Math.max(p * (1 - p), 1e-16);
        }
      }
    }
  }

  /** Mean loss (squared error, log loss) over `rows`. */
  private loss(rows: Int32Array): number {
    const K = this.K;
    const raw = this.raw;
    const y = this.y;
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
