/**
 * The comparison's work besides fitting that can run on the engine's worker threads, next to the fits: permutation
 * importance and global SHAP of a fitted engine ensemble (tree, forest, boosting, extra trees). While a pool is
 * installed the main thread used to compute these itself while the workers waited for the next fit (issue 14: the
 * biggest wall-clock lever left); now a fold's permutation importance runs on a worker while the next fold fits, and
 * a model's SHAP values, one job per fold, run on all workers at once.
 *
 * A job is plain data in (the ensemble's typed arrays, the held-out matrix, the seed) and plain data out, computed
 * by the same functions wherever it runs, so results are bit-identical with or without workers. Without a pool it
 * runs at once in this thread. io/engine-worker.ts runs jobs by name.
 *
 * The ensemble goes to the worker in shared memory (fitted ensembles live there from the start), together with its
 * packed walk records, so a job copies neither: a compare at 100k rows used to post each fold's fully grown forest
 * (~90 MB) to two jobs and pack it again in each.
 */
import { predictBatch, shareEnsemble, type TreeEnsemble } from '../engine/ensemble.js';
import { adoptPacked, packed, type Packed } from '../engine/node-walk.js';
import { getEngineRunner } from '../engine/parallel.js';
import { PermutedPredictor } from '../engine/permuted-predict.js';
import { accuracy, r2 } from '../evaluate/metrics.js';
import { permutationDrops } from '../evaluate/permutation.js';
import { meanAbsShap } from '../explain/attribution.js';
import { ensembleExplainer } from '../explain/explainer.js';
import { classCodes } from '../models/fitted.js';
import type { FeatureMatrix } from '../models/matrix.js';
import { throwIfAborted } from '../util/errors.js';

/** A row-major matrix without the column names (which a job does not need). */
export interface JobMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Permutation importance of an engine model on held-out rows (app/evaluate/permutation.ts). */
export interface PermutationJob {
  readonly ensemble: TreeEnsemble;
  /** Classification: the model's number of classes; regression: 1. */
  readonly classes: number;
  readonly X: JobMatrix;
  readonly y: { readonly codes: Int32Array } | { readonly values: Float64Array };
  readonly groups: Int32Array;
  readonly featureCount: number;
  readonly repeats: number;
  readonly seed: number;
  /** The ensemble's packed walk records (node-walk.ts), built by the sender; absent: the job packs its own. */
  readonly packed?: Packed;
}

/** Mean |SHAP| per source feature of an engine model over the rows of X (app/explain/attribution.ts). */
export interface ShapJob {
  readonly ensemble: TreeEnsemble;
  /** The model's number of classes, 0 for regression (as explainerFor passes it). */
  readonly classes: number;
  readonly X: JobMatrix;
  readonly groups: Int32Array;
  readonly featureCount: number;
}

interface Jobs {
  permutation: { input: PermutationJob; output: Float64Array[] };
  shap: { input: ShapJob; output: Float64Array };
}
export type JobName = keyof Jobs;

type Runners = { [K in JobName]: (input: Jobs[K]['input'], shouldStop: () => boolean) => Jobs[K]['output'] };

const RUNNERS: Runners = {
  permutation: permutationJob,
  shap: (job, shouldStop) =>
    meanAbsShap(
      ensembleExplainer(job.ensemble, job.classes),
      job.X.data,
      job.X.cols,
      Int32Array.from({ length: job.X.rows }, (_, i) => i),
      job.groups,
      job.featureCount,
      shouldStop,
    ),
};

/** Runs a job by name, here (the engine worker's entry point; `shouldStop` is its session's stop flag). */
export function runJob(name: string, input: unknown, shouldStop: () => boolean): unknown {
  if (!Object.hasOwn(RUNNERS, name)) throw new Error(`unknown engine job '${name}'`);
  return RUNNERS[name as JobName](input as never, shouldStop);
}

/** The buffers of a job's output, moved rather than copied back to the caller. */
export function jobTransferList(output: unknown): ArrayBuffer[] {
  const arrays = Array.isArray(output) ? output : [output];
  return arrays
    .filter((a): a is Float64Array => a instanceof Float64Array)
    .map((a) => a.buffer as ArrayBuffer)
    .filter((b) => b instanceof ArrayBuffer);
}

/**
 * Runs a job on the engine's workers when a pool is installed (queued behind and between the fits' own tasks), else
 * at once in this thread. Rejects with CANCELLED when the signal fires (a running job stops at its next row or
 * repeat).
 */
export async function offThread<K extends JobName>(
  name: K,
  input: Jobs[K]['input'],
  signal?: AbortSignal,
): Promise<Jobs[K]['output']> {
  const runner = getEngineRunner();
  throwIfAborted(signal);
  // No pool: at once, in this thread (nothing to overlap with; the caller's own pauses let a cancel land).
  if (!runner) return RUNNERS[name](input, () => signal?.aborted === true);
  const session = runner.open(null);
  const onAbort = (): void => session.cancel();
  signal?.addEventListener('abort', onAbort);
  try {
    const result = await session.run({ kind: 'job', name, input: forWorker(name, input) });
    if (result.kind !== 'job') throw new Error(`engine job '${name}' answered a '${result.kind}' result`);
    return result.output as Jobs[K]['output'];
  } finally {
    signal?.removeEventListener('abort', onAbort);
    session.close();
  }
}

/** A job's input as posted to a worker: the ensemble in shared memory and, for prediction, its packed records. */
function forWorker<K extends JobName>(name: K, input: Jobs[K]['input']): Jobs[K]['input'] {
  const ensemble = shareEnsemble(input.ensemble);
  return name === 'permutation' ? { ...input, ensemble, packed: packed(ensemble) } : { ...input, ensemble };
}

/**
 * The score drop per source feature and repeat, exactly as evaluate-model's in-thread path computes it: the baseline
 * from predictBatch (what EngineFitted.predict does), each shuffle re-predicted only where it changes a path.
 */
function permutationJob(job: PermutationJob, shouldStop: () => boolean): Float64Array[] {
  const { ensemble, classes: k, X } = job;
  if (job.packed) adoptPacked(ensemble, job.packed);
  const predictor = new PermutedPredictor(ensemble, X.data, X.rows, k);
  const y = job.y;
  const score = (out: Float64Array): number =>
    'codes' in y ? accuracy(y.codes, classCodes(out, X.rows, k)) : r2(y.values, out);
  const matrix: FeatureMatrix = { data: X.data, rows: X.rows, cols: X.cols, featureNames: [] };
  return permutationDrops(matrix, {
    groups: job.groups,
    featureCount: job.featureCount,
    repeats: job.repeats,
    seed: job.seed,
    score: (M) => score(predictBatch(ensemble, M.data, M.rows, k)),
    scoreChanged: (M, columns) => score(predictor.predict(M.data, columns)),
    shouldStop,
  });
}
