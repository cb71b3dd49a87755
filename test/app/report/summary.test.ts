import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../../app/compare/run.js';
import { renderReport } from '../../../app/report/report.js';
import { fmtSig } from '../../../app/util/format.js';
import { trainedModels } from '../../../app/evaluate/model-rows.js';
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
    // ROC and PR side by side on paper too (stacked, they pushed the summary onto a second page), and their
    // legends keep the AUC (model labels lose their parenthesis, not the number).
    assert.match(summary, /<div class="grid pair"><figure>/);
    assert.match(html, /\.grid\.pair\{flex-wrap:nowrap\}/);
    const linear = trainedModels(result).find((m) => m.id === 'linear')!;
    assert.ok(
      summary.includes(`>Linear ${fmtSig(linear.metrics.rocAuc!.mean, 3)}</text>`),
      'legend: Linear and its AUC',
    );
    // A curve of many points is a line without a dot on each point.
    assert.ok((linear.classReport!.roc!.length ?? 0) > 40);
    const roc = summary.slice(summary.indexOf('<svg'), summary.indexOf('</svg>'));
    const marked = trainedModels(result)
      .map((m) => m.classReport?.roc?.length ?? 0)
      .reduce((sum, k) => sum + (k <= 40 ? k : 0), 0);
    assert.equal(roc.match(/<circle /g)?.length ?? 0, marked);
    // The threshold section's intro stays on the page of the first chart (and so with its heading).
    const thr = html.slice(html.indexOf('<section id="decision-threshold">'));
    assert.match(thr, /^<section id="decision-threshold"><h2>Decision threshold<\/h2>\n<div class="keep"><p>/);
    assert.match(html, /\.keep\{break-inside:avoid\}|,\.keep\{break-inside:avoid\}/);
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
