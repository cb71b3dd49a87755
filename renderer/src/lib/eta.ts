/**
 * Remaining-time estimate for a long operation from its progress fractions.
 * Pure: the caller passes the clock readings, so it is testable and deterministic.
 */

export interface ProgressSample {
  /** Milliseconds (any monotonic clock). */
  readonly at: number;
  /** In [0, 1]. */
  readonly fraction: number;
}

/** Below this much progress or elapsed time, an estimate would be noise. */
const MIN_FRACTION = 0.02;
const MIN_ELAPSED_MS = 1000;

/**
 * Seconds left, assuming the average rate since the operation started holds; undefined while too early
 * to tell, or when progress has not moved. `start` is when the operation began (fraction 0).
 */
export function estimateRemainingSeconds(start: number, latest: ProgressSample): number | undefined {
  const elapsed = latest.at - start;
  const f = Math.min(1, Math.max(0, latest.fraction));
  if (f >= 1) return 0;
  if (f < MIN_FRACTION || elapsed < MIN_ELAPSED_MS) return undefined;
  return ((elapsed / f) * (1 - f)) / 1000;
}
