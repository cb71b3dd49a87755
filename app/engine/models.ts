/**
 * The engine's estimators: `tree` (histogram CART), `forest` (random forest) and `boost` (gradient
 * boosting), behind the foundation's Estimator contract. Each fit bins X once, then runs its units of
 * work — trees, or boosting rounds — on the installed EngineRunner (worker threads) or, without one,
 * in the calling thread with pauses between units so progress is drawn and a cancel can land.
 *
 * Missing values (NaN) are handled natively and categorical columns (FeatureMatrix.categorical) get
 * category-subset splits. The fitted models expose their trees (`EngineFitted.ensemble`) for
 * explanations, predict a single row without allocating (`predictRowInto`), and save compactly.
 */
import { normalize } from '../models/compact-tree.js';
import type {
  Estimator,
  FitNote,
  FitOptions,
  ModelFactory,
  ModelId,
  Params,
  SerializedModel,
} from '../models/estimator.js';
import { Fitted, fittedHeader, type ModelCore, type ModelHeader } from '../models/fitted.js';
import type { FeatureMatrix, Target, Task } from '../models/matrix.js';
import { formatCount, singleClassNote } from '../models/notes.js';
import { Pacer } from '../models/pacer.js';
import { defaultsOf, helpOf, resolveParams, type ParamSchema } from '../models/params.js';
import { badModel, field, numbers, readHeader } from '../models/serialized.js';
import { checkFitCall, checkTask } from '../models/validate.js';
import { cancelled, SaplingError, throwIfAborted } from '../util/errors.js';
import { binFeatures } from './binning.js';
import type { BoostJob, BoostResult } from './boost.js';
import { Booster, boostTeamSize } from './boost.js';
import { nodeCount, predictBatch, predictColumns, predictRowInto, type TreeEnsemble } from './ensemble.js';
import { getEngineRunner, type EngineSession } from './parallel.js';
import { abortTeam, createBoostShared } from './boost-team.js';
import { ENGINE_BOOST_PARAMS, ENGINE_FOREST_PARAMS, ENGINE_TREE_PARAMS, featuresPerSplit } from './params.js';
import { assemble } from './raw-tree.js';
import { chooseLeafLimit } from './auto-prune.js';
import { ensembleFromJSON, ensembleToJSON } from './serialize.js';
import {
  runEngineTask,
  TaskCache,
  type EngineData,
  type EngineTask,
  type EngineTaskResult,
  type TreeJob,
  type TreeOutput,
} from './tasks.js';

/**
 * Below this much work a fit stays in the calling thread even when a pool is installed: it takes
 * milliseconds, less than starting workers. Cells for a tree or boosting; cells × trees for a forest.
 */
const POOL_MIN_CELLS = 100_000;
const POOL_MIN_FOREST_WORK = 1_000_000;

/** A fitted engine model: a Fitted with its tree ensemble exposed. */
export class EngineFitted extends Fitted {
  private readonly raw: Float64Array;

  constructor(
    header: ModelHeader,
    core: ModelCore,
    /** The trees, for explanations (TreeSHAP), display and the fast single-row path. */
    readonly ensemble: TreeEnsemble,
    /** Forest with oobScore: out-of-bag accuracy (classification) or R² (regression); else null. */
    readonly oobScore: number | null = null,
  ) {
    super(header, core);
    this.raw = new Float64Array(ensemble.combine.kind === 'sum' ? ensemble.combine.outputs : 1);
  }

  /**
   * Predicts one row (data[offset … offset + cols)) into out[outOffset …]: class probabilities
   * (classes.length of them) or the value. No checks and no allocation: the latency-critical path.
   */
  predictRowInto(data: Float64Array, offset: number, out: Float64Array, outOffset = 0): void {
    predictRowInto(this.ensemble, data, offset, out, outOffset, this.raw, this.classes?.length ?? 1);
  }

  /**
   * Batch prediction from column-major input: columns[f][i] is feature f of row i (one array per feature,
   * in featureNames order, encoded as for fit). Rows × classes probabilities, or one value per row.
   */
  predictColumns(columns: readonly ArrayLike<number>[], rows: number): Float64Array {
    if (columns.length !== this.featureNames.length || columns.some((c) => c.length < rows)) {
      throw new SaplingError(
        'BAD_INPUT',
        `prediction data: expected ${this.featureNames.length} columns of at least ${rows} values`,
      );
    }
    return predictColumns(this.ensemble, columns, rows, this.classes?.length ?? 1);
  }
}

