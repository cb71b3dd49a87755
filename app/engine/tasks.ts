/**
 * The engine's units of work, as pure functions of (data, job): grow trees first…first+count−1 of a
 * forest (or the one decision tree), or run a whole boosting fit. The same functions run in the main
 * thread (no pool configured) and in worker threads (io/engine-worker.ts), so a model is bit-identical
 * whatever the number of workers: tree t's randomness comes only from deriveSeed(seed, t).
 */
import { cancelled } from '../util/errors.js';
import { createRng, deriveSeed, pickSorted, type Rng } from '../util/random.js';
import type { EngineData } from './data.js';
import { Booster, type BoostJob, type BoostResult } from './boost.js';
import { runHelper, type BoostShared } from './boost-team.js';
import { TreeGrower, type GrowSettings } from './grow.js';
import { costComplexityPrune } from './prune.js';
import { binnedLeaf, toRawTree, type RawTree } from './raw-tree.js';

/** Plain-data settings of a tree job (no typed arrays, so it can be posted and used as a cache key). */
export interface TreeJob {
  readonly settings: Omit<GrowSettings, 'classWeight'> & { readonly classWeight: readonly number[] | null };
  readonly seed: number;
  /** Forest: 'bootstrap' (with replacement) or 'subsample' (without); 'all' for a single tree. */
  readonly sampling: 'all' | 'bootstrap' | 'subsample';
  /** Rows per tree as a fraction of all rows. */
  readonly sampleFraction: number;
  readonly ccpAlpha: number;
  /** Return each tree's out-of-bag rows and their leaves. */
  readonly oob: boolean;
}

export interface TreeOutput {
  readonly tree: RawTree;
  /** Unnormalized impurity decrease per feature. */
  readonly importance: Float64Array;
  readonly oobRows: Int32Array | null;
  readonly oobLeaves: Int32Array | null;
  /** The leaf limit stopped this tree early. */
  readonly capped: boolean;
}

/**
 * - trees: grow trees first … first + count − 1 (a forest's, or the single tree).
 * - boost: a whole boosting fit; with `shared`, as the coordinator of a gang whose other members run
 *   boost-helper tasks (one row shard each; see boost-team.ts).
 */
export type EngineTask =
  | { readonly kind: 'trees'; readonly job: TreeJob; readonly first: number; readonly count: number }
  /**
   * Self-contained work from above the engine (app/compare/jobs.ts: permutation importance, SHAP of a fitted
   * ensemble), carried by the same workers: its input holds everything it needs, so it runs in a session opened
   * without a fit's data. The engine only carries it; the worker looks `name` up (io/engine-worker.ts).
   */
  | { readonly kind: 'job'; readonly name: string; readonly input: unknown }
  | { readonly kind: 'boost'; readonly job: BoostJob; readonly shared?: BoostShared }
  | { readonly kind: 'boost-helper'; readonly shared: BoostShared; readonly shard: number };

export type EngineTaskResult =
  | { readonly kind: 'trees'; readonly outputs: TreeOutput[] }
  | { readonly kind: 'job'; readonly output: unknown }
  | { readonly kind: 'boost'; readonly result: BoostResult }
  | { readonly kind: 'boost-helper' };

export interface TaskHooks {
  /** Polled between units of work (nodes, rounds); true = stop (the task throws CANCELLED). */
  shouldStop(): boolean;
  /** Boosting: rounds done so far. */
  progress?(done: number, total: number): void;
}

/** Per worker (or main thread) and fit: growers keep their buffers between tasks. */
export class TaskCache {
  private readonly growers = new Map<string, TreeGrower>();

  grower(data: EngineData, job: TreeJob): TreeGrower {
    const key = JSON.stringify(job.settings);
    let g = this.growers.get(key);
    if (!g) {
      const s = job.settings;
      const settings: GrowSettings = {
        ...s,
        classWeight: s.classWeight === null ? null : Float64Array.from(s.classWeight),
      };
      g = new TreeGrower(data.binned, settings, {
        ...(data.codes ? { codes: data.codes } : {}),
        ...(data.values ? { values: data.values } : {}),
      });
      this.growers.set(key, g);
    }
    return g;
  }
}

