/**
 * Where the engine's work runs. app/ stays free of Node: it only defines this interface; the worker_threads
 * pool lives in an adapter (io/worker-pool.ts) and is installed with `setEngineRunner` by whoever owns the
 * process (the CLI with `--workers`). With no runner installed the engine works in the calling thread,
 * pausing between units of work so progress is drawn and a cancel can arrive.
 *
 * A session is one fit: `open` hands the binned data to every worker once (shared memory), then each
 * `run` posts a small task (tree indices, or a boosting job). Results come back as transferred typed
 * arrays. `cancel` raises a shared stop flag that running tasks poll between nodes and rounds.
 */
import type { EngineData } from './data.js';
import type { EngineTask, EngineTaskResult } from './tasks.js';

export interface EngineSession {
  /** Runs a task on some worker; `onProgress` gets (done, total) units as the task reports them. */
  run(task: EngineTask, onProgress?: (done: number, total: number) => void): Promise<EngineTaskResult>;
  /**
   * Starts tasks that must run at the same time on different workers (a boosting coordinator and its
   * helpers, which wait for each other): they are dispatched together once enough workers are free.
   * One promise per task.
   */
  runGang(
    tasks: readonly EngineTask[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<EngineTaskResult>[];
  /** Stops running and queued tasks: their promises reject with CANCELLED. */
  cancel(): void;
  /** Frees the session's data in the workers. */
  close(): void;
}

export interface EngineRunner {
  /** Number of tasks that can run at once. */
  readonly workers: number;
  /** `null`: a session for self-contained 'job' tasks only (no fit's data to share). */
  open(data: EngineData | null): EngineSession;
}

let current: EngineRunner | undefined;

/** Installs (or with undefined, removes) the runner every engine fit uses from now on. */
export function setEngineRunner(runner: EngineRunner | undefined): void {
  current = runner;
}

export function getEngineRunner(): EngineRunner | undefined {
  return current;
}