export function isEngineModel(model: unknown): model is EngineFitted {
  return model instanceof EngineFitted;
}

function engineCore(
  ensemble: TreeEnsemble,
  classes: number,
  importance: Float64Array,
  extra: Record<string, unknown>,
): ModelCore {
  return {
    predictMatrix: (X: FeatureMatrix) => predictBatch(ensemble, X.data, X.rows, classes),
    importance: () => importance,
    state: () => ({ ensemble: ensembleToJSON(ensemble), importance: Array.from(importance), ...extra }),
    acceptsMissing: true,
  };
}

function engineData(X: FeatureMatrix, y: Target, maxBins: number): EngineData {
  const binned = binFeatures(X.data, X.rows, X.cols, {
    maxBins,
    ...(X.categorical ? { categorical: X.categorical } : {}),
  });
  return y.task === 'classification'
    ? { binned, codes: y.codes, values: null, classes: y.classes.length }
    : { binned, codes: null, values: y.values, classes: 0 };
}

function classWeights(y: Target, mode: string): number[] | null {
  if (y.task !== 'classification' || mode !== 'balanced') return null;
  const K = y.classes.length;
  const counts = new Float64Array(K);
  for (const c of y.codes) counts[c]++;
  let present = 0;
  for (const c of counts) if (c > 0) present++;
  // scikit-learn: n / (classes · count), over the classes present in y.
  return Array.from(counts, (c) => (c > 0 ? y.codes.length / (present * c) : 0));
}

/** Runs tree tasks on the pool (in parallel) or in this thread, in order; reports progress per tree. */
async function growTrees(
  data: EngineData,
  job: TreeJob,
  count: number,
  options: FitOptions,
  allowPool: boolean,
): Promise<TreeOutput[]> {
  const runner = allowPool ? getEngineRunner() : undefined;
  const { signal, onProgress } = options;
  if (!runner) {
    const cache = new TaskCache();
    const pacer = new Pacer(signal);
    const hooks = { shouldStop: () => signal?.aborted === true };
    const out: TreeOutput[] = [];
    for (let t = 0; t < count; t++) {
      await pacer.breathe();
      const r = runEngineTask(data, { kind: 'trees', job, first: t, count: 1 }, hooks, cache);
      if (r.kind === 'trees') out.push(r.outputs[0]);
      onProgress?.((t + 1) / count);
    }
    return out;
  }
  return withSession(data, signal, async (run) => {
    let done = 0;
    const pending = Array.from({ length: count }, (_, t) =>
      run({ kind: 'trees', job, first: t, count: 1 }).then((r) => {
        done++;
        onProgress?.(done / count);
        return (r as Extract<EngineTaskResult, { kind: 'trees' }>).outputs[0];
      }),
    );
    return Promise.all(pending);
  });
}

async function withSession<T>(
  data: EngineData,
  signal: AbortSignal | undefined,
  body: (
    run: (task: EngineTask, onProgress?: (done: number, total: number) => void) => Promise<EngineTaskResult>,
    session: EngineSession,
  ) => Promise<T>,
): Promise<T> {
  const runner = getEngineRunner()!;
  const session = runner.open(data);
  const onAbort = (): void => session.cancel();
  signal?.addEventListener('abort', onAbort);
  try {
    throwIfAborted(signal);
    return await body((task, onProgress) => session.run(task, onProgress), session);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    session.close();
  }
}

// ---------- decision tree ----------

class EngineTreeEstimator implements Estimator {
  readonly id = 'tree' as const;
  constructor(
    private readonly task: Task,
    readonly params: Params,
  ) {}

