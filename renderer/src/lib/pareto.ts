/**
 * The Pareto front of models on the accuracy-vs-latency plane: the models no other model beats on both
 * axes at once. Lower latency is always better; the metric may be better higher (accuracy) or lower (log loss).
 */

export interface TradeoffPoint {
  readonly id: string;
  /** Cost, lower is better (e.g. single-row latency in ms). */
  readonly cost: number;
  /** Score on the selected metric. */
  readonly score: number;
}

/** Scores this close are equal: a mean of fold scores carries floating-point noise (0.96 vs 0.9600000000000002). */
const SCORE_EPSILON = 1e-9;

/** Whether `a` dominates `b`: at least as good on both axes and strictly better on one. */
export function dominates(a: TradeoffPoint, b: TradeoffPoint, direction: 'higher' | 'lower'): boolean {
  const tolerance = SCORE_EPSILON * Math.max(1, Math.abs(a.score), Math.abs(b.score));
  const better = (x: number, y: number): boolean => (direction === 'higher' ? x > y + tolerance : x < y - tolerance);
  const atLeast = (x: number, y: number): boolean => !better(y, x);
  return a.cost <= b.cost && atLeast(a.score, b.score) && (a.cost < b.cost || better(a.score, b.score));
}

/**
 * The non-dominated points, ordered by cost (then score, best first) so that a line through them is the front.
 * Points with a non-finite cost or score are never on the front. Identical points are all kept.
 */
export function paretoFront<T extends TradeoffPoint>(points: readonly T[], direction: 'higher' | 'lower'): T[] {
  const valid = points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.score));
  const front = valid.filter((p) => !valid.some((q) => q !== p && dominates(q, p, direction)));
  const sign = direction === 'higher' ? -1 : 1;
  return front.sort(
    (a, b) => a.cost - b.cost || sign * (a.score - b.score) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