export function runEngineTask(
  data: EngineData,
  task: EngineTask,
  hooks: TaskHooks,
  cache: TaskCache,
): EngineTaskResult {
  if (task.kind === 'trees') {
    const outputs: TreeOutput[] = [];
    for (let t = task.first; t < task.first + task.count; t++) {
      if (hooks.shouldStop()) throw cancelled();
      outputs.push(growOne(data, task.job, t, cache, hooks));
    }
    return { kind: 'trees', outputs };
  }
  if (task.kind === 'job') throw new Error(`engine task '${task.name}' is a job: run it with its own runner`);
  if (task.kind === 'boost-helper') {
    runHelper(data.binned, task.shared, task.shard);
    return { kind: 'boost-helper' };
  }
  const booster = new Booster(data, task.job, task.shared);
  try {
    for (;;) {
      if (hooks.shouldStop()) throw cancelled();
      const more = booster.step();
      hooks.progress?.(booster.roundsDone, task.job.rounds);
      if (!more) break;
    }
    return { kind: 'boost', result: booster.result() };
  } finally {
    booster.close();
  }
}

/** The rows (ascending) and per-row weights tree t trains on. */
export function treeSample(n: number, job: TreeJob, rng: Rng): { rows: Int32Array; weight: Float64Array | null } {
  if (job.sampling === 'all') return { rows: Int32Array.from({ length: n }, (_, i) => i), weight: null };
  const size = Math.max(1, Math.round(job.sampleFraction * n));
  if (job.sampling === 'bootstrap') {
    const weight = new Float64Array(n);
    for (let k = 0; k < size; k++) weight[rng.int(n)]++;
    let inBag = 0;
    for (let i = 0; i < n; i++) if (weight[i] > 0) inBag++;
    const rows = new Int32Array(inBag);
    for (let i = 0, k = 0; i < n; i++) if (weight[i] > 0) rows[k++] = i;
    return { rows, weight };
  }
  return { rows: pickSorted(n, size, rng), weight: null };
}

function growOne(data: EngineData, job: TreeJob, t: number, cache: TaskCache, hooks: TaskHooks): TreeOutput {
  const binned = data.binned;
  const n = binned.rows;
  const rng = createRng(deriveSeed(job.seed, t));
  const { rows, weight } = treeSample(n, job, rng);
  const features = Int32Array.from({ length: binned.cols }, (_, j) => j);
  const grower = cache.grower(data, job);
  const needsRng = job.settings.featuresPerSplit < binned.cols || job.settings.splitter === 'random';
  let grown = grower.grow(rows, weight, features, needsRng ? rng : null, () => hooks.shouldStop());
  if (job.ccpAlpha > 0) grown = costComplexityPrune(grown, job.ccpAlpha);
  const importance = new Float64Array(binned.cols);
  for (let i = 0; i < grown.nodes; i++) if (grown.feature[i] >= 0) importance[grown.feature[i]] += grown.gain[i];
  let oobRows: Int32Array | null = null;
  let oobLeaves: Int32Array | null = null;
  if (job.oob && job.sampling !== 'all') {
    const inBag = new Uint8Array(n);
    for (let k = 0; k < rows.length; k++) inBag[rows[k]] = 1;
    let m = 0;
    for (let i = 0; i < n; i++) if (!inBag[i]) m++;
    oobRows = new Int32Array(m);
    oobLeaves = new Int32Array(m);
    for (let i = 0, k = 0; i < n; i++) {
      if (inBag[i]) continue;
      oobRows[k] = i;
      oobLeaves[k++] = binnedLeaf(grown, binned, i);
    }
  }
  return { tree: toRawTree(grown, binned), importance, oobRows, oobLeaves, capped: grown.capped };
}
