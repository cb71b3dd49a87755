/**
 * The engine's tree learners: one histogram CART tree (`engine-tree`) and a forest of them
 * (`engine-forest`: random forest with the best threshold per candidate feature, extremely randomized
 * trees with a random one). Each fit bins X once, then grows its trees (session.ts).
 */
import { normalize } from '../models/compact-tree.js';
import type { Estimator, FitNote, FitOptions, ModelId, Params } from '../models/estimator.js';
import { fittedHeader } from '../models/fitted.js';
import type { FeatureMatrix, Target, Task } from '../models/matrix.js';
import { formatCount, singleClassNote } from '../models/notes.js';
import { checkFitCall, checkPredictData } from '../models/validate.js';
import { depthCap } from '../models/tree-limits.js';
import { throwIfAborted } from '../util/errors.js';
import { nodeCount, predictBatch } from './ensemble.js';
import { classWeights, EngineFitted, engineCore, engineDataPaced } from './fitted.js';
import { featuresPerSplit } from '../models/engine-params.js';
import { assemble, firstSplits } from './raw-tree.js';
import { growTrees, POOL_MIN_CELLS, POOL_MIN_FOREST_WORK } from './session.js';
import type { TreeJob, TreeOutput } from './tasks.js';
import { chooseLeafLimit } from './auto-prune.js';

// ---------- decision tree ----------

export class EngineTreeEstimator implements Estimator {
  constructor(
    readonly id: ModelId,
    private readonly task: Task,
    readonly params: Params,
  ) {}

  async fit(X: FeatureMatrix, y: Target, options: FitOptions): Promise<EngineFitted> {
    checkFitCall(this.task, X, y, options.seed, true);
    throwIfAborted(options.signal);
    const p = this.params as TreeParams;
    options.onProgress?.(0);
    // The honest default: a leaf limit chosen inside these training rows (auto-prune.ts).
    const maxLeaves =
      p.pruning === 'auto'
        ? (
            await chooseLeafLimit(
              X,
              y,
              options.seed,
              (Xi, yi, validation, limits, seed) =>
                this.leafLimitPredictions(Xi, yi, validation, limits, seed, options),
              p.maxLeaves,
              options.signal,
            )
          ).maxLeaves
        : p.maxLeaves;
    const data = await engineDataPaced(X, y, p.maxBins, options.signal);
    const K = y.task === 'classification' ? y.classes.length : 1;
    const job = treeJob(p, y, maxLeaves, options.seed);
    const [out] = await growTrees(data, job, 1, options, X.rows * X.cols >= POOL_MIN_CELLS);
    throwIfAborted(options.signal);
    const ensemble = assemble([out.tree], data.binned, K, { kind: 'mean' });
    const notes: FitNote[] = [];
    const single = singleClassNote(y);
    if (single) notes.push(single);
    options.onProgress?.(1);
    const importance = normalize(out.importance);
    return new EngineFitted(
      fittedHeader(this.id, this.params, options.seed, X, y, notes),
      engineCore(ensemble, K, importance, {}),
      ensemble,
    );
  }