  async fit(X: FeatureMatrix, y: Target, options: FitOptions): Promise<EngineFitted> {
    checkFitCall(this.task, X, y, options.seed, true);
    throwIfAborted(options.signal);
    const p = this.params as {
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
    options.onProgress?.(0);
    // The honest default: a leaf limit chosen inside these training rows (app/engine/auto-prune.ts).
    const maxLeaves =
      p.pruning === 'auto'
        ? (
            await chooseLeafLimit(
              X,
              y,
              options.seed,
              (Xi, yi, leaves, seed) =>
                new EngineTreeEstimator(this.task, { ...this.params, pruning: 'none', maxLeaves: leaves }).fit(Xi, yi, {
                  seed,
                  signal: options.signal,
                }),
              p.maxLeaves,
              options.signal,
            )
          ).maxLeaves
        : p.maxLeaves;
    const data = engineData(X, y, p.maxBins);
    const K = y.task === 'classification' ? y.classes.length : 1;
    const job: TreeJob = {
      settings: {
        kind: y.task === 'classification' ? 'class' : 'reg',
        classes: K,
        entropy: p.criterion === 'entropy',
        classWeight: classWeights(y, p.classWeight),
        maxDepth: p.maxDepth === 0 ? Infinity : p.maxDepth,
        maxLeaves,
        minSamplesSplit: p.minSamplesSplit,
        minSamplesLeaf: p.minSamplesLeaf,
        minImpurityDecrease: p.minImpurityDecrease,
        featuresPerSplit: Infinity,
        l2: 0,
        minChildWeight: 0,
      },
      seed: options.seed,
      sampling: 'all',
      sampleFraction: 1,
      ccpAlpha: p.ccpAlpha,
      oob: false,
    };
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
}

// ---------- random forest ----------

class EngineForestEstimator implements Estimator {
  readonly id = 'forest' as const;
  constructor(
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
    const m = featuresPerSplit(p.maxFeatures, X.cols, classification);
    options.onProgress?.(0);
    const data = engineData(X, y, p.maxBins);
    const K = classification ? y.classes.length : 1;
    const sampling = p.bootstrap ? 'bootstrap' : p.maxSamples < 1 ? 'subsample' : 'all';
    const job: TreeJob = {
      settings: {
        kind: classification ? 'class' : 'reg',
        classes: K,
        entropy: p.criterion === 'entropy',
        classWeight: classWeights(y, p.classWeight),
        maxDepth: p.maxDepth === 0 ? Infinity : p.maxDepth,
        maxLeaves: p.maxLeaves,
        minSamplesSplit: p.minSamplesSplit,
        minSamplesLeaf: p.minSamplesLeaf,
        minImpurityDecrease: p.minImpurityDecrease,
        featuresPerSplit: m >= X.cols ? Infinity : m,
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

// ---------- gradient boosting ----------

class EngineBoostEstimator implements Estimator {
  readonly id = 'boost' as const;
  constructor(
    private readonly task: Task,
    readonly params: Params,
  ) {}

  async fit(X: FeatureMatrix, y: Target, options: FitOptions): Promise<EngineFitted> {
    checkFitCall(this.task, X, y, options.seed, true);
    throwIfAborted(options.signal);
    const p = this.params as {
      rounds: number;
      learningRate: number;
      maxDepth: number;
      maxLeaves: number;
      minSamplesLeaf: number;
      minChildWeight: number;
      l2: number;
      minSplitGain: number;
      subsample: number;
      colsample: number;
      earlyStopping: string;
      validationFraction: number;
      patience: number;
      maxBins: number;
    };
    options.onProgress?.(0);
    const data = engineData(X, y, p.maxBins);
    const job: BoostJob = {
      rounds: p.rounds,
      learningRate: p.learningRate,
      maxDepth: p.maxDepth,
      maxLeaves: p.maxLeaves,
      minSamplesLeaf: p.minSamplesLeaf,
      minChildWeight: p.minChildWeight,
      l2: p.l2,
      minSplitGain: p.minSplitGain,
      subsample: p.subsample,
      colsample: p.colsample,
      earlyStopping: p.earlyStopping === 'on' || (p.earlyStopping === 'auto' && X.rows > 10_000),
      validationFraction: p.validationFraction,
      patience: p.patience,
      tol: 1e-7,
      seed: options.seed,
    };
    const result = await runBoost(data, job, options, X.rows * X.cols >= POOL_MIN_CELLS);
    throwIfAborted(options.signal);
    const K = y.task === 'classification' ? y.classes.length : 1;
    const ensemble = assemble(result.trees, data.binned, 1, {
      kind: 'sum',
      link: result.link,
      outputs: result.outputs,
      base: result.base,
      classMap: result.classMap,
    });
    const notes: FitNote[] = [];
    const single = singleClassNote(y);
    if (single) notes.push(single);
    if (job.earlyStopping && result.roundsRun < job.rounds) {
      notes.push({
        message: `early stopping kept ${formatCount(result.rounds)} of ${formatCount(job.rounds)} rounds (validation loss stopped improving)`,
      });
    }
    options.onProgress?.(1);
    return new EngineFitted(
      fittedHeader(this.id, this.params, options.seed, X, y, notes),
      engineCore(ensemble, K, normalize(result.importance), { rounds: result.rounds }),
      ensemble,
    );
  }
}

async function runBoost(
  data: EngineData,
  job: BoostJob,
  options: FitOptions,
  allowPool: boolean,
): Promise<BoostResult> {
  const { signal, onProgress } = options;
  const runner = allowPool ? getEngineRunner() : undefined;
  if (runner) {
    return withSession(data, signal, async (_run, session) => {
      const progress = (done: number, total: number): void => onProgress?.(done / total);
      if (runner.workers < 2) {
        const r = await session.run({ kind: 'boost', job }, progress);
        return (r as Extract<EngineTaskResult, { kind: 'boost' }>).result;
      }
      // A gang: the coordinator and one helper per other worker, each owning a shard of the rows.
      const shared = createBoostShared(boostTeamSize(data, job), runner.workers);
      const tasks: EngineTask[] = [{ kind: 'boost', job, shared }];
      for (let s = 1; s < runner.workers; s++) tasks.push({ kind: 'boost-helper', shared, shard: s });
      const running = session.runGang(tasks, progress).map((p) =>
        p.catch((e: unknown) => {
          abortTeam(shared);
          throw e;
        }),
      );
      const results = await Promise.all(running);
      return (results[0] as Extract<EngineTaskResult, { kind: 'boost' }>).result;
    });
  }
  const booster = new Booster(data, job);
  const pacer = new Pacer(signal);
  try {
    for (;;) {
      await pacer.breathe();
      const more = booster.step();
      onProgress?.(booster.roundsDone / job.rounds);
      if (!more) break;
    }
  } finally {
    booster.close();
  }
  if (signal?.aborted) throw cancelled();
  return booster.result();
}

// ---------- factories ----------

function loader(id: ModelId, schema: ParamSchema): (json: SerializedModel) => EngineFitted {
  return (json) => {
    const { header, state } = readHeader(json, id, schema);
    const cols = header.featureNames.length;
    const classes = header.classes?.length ?? 1;
    const width = id === 'boost' ? 1 : classes;
    const ensemble = ensembleFromJSON(field(state, 'ensemble'), 'state.ensemble', cols, width, classes);
    if ((id === 'boost') !== (ensemble.combine.kind === 'sum'))
      throw badModel(`state.ensemble does not combine trees as a '${id}' model does`);
    if (id === 'tree' && ensemble.trees !== 1) throw badModel('a tree model has exactly one tree');
    const importance = numbers(field(state, 'importance'), 'state.importance', cols);
    const extra: Record<string, unknown> = {};
    let oob: number | null = null;
    if ('oobScore' in state) {
      oob = numbers([state.oobScore], 'state.oobScore')[0];
      extra.oobScore = oob;
    }
    if ('rounds' in state) extra.rounds = numbers([state.rounds], 'state.rounds')[0];
    return new EngineFitted(header, engineCore(ensemble, classes, importance, extra), ensemble, oob);
  };
}

/** The three engine models differ only in id, label, parameter schema and estimator class. */
function engineFactory(
  id: 'tree' | 'forest' | 'boost',
  label: string,
  schema: ParamSchema,
  EstimatorClass: new (task: Task, params: Params) => Estimator,
): ModelFactory {
  return {
    id,
    label,
    defaults: defaultsOf(schema),
    paramHelp: helpOf(schema),
    create: (task: Task, params?: Params): Estimator =>
      new EstimatorClass(checkTask(task), resolveParams(id, schema, params)),
    fromJSON: loader(id, schema),
  };
}

export const engineTreeFactory = engineFactory('tree', 'Decision tree', ENGINE_TREE_PARAMS, EngineTreeEstimator);
export const engineForestFactory = engineFactory(
  'forest',
  'Random forest',
  ENGINE_FOREST_PARAMS,
  EngineForestEstimator,
);
export const engineBoostFactory = engineFactory(
  'boost',
  'Gradient boosting',
  ENGINE_BOOST_PARAMS,
  EngineBoostEstimator,
);
