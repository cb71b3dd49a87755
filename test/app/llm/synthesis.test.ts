import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../../app/compare/run.js';
import { comparisonLlmInputs } from '../../../app/compare/llm-plan.js';
import { MemoryCache } from '../../../app/llm/cache.js';
import { defaultDeps } from '../../../app/llm/client.js';
import { estimateLlmRun } from '../../../app/llm/evaluate.js';
import { exampleObject, planSynthesis, SYNTHESIS_BATCH } from '../../../app/llm/synthesize.js';
import { augmented, checkReplies, realRowKeys, replyObjects, validateRow } from '../../../app/llm/synthetic-rows.js';
import { llmSettings } from '../../../app/settings/llm.js';
import { renderReport } from '../../../app/report/report.js';
import type { LlmSettings } from '../../../app/settings/llm.js';
import { createRng } from '../../../app/util/random.js';
import { SaplingError } from '../../../app/util/errors.js';
import { instantSleep, startFakeLlm, type FakeLlm } from '../../helpers/fake-llm.js';
import { synthesisRule } from '../../helpers/fake-llm-synthesis.js';
import { makeDataset } from '../../helpers/dataset.js';

/** An imbalanced table: y = 'rare' (about 15%) when a + b is large; c is an unrelated category; n a whole number. */
function rareTable(rows: number, seed: number) {
  const rng = createRng(seed);
  const a: number[] = [];
  const b: number[] = [];
  const n: number[] = [];
  const c: string[] = [];
  const y: string[] = [];
  for (let i = 0; i < rows; i++) {
    a.push(Math.round(rng.next() * 1000) / 100);
    b.push(Math.round(rng.next() * 1000) / 100);
    n.push(rng.int(50));
    c.push(['p', 'q', 'r'][rng.int(3)]);
    y.push(a[i] + b[i] + (rng.next() - 0.5) * 3 > 13 ? 'rare' : 'common');
  }
  return makeDataset({ a, b, n, c, y });
}
const table = rareTable(300, 8);

const compareSettings = (llm: LlmSettings) => ({
  target: 'y',
  seed: 5,
  folds: 3,
  models: ['tree' as const, 'forest' as const],
  params: { forest: { trees: 20 } },
  permutationRepeats: 1,
  latencyCalls: 10,
  llm,
});

