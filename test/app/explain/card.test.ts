/**
 * The per-decision card with the LLM baseline: an asked row shows the stored answer (label, probability,
 * latency, the exact prompt as the server received it, the raw reply), an invalid answer is shown as such
 * and counts as a disagreement, a row the LLM was not asked about says so, a what-if never re-asks the LLM,
 * and the API key never reaches the card.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../../app/compare/run.js';
import { decisionCardFor } from '../../../app/explain/card.js';
import type { LlmAnswered } from '../../../app/result/explain.js';
import { MemoryCache } from '../../../app/llm/cache.js';
import { defaultDeps } from '../../../app/llm/client.js';
import { llmSettings } from '../../../app/settings/llm.js';
import { SELF_REPORTED_NOTE } from '../../../app/llm/evaluate.js';
import { instantSleep, startFakeLlm, type FakeLlm } from '../../helpers/fake-llm.js';
import { signDataset, signRule } from '../../helpers/fake-llm-rules.js';

const KEY = 'sk-card-NEVER-ON-THE-CARD-7';
const SAMPLE = 20;

const synthetic = (n: number) => signDataset(n, 11, 0.3);

const rule = signRule(0.1);

let fake: FakeLlm;
before(async () => {
  fake = await startFakeLlm(rule);
});
after(() => fake.close());

async function compare(withLlm: boolean) {
  const llm = llmSettings({
    provider: 'openai',
    baseUrl: fake.openaiBaseUrl,
    model: 'fake-card',
    sampleRows: SAMPLE,
    shots: 2,
    probeRows: 0,
    reasonRows: 4,
    concurrency: 1,
  });
  // The first row asked gets an invalid answer that also echoes the key (the client must redact it).
  fake.script.push({ kind: 'invalid', text: `Probably yes, I think (${KEY})` });
  fake.requests.length = 0;
  return runComparison(
    synthetic(90),
    {
      target: 'y',
      seed: 5,
      folds: 3,
      models: ['tree'],
      params: { tree: { maxDepth: 2 } },
      permutationRepeats: 1,
      latencyCalls: 5,
      ...(withLlm ? { llm } : {}),
    },
    withLlm
      ? { llm: { apiKey: KEY, cache: new MemoryCache(), deps: { ...defaultDeps(fetch), sleep: instantSleep().sleep } } }
      : {},
  );
}

describe('the per-decision card with the LLM baseline', () => {
  test('shows the stored answer, an invalid answer, a row not asked, and never the key', async () => {
    const { result, artifacts } = await compare(true);
    const answers = artifacts.llmAnswers!;
    assert.equal(answers.length, SAMPLE);
    const foldOf = (row: number) => artifacts.folds.findIndex((f) => f.test.includes(row));
    const cardOf = (row: number, edits: Record<string, string> = {}) =>
      decisionCardFor(result, artifacts, { fileRow: row, row, fold: foldOf(row), edits, top: 3 });
    const cards = [];

    // Every asked row: the answer as stored, and the disagreement flag counts the LLM.
    for (const answer of answers) {
      const card = cardOf(answer.row);
      cards.push(card);
      assert.equal(card.llm?.asked, true, `row ${answer.row} was asked`);
      const llm = card.llm as LlmAnswered;
      assert.equal(llm.label, 'LLM (fake-card)');
      assert.equal(llm.stale, false);
      assert.equal(llm.fold, answer.fold);
      const tree = card.models[0].prediction;
      assert.equal(card.disagree, llm.prediction !== tree, `row ${answer.row}: tree ${tree}, LLM ${llm.prediction}`);
      // The exact prompt is what the server received for this row.
      assert.ok(
        fake.requests.some((r) => JSON.stringify(r.body.messages) === JSON.stringify(llm.messages)),
        `row ${answer.row}: the card's prompt is one the server received`,
      );
      assert.equal(llm.messages.at(-1)?.role, 'user');
      assert.ok(llm.messages.at(-1)?.content.includes(`The a is ${card.values.a}.`));
      assert.equal(llm.messages.filter((m) => m.role === 'assistant').length, 2, 'two examples (k-shot)');
    }

    assert.ok(
      cards.some((c) => !c.disagree),
      'some rows: the LLM agrees with the tree',
    );
    assert.ok(
      cards.some((c) => c.disagree && (c.llm as LlmAnswered).prediction !== null),
      'some rows: the LLM answers another label than the tree',
    );

    const invalid = cards.find((c) => (c.llm as LlmAnswered).prediction === null);
    assert.ok(invalid, 'the scripted invalid answer is on a card');
    const bad = invalid.llm as LlmAnswered;
    assert.equal(bad.answer, 'Probably yes, I think (***)', 'the raw reply, key redacted');
    assert.equal(bad.failed, false);
    assert.equal(bad.score, null, 'no probability for an invalid answer');
    assert.equal(invalid.disagree, true, 'an invalid answer never agrees');

    const valid = cards.find((c) => (c.llm as LlmAnswered).prediction !== null)!;
    const good = valid.llm as LlmAnswered;
    assert.equal(good.answer, `{"answer":"${good.prediction}"}`, 'structured reply as sent by the server');
    assert.ok(Math.abs(good.score! - 0.8) < 1e-9, 'probability of the answered class from the log-probabilities');
    assert.ok(good.latencyMs !== null && good.latencyMs >= 0);
    assert.equal(good.cached, false);

    // Self-reported reasons, labelled as such, only on the rows that were asked "why?".
    const reasoned = cards.filter((c) => (c.llm as LlmAnswered).selfReported !== null);
    assert.equal(reasoned.length, result.llm!.selfReported!.rows.length);
    assert.ok(reasoned.length > 0);
    for (const c of reasoned)
      assert.deepEqual((c.llm as LlmAnswered).selfReported, {
        reason: 'Because a is what I look at.',
        note: SELF_REPORTED_NOTE,
      });

    // A test row the LLM was not asked about: one line saying so.
    const asked = new Set(answers.map((a) => a.row));
    const notAsked = artifacts.folds[0].test.find((r) => !asked.has(r))!;
    const plain = cardOf(notAsked);
    assert.deepEqual(plain.llm, {
      asked: false,
      label: 'LLM (fake-card)',
      note: `The LLM was asked about ${SAMPLE} sampled test rows; this row was not one of them.`,
    });
    assert.equal(plain.disagree, false, 'one model and no LLM answer: nothing to disagree with');

    // A what-if keeps the file row's answer, marked stale, and leaves it out of the disagreement flag.
    const requestsBefore = fake.requests.length;
    const edited = cardOf(invalid.row, { a: '0.9' });
    assert.equal((edited.llm as LlmAnswered).stale, true);
    assert.equal((edited.llm as LlmAnswered).prediction, null);
    assert.equal(edited.disagree, false);
    assert.equal(fake.requests.length, requestsBefore, 'a what-if asks the LLM nothing');

    for (const card of [...cards, plain, edited])
      assert.ok(!JSON.stringify(card).includes(KEY), 'the key is not on the card');
  });

  test('a comparison without the LLM has no LLM on its card', async () => {
    const { result, artifacts } = await compare(false);
    fake.script.length = 0;
    const row = artifacts.folds[1].test[0];
    const card = decisionCardFor(result, artifacts, { fileRow: row, row, fold: 1, edits: {}, top: 3 });
    assert.equal(card.llm, undefined);
    assert.ok(!('llm' in card));
  });
});
