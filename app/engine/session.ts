/**
 * Where an engine fit runs its units of work (trees, or boosting rounds): on the installed EngineRunner
 * (worker threads) or, without one or for small fits, in the calling thread with pauses between units so
 * progress is drawn and a cancel can land.
 */
import type { FitOptions } from '../models/estimator.js';
import { Pacer } from '../models/pacer.js';
import { throwIfAborted } from '../util/errors.js';
import { getEngineRunner, type EngineSession } from './parallel.js';
import {
  runEngineTask,
  TaskCache,
  type EngineTask,
  type EngineTaskResult,
  type TreeJob,
  type TreeOutput,
} from './tasks.js';
import type { EngineData } from './data.js';

/**
 * Below this much work a fit stays in the calling thread even when a pool is installed: it takes
 * milliseconds, less than starting workers. Cells for a tree or boosting; cells × trees for a forest.
 */
export const POOL_MIN_CELLS = 100_000;
export const POOL_MIN_FOREST_WORK = 1_000_000;

/** Runs tree tasks on the pool (in parallel) or in this thread, in order; reports progress per tree. */
export async function growTrees(
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

export async function withSession<T>(
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
