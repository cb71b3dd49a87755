import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { choosePrimaryMetric } from '../../../app/answer/primary-metric.js';

describe('choosePrimaryMetric', () => {
  test('an imbalanced binary target (12% denials) is ranked by balanced accuracy, and says why', () => {
    const c = choosePrimaryMetric('classification', [
      { label: 'no', count: 2095 },
      { label: 'yes', count: 285 },
    ]);
    assert.equal(c.metric, 'balancedAccuracy');
    assert.match(c.reason, /'yes', 12\.0% of rows\) is below 25\.0%/);
  });
  test('28% minority (credit_data) stays on accuracy; 25% is the boundary for two classes', () => {
    assert.equal(
      choosePrimaryMetric('classification', [
        { label: 'bad', count: 1254 },
        { label: 'good', count: 3200 },
      ]).metric,
      'accuracy',
    );
    assert.equal(
      choosePrimaryMetric('classification', [
        { label: 'a', count: 249 },
        { label: 'b', count: 751 },
      ]).metric,
      'balancedAccuracy',
    );
    assert.equal(
      choosePrimaryMetric('classification', [
        { label: 'a', count: 250 },
        { label: 'b', count: 750 },
      ]).metric,
      'accuracy',
    );
  });
  test('k classes: rare means below half an equal share (iris stays on accuracy, a 4% class of six does not)', () => {
    const iris = [50, 50, 50].map((count, i) => ({ label: `c${i}`, count }));
    assert.equal(choosePrimaryMetric('classification', iris).metric, 'accuracy');
    const glass = [70, 76, 17, 13, 9, 29].map((count, i) => ({ label: `c${i}`, count }));
    assert.equal(choosePrimaryMetric('classification', glass).metric, 'balancedAccuracy');
  });
  test('regression → R²', () => {
    assert.equal(choosePrimaryMetric('regression').metric, 'r2');
  });
});
