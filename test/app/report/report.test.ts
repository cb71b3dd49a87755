import { evaluateExternal } from '../../../app/evaluate/external.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { profileDataset } from '../../../app/data/profile.js';
import { runComparison } from '../../../app/compare/run.js';
import type { CompareResult, ModelResult } from '../../../app/result/compare.js';
import { renderReport, REPORT_MAX_BYTES, REQUIRED_SECTION_IDS, RESULT_SECTIONS } from '../../../app/report/report.js';
import { MAX_REPORT_CARDS, pickCardRows, reportCards } from '../../../app/report/cards.js';
import type { ReportSection } from '../../../app/report/context.js';
import type { DatasetProfile } from '../../../app/data/profile.js';
import type { DecisionCardView } from '../../../app/ipc/contract.js';
import { MemoryCache } from '../../../app/llm/cache.js';
import { defaultDeps } from '../../../app/llm/client.js';
import { llmSettings } from '../../../app/settings/llm.js';
import { REASON_QUESTION } from '../../../app/llm/evaluate.js';
import { makeDataset } from '../../helpers/dataset.js';
import { instantSleep, startFakeLlm, type FakeLlm } from '../../helpers/fake-llm.js';
import { trainedModels } from '../../../app/evaluate/model-rows.js';

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
  const sections = new Map(
    all.filter((e) => e.tagName === 'section').map((e) => [e.attrs.find((a) => a.name === 'id')?.value ?? '', e]),
  );
  for (const id of REQUIRED_SECTION_IDS) assert.ok(sections.has(id), `section ${id} is missing`);
  // Offline: no script, no external resource, no link leaving the page.
  assert.equal(all.filter((e) => ['script', 'link', 'iframe', 'object', 'embed', 'img'].includes(e.tagName)).length, 0);
  for (const e of all) {
    for (const a of e.attrs) {
      if (a.name === 'href') assert.match(a.value, /^#[\w-]+$/, `link leaves the page: ${a.value}`);
      assert.ok(!/^on/i.test(a.name), `event handler attribute ${a.name}`);
      assert.ok(
        !/(https?:|ftp:|\/\/)/i.test(a.value) || a.name === 'content',
        `URL in ${e.tagName}[${a.name}]: ${a.value}`,
      );
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

/** Credit-like data: numbers, categories, a hostile column name and hostile category values, a two-class target. */
const m = 150;
const credit = makeDataset(
  {
    Income: Array.from({ length: m }, (_, i) => 40 + ((i * 37) % 200)),
    Seniority: Array.from({ length: m }, (_, i) => (i * 7) % 25),
    [hostile]: Array.from({ length: m }, (_, i) =>
      i % 3 === 0 ? '<img src=x onerror=alert(1)>' : i % 3 === 1 ? 'married' : 'single',
    ),
    Records: Array.from({ length: m }, (_, i) => (i % 5 === 0 ? 'yes' : 'no')),
    Status: Array.from({ length: m }, (_, i) =>
      (i % 5 !== 0 && 40 + ((i * 37) % 200) > 90) !== (i % 11 === 0) ? 'good' : 'bad',
    ),
  },
  'credit_like.csv',
);
const KEY = 'sk-report-NEVER-IN-THE-REPORT-9';
let fake: FakeLlm;
before(async () => {
  // Answers 'bad' for arrears records or a low income, like a reader of the row would; a hostile stated reason.
  fake = await startFakeLlm((prompt) => {
    if (prompt === REASON_QUESTION) return 'Because <img src=x onerror=alert(2)> said so';
    const row = prompt.slice(prompt.lastIndexOf('The Income is'));
    return /The Records is yes/.test(row) || Number(/The Income is (\d+)/.exec(row)?.[1]) < 100 ? 'bad' : 'good';
  });
});
after(() => fake.close());

describe('explanation report', () => {
  test('classification with hostile names: every section present, offline, all user text escaped', async () => {
    const { result } = await runComparison(classification, {
      target: 'label',
      models: ['tree', 'forest', 'linear'],
      folds: 3,
      seed: 1,
      permutationRepeats: 2,
      latencyCalls: 10,
    });
    const html = renderReport({
      result,
      profile: profileDataset(classification, 'label'),
      generatedAt: '2026-01-01T00:00:00.000Z',
    });
    const { sections, all } = checkReport(html);
    assert.ok(!html.includes('<script>alert'), 'a column name became markup');
    assert.ok(!html.includes('<img src=x'), 'a value became markup');
    assert.ok(!html.includes('<b>yes</b>'), 'a class label became markup');
    // …and the names are still there, as text.
    const purpose = textOf(sections.get('purpose-and-data')!);
    assert.ok(purpose.includes(hostile));
    assert.ok(purpose.includes('<b>yes</b>'));
    assert.ok(textOf(sections.get('feature-importance')!).includes(hostile));
    assert.ok(
      all.some((e) => e.tagName === 'svg'),
      'no chart',
    );
    assert.ok(sections.has('confusion'));
    const limitations = textOf(sections.get('limitations')!);
    assert.match(limitations, /Permutation importance measures how much a model relies/);
    // k-fold gives verdicts, SHAP and calibration; subgroups, cards and the LLM were not asked for.
    assert.match(
      limitations,
      /does not contain: subgroup table; per-decision cards; LLM baseline; cascade \(tree first, LLM for the rest\); distilled tree of the LLM; evaluation on another file\./,
    );
    for (const id of ['verdicts', 'calibration']) assert.ok(sections.has(id), `section ${id} is missing`);
    for (const id of ['subgroups', 'llm', 'cascade', 'distilled', 'decision-cards'])
      assert.equal(sections.has(id), false, `section ${id} without its analysis`);
    assert.match(textOf(sections.get('appendix')!), /this run was not logged/);
  });

  test(
    'a credit-like run with subgroups, recalibration, the LLM and cards: every section, its caveats, hostile text escaped, the key nowhere',
    { timeout: 120_000 },
    async () => {
      const { result, artifacts } = await runComparison(
        credit,
        {
          target: 'Status',
          models: ['tree', 'forest', 'boost', 'linear'],
          folds: 3,
          seed: 3,
          permutationRepeats: 1,
          latencyCalls: 5,
          subgroups: [hostile],
          calibrate: 'isotonic',
          llm: llmSettings({
            provider: 'openai',
            baseUrl: fake.openaiBaseUrl,
            model: 'fake-<i>model</i>',
            sampleRows: 45,
            shots: 1,
            probeRows: 5,
            importanceRows: 12,
            reasonRows: 3,
            concurrency: 2,
            prices: { inputPer1M: 1, outputPer1M: 2 },
          }),
        },
        {
          llm: { apiKey: KEY, cache: new MemoryCache(), deps: { ...defaultDeps(fetch), sleep: instantSleep().sleep } },
        },
      );
      const picked = pickCardRows(result, artifacts, 3);
      assert.deepEqual(pickCardRows(result, artifacts, 3), picked, 'the same run picks the same rows');
      const asked = new Set(artifacts.llmAnswers!.map((a) => a.row));
      assert.ok(
        picked.every((p) => asked.has(p.row)),
        'cards come from the rows the LLM answered',
      );
      const cards = reportCards(result, artifacts, { count: 3 });
      assert.equal(cards.length, 3);
      // The same file as the "external" one: every analysis is in this report, the evaluation on another file too.
      const withExternal = { ...result, external: await evaluateExternal(credit, credit, result) };
      const html = renderReport({
        result: withExternal,
        profile: profileDataset(credit, 'Status'),
        generatedAt: 'now',
        cards,
      });
      const { sections } = checkReport(html);
      for (const id of [
        'verdicts',
        'calibration',
        'subgroups',
        'confusion',
        'llm',
        'cascade',
        'distilled',
        'decision-cards',
        'external-data',
      ])
        assert.ok(sections.has(id), `section ${id} is missing`);
      const text = (id: string): string => textOf(sections.get(id)!);

      // Nothing hostile became markup; the key is nowhere; no endpoint URL (the report stays link-free).
      assert.ok(!html.includes('<script>alert'));
      assert.ok(!html.includes('<img src=x'));
      assert.ok(!html.includes('<i>model</i>'));
      assert.ok(!html.includes(KEY));
      assert.ok(text('subgroups').includes(hostile), 'the subgroup column name, as text');
      assert.ok(text('subgroups').includes('<img src=x onerror=alert(1)>'), 'a group value, as text');

      // The LLM: in the leaderboard and the trade-off chart with its sample size; its section's numbers and labels.
      const llmLabel = `${result.llm!.label} (n = 45)`;
      assert.ok(text('leaderboard').includes(llmLabel));
      assert.match(text('leaderboard'), /95% Wilson interval/);
      assert.ok(text('accuracy-latency-cost').includes(llmLabel));
      assert.ok(
        sections.get('accuracy-latency-cost')!.childNodes.some((c) => textOf(c).includes('n = 45')),
        'the LLM is a point of the chart',
      );
      const llm = text('llm');
      for (const phrase of [
        'Invalid answers',
        'Tokens',
        'per 1,000 predictions',
        'p50',
        'p95',
        'Determinism probe',
        'self-reported, not verified',
        'fake-<i>model</i>',
      ])
        assert.ok(llm.includes(phrase), `LLM section lacks '${phrase}'`);
      assert.ok(llm.includes('Because <img src=x onerror=alert(2)> said so'), 'the stated reason, escaped, as text');
      assert.match(text('cascade'), /LLM only/);
      assert.match(text('distilled'), /Fidelity|Not computed/);
      assert.match(text('verdicts'), /p = /);

      // SHAP sits with the other importances, with the agreement view.
      const importance = text('feature-importance');
      for (const phrase of [
        'mean |SHAP|',
        'Spearman ρ',
        'Kendall τ',
        'Between methods, for one model',
        'Between models, for one method',
      ])
        assert.ok(importance.includes(phrase), `importance lacks '${phrase}'`);
      assert.ok(text('calibration').includes('ECE (isotonic)'));
      const cardsText = text('decision-cards');
      assert.equal(
        sections
          .get('decision-cards')!
          .childNodes.filter((c) => 'tagName' in c && c.attrs.some((a) => a.name === 'class' && a.value === 'card'))
          .length,
        3,
      );
      assert.match(cardsText, /Data row \d+ — actual/);
      assert.match(cardsText, /LLM/);

      // Every method's caveat reaches the limitations, and no analysis is listed as missing.
      const limitations = text('limitations');
      for (const caveat of [
        /path-dependent TreeSHAP/,
        /log-odds/,
        /sample of held-out rows/,
        /favours features with many distinct values/,
        /memorization/,
        /self-reported/,
        /sample of 45 test rows/,
        /corrected resampled t-test/,
        /equal-width bins/,
        /at least 30 rows/,
        /cascade curve is computed on/,
        /chosen as the held-out rows where the models disagree/,
      ]) {
        assert.match(limitations, caveat);
      }
      assert.doesNotMatch(limitations, /does not contain/);
    },
  );

  test('regression: same structure, no confusion matrices, the run record hash in the appendix', async () => {
    const { result } = await runComparison(regression, {
      target: 'price',
      models: ['tree', 'boost', 'linear'],
      folds: 4,
      seed: 2,
      permutationRepeats: 1,
      latencyCalls: 10,
    });
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
          dataset: {
            fileName: 'test.csv',
            sha256: '0'.repeat(64),
            bytes: 1,
            rowsInFile: n,
            columns: [],
            parser: { delimiter: ',', decimalComma: false, missingTokens: [''] },
            warnings: [],
          },
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
    const { result } = await runComparison(regression, {
      target: 'price',
      models: ['tree'],
      folds: 3,
      seed: 2,
      permutationRepeats: 1,
      latencyCalls: 5,
    });
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
    const metrics = Object.fromEntries(
      ['accuracy', 'balancedAccuracy', 'f1Macro', 'rocAuc', 'logLoss', 'brier'].map((m) => [m, summary]),
    );
    const model = (i: number): ModelResult => ({
      id: 'tree',
      label: `Model ${i}`,
      params: Object.fromEntries(Array.from({ length: 12 }, (_, j) => [`p${j}`, j])),
      metrics,
      trainMetrics: metrics,
      folds: Array.from({ length: 5 }, () => ({ accuracy: 0.8 })),
      confusionMatrix: classes.map(() => classes.map(() => 1000)),
      sizeBytes: 1e6,
      importance: {
        permutation: features.map((f, j) => ({ feature: f, mean: 1 / (j + 1), std: 0.01 })),
        permutationMetric: 'accuracy',
        impurity: features.map((f, j) => ({ feature: f, mean: 1 / (j + 2), std: 0 })),
        impurityNote: 'note',
      },
      notes: ['trained on a subsample'],
      timing: {
        fitSecondsMean: 1,
        fitSeconds: [1],
        predictRowMsP50: 0.01 * (i + 1),
        predictRowMsP95: 0.02,
        latencyCalls: 200,
        rowsPerSecond: 1e6,
      },
    });
    const result: CompareResult = {
      format: 'sapling-compare',
      version: 1,
      sapling: '0.1.0',
      dataset: {
        fileName: 'big.csv',
        sha256: 'f'.repeat(64),
        rows: 100_000,
        rowsInFile: 100_000,
        columns: 801,
        target: 'y',
        task: 'classification',
        classes,
        features,
      },
      settings: { folds: 5, seed: 1, models: ['tree'], permutationRepeats: 5, excluded: [] },
      primaryMetric: 'accuracy',
      warnings: Array.from({ length: 5000 }, (_, i) => `warning ${i}: ${'w'.repeat(80)}`),
      models: Array.from({ length: 6 }, (_, i) => model(i)),
      // Every optional section at its widest: the caps, not the data, must bound the size.
      shap: {
        rowsPerFold: 100,
        note: 'note',
        models: Array.from({ length: 6 }, () => ({
          id: 'tree' as const,
          method: 'tree-shap' as const,
          units: 'probability' as const,
          rowsPerFold: 100,
          meanAbs: features.map((f, j) => ({ feature: f, mean: 1 / (j + 1), std: 0.01 })),
        })),
        agreement: {
          methods: Array.from({ length: 6 }, (_, i) => ({
            model: `m${i}`,
            pairs: [{ a: 'shap', b: 'permutation', spearman: 0.9, kendall: 0.8 }],
          })),
          models: [
            {
              method: 'shap' as const,
              pairs: Array.from({ length: 15 }, (_, i) => ({ a: `m${i}`, b: 'x', spearman: 0.5, kendall: 0.4 })),
            },
          ],
          notes: Array.from({ length: 2000 }, (_, i) => `disagreement note ${i} ${'n'.repeat(100)}`),
        },
      },
      verdicts: Array.from({ length: 500 }, (_, i) => ({
        a: 'tree' as const,
        b: 'forest' as const,
        metric: 'accuracy',
        rope: 0.01,
        meanDifference: 0.01,
        splits: 5,
        t: 1,
        df: 4,
        p: 0.3,
        probabilities: { aBetter: 0.3, equivalent: 0.4, bBetter: 0.3 },
        text: `verdict ${i} ${'v'.repeat(100)}`,
      })),
      calibration: {
        method: 'isotonic',
        note: 'note',
        models: Array.from({ length: 30 }, () => {
          const summary = {
            event: 'P(x)',
            bins: Array.from({ length: 10 }, (_, b) => ({
              from: b / 10,
              to: (b + 1) / 10,
              count: 100,
              meanPredicted: b / 10 + 0.05,
              observed: b / 10,
            })),
            ece: 0.05,
            brier: 0.1,
            rows: 1000,
          };
          return { id: 'tree' as const, raw: summary, calibrated: summary };
        }),
      },
      subgroups: Array.from({ length: 40 }, (_, c) => ({
        column: `column ${c}`,
        positiveClass: 'class 0',
        models: Array.from({ length: 6 }, (_, i) => ({
          model: `m${i}`,
          groups: Array.from({ length: 5000 }, (_, g) => ({
            group: `group ${g} ${'g'.repeat(30)}`,
            count: 20,
            selectionRate: 0.5,
            accuracy: 0.5,
            tpr: 0.5,
            fpr: 0.5,
          })),
          gaps: { selectionRate: 0.1, accuracy: 0.1, tpr: 0.1, fpr: 0.1 },
        })),
      })),
      llm: {
        id: 'llm',
        label: 'LLM (big)',
        settings: { ...llmSettings({ provider: 'openai', baseUrl: 'http://127.0.0.1:1/v1', model: 'big' }) },
        sampleRows: 200,
        folds: Array.from({ length: 5 }, (_, fold) => ({
          fold,
          rows: Array.from({ length: 40 }, (_, r) => r),
          shotRows: [],
        })),
        metrics,
        foldMetrics: [],
        pooledAccuracy: { value: 0.8, ci95: [0.74, 0.85], n: 200 },
        confusionMatrix: classes.map(() => [...classes.map(() => 3), 1]),
        probabilities: 'available',
        requests: 200,
        cachedResponses: 0,
        failedRows: 0,
        invalidAnswers: 3,
        truncatedAnswers: 0,
        invalidAnswerRate: 0.015,
        tokensIn: 1e6,
        tokensOut: 1e4,
        runCost: 1,
        estimatedCostPer1000: 5,
        determinism: { rows: 20, agreement: 0.95, fromCache: 0 },
        importance: {
          rows: 50,
          metric: 'accuracy',
          permutation: features.map((f, j) => ({ feature: f, mean: 1 / (j + 1), std: NaN })),
        },
        selfReported: {
          note: 'self-reported',
          rows: Array.from({ length: 5000 }, (_, r) => ({ row: r, answer: 'class 1', reason: 'r'.repeat(5000) })),
        },
        estimate: { requests: 200, cachedRequests: 0, tokensIn: 1e6, tokensOut: 1e4, cost: 1, minutes: 1 },
        notes: [],
        timing: { latencyMsP50: 400, latencyMsP95: 900, rowsPerSecond: 5, wallSeconds: 40 },
      },
      cascade: Array.from({ length: 6 }, () => ({
        model: 'tree',
        rows: 200,
        treeOnly: { accuracy: 0.8, costPer1000: 0 },
        llmOnly: { accuracy: 0.7, costPer1000: 5 },
        points: Array.from({ length: 13 }, (_, t) => ({
          threshold: 0.5 + t * 0.04,
          accuracy: 0.8,
          llmShare: t / 13,
          costPer1000: (5 * t) / 13,
        })),
      })),
      distilled: {
        fidelity: 0.9,
        foldFidelity: [0.9, 0.9],
        rows: 200,
        maxDepth: 3,
        rules: Array.from({ length: 5000 }, (_, i) => `if rule ${i} ${'x'.repeat(200)} then class 1`),
      },
    };
    const card = (i: number): DecisionCardView => ({
      row: i,
      fold: 0,
      actual: 'class 1',
      values: Object.fromEntries(features.map((f) => [f, 'v'.repeat(50)])),
      edited: [],
      features,
      choices: {},
      models: trainedModels(result).map((m) => ({
        id: m.id,
        label: m.label,
        prediction: 'class 1',
        probabilities: null,
        score: 0.5,
        units: 'probability' as const,
        explains: "probability of 'class 1'",
        baseValue: 0.5,
        value: 0.5,
        contributions: {},
        reasons: features.slice(0, 5).map((f) => ({ feature: f, value: 'v'.repeat(50), contribution: 0.1 })),
        path: 'p'.repeat(3000),
      })),
      disagree: true,
      counterfactuals: [],
      llm: {
        asked: true,
        label: 'LLM (big)',
        fold: 0,
        prediction: 'class 1',
        failed: false,
        probabilities: null,
        score: null,
        latencyMs: 400,
        cached: false,
        messages: [{ role: 'user', content: 'q'.repeat(100_000) }],
        answer: 'class 1',
        selfReported: { reason: 'r'.repeat(100_000), note: 'self-reported' },
        stale: false,
      },
    });
    const profile: DatasetProfile = {
      fileName: 'big.csv',
      sha256: 'f'.repeat(64),
      rows: 100_000,
      columns: features.map((name) => ({ name, type: 'numeric', missing: 0, missingFraction: 0, distinct: 100_000 })),
      target: {
        name: 'y',
        task: 'classification',
        classBalance: classes.map((label) => ({ label, count: 1000, fraction: 1 / 60 })),
      },
      warnings: Array.from({ length: 3000 }, (_, i) => `profile warning ${i}`),
    };
    const html = renderReport({
      result,
      profile,
      generatedAt: 'now',
      cards: Array.from({ length: MAX_REPORT_CARDS }, (_, i) => card(i)),
    });
    const bytes = new TextEncoder().encode(html).length;
    const sizes = [...html.matchAll(/<section id="([\w-]+)">/g)].map(
      (m, i, all) => `${m[1]} ${(all[i + 1]?.index ?? html.length) - (m.index ?? 0)}`,
    );
    assert.ok(bytes < REPORT_MAX_BYTES, `report is ${bytes} bytes: ${sizes.join(', ')}`);
    checkReport(html);
    assert.match(html, /… and 600 more, not shown/);
  });
});
