/**
 * "Numbers rounded to ~4 significant digits everywhere" in the report: a regression file whose cells carry 17 digits
 * (like diabetes.csv) — leaderboard, charts' labels, cards (values, predictions, paths), subgroups — shows no
 * decimal with more than the formatters' digits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../../app/compare/run.js';
import { reportCards } from '../../../app/report/cards.js';
import { renderReport } from '../../../app/report/report.js';
import { makeDataset } from '../../helpers/dataset.js';
import { longNumbers } from '../../helpers/rounding.js';

const n = 160;
const long = (i: number, k: number) => Math.sin(i * k + 1) * 0.0123456789012345;
const data = makeDataset(
  {
    bmi: Array.from({ length: n }, (_, i) => long(i, 0.7)),
    bp: Array.from({ length: n }, (_, i) => long(i, 1.3)),
    sex: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.05068011873981862 : -0.044641636506989144)),
    target: Array.from({ length: n }, (_, i) => 150 + 4000 * long(i, 0.7) + 1234.5678901 * long(i, 1.3) + (i % 7)),
  },
  'long-decimals.csv',
);

test('a regression report on long-decimal data prints every number rounded', async () => {
  const { result, artifacts } = await runComparison(data, {
    target: 'target',
    models: ['tree', 'linear'],
    folds: 3,
    seed: 3,
    permutationRepeats: 1,
    latencyCalls: 10,
  });
  const cards = reportCards(result, artifacts, { count: 3 });
  assert.ok(cards.length > 0);
  const html = renderReport({ result, generatedAt: '2026-01-01T00:00:00.000Z', cards });
  const text = html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
  assert.deepEqual(longNumbers(text), []);
  // The sex column is a protected attribute: its two groups are labelled with short, still distinct values.
  assert.match(html, /sex = 0\.05068/);
  assert.match(html, /sex = -0\.04464/);
});
