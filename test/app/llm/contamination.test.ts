import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../../app/compare/run.js';
import { MemoryCache } from '../../../app/llm/cache.js';
import { defaultDeps } from '../../../app/llm/client.js';
import { llmSettings } from '../../../app/settings/llm.js';
import { planContamination, rowLine, scoreReply, summarizeContamination } from '../../../app/llm/contamination.js';
import { estimateLlmRun } from '../../../app/llm/evaluate.js';
import { comparisonLlmInputs } from '../../../app/compare/llm-plan.js';
import { instantSleep, startFakeLlm, type FakeLlm } from '../../helpers/fake-llm.js';
import { memorisingRule } from '../../helpers/fake-llm-memory.js';
import { signDataset, signRule } from '../../helpers/fake-llm-rules.js';

const table = signDataset(120, 3, 0.2);

describe('contamination check: planning and scoring', () => {
  test('one header test, then row and feature completion at seeded places; rows compared by value', () => {
    const questions = planContamination(table, 'y', 10, 42);
    assert.deepEqual(
      questions.map((q) => q.test),
      ['header', ...Array(10).fill('row'), ...Array(10).fill('feature')],
    );
    assert.deepEqual(questions[0].expectRows, [5, 6, 7, 8, 9]);
    assert.equal(questions[11].column, 'a', 'the left-out column is the most distinctive non-target one');
    assert.deepEqual(planContamination(table, 'y', 10, 42), questions, 'seeded: the same questions twice');
    const row = questions[1];
    const truth = rowLine(table, row.expectRows[0]);
    assert.equal(scoreReply(table, row, truth), 1);
    assert.equal(scoreReply(table, row, `${truth}\nmore text`), 1);
    assert.equal(scoreReply(table, row, 'something else'), 0);
    // 0.5 and 0.50 are the same value.
    const padded = truth.replace(/^(-?\d+\.\d)(,)/, '$10$2');
    assert.equal(scoreReply(table, row, padded), 1);
  });

  test('a model that reproduces the rows is flagged; one that does not gets "no evidence", never "clean"', () => {
    const questions = planContamination(table, 'y', 10, 42);
    const truth = questions.map((q) =>
      q.test === 'feature'
        ? rowLine({ ...table, columns: table.columns.filter((c) => c.name === q.column) }, q.expectRows[0])
        : q.expectRows.map((r) => rowLine(table, r)).join('\n'),
    );
    const memorised = summarizeContamination(table, questions, truth);
    assert.equal(memorised.verdict, 'memorised');
    assert.deepEqual(
      memorised.tests.map((t) => [t.test, t.matches, t.trials]),
      [
        ['header', 5, 5],
        ['row', 10, 10],
        ['feature', 10, 10],
      ],
    );
    assert.match(memorised.message, /reproduces rows of this file verbatim.*overstates/);
    const honest = summarizeContamination(
      table,
      questions,
      questions.map(() => '0.01,u,yes'),
    );
    assert.equal(honest.verdict, 'no-evidence');
    assert.match(honest.message, /cannot prove/);
    const failed = summarizeContamination(
      table,
      questions,
      questions.map(() => null),
    );
    assert.deepEqual(failed.tests, [], 'failed requests are not scored as misses');
  });
});

describe('contamination check against a local server', () => {
  let memorising: FakeLlm;
  let honest: FakeLlm;
  before(async () => {
    memorising = await startFakeLlm(memorisingRule(table, signRule(0.1)));
    honest = await startFakeLlm(signRule(0.1));
  });
  after(async () => {
    await memorising.close();
    await honest.close();
  });

  const run = (fake: FakeLlm, cache = new MemoryCache()) => {
    const settings = {
      target: 'y',
      seed: 7,
      folds: 3,
      models: ['tree'] as const,
      params: { tree: { maxDepth: 2 } },
      permutationRepeats: 1,
      latencyCalls: 10,
      llm: llmSettings({
        provider: 'openai',
        baseUrl: fake.openaiBaseUrl,
        model: 'fake-1',
        sampleRows: 30,
        probeRows: 0,
        contaminationTrials: 8,
      }),
    };
    return {
      settings,
      result: runComparison(
        table,
        { ...settings, models: [...settings.models] },
        {
          llm: { cache, deps: { ...defaultDeps(fetch), sleep: instantSleep().sleep } },
        },
      ),
    };
  };

  test('the memorising server is flagged, the honest one is not; the estimate counts the 17 extra requests', async () => {
    const cache = new MemoryCache();
    const { settings, result } = run(memorising, cache);
    const flagged = (await result).result.llm!.contamination!;
    assert.equal(flagged.verdict, 'memorised');
    assert.equal(flagged.requests, 17);
    assert.ok(flagged.tests.find((t) => t.test === 'row')!.rate >= 0.5);
    const clean = (await run(honest).result).result.llm!.contamination!;
    assert.equal(clean.verdict, 'no-evidence');
    const inputs = comparisonLlmInputs(table, { ...settings, models: [...settings.models] });
    const without = await estimateLlmRun(inputs, { ...settings.llm, contaminationTrials: 0 });
    const withCheck = await estimateLlmRun(inputs, settings.llm);
    assert.equal(withCheck.requests - without.requests, 17);
    // Replayable: every question is in the response cache, so a re-run asks nothing.
    const before = memorising.requests.length;
    const again = (await run(memorising, cache).result).result.llm!.contamination!;
    assert.equal(memorising.requests.length, before);
    assert.deepEqual(again, flagged);
  });
});
