/**
 * The engine's gradient boosting learner (`engine-boost`): histogram trees added round after round
 * (boost.ts), on one thread or a gang of workers each owning a shard of the rows (boost-team.ts).
 */
import { normalize } from '../models/compact-tree.js';
import type { Estimator, FitNote, FitOptions, ModelId, Params } from '../models/estimator.js';
import { fittedHeader } from '../models/fitted.js';
import type { FeatureMatrix, Target, Task } from '../models/matrix.js';
import { formatCount, singleClassNote } from '../models/notes.js';
import { Pacer } from '../models/pacer.js';
import { checkFitCall } from '../models/validate.js';
import { cancelled, throwIfAborted } from '../util/errors.js';
import type { BoostJob, BoostResult } from './boost.js';
import { Booster, boostTeamSize } from './boost.js';
import { abortTeam, createBoostShared } from './boost-team.js';
import { EngineFitted, engineCore, engineDataPaced } from './fitted.js';
import { getEngineRunner } from './parallel.js';
import { assemble } from './raw-tree.js';
import { POOL_MIN_CELLS, withSession } from './session.js';
import type { EngineData } from './data.js';
import type { EngineTask, EngineTaskResult } from './tasks.js';

// ---------- gradient boosting ----------

export class EngineBoostEstimator implements Estimator {
  constructor(
    readonly id: ModelId,
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
    const data = await engineDataPaced(X, y, p.maxBins, options.signal);
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
