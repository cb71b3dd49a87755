/**
 * Leaderboard order — the one ranking the CLI, the report and the app use: best first on the chosen metric, honouring
 * its direction (metrics.ts); undefined values last.
 */
import { metricDirection, type MetricName } from './metrics.js';

export interface RankableModel {
  readonly metrics: Readonly<Record<string, { readonly mean: number }>>;
}

/**
 * A stable sort (ties keep the result's model order, as the CLI's leaderboard does).
 * `direction` is whether a larger value is better (by default the metric's own).
 */
export function rankModels<T extends RankableModel>(
  models: readonly T[],
  metric: string,
  direction: 'higher' | 'lower' = metricDirection(metric as MetricName),
): T[] {
  const key = (m: T): number => {
    const v = m.metrics[metric]?.mean;
    if (v === undefined || !Number.isFinite(v)) return -Infinity;
    return direction === 'higher' ? v : -v;
  };
  return [...models].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return 0;
    return kb > ka ? 1 : -1;
  });
}
