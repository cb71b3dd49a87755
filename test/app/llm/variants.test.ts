import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../../app/compare/run.js';
import { MemoryCache } from '../../../app/llm/cache.js';
import { defaultDeps } from '../../../app/llm/client.js';
import { llmSettings } from '../../../app/settings/llm.js';
import type { LlmSettings } from '../../../app/settings/llm.js';
import { estimateLlmRun } from '../../../app/llm/evaluate.js';
import { comparisonLlmInputs } from '../../../app/compare/llm-plan.js';
import { sampleFolds } from '../../../app/llm/sample.js';
import { mcnemar, treeHelp } from '../../../app/llm/variants.js';
import { SaplingError } from '../../../app/util/errors.js';
import { instantSleep, startFakeLlm, type FakeLlm, type FakeMessage } from '../../helpers/fake-llm.js';
import { signDataset } from '../../helpers/fake-llm-rules.js';

// Little noise: the label follows a, so rows alike in a share their label.
const table = signDataset(240, 5, 0.1);

/**
 * A "model" that reasons only by analogy: it answers with the majority label of the examples it was shown (ties and no
 * examples: 'no'). Random examples then give roughly the majority class; examples alike the row give its label.
 */
function byAnalogy(_prompt: string, _classes: readonly string[], messages: readonly FakeMessage[]): string {
  const shown = messages
    .filter((m) => m.role === 'assistant')
    .map((m) => m.content.replace(/[{}"\s]/g, '').replace(/^answer:/, ''));
  const yes = shown.filter((a) => a === 'yes').length;
  return yes > shown.length - yes ? 'yes' : 'no';
}

const compareSettings = (llm: LlmSettings) => ({
  target: 'y',
  seed: 11,
  folds: 3,
  models: ['tree' as const],
  params: { tree: { maxDepth: 2 } },
  permutationRepeats: 1,
  latencyCalls: 10,
  llm,
});

describe('small models helping the LLM: prompt variants', () => {
  let fake: FakeLlm;
  before(async () => {
    fake = await startFakeLlm(byAnalogy);
  });
  after(() => fake.close());
  const llm = (overrides: Partial<LlmSettings> = {}) =>
    llmSettings({
      provider: 'openai',
      baseUrl: fake.openaiBaseUrl,
      model: 'fake-1',
      sampleRows: 60,
      shots: 4,
      probeRows: 0,
      ...overrides,
    });

  test('retrieved examples and chosen columns come from the training fold only, row by row', async () => {
    const settings = compareSettings(llm({ variants: ['retrieved', 'columns'], variantColumns: 1 }));
    const inputs = comparisonLlmInputs(table, settings);
    const samples = sampleFolds(inputs.target, inputs.folds, 60, 4, settings.llm.seed);
    const helps = await treeHelp(inputs, samples, settings.llm);
    for (const sample of samples) {
      const fold = inputs.folds[sample.fold];
      const train = new Set(fold.train);
      const test = new Set(fold.test);
      const help = helps.get(sample.fold)!;
      assert.equal(help.shotsFor.size, sample.rows.length);
      for (const row of sample.rows) {
        const shots = help.shotsFor.get(row)!;
        assert.equal(shots.length, 4);
        for (const shot of shots) {
          assert.ok(train.has(shot), `fold ${sample.fold}: example row ${shot} is a training row`);
          assert.ok(!test.has(shot), `fold ${sample.fold}: example row ${shot} is not a test row`);
        }
      }
      assert.deepEqual(help.columns, ['a'], 'the tree finds the one column the label depends on');
    }
  });

  test('each variant is scored on the same rows, paired with McNemar; retrieval helps an analogy-driven model', async () => {
    const settings = compareSettings(llm({ variants: ['retrieved', 'columns'], variantColumns: 1 }));
    const run = await runComparison(table, settings, {
      llm: { cache: new MemoryCache(), deps: { ...defaultDeps(fetch), sleep: instantSleep().sleep } },
    });
    const result = run.result.llm!;
    const [retrieved, columns] = result.variants!;
    assert.deepEqual(
      result.variants!.map((v) => v.id),
      ['llm:retrieved', 'llm:columns'],
    );
    assert.deepEqual(retrieved.folds, result.folds, 'the same sampled rows as the plain prompt');
    assert.ok(
      retrieved.pooledAccuracy!.value > result.pooledAccuracy!.value + 0.15,
      `retrieved ${retrieved.pooledAccuracy!.value} vs plain ${result.pooledAccuracy!.value}`,
    );
    assert.ok(retrieved.vsPlain!.c > retrieved.vsPlain!.b);
    assert.ok(retrieved.vsPlain!.p < 0.01);
    assert.ok(columns.tokensIn < result.tokensIn, 'one column instead of two: fewer tokens');
    assert.deepEqual(
      columns.columns!.map((c) => c.columns),
      [['a'], ['a'], ['a']],
    );
    // The estimate before the run counts the variants' requests.
    const inputs = comparisonLlmInputs(table, settings);
    const plain = await estimateLlmRun(inputs, { ...settings.llm, variants: [] });
    const both = await estimateLlmRun(inputs, settings.llm);
    assert.equal(both.requests, plain.requests + 2 * result.sampleRows);
  });

  test('retrieved examples need a plain prompt with examples to compare with', async () => {
    const settings = compareSettings(llm({ shots: 0, variants: ['retrieved'] }));
    await assert.rejects(
      estimateLlmRun(comparisonLlmInputs(table, settings), settings.llm),
      (e: SaplingError) => e.code === 'BAD_PARAMETER' && /--llm-shots/.test(e.message),
    );
  });

  test("McNemar's exact test", () => {
    assert.equal(mcnemar(0, 0).p, 1);
    assert.equal(mcnemar(5, 5).p, 1);
    // b = 0, c = 10: p = 2 · 0.5^10
    assert.ok(Math.abs(mcnemar(0, 10).p - 2 / 1024) < 1e-15);
    // scipy.stats.binomtest(2, 12, 0.5).pvalue = 0.03857421875
    assert.ok(Math.abs(mcnemar(2, 10).p - 0.03857421875) < 1e-12);
  });
});