describe('the LLM helping the small model: synthetic training rows', () => {
  let fake: FakeLlm;
  before(async () => {
    fake = await startFakeLlm(synthesisRule(() => 'common'));
  });
  after(() => fake.close());
  const llm = (overrides: Partial<LlmSettings> = {}) =>
    llmSettings({
      provider: 'openai',
      baseUrl: fake.openaiBaseUrl,
      model: 'fake-1',
      sampleRows: 30,
      probeRows: 0,
      synthesizeRows: 25,
      ...overrides,
    });

  test('every example row of every synthesis prompt is a training row of its fold, never a test row', () => {
    const settings = compareSettings(llm());
    const inputs = comparisonLlmInputs(table, settings);
    const plan = planSynthesis(inputs, settings.llm);
    assert.equal(plan.questions.length, 3 * Math.ceil(25 / SYNTHESIS_BATCH));
    for (const q of plan.questions) {
      const fold = inputs.folds[q.fold];
      const train = new Set(fold.train);
      assert.ok(q.exampleRows.length > 0);
      for (const row of q.exampleRows) {
        assert.ok(train.has(row), `fold ${q.fold}: example row ${row} is a training row`);
        assert.ok(!fold.test.includes(row), `fold ${q.fold}: example row ${row} is not a test row`);
        assert.ok(q.request.messages[1].content.includes(JSON.stringify(exampleObject(table, inputs, row))));
      }
      // The minority class of the training fold, and its examples are of that class.
      assert.match(q.request.messages[1].content, /with y = "rare"/);
      for (const row of q.exampleRows)
        assert.equal(inputs.target.task === 'classification' && inputs.target.codes[row], 1);
      // No test row's values appear in the prompt (rows are unique here, so a test row would show as its JSON line).
      for (const row of fold.test)
        assert.ok(!q.request.messages[1].content.includes(JSON.stringify(exampleObject(table, inputs, row))));
    }
  });

  test('a written row is checked against the training fold: keys, types, ranges, categories, class', () => {
    const settings = compareSettings(llm());
    const inputs = comparisonLlmInputs(table, settings);
    const schema = planSynthesis(inputs, settings.llm).schemas.get(0)!;
    const good = { a: 5, b: 5, n: 3, c: 'p', y: 'rare' };
    assert.deepEqual(validateRow(schema, good), { cells: [5, 5, 3, 0], target: 1 });
    assert.equal(validateRow(schema, { ...good, a: 500 }), 'out of range');
    assert.equal(validateRow(schema, { ...good, a: '5' }), 'wrong type');
    assert.equal(validateRow(schema, { ...good, n: 2.5 }), 'wrong type', 'a whole-number column');
    assert.equal(validateRow(schema, { ...good, c: 's' }), 'unknown category');
    assert.equal(validateRow(schema, { ...good, y: 'common' }), 'wrong class');
    assert.equal(validateRow(schema, { ...good, extra: 1 }), 'missing or extra keys');
    const { c: _c, ...noC } = good;
    assert.equal(validateRow(schema, noC), 'missing or extra keys');
    assert.equal(validateRow(schema, [1, 2]), 'not JSON');
  });

  test('replies: objects in fences or prose are read, a cut-off object is skipped, duplicates of real rows dropped', () => {
    const cut = '```json\n[{"a":1,"b":{"x":"}"}},\n {"a":2}, {"a":3, "b":';
    assert.deepEqual(replyObjects(cut), { objects: [{ a: 1, b: { x: '}' } }, { a: 2 }], unparsed: 0 });
    assert.deepEqual(replyObjects('{"a": 1,}'), { objects: [], unparsed: 1 });
    const settings = compareSettings(llm());
    const inputs = comparisonLlmInputs(table, settings);
    const schema = planSynthesis(inputs, settings.llm).schemas.get(0)!;
    const codes = inputs.target.task === 'classification' ? inputs.target.codes : new Int32Array(0);
    const real = exampleObject(
      table,
      inputs,
      inputs.folds[0].test.find((r) => codes[r] === 1)!,
    );
    const fresh = { a: 5.55, b: 7.77, n: 1, c: 'q', y: 'rare' };
    const checked = checkReplies(
      schema,
      [JSON.stringify([fresh, fresh, real, { ...fresh, c: 'zz' }]), null],
      realRowKeys(inputs.dataset, inputs.features, inputs.target),
    );
    assert.equal(checked.received, 4);
    assert.equal(checked.rows.length, 1);
    assert.equal(checked.duplicates, 2, 'a repeat of another synthetic row and a copy of a (test) row of the file');
    assert.deepEqual(checked.invalid, { 'unknown category': 1 });
  });

  test('the augmented table keeps every real row and appends the synthetic ones', () => {
    const settings = compareSettings(llm());
    const inputs = comparisonLlmInputs(table, settings);
    const aug = augmented(inputs.dataset, inputs.target, inputs.features, [{ cells: [1, 2, 3, 2], target: 1 }]);
    assert.equal(aug.dataset.rowCount, table.rowCount + 1);
    assert.deepEqual([...aug.added], [table.rowCount]);
    for (const [j, column] of inputs.dataset.columns.entries()) {
      const out = aug.dataset.columns[j];
      const before = column.storage === 'number' ? column.values : column.codes;
      const after = out.storage === 'number' ? out.values : out.codes;
      assert.deepEqual([...after.subarray(0, table.rowCount)], [...before]);
    }
    assert.equal(aug.target.task === 'classification' && aug.target.codes[table.rowCount], 1);
  });

  test('a run writes, checks and counts the rows, re-scores every tree on the same test folds, and replays for free', async () => {
    const settings = compareSettings(llm());
    const cache = new MemoryCache();
    const deps = { ...defaultDeps(fetch), sleep: instantSleep().sleep };
    const before = fake.requests.length;
    const run = await runComparison(table, settings, { llm: { cache, deps } });
    const s = run.result.llm!.synthesis!;
    const asked = fake.requests.length - before;
    // 30 sampled rows + 3 folds × 3 synthesis requests.
    assert.equal(asked, 30 + 9);
    assert.equal(s.requests, 9);
    assert.deepEqual(
      s.folds.map((f) => f.asked),
      [25, 25, 25],
    );
    for (const f of s.folds) {
      assert.equal(f.class, 'rare');
      assert.equal(f.received, 25);
      // Per ten rows the fake writes one copy, one out-of-range number and one made-up category.
      assert.equal(f.invalid, 6);
      assert.ok(f.duplicates >= 3);
      assert.equal(f.added, f.received - f.invalid - f.duplicates);
      for (const row of f.exampleRows) assert.ok(run.artifacts.folds[f.fold].train.includes(row));
    }
    assert.deepEqual(s.invalidReasons, { 'out of range': 9, 'unknown category': 9 });
    assert.ok(s.tokensOut > 0 && s.tokensIn > 0);
    assert.deepEqual(
      s.effects.map((e) => e.model),
      ['tree', 'forest'],
    );
    for (const e of s.effects) {
      const model = run.result.models.find((m) => m.id === e.model)!;
      assert.equal(e.metric, 'balancedAccuracy');
      assert.deepEqual(
        e.folds.map((f) => f.real),
        model.folds.map((f) => f.balancedAccuracy),
        'real-only scores are the leaderboard folds',
      );
      assert.ok(Math.abs(e.delta.mean - (e.synthetic - e.real)) < 1e-12);
      assert.ok(e.delta.ci95[0] <= e.delta.mean && e.delta.mean <= e.delta.ci95[1]);
    }
    assert.ok(e0Changed(s.effects), 'the synthetic rows change some fold score');
    assert.match(
      s.message,
      /the LLM wrote 75 rows over 3 training folds \(18 invalid, \d+ duplicates dropped; \d+ added\)/,
    );

    // The report shows the counts per fold and the effect per model.
    const html = renderReport({ result: run.result, generatedAt: '2026-01-01T00:00:00.000Z' });
    const section = html.slice(html.indexOf('id="llm-synthetic-rows"'));
    assert.ok(section.length > 0 && html.includes('LLM-written training rows'));
    assert.match(section, /out of range: 9, unknown category: 9/);
    assert.ok(section.includes('Random forest'));

    // The estimate before the run counted the synthesis requests.
    const inputs = comparisonLlmInputs(table, settings);
    const without = await estimateLlmRun(inputs, { ...settings.llm, synthesizeRows: 0 });
    const fresh = await estimateLlmRun(inputs, settings.llm);
    assert.equal(fresh.requests - without.requests, 9);
    assert.ok(fresh.tokensOut - without.tokensOut >= 9 * 100, 'whole rows, not one label, per synthesis reply');
    // The same run again from the cache: no request, the same result.
    const replayStart = fake.requests.length;
    const again = await runComparison(table, settings, { llm: { cache, deps } });
    assert.equal(fake.requests.length, replayStart);
    assert.deepEqual(again.result.llm!.synthesis!.effects, s.effects);
    assert.equal(again.result.llm!.synthesis!.requests, 0);
    assert.equal(again.result.llm!.synthesis!.cachedResponses, 9);
    for (const q of planSynthesis(inputs, settings.llm).questions)
      assert.ok(run.artifacts.llmCacheKeys!.includes(q.key));
  });

  test('the number of rows is checked', () => {
    assert.throws(
      () => llm({ synthesizeRows: -1 }),
      (e: SaplingError) => e.code === 'BAD_PARAMETER' && /synthetic rows/.test(e.message),
    );
  });
});

function e0Changed(effects: readonly { folds: readonly { real: number; synthetic: number }[] }[]): boolean {
  return effects.some((e) => e.folds.some((f) => f.real !== f.synthetic));
}