  /**
   * Predictions for `validation` of the unpruned-by-auto trees with each leaf limit (auto-prune's inner folds).
   * Best-first growth makes the tree with L leaves the first L − 1 splits of the tree with more, so one tree is
   * grown with the largest limit and the others are read off it (raw-tree.ts firstSplits) — the same trees as
   * fitting each limit on its own, at a sixth of the cost. Cost-complexity pruning (ccpAlpha > 0) does not
   * commute with that: then each limit is fitted on its own.
   */
  private async leafLimitPredictions(
    X: FeatureMatrix,
    y: Target,
    validation: FeatureMatrix,
    limits: readonly number[],
    seed: number,
    options: FitOptions,
  ): Promise<Float64Array[]> {
    const p = this.params as TreeParams;
    const signal = options.signal ? { signal: options.signal } : {};
    const K = y.task === 'classification' ? y.classes.length : 1;
    if (p.ccpAlpha > 0) {
      const out: Float64Array[] = [];
      for (const leaves of limits) {
        const params = { ...this.params, pruning: 'none', maxLeaves: leaves };
        const model = await new EngineTreeEstimator(this.id, this.task, params).fit(X, y, { seed, ...signal });
        out.push(y.task === 'classification' ? model.predictProba(validation) : model.predict(validation));
      }
      return out;
    }
    checkFitCall(this.task, X, y, seed, true);
    const data = await engineDataPaced(X, y, p.maxBins, options.signal);
    const job = treeJob(p, y, Math.max(...limits), seed);
    const [out] = await growTrees(data, job, 1, { seed, ...signal }, X.rows * X.cols >= POOL_MIN_CELLS);
    throwIfAborted(options.signal);
    checkPredictData(validation, X.cols, true);
    return limits.map((leaves) => {
      const ensemble = assemble([firstSplits(out.tree, leaves - 1)], data.binned, K, { kind: 'mean' });
      return predictBatch(ensemble, validation.data, validation.rows, K);
    });
  }
}

/** The decision tree's parameters (app/models/engine-params.ts), as the fit reads them. */
type TreeParams = {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
  maxLeaves: number;
  criterion: string;
  classWeight: string;
  ccpAlpha: number;
  maxBins: number;
  pruning: string;
};

/** The decision tree's one tree job (all rows, all features, best-first when maxLeaves > 0). */
function treeJob(p: TreeParams, y: Target, maxLeaves: number, seed: number): TreeJob {
  return {
    settings: {
      kind: y.task === 'classification' ? 'class' : 'reg',
      classes: y.task === 'classification' ? y.classes.length : 1,
      entropy: p.criterion === 'entropy',
      classWeight: classWeights(y, p.classWeight),
      maxDepth: depthCap(p.maxDepth),
      maxLeaves,
      minSamplesSplit: p.minSamplesSplit,
      minSamplesLeaf: p.minSamplesLeaf,
      minImpurityDecrease: p.minImpurityDecrease,
      featuresPerSplit: Infinity,
      l2: 0,
      minChildWeight: 0,
    },
    seed,
    sampling: 'all',
    sampleFraction: 1,
    ccpAlpha: p.ccpAlpha,
    oob: false,
  };
}

// ---------- random forest ----------

export class EngineForestEstimator implements Estimator {
  constructor(
    readonly id: ModelId,
    /** 'best': random forest; 'random': extremely randomized trees (one random threshold per candidate feature). */
    private readonly splitter: 'best' | 'random',
    private readonly task: Task,
    readonly params: Params,
  ) {}

