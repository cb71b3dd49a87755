/** Replaying and re-asking the LLM side of a recorded run: what may differ, what must not, and how drift is counted. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { llmDrift, missingEntries, ReplayCache, treeSide, withoutFetchFacts } from '../../../app/audit/llm-replay.js';
import { differences } from '../../../app/audit/reproduce.js';
import type { CompareResult } from '../../../app/result/compare.js';
import { MemoryCache, type CacheEntry } from '../../../app/llm/cache.js';
import type { LlmRowAnswer } from '../../../app/llm/evaluate.js';
import type { Target } from '../../../app/models/matrix.js';

const target: Target = { task: 'classification', codes: Int32Array.from([0, 1, 0]), classes: ['bad', 'good'] };
const summary = (mean: number) => ({ mean, std: 0, ci95: [mean, mean] as [number, number], n: 3 });

function result(
  llm: { accuracy: number; requests: number; cached: number; fromCache: number },
  warnings: string[] = [],
): CompareResult {
  return {
    models: [{ id: 'tree', metrics: { accuracy: summary(0.8) } }],
    warnings,
    llm: {
      label: 'LLM (m)',
      metrics: { accuracy: summary(llm.accuracy) },
      invalidAnswerRate: 0,
      requests: llm.requests,
      cachedResponses: llm.cached,
      runCost: llm.requests * 0.001,
      estimate: {
        requests: 4,
        cachedRequests: llm.cached,
        tokensIn: 100,
        tokensOut: 8,
        cost: llm.requests * 0.001,
        minutes: llm.requests / 60,
      },
      determinism: { rows: 1, agreement: 1, fromCache: llm.fromCache },
      // Synthetic rows were fetched too: what they cost to write stays, what this run paid does not.
      synthesis: { requests: llm.requests, cachedResponses: llm.cached, runCost: llm.requests * 0.001, cost: 0.004 },
    },
    cascade: [{ model: 'tree' }],
  } as unknown as CompareResult;
}

const entry = (key: string, text: string): CacheEntry =>
  ({
    key,
    provider: 'openai',
    model: 'm',
    request: { messages: [], temperature: 0, seed: 1, maxTokens: 8, topLogprobs: 0 },
    reply: { text, tokensIn: 1, tokensOut: 1, logprobs: null },
    latencyMs: 5,
  }) as CacheEntry;
const answer = (key: string, row: number, code: number | null): LlmRowAnswer => ({
  key,
  row,
  fold: 0,
  messages: [],
  text: '',
  answer: code,
  failed: false,
  truncated: false,
  proba: null,
  latencyMs: 1,
  tokensIn: 1,
  tokensOut: 1,
  cached: false,
});

describe('reproducing the LLM side', () => {
  test('a replay may change only how replies were obtained; any LLM number still counts', () => {
    const first = result({ accuracy: 0.7, requests: 4, cached: 0, fromCache: 0 });
    const replayed = result({ accuracy: 0.7, requests: 0, cached: 4, fromCache: 1 });
    assert.ok(differences(first, replayed).length > 0, 'raw results differ in the fetch facts');
    assert.deepEqual(differences(withoutFetchFacts(first), withoutFetchFacts(replayed)), []);
    const other = result({ accuracy: 0.75, requests: 0, cached: 4, fromCache: 1 });
    assert.deepEqual(
      differences(withoutFetchFacts(first), withoutFetchFacts(other)).map((d) => d.path),
      ['llm.metrics.accuracy.mean', 'llm.metrics.accuracy.ci95[0]', 'llm.metrics.accuracy.ci95[1]'],
    );
  });

  test("the tree side leaves out the LLM, the sections built from its answers and the LLM's warnings only", () => {
    const a = result({ accuracy: 0.7, requests: 4, cached: 0, fromCache: 0 }, [
      'LLM (m): 1 rows got no answer',
      'tree: something',
    ]);
    const b = result({ accuracy: 0.2, requests: 9, cached: 0, fromCache: 0 }, ['tree: something']);
    assert.deepEqual(differences(treeSide(a), treeSide(b)), []);
    // Verdicts against the LLM go with the LLM; verdicts between the trees stay.
    const verdict = (a: string, b: string, text: string) => ({ a, b, metric: 'accuracy', text });
    const withVerdicts = (r: CompareResult, llmText: string, treeText: string) =>
      ({
        ...r,
        verdicts: [verdict('tree', 'forest', treeText), verdict('tree', 'llm', llmText)],
      }) as unknown as CompareResult;
    assert.deepEqual(
      differences(treeSide(withVerdicts(a, 'LLM ahead', 'tie')), treeSide(withVerdicts(b, 'tree ahead', 'tie'))),
      [],
    );
    assert.deepEqual(
      differences(
        treeSide(withVerdicts(a, 'LLM ahead', 'tie')),
        treeSide(withVerdicts(b, 'LLM ahead', 'forest ahead')),
      ).map((d) => d.path),
      ['verdicts[0].text'],
    );
    const c = result({ accuracy: 0.2, requests: 9, cached: 0, fromCache: 0 }, ['tree: something else']);
    assert.deepEqual(
      differences(treeSide(a), treeSide(c)).map((d) => d.path),
      ['warnings[0]'],
    );
  });

  test('a replay cache serves recorded entries, names a missing key, and never writes', async () => {
    const recorded = new MemoryCache();
    await recorded.set(entry('a'.repeat(64), 'good'));
    const replay = new ReplayCache(recorded, 'cache/');
    assert.equal((await replay.get('a'.repeat(64)))?.reply.text, 'good');
    await assert.rejects(replay.get('b'.repeat(64)), new RegExp(`cache/ has no entry ${'b'.repeat(64)}`));
    await assert.rejects(replay.set(), /never writes/);
    assert.deepEqual(await missingEntries(recorded, ['a'.repeat(64), 'b'.repeat(64)]), ['b'.repeat(64)]);
  });

  test('drift counts rows whose parsed answer changed (valid → invalid included) and each metric recorded → now', async () => {
    const recorded = new MemoryCache();
    await recorded.set(entry('k1', 'bad'));
    await recorded.set(entry('k2', 'good'));
    await recorded.set(entry('k3', 'bad'));
    const now = [answer('k1', 0, 0), answer('k2', 1, 0), answer('k3', 2, null), answer('k4', 2, 1)];
    const drift = await llmDrift(
      result({ accuracy: 0.9, requests: 4, cached: 0, fromCache: 0 }).llm,
      result({ accuracy: 0.6, requests: 4, cached: 0, fromCache: 0 }).llm,
      now,
      target,
      recorded,
    );
    assert.equal(drift.rows, 3);
    assert.equal(drift.changed, 2);
    assert.equal(drift.changedShare, 2 / 3);
    assert.equal(drift.unrecorded, 1);
    const accuracy = drift.metrics.find((m) => m.metric === 'accuracy')!;
    assert.equal(accuracy.recorded, 0.9);
    assert.equal(accuracy.now, 0.6);
    assert.ok(Math.abs(accuracy.difference + 0.3) < 1e-12);
  });
});
