/**
 * Which metric ranks the models, and why. Accuracy rewards always answering the majority class on an
 * imbalanced target (12% denials: "never deny" scores 0.88), so when the smallest class is rare the
 * ranking uses balanced accuracy (mean recall over classes) instead.
 *
 * Rule (documented in docs/answer.md): a classification target is *imbalanced* when its smallest class
 * holds less than half of an equal share of the rows, i.e. below 1/(2k) for k classes — below 25% for two
 * classes. Imbalanced → balanced accuracy; otherwise accuracy. Regression → R².
 */
import type { Task } from '../models/matrix.js';

/** Share of an equal split below which the smallest class counts as rare (0.5 → 25% for two classes). */
export const IMBALANCE_RATIO = 0.5;

export interface PrimaryMetricChoice {
  readonly metric: 'accuracy' | 'balancedAccuracy' | 'r2';
  /** One sentence a user can check against the class balance. */
  readonly reason: string;
  /** Classification: the share of rows in the smallest class. */
  readonly minorityShare?: number;
}

export function choosePrimaryMetric(
  task: Task,
  classCounts?: readonly { readonly label: string; readonly count: number }[],
): PrimaryMetricChoice {
  if (task === 'regression')
    return { metric: 'r2', reason: 'R² (share of the target variance explained): the standard regression score' };
  const counts = classCounts ?? [];
  const total = counts.reduce((s, c) => s + c.count, 0);
  if (counts.length < 2 || total === 0) return { metric: 'accuracy', reason: 'accuracy (fewer than two classes)' };
  const smallest = counts.reduce((a, b) => (b.count < a.count ? b : a));
  const share = smallest.count / total;
  const threshold = IMBALANCE_RATIO / counts.length;
  const percent = (x: number): string => `${(100 * x).toPrecision(3)}%`;
  if (share < threshold)
    return {
      metric: 'balancedAccuracy',
      minorityShare: share,
      reason:
        `balanced accuracy, because the smallest class ('${smallest.label}', ${percent(share)} of rows) is below ` +
        `${percent(threshold)}: plain accuracy would reward always answering the majority class`,
    };
  return {
    metric: 'accuracy',
    minorityShare: share,
    reason: `accuracy, because the classes are reasonably balanced (smallest class '${smallest.label}': ${percent(share)} of rows, rare below ${percent(threshold)})`,
  };
}
