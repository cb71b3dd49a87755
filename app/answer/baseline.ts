/**
 * The row every leaderboard needs and few show: what you get without a model. Classification: always the
 * training fold's most frequent class, with its class frequencies as probabilities; regression: always the
 * training fold's mean. Scored on the same folds as the models, so "beats the baseline" is a paired test.
 * It is never recommended.
 */
import { CLASSIFICATION_METRICS, REGRESSION_METRICS, computeMetrics } from '../evaluate/metrics.js';
import { summarize } from '../evaluate/stats.js';
import type { Fold } from '../evaluate/splits.js';
import type { Target } from '../models/matrix.js';
import { selectTarget } from '../models/matrix.js';

import type { BaselineResult } from '../result/answer.js';
export type { BaselineResult };

export const BASELINE_ID = 'baseline';

export function baselineResult(target: Target, folds: readonly Fold[], keptFolds: number): BaselineResult {
  const scores: Record<string, number>[] = [];
  const k = target.task === 'classification' ? target.classes.length : 0;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const chosen: number[] = [];
  for (const fold of folds) {
    const yTrain = selectTarget(target, fold.train);
    const yTest = selectTarget(target, fold.test);
    const n = fold.test.length;
    if (yTrain.task === 'regression') {
      let mean = 0;
      for (const v of yTrain.values) mean += v;
      mean /= yTrain.values.length;
      scores.push(computeMetrics('regression', yTest, new Float64Array(n).fill(mean)));
      continue;
    }
    const counts = new Array<number>(k).fill(0);
    for (const c of yTrain.codes) counts[c]++;
    // Most frequent class; ties go to the first class in label order, as scikit-learn's DummyClassifier.
    const majority = counts.indexOf(Math.max(...counts));
    chosen.push(majority);
    const proba = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) proba[i * k + c] = counts[c] / yTrain.codes.length;
    scores.push(computeMetrics('classification', yTest, new Float64Array(n).fill(majority), proba));
    if (fold.index < keptFolds && yTest.task === 'classification')
      for (const c of yTest.codes) confusion[c][majority]++;
  }
  const names = target.task === 'classification' ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  const metrics = Object.fromEntries(
    names.map((name) => {
      const s = summarize(scores.map((f) => f[name]));
      return [name, { mean: s.mean, std: s.std, ci95: [s.ci95[0], s.ci95[1]] as const, n: s.n }];
    }),
  );
  if (target.task === 'regression')
    return {
      id: BASELINE_ID,
      label: 'Mean baseline',
      rule: "always the training fold's mean of the target",
      metrics,
      folds: scores,
    };
  const distinct = [...new Set(chosen)].map((c) => `'${target.classes[c]}'`);
  return {
    id: BASELINE_ID,
    label: 'Majority-class baseline',
    rule: `always ${distinct.join(' or ')}, the training fold's most frequent class`,
    metrics,
    folds: scores,
    confusionMatrix: confusion,
  };
}
