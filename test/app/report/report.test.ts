import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { profileDataset } from '../../../app/data/profile.js';
import { runComparison } from '../../../app/evaluate/compare.js';
import type { CompareResult, ModelResult } from '../../../app/evaluate/result.js';
import { renderReport, REPORT_MAX_BYTES, REQUIRED_SECTION_IDS, RESULT_SECTIONS } from '../../../app/report/report.js';
import type { ReportSection } from '../../../app/report/context.js';
import type { DatasetProfile } from '../../../app/data/profile.js';
import { makeDataset } from '../../helpers/dataset.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function elements(node: Node): Element[] {
  const out: Element[] = [];
  const visit = (n: Node): void => {
    if ('tagName' in n) out.push(n);
    if ('childNodes' in n) n.childNodes.forEach(visit);
    if ('content' in n && n.content) visit(n.content as Node);
  };
  visit(node);
  return out;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

/** Parse the report back and check the things every report must have. */
function checkReport(html: string): { sections: Map<string, Element>; all: Element[] } {
  const all = elements(parse(html));
  const sections = new Map(all.filter((e) => e.tagName === 'section').map((e) => [e.attrs.find((a) => a.name === 'id')?.value ?? '', e]));
  for (const id of REQUIRED_SECTION_IDS) assert.ok(sections.has(id), `section ${id} is missing`);
  // Offline: no script, no external resource, no link leaving the page.
  assert.equal(all.filter((e) => ['script', 'link', 'iframe', 'object', 'embed', 'img'].includes(e.tagName)).length, 0);
  for (const e of all) {
    for (const a of e.attrs) {
      if (a.name === 'href') assert.match(a.value, /^#[\w-]+$/, `link leaves the page: ${a.value}`);
      assert.ok(!/^on/i.test(a.name), `event handler attribute ${a.name}`);
      assert.ok(!/(https?:|ftp:|\/\/)/i.test(a.value) || a.name === 'content', `URL in ${e.tagName}[${a.name}]: ${a.value}`);
    }
  }
  assert.ok(!/https?:\/\//i.test(html), 'the report contains a URL');
  return { sections, all };
}

const n = 90;
const hostile = '<script>alert("x")</script>';
const classification = makeDataset(
  {
    [hostile]: Array.from({ length: n }, (_, i) => (i * 37) % 11),
    'b & "c"': Array.from({ length: n }, (_, i) => (i % 3 === 0 ? '<img src=x onerror=alert(1)>' : 'plain')),
    noise: Array.from({ length: n }, (_, i) => (i * 7919) % 13),
    label: Array.from({ length: n }, (_, i) => ((i * 37) % 11 > 5 ? '<b>yes</b>' : 'no')),
  },
  '<evil>.csv',
);
const regression = makeDataset({
  x1: Array.from({ length: n }, (_, i) => i % 17),
  x2: Array.from({ length: n }, (_, i) => (i * 13) % 7),
  price: Array.from({ length: n }, (_, i) => 3 * (i % 17) + ((i * 13) % 7) + (i % 2)),
});

describe('explanation report', () => {
  test('classification with hostile names: every section present, offline, all user text escaped', async () => {
    const { result } = await runComparison(classification, { target: 'label', models: ['tree', 'forest', 'linear'], folds: 3, seed: 1, permutationRepeats: 2, latencyCalls: 10 });
    const html = renderReport({ result, profile: profileDataset(classification, 'label'), generatedAt: '2026-01-01T00:00:00.000Z' });
    const { sections, all } = checkReport(html);
    assert.ok(!html.includes('<script>alert'), 'a column name became markup');
    assert.ok(!html.includes('<img src=x'), 'a value became markup');
    assert.ok(!html.includes('<b>yes</b>'), 'a class label became markup');
    // …and the names are still there, as text.
    const purpose = textOf(sections.get('purpose-and-data')!);
    assert.ok(purpose.includes(hostile));
    assert.ok(purpose.includes('<b>yes</b>'));
    assert.ok(textOf(sections.get('feature-importance')!).includes(hostile));
    assert.ok(all.some((e) => e.tagName === 'svg'), 'no chart');
    assert.ok(sections.has('confusion'));
    const limitations = textOf(sections.get('limitations')!);
    assert.match(limitations, /Permutation importance measures how much a model relies/);
    assert.match(limitations, /does not contain: statistical verdicts.*SHAP explanations; calibration; subgroup table; per-decision cards; LLM baseline/);
    assert.match(textOf(sections.get('appendix')!), /this run was not logged/);
  });

  test('regression: same structure, no confusion matrices, the run record hash in the appendix', async () => {
    const { result } = await runComparison(regression, { target: 'price', models: ['tree', 'boost', 'linear'], folds: 4, seed: 2, permutationRepeats: 1, latencyCalls: 10 });
    const hash = 'ab'.repeat(32);
    const html = renderReport({
      result,
      profile: profileDataset(regression, 'price'),
      run: {
        hash,
        prev: '0'.repeat(64),
        seq: 3,
        log: 'sapling-runs.jsonl',
        record: {
          kind: 'compare',
          status: 'completed',
          startedAt: 's',
          finishedAt: 'f',
          environment: { sapling: '0.1.0', runtime: 'node x', platform: 'p', libraries: { zod: '4.6.7' } },
          dataset: { fileName: 'test.csv', sha256: '0'.repeat(64), bytes: 1, rowsInFile: n, columns: [], parser: { delimiter: ',', decimalComma: false, missingTokens: [''] }, warnings: [] },
          settings: { target: 'price', models: ['tree'], params: {}, folds: 4, seed: 2, exclude: [] },
        },
      },
      generatedAt: '2026-01-01T00:00:00.000Z',
    });
    const { sections } = checkReport(html);
    assert.equal(sections.has('confusion'), false);
    assert.match(textOf(sections.get('leaderboard')!), /R²/);
    const appendix = textOf(sections.get('appendix')!);
    assert.ok(appendix.includes(hash));
    assert.match(appendix, /sapling reproduce sapling-runs\.jsonl --run abababababab/);
    assert.match(appendix, /zod\s*4\.6\.7/);
  });

  test('a section added later (e.g. calibration) appears in order, and its analysis and caveats reach the limitations', async () => {
    const { result } = await runComparison(regression, { target: 'price', models: ['tree'], folds: 3, seed: 2, permutationRepeats: 1, latencyCalls: 5 });
    const calibration: ReportSection = {
      id: 'calibration',
      title: 'Calibration',
      analyses: ['calibration'],
      caveats: () => ['Reliability bins with few rows are noisy.'],
      render: () => '<p>bins</p>',
    };
    const html = renderReport({ result, generatedAt: 'now' }, [...RESULT_SECTIONS, calibration]);
    const { sections } = checkReport(html);
    assert.ok(sections.has('calibration'));
    const limitations = textOf(sections.get('limitations')!);
    assert.match(limitations, /Reliability bins with few rows are noisy\./);
    assert.doesNotMatch(limitations, /does not contain:[^.]*calibration/);
    assert.match(limitations, /does not contain:[^.]*subgroup table/);
  });

  test(`size stays under ${REPORT_MAX_BYTES / 1e6} MB for 100,000 rows × 800 columns, 6 models, 60 classes and thousands of warnings`, () => {
    const features = Array.from({ length: 800 }, (_, i) => `feature_${i}_${'x'.repeat(20)}`);
    const classes = Array.from({ length: 60 }, (_, i) => `class ${i}`);
    const summary = { mean: 0.8, std: 0.01, ci95: [0.79, 0.81] as [number, number], n: 5 };
    const metrics = Object.fromEntries(['accuracy', 'balancedAccuracy', 'f1Macro', 'rocAuc', 'logLoss', 'brier'].map((m) => [m, summary]));
    const model = (i: number): ModelResult => ({
      id: 'tree',
      label: `Model ${i}`,
      params: Object.fromEntries(Array.from({ length: 12 }, (_, j) => [`p${j}`, j])),
      metrics,
      trainMetrics: metrics,
      folds: Array.from({ length: 5 }, () => ({ accuracy: 0.8 })),
      confusionMatrix: classes.map(() => classes.map(() => 1000)),
      sizeBytes: 1e6,
      importance: { permutation: features.map((f, j) => ({ feature: f, mean: 1 / (j + 1), std: 0.01 })), permutationMetric: 'accuracy', impurity: features.map((f, j) => ({ feature: f, mean: 1 / (j + 2), std: 0 })), impurityNote: 'note' },
      notes: ['trained on a subsample'],
      timing: { fitSecondsMean: 1, fitSeconds: [1], predictRowMsP50: 0.01 * (i + 1), predictRowMsP95: 0.02, latencyCalls: 200, rowsPerSecond: 1e6 },
    });
    const result: CompareResult = {
      format: 'sapling-compare',
      version: 1,
      sapling: '0.1.0',
      dataset: { fileName: 'big.csv', sha256: 'f'.repeat(64), rows: 100_000, rowsInFile: 100_000, columns: 801, target: 'y', task: 'classification', classes, features },
      settings: { folds: 5, seed: 1, models: ['tree'], permutationRepeats: 5, excluded: [] },
      primaryMetric: 'accuracy',
      warnings: Array.from({ length: 5000 }, (_, i) => `warning ${i}: ${'w'.repeat(80)}`),
      models: Array.from({ length: 6 }, (_, i) => model(i)),
    };
    const profile: DatasetProfile = {
      fileName: 'big.csv',
      sha256: 'f'.repeat(64),
      rows: 100_000,
      columns: features.map((name) => ({ name, type: 'numeric', missing: 0, missingFraction: 0, distinct: 100_000 })),
      target: { name: 'y', task: 'classification', classBalance: classes.map((label) => ({ label, count: 1000, fraction: 1 / 60 })) },
      warnings: Array.from({ length: 3000 }, (_, i) => `profile warning ${i}`),
    };
    const html = renderReport({ result, profile, generatedAt: 'now' });
    const bytes = new TextEncoder().encode(html).length;
    assert.ok(bytes < REPORT_MAX_BYTES, `report is ${bytes} bytes`);
    checkReport(html);
    assert.match(html, /… and 600 more, not shown/);
  });
});
