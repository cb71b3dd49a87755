import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { recommend, type Candidate } from '../../../app/answer/recommend.js';
import type { BaselineResult } from '../../../app/answer/baseline.js';
import { summarize } from '../../../app/evaluate/stats.js';

function candidate(
  id: string,
  scores: number[],
  leaves: number,
  latency: number,
  measure: 'leaves' | 'coefficients' = 'leaves',
): Candidate {
  const s = summarize(scores);
  return {
    id,
    label: id[0].toUpperCase() + id.slice(1),
    metrics: { accuracy: { mean: s.mean, std: s.std, ci95: [s.ci95[0], s.ci95[1]], n: s.n } },
    folds: scores.map((accuracy) => ({ accuracy })),
    size: { measure, count: leaves },
    timing: { predictRowMsP50: latency },
  };
}
const primary = { metric: 'accuracy' as const, reason: 'accuracy, because the classes are balanced' };
const options = { testFraction: 0.2, rope: 0.01 };
const baseline: BaselineResult = {
  id: 'baseline',
  label: 'Majority-class baseline',
  rule: "always 'good'",
  metrics: { accuracy: { mean: 0.718, std: 0, ci95: [0.718, 0.718], n: 5 } },
  folds: [0.718, 0.718, 0.718, 0.718, 0.718].map((accuracy) => ({ accuracy })),
};

describe('recommend', () => {
  test('a tie on accuracy goes to the smallest, fastest model, with numbers in the reasons', () => {
    const models = [
      candidate('forest', [0.79, 0.8, 0.785, 0.795, 0.8], 41000, 0.17),
      candidate('boost', [0.795, 0.79, 0.8, 0.79, 0.805], 3100, 0.05),
      candidate('linear', [0.8, 0.785, 0.79, 0.8, 0.79], 21, 0.012, 'coefficients'),
    ];
    const r = recommend(models, [], baseline, primary, options)!;
    assert.equal(r.modelId, 'linear');
    assert.equal(r.kind, 'tie');
    assert.match(r.reasons[0], /Linear is as accurate as the best: accuracy 0\.793 against Boost's 0\.796/);
    assert.match(r.reasons[1], /It is 150× smaller: 21 coefficients against 3,100 leaves\./);
    assert.match(r.timing.reasons[0], /4\.2× faster per prediction \(0\.012 ms against 0\.05 ms\) than Boost/);
    assert.match(r.reasons[2], /beats the majority-class baseline \(accuracy 0\.718: always 'good'\)/);
    assert.deepEqual(r.alternatives.map((a) => a.modelId).sort(), ['boost', 'forest']);
    assert.ok(r.beatsBaseline);
  });
  test('a clear winner is named with its margin and p', () => {
    const models = [
      candidate('tree', [0.7, 0.71, 0.69, 0.7, 0.72], 16, 0.001),
      candidate('forest', [0.8, 0.81, 0.79, 0.8, 0.82], 41000, 0.17),
    ];
    const r = recommend(models, [], baseline, primary, options)!;
    assert.equal(r.modelId, 'forest');
    assert.equal(r.kind, 'winner');
    assert.match(
      r.reasons[0],
      /clearly the most accurate: accuracy 0\.804, 10 points above the next best, Tree \(0\.704; p < 0\.001/,
    );
    assert.equal(r.alternatives[0].modelId, 'tree');
  });
  test('the baseline is never recommended, and a model that does not beat it is flagged', () => {
    const models = [candidate('tree', [0.72, 0.71, 0.73, 0.7, 0.72], 4, 0.001)];
    const r = recommend(models, [], baseline, primary, options)!;
    assert.equal(r.modelId, 'tree');
    assert.equal(r.beatsBaseline, false);
    assert.match(r.reasons.join(' '), /Caution: it does not clearly beat/);
  });
  test("uses the run's own verdict p-value for a pair when there is one", () => {
    const models = [
      candidate('tree', [0.7, 0.71, 0.69, 0.7, 0.72], 16, 0.001),
      candidate('forest', [0.8, 0.81, 0.79, 0.8, 0.82], 41000, 0.17),
    ];
    const verdict = {
      a: 'forest' as const,
      b: 'tree' as const,
      metric: 'accuracy',
      rope: 0.01,
      text: '',
      meanDifference: 0.1,
      splits: 5,
      t: 1,
      df: 4,
      p: 0.2,
      probabilities: { aBetter: 0.5, equivalent: 0.2, bBetter: 0.3 },
    };
    const r = recommend(models, [verdict], baseline, primary, options)!;
    assert.equal(r.kind, 'tie');
    assert.equal(r.modelId, 'tree');
  });
});
