/**
 * `--workers N` (train, compare): how many worker threads the tree engine uses. Default: the number of
 * cores. 1 runs everything in the main thread. The pool lives for one command and is closed after it.
 */
import { availableParallelism } from 'node:os';
import { setEngineRunner } from '../app/engine/parallel.js';
import { createWorkerPool } from '../io/worker-pool.js';
import { parseNumber } from './args.js';

export const WORKERS_OPTION = { workers: { type: 'string' } } as const;

export function parseWorkers(flag: string | undefined): number {
  return (
    parseNumber(flag, '--workers', (n) => Number.isInteger(n) && n >= 1 && n <= 1024, 'a whole number ≥ 1') ??
    availableParallelism()
  );
}

/** Runs `body` with the engine on `workers` threads (a pool when > 1), then shuts the pool down. */
export async function withEngineWorkers<T>(workers: number, body: () => Promise<T>): Promise<T> {
  if (workers <= 1) return body();
  const pool = createWorkerPool(workers);
  setEngineRunner(pool);
  try {
    return await body();
  } finally {
    setEngineRunner(undefined);
    await pool.close();
  }
}