  async fit(X: FeatureMatrix, y: Target, options: FitOptions): Promise<EngineFitted> {
    checkFitCall(this.task, X, y, options.seed, true);
    throwIfAborted(options.signal);
    const p = this.params as {
      trees: number;
      maxFeatures: string;
      maxDepth: number;
      maxLeaves: number;
      minSamplesSplit: number;
      minSamplesLeaf: number;
      minImpurityDecrease: number;
      criterion: string;
      classWeight: string;
      bootstrap: boolean;
      maxSamples: number;
      oobScore: boolean;
      maxBins: number;
    };
    const classification = y.task === 'classification';
    const m = featuresPerSplit(p.maxFeatures, X.cols, classification, this.id);
    options.onProgress?.(0);
    const data = await engineDataPaced(X, y, p.maxBins, options.signal);
    const K = classification ? y.classes.length : 1;
    const sampling = p.bootstrap ? 'bootstrap' : p.maxSamples < 1 ? 'subsample' : 'all';
    const job: TreeJob = {
      settings: {
        kind: classification ? 'class' : 'reg',
        classes: K,
        entropy: p.criterion === 'entropy',
        classWeight: classWeights(y, p.classWeight),
        maxDepth: depthCap(p.maxDepth),
        maxLeaves: p.maxLeaves,
        minSamplesSplit: p.minSamplesSplit,
        minSamplesLeaf: p.minSamplesLeaf,
        minImpurityDecrease: p.minImpurityDecrease,
        featuresPerSplit: m >= X.cols ? Infinity : m,
        ...(this.splitter === 'random' ? { splitter: 'random' as const } : {}),
        l2: 0,
        minChildWeight: 0,
      },
      seed: options.seed,
      sampling,
      sampleFraction: p.maxSamples,
      ccpAlpha: 0,
      oob: p.oobScore && sampling !== 'all',
    };
    const outputs = await growTrees(data, job, p.trees, options, X.rows * X.cols * p.trees >= POOL_MIN_FOREST_WORK);
    throwIfAborted(options.signal);
    const ensemble = assemble(
      outputs.map((o) => o.tree),
      data.binned,
      K,
      { kind: 'mean' },
    );
    // scikit-learn's forest importance: each tree's normalized importance, averaged, normalized.
    const importance = new Float64Array(X.cols);
    for (const o of outputs) normalize(o.importance).forEach((v, f) => (importance[f] += v / outputs.length));
    const oob = job.oob ? oobScore(outputs, y, K) : null;
    const notes: FitNote[] = [];
    const single = singleClassNote(y);
    if (single) notes.push(single);
    const capped = outputs.filter((o) => o.capped).length;
    if (capped > 0)
      notes.push({
        message: `${formatCount(capped)} of ${formatCount(outputs.length)} trees stopped at maxLeaves (${formatCount(p.maxLeaves)} leaves), which bounds the forest's size; maxLeaves=0 grows them fully`,
      });
    const nodes = nodeCount(ensemble);
    if (nodes > 20_000_000)
      notes.push({
        message: `the forest has ${formatCount(nodes)} nodes; set maxDepth, maxLeaves or minSamplesLeaf for a smaller, faster model`,
      });
    options.onProgress?.(1);
    const extra = oob === null ? {} : { oobScore: oob };
    return new EngineFitted(
      fittedHeader(this.id, this.params, options.seed, X, y, notes),
      engineCore(ensemble, K, normalize(importance), extra),
      ensemble,
      oob,
    );
  }
}

/** Out-of-bag accuracy or R², from each tree's left-out rows (trees summed in order: deterministic). */
function oobScore(outputs: readonly TreeOutput[], y: Target, width: number): number | null {
  const n = y.task === 'classification' ? y.codes.length : y.values.length;
  const sum = new Float64Array(n * width);
  const seen = new Int32Array(n);
  for (const o of outputs) {
    const rows = o.oobRows!;
    const leaves = o.oobLeaves!;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      seen[r]++;
      for (let c = 0; c < width; c++) sum[r * width + c] += o.tree.value[leaves[k] * width + c];
    }
  }
  let used = 0;
  if (y.task === 'classification') {
    let hits = 0;
    for (let r = 0; r < n; r++) {
      if (seen[r] === 0) continue;
      used++;
      let best = 0;
      for (let c = 1; c < width; c++) if (sum[r * width + c] > sum[r * width + best]) best = c;
      if (best === y.codes[r]) hits++;
    }
    return used > 0 ? hits / used : null;
  }
  let mean = 0;
  for (let r = 0; r < n; r++)
    if (seen[r] > 0) {
      mean += y.values[r];
      used++;
    }
  if (used === 0) return null;
  mean /= used;
  let ssr = 0;
  let sst = 0;
  for (let r = 0; r < n; r++) {
    if (seen[r] === 0) continue;
    ssr += (y.values[r] - sum[r] / seen[r]) ** 2;
    sst += (y.values[r] - mean) ** 2;
  }
  return sst > 0 ? 1 - ssr / sst : null;
}
