import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../../app/compare/run.js';
import { renderReport } from '../../../app/report/report.js';
import { modelColor as appModelColor } from '../../../renderer/src/lib/colors.js';
import { makeDataset } from '../../helpers/dataset.js';

const n = 240;
const data = makeDataset(
  {
    Income: Array.from({ length: n }, (_, i) => 40 + ((i * 37) % 200)),
    Seniority: Array.from({ length: n }, (_, i) => (i * 7) % 25),
    sex: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'female' : 'male')),
    Status: Array.from({ length: n }, (_, i) => (40 + ((i * 37) % 200) > 90 !== (i % 9 === 0) ? 'good' : 'bad')),
  },
  'credit_like.csv',
);

describe('report summary', () => {
  test('the first section is the Summary: the recommendation, the baseline, the protected column, ROC and PR charts', async () => {
    const { result } = await runComparison(data, {
      target: 'Status',
      models: ['tree', 'forest', 'linear'],
      params: { forest: { trees: 10 } },
      folds: 3,
      seed: 1,
      permutationRepeats: 1,
      latencyCalls: 10,
    });
    const html = renderReport({ result, generatedAt: '2026-01-01T00:00:00.000Z' });
    const first = /<section id="([\w-]+)">/.exec(html)![1];
    assert.equal(first, 'summary');
    const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('</section>'));
    assert.match(summary, new RegExp(`Use <b>${result.recommendation!.label.replace(/[()]/g, '\\$&')}</b>`));
    assert.match(summary, /Majority-class baseline/);
    assert.match(summary, /Protected attributes: sex \(sex or gender\)/);
    assert.match(summary, /ROC curves for/);
    assert.match(summary, /Precision–recall for/);
    // Printed, the summary is a page of its own and headings stay with what follows them.
    assert.match(html, /#summary\{break-after:page\}/);
    assert.match(html, /h2\+\*,h3\+\*\{break-before:avoid\}/);
  });

  test("every model's colour in the report's charts is the app's colour for that model", async () => {
    const { result } = await runComparison(data, {
      target: 'Status',
      models: ['linear', 'boost', 'tree'],
      params: { boost: { rounds: 10 } },
      folds: 3,
      seed: 2,
      permutationRepeats: 1,
      latencyCalls: 10,
    });
    const html = renderReport({ result, generatedAt: '2026-01-01T00:00:00.000Z' });
    const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('</section>'));
    const strokes = [...summary.matchAll(/<polyline fill="none" stroke="(#[0-9A-Fa-f]{6})"/g)].map((m) => m[1]);
    // One ROC and one PR line per model, in result order, each in the app's colour.
    const expected = result.models.map((m) => appModelColor(m.id));
    assert.deepEqual(strokes.slice(0, 3), expected);
    assert.deepEqual(strokes.slice(3, 6), expected);
    assert.equal(new Set(expected).size, 3);
  });
});
