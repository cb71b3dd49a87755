/**
 * Verdicts against the LLM: every model is paired with the LLM on exactly the rows the LLM answered,
 * fold by fold; an invalid answer counts as wrong; the scores behind the test are recomputable from the
 * artifacts; no LLM → no LLM verdicts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../../app/compare/run.js';
import { pairedTest } from '../../../app/explain/verdict.js';
import { MemoryCache } from '../../../app/llm/cache.js';
import { defaultDeps } from '../../../app/llm/client.js';
import { llmSettings } from '../../../app/settings/llm.js';
import { instantSleep, startFakeLlm, type FakeLlm } from '../../helpers/fake-llm.js';
import { signDataset, signRule } from '../../helpers/fake-llm-rules.js';

const synthetic = (n: number) => signDataset(n, 3, 0.4);

const rule = signRule(0.3);

let fake: FakeLlm;
before(async () => {
  fake = await startFakeLlm(rule);
});
after(() => fake.close());

test('each model is tested against the LLM on the LLM’s own rows, fold by fold', async () => {
  const llm = llmSettings({
    provider: 'openai',
    baseUrl: fake.openaiBaseUrl,
    model: 'fake-verdict',
    sampleRows: 60,
    shots: 0,
    probeRows: 0,
    concurrency: 2,
  });
  fake.script.push({ kind: 'invalid', text: 'maybe' });
  const { result, artifacts } = await runComparison(
    synthetic(150),
    {
      target: 'y',
      seed: 9,
      folds: 3,
      models: ['tree', 'linear'],
      params: { tree: { maxDepth: 2 } },
      permutationRepeats: 1,
      latencyCalls: 5,
      llm,
    },
    { llm: { cache: new MemoryCache(), deps: { ...defaultDeps(fetch), sleep: instantSleep().sleep } } },
  );
  const withLlm = (result.verdicts ?? []).filter((v) => v.a === 'llm' || v.b === 'llm');
  assert.equal(withLlm.length, 2, 'one verdict per model against the LLM');
  const answers = artifacts.llmAnswers!;
  assert.ok(
    answers.some((a) => a.failed || a.answer === null),
    'the scripted invalid answer is among the rows',
  );
  const target = artifacts.target as Extract<typeof artifacts.target, { task: 'classification' }>;
  for (const v of withLlm) {
    const model = v.a === 'llm' ? v.b : v.a;
    const oof = artifacts.models.get(model as 'tree')!.oofPredictions;
    const folds = [...new Set(answers.map((a) => a.fold))].sort();
    const acc = (pick: (row: number, answer: number | null, failed: boolean) => boolean) =>
      folds.map((f) => {
        const rows = answers.filter((a) => a.fold === f);
        return rows.filter((a) => pick(a.row, a.answer, a.failed)).length / rows.length;
      });
    const modelScores = acc((row) => oof[row] === target.codes[row]);
    const llmScores = acc((row, answer, failed) => !failed && answer === target.codes[row]);
    const expected =
      v.a === 'llm' ? pairedTest(llmScores, modelScores, 1 / 3, 0.01) : pairedTest(modelScores, llmScores, 1 / 3, 0.01);
    assert.equal(v.meanDifference, expected.meanDifference);
    assert.equal(v.p, expected.p);
    assert.ok(v.meanDifference >= 0, 'a is the side that scored higher');
    assert.match(
      v.text,
      new RegExp(`on the LLM’s ${answers.length} sampled rows|on the LLM's ${answers.length} sampled rows`),
    );
  }
});

test('without the LLM there are only model-vs-model verdicts', async () => {
  const { result } = await runComparison(synthetic(90), {
    target: 'y',
    seed: 9,
    folds: 3,
    models: ['tree', 'linear'],
    permutationRepeats: 1,
    latencyCalls: 5,
  });
  assert.equal(result.verdicts?.length, 1);
  assert.ok(result.verdicts!.every((v) => v.a !== 'llm' && v.b !== 'llm'));
});
