import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankModels } from '../../../app/evaluate/ranking.js';

const m = (id: string, metrics: Record<string, number>) => ({
  id,
  metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, { mean: v }])),
});

test('best first, honouring the metric direction; ties keep the result order (as the CLI)', () => {
  const models = [
    m('tree', { accuracy: 0.96, logLoss: 1.38 }),
    m('forest', { accuracy: 0.953, logLoss: 0.3 }),
    m('linear', { accuracy: 0.96, logLoss: 0.148 }),
  ];
  assert.deepEqual(
    rankModels(models, 'accuracy', 'higher').map((x) => x.id),
    ['tree', 'linear', 'forest'],
  );
  assert.deepEqual(
    rankModels(models, 'logLoss', 'lower').map((x) => x.id),
    ['linear', 'forest', 'tree'],
  );
});

test('undefined metrics go last', () => {
  const models = [m('a', { rocAuc: NaN }), m('b', { rocAuc: 0.7 }), m('c', {})];
  assert.deepEqual(
    rankModels(models, 'rocAuc', 'higher').map((x) => x.id),
    ['b', 'a', 'c'],
  );
  assert.deepEqual(
    rankModels(models, 'rocAuc', 'lower').map((x) => x.id),
    ['b', 'a', 'c'],
  );
});
