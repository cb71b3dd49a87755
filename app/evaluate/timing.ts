/**
 * Prediction speed: per-row latency (what an interactive caller waits for one answer) and batch
 * throughput. Uses the global `performance.now()`, which exists in Node, workers and browsers.
 * Numbers are indicative only — they depend on the machine and on whatever else it is doing.
 */
import { SaplingError } from '../util/errors.js';
import { percentile } from './stats.js';

export interface LatencyOptions {
  /** Timed single-row calls; default 200. */
  readonly calls?: number;
  /** Untimed calls first, so JIT compilation and cold caches do not land in the timings; default 20. */
  readonly warmup?: number;
}

export interface LatencyResult {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly calls: number;
}

export interface ThroughputResult {
  readonly rowsPerSecond: number;
  /** Rows predicted and batches run during the timed window. */
  readonly rows: number;
  readonly batches: number;
  readonly seconds: number;
}

/**
 * Times `calls` separate `predictOne(i)` calls, cycling i through 0..rows−1, and reports the median
 * and 95th percentile in milliseconds. Percentiles rather than the mean, because one GC pause
 * would otherwise dominate. Timer resolution limits precision for very fast models (browsers
 * coarsen performance.now() to ~0.1 ms); such values read as "under the resolution".
 */
export function measureRowLatency(
  predictOne: (i: number) => void,
  rows: number,
  options: LatencyOptions = {},
): LatencyResult {
  const calls = options.calls ?? 200;
  const warmup = options.warmup ?? 20;
  if (!Number.isInteger(rows) || rows < 1)
    throw new SaplingError('BAD_PARAMETER', `latency needs at least one row, got ${rows}`);
  if (!Number.isInteger(calls) || calls < 1)
    throw new SaplingError('BAD_PARAMETER', `latency calls must be a positive integer, got ${calls}`);
  if (!Number.isInteger(warmup) || warmup < 0)
    throw new SaplingError('BAD_PARAMETER', `warmup calls must be a non-negative integer, got ${warmup}`);
  for (let c = 0; c < warmup; c++) predictOne(c % rows);
  const times = new Float64Array(calls);
  for (let c = 0; c < calls; c++) {
    const row = c % rows;
    const start = performance.now();
    predictOne(row);
    times[c] = performance.now() - start;
  }
  return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), calls };
}

/**
 * Calls `predictBatch` (which returns how many rows it predicted) repeatedly until at least
 * `minSeconds` have passed — always at least once — and reports rows per second over that window.
 */
export function measureThroughput(predictBatch: () => number, minSeconds = 0.2): ThroughputResult {
  if (!(minSeconds >= 0)) throw new SaplingError('BAD_PARAMETER', `minSeconds must be non-negative, got ${minSeconds}`);
  let rows = 0;
  let batches = 0;
  const start = performance.now();
  let elapsedMs: number;
  // Also loop while no time has registered, so a coarse timer cannot yield rows / 0.
  do {
    const done = predictBatch();
    if (!(done >= 0))
      throw new SaplingError('BAD_PARAMETER', `predictBatch must return the number of rows predicted, got ${done}`);
    rows += done;
    batches++;
    elapsedMs = performance.now() - start;
  } while (elapsedMs < minSeconds * 1000 || elapsedMs <= 0);
  const seconds = elapsedMs / 1000;
  return { rowsPerSecond: rows / seconds, rows, batches, seconds };
}
