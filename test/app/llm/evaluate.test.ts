import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runComparison } from '../../../app/compare/run.js';
import { MemoryCache } from '../../../app/llm/cache.js';
import { defaultDeps } from '../../../app/llm/client.js';
import { llmSettings } from '../../../app/settings/llm.js';
import type { LlmSettings } from '../../../app/settings/llm.js';
import type { ResponseCache } from '../../../app/llm/cache.js';
import { estimateLlmRun, SELF_REPORTED_NOTE } from '../../../app/llm/evaluate.js';
import type { DistilledResult } from '../../../app/result/llm.js';
import { SaplingError } from '../../../app/util/errors.js';
import { createRng } from '../../../app/util/random.js';
import { DirectoryCache } from '../../../io/llm-cache.js';
import { makeDataset } from '../../helpers/dataset.js';
import { instantSleep, startFakeLlm, type FakeLlm } from '../../helpers/fake-llm.js';
import { signDataset, signRule } from '../../helpers/fake-llm-rules.js';

const KEY = 'sk-live-DO-NOT-LEAK-42';

const synthetic = (n: number) => signDataset(n, 3, 0.2);

const rule = signRule(0.1);

let fake: FakeLlm;
before(async () => {
  fake = await startFakeLlm(rule);
});
after(() => fake.close());

function settings(overrides: Partial<LlmSettings> = {}): LlmSettings {
  return llmSettings({
    provider: 'openai',
    baseUrl: fake.openaiBaseUrl,
    model: 'fake-1',
    sampleRows: 40,
    probeRows: 0,
    concurrency: 2,
    prices: { inputPer1M: 2, outputPer1M: 8 },
    ...overrides,
  });
}

async function compare(
  llm: LlmSettings,
  cache: ResponseCache = new MemoryCache(),
  extra: { signal?: AbortSignal } = {},
) {
  const clock = instantSleep();
  return runComparison(
    synthetic(120),
    {
      target: 'y',
      seed: 7,
      folds: 3,
      models: ['tree'],
      params: { tree: { maxDepth: 2 } },
      permutationRepeats: 1,
      latencyCalls: 10,
      llm,
    },
    { signal: extra.signal, llm: { apiKey: KEY, cache, deps: { ...defaultDeps(fetch), sleep: clock.sleep } } },
  );
}

describe('the LLM baseline in a comparison', () => {
  test('uses the same folds: sampled rows are test rows, examples are training rows only', async () => {
    fake.requests.length = 0;
    const { result, artifacts } = await compare(settings({ shots: 4 }));
    const llm = result.llm!;
    assert.equal(llm.sampleRows, 40);
    assert.equal(fake.requests.length, 40);
    assert.equal(llm.folds.length, 3);
    for (const record of llm.folds) {
      const fold = artifacts.folds[record.fold];
      const test = new Set(fold.test);
      const train = new Set(fold.train);
      assert.ok(
        record.rows.every((r) => test.has(r)),
        'asked rows come from the test fold',
      );
      assert.equal(record.shotRows.length, 4);
      assert.ok(
        record.shotRows.every((r) => train.has(r) && !test.has(r)),
        'examples come from the training fold only',
      );
    }
    // 40 rows over folds of 40: stratified by class within each fold.
    assert.deepEqual(
      llm.folds.map((f) => f.rows.length),
      [14, 13, 13],
    );
    // Same metrics as the trees; the fake answers by a rule close to the truth.
    assert.deepEqual(Object.keys(llm.metrics), Object.keys(result.models[0].metrics));
    assert.ok(llm.metrics.accuracy.mean > 0.75, String(llm.metrics.accuracy.mean));
    assert.equal(llm.probabilities, 'available');
    assert.ok(Number.isFinite(llm.metrics.rocAuc.mean));
    assert.equal(llm.invalidAnswers, 0);
    assert.ok(
      llm.pooledAccuracy!.ci95[0] < llm.pooledAccuracy!.value &&
        llm.pooledAccuracy!.value < llm.pooledAccuracy!.ci95[1],
    );
    // Cascade and distilled surrogate are computed on the same rows.
    const [curve] = result.cascade!;
    assert.equal(curve.model, 'tree');
    assert.equal(curve.rows, 40);
    assert.equal(curve.points[0].llmShare, 0);
    assert.equal(curve.points[0].accuracy, curve.treeOnly.accuracy);
    assert.ok(curve.points.every((p) => Math.abs(p.costPer1000 - p.llmShare * curve.llmOnly.costPer1000) < 1e-12));
    // Recompute one point by hand from the tree's out-of-fold probabilities and the LLM's answers.
    const tree = artifacts.models.get('tree')!;
    const answers = artifacts.llmAnswers!;
    const mid = curve.points.find((p) => p.threshold === 0.75)!;
    const y = artifacts.target.task === 'classification' ? artifacts.target.codes : new Int32Array(0);
    let right = 0;
    let deferred = 0;
    for (const a of answers) {
      const conf = Math.max(tree.oofProba![a.row * 2], tree.oofProba![a.row * 2 + 1]);
      if (conf >= 0.75) right += tree.oofPredictions[a.row] === y[a.row] ? 1 : 0;
      else {
        deferred++;
        right += a.answer === y[a.row] ? 1 : 0;
      }
    }
    assert.equal(mid.accuracy, right / 40);
    assert.equal(mid.llmShare, deferred / 40);
    assert.ok(deferred > 0, 'a depth-2 tree is unsure of some rows');
    const distilled = result.distilled as DistilledResult;
    assert.ok(distilled.fidelity > 0.7, String(distilled.fidelity));
    assert.ok(
      distilled.rules.some((r) => /^if a (≤|>) /.test(r)),
      distilled.rules.join('\n'),
    );
  });

  test('the estimate sees the exact prompts: its input tokens equal what the server counted', async () => {
    const s = settings({ shots: 2 });
    const { result } = await compare(s);
    const llm = result.llm!;
    assert.equal(llm.estimate.requests, 40);
    assert.equal(llm.estimate.tokensIn, llm.tokensIn);
    assert.ok(llm.estimate.tokensOut >= llm.tokensOut);
    assert.ok(Math.abs(llm.estimate.cost - (llm.tokensIn * 2 + llm.estimate.tokensOut * 8) / 1e6) < 1e-12);
    assert.ok(Math.abs(llm.runCost - (llm.tokensIn * 2 + llm.tokensOut * 8) / 1e6) < 1e-12);
    assert.ok(Math.abs(llm.estimatedCostPer1000 - (llm.runCost / 40) * 1000) < 1e-12);
  });

  test('invalid answers are counted as wrong and reported, never guessed', async () => {
    fake.script.push(
      { kind: 'invalid', text: 'I think probably yes-ish' },
      { kind: 'invalid', text: 'maybe' },
      { kind: 'invalid', text: 'yes or no' },
    );
    const { result } = await compare(settings({ structuredOutput: false, concurrency: 1 }));
    const llm = result.llm!;
    assert.equal(llm.invalidAnswers, 3);
    assert.equal(llm.invalidAnswerRate, 3 / 40);
    const cm = llm.confusionMatrix!;
    assert.equal(
      cm.reduce((s, row) => s + row[2], 0),
      3,
      'the last column counts invalid answers',
    );
    const correct = cm[0][0] + cm[1][1];
    assert.equal(llm.pooledAccuracy!.value, correct / 40);
  });

  test('JSON answers get room for indentation; a reply cut at max_tokens is counted as truncated, not as a wrong label', async () => {
    // 4-space indentation fits in the room JSON mode gives; 200 spaces do not, and the server stops at max_tokens.
    fake.script.push(
      { kind: 'indented', indent: 4 },
      { kind: 'indented', indent: 200 },
      { kind: 'indented', indent: 200 },
    );
    const before = fake.requests.length;
    const { result } = await compare(settings({ structuredOutput: true, concurrency: 1 }));
    const llm = result.llm!;
    const asked = fake.requests.slice(before);
    assert.ok(
      asked.every((r) => (r.body.max_tokens as number) >= 32),
      'JSON mode leaves room beyond the label',
    );
    assert.equal(llm.invalidAnswers, 2);
    assert.equal(llm.truncatedAnswers, 2);
    assert.match(llm.notes.join('\n'), /2 of the 2 invalid answers were cut off at the token limit/);
  });

  test('without log-probabilities, ROC AUC and log loss are marked unavailable', async () => {
    fake.logprobs = false;
    try {
      const { result } = await compare(settings());
      assert.match(result.llm!.probabilities, /^unavailable/);
      assert.ok(Number.isNaN(result.llm!.metrics.rocAuc.mean));
    } finally {
      fake.logprobs = true;
    }
  });

  test('a re-run from the disk cache sends zero requests, and the cache holds no key', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sapling-llm-cache-'));
    try {
      const cache = new DirectoryCache(folder);
      fake.requests.length = 0;
      const first = await compare(settings({ probeRows: 3 }), cache);
      assert.equal(fake.requests.length, 43, '40 rows + 3 asked again by the determinism probe');
      assert.equal(first.result.llm!.cachedResponses, 0);
      const estimate = await estimateLlmRun(
        {
          dataset: first.artifacts.dataset,
          targetName: 'y',
          target: first.artifacts.target,
          features: first.artifacts.features,
          folds: first.artifacts.folds,
        },
        settings({ probeRows: 3 }),
        cache,
      );
      assert.equal(estimate.cachedRequests, 43);
      assert.equal(estimate.cost, 0);
      fake.requests.length = 0;
      const second = await compare(settings({ probeRows: 3 }), cache);
      assert.equal(fake.requests.length, 0);
      assert.deepEqual(second.result.llm!.determinism, { rows: 3, agreement: 1, fromCache: 3 });
      assert.equal(second.result.llm!.requests, 0);
      assert.equal(second.result.llm!.cachedResponses, 40);
      assert.deepEqual(second.result.llm!.metrics, first.result.llm!.metrics);
      const files = await readdir(folder);
      assert.equal(files.length, 43);
      const text = (await Promise.all(files.map((f) => readFile(join(folder, f), 'utf8')))).join('\n');
      assert.ok(!text.includes(KEY));
      assert.ok(text.includes('The a is'), 'the cache records the exact prompt');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('the key never appears in the result JSON or in errors', async () => {
    const { result } = await compare(settings({ probeRows: 5 }));
    assert.ok(!JSON.stringify(result).includes(KEY));
    assert.ok(!JSON.stringify(result).includes('DO-NOT-LEAK'));
    assert.deepEqual(result.llm!.determinism, { rows: 5, agreement: 1, fromCache: 0 });
    fake.script.push({ kind: 'echo-key' });
    const error = await compare(settings()).then(
      () => assert.fail('expected a 401 to stop the run'),
      (e: unknown) => e as SaplingError,
    );
    assert.equal(error.code, 'LLM_REQUEST');
    assert.ok(!error.message.includes(KEY) && !String(error.stack).includes(KEY));
  });

  test('a request that keeps failing costs its row, counted as wrong', async () => {
    fake.script.push({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const { result } = await compare(settings({ maxRetries: 1, concurrency: 1 }));
    assert.equal(result.llm!.failedRows, 1);
    assert.equal(result.llm!.invalidAnswerRate, 1 / 40);
    assert.ok(result.warnings.some((w) => w.code === 'llm-note' && /got no answer after all retries/.test(w.message)));
  });

  test('the run budget stops it, and cancel stops requests in flight', async () => {
    await assert.rejects(compare(settings({ maxRequests: 10 })), (e: SaplingError) => e.code === 'LLM_BUDGET');
    fake.script.push({ kind: 'hang' }, { kind: 'hang' });
    const controller = new AbortController();
    fake.requests.length = 0;
    const pending = compare(settings({ timeoutMs: 60_000 }), new MemoryCache(), { signal: controller.signal });
    while (fake.requests.length < 2) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await assert.rejects(pending, (e: SaplingError) => e.code === 'CANCELLED');
    assert.equal(fake.requests.length, 2, 'no request starts after cancel');
  });

  test('Ollama native API end to end', async () => {
    fake.requests.length = 0;
    const { result } = await compare(settings({ provider: 'ollama', baseUrl: fake.url }));
    assert.ok(fake.requests.every((r) => r.path === '/api/chat'));
    assert.equal(result.llm!.probabilities, 'available');
    assert.ok(result.llm!.metrics.accuracy.mean > 0.75);
  });

  test('permutation importance: the feature the LLM reads matters, the one it ignores does not; its cost is in the estimate', async () => {
    fake.requests.length = 0;
    const { result } = await compare(settings({ importanceRows: 20 }));
    const llm = result.llm!;
    assert.equal(llm.estimate.requests, 40 + 2 * 20);
    // A permutation that leaves a row in place repeats a request already asked: answered from the cache.
    assert.equal(fake.requests.length, llm.estimate.requests - llm.estimate.cachedRequests);
    const imp = Object.fromEntries(llm.importance!.permutation.map((e) => [e.feature, e.mean]));
    assert.equal(llm.importance!.rows, 20);
    assert.ok(imp.a > 0.2, String(imp.a));
    assert.equal(imp.c, 0, 'the fake LLM never reads c');
  });

  test('self-reported reasons: asked after the answer, labelled unverified, kept apart from the metrics', async () => {
    fake.requests.length = 0;
    const { result } = await compare(settings({ reasonRows: 3 }));
    const llm = result.llm!;
    assert.equal(llm.estimate.requests, 43);
    assert.equal(fake.requests.length, 43);
    assert.equal(llm.selfReported!.note, SELF_REPORTED_NOTE);
    assert.equal(llm.selfReported!.rows.length, 3);
    for (const r of llm.selfReported!.rows) {
      assert.equal(r.reason, 'Because a is what I look at.');
      assert.ok(['yes', 'no'].includes(r.answer));
    }
    const followUp = fake.requests.at(-1)!.body as {
      messages: { role: string; content: string }[];
      response_format?: unknown;
    };
    assert.deepEqual(
      followUp.messages.slice(-3).map((m) => m.role),
      ['user', 'assistant', 'user'],
    );
    assert.equal(followUp.response_format, undefined, 'reasons are free text');
  });

  test('regression: numeric answers, scored with RMSE / MAE / R²; no cascade or surrogate', async () => {
    const rng = createRng(9);
    const a = Array.from({ length: 60 }, () => Math.round(rng.next() * 100) / 10);
    const y = a.map((v) => 3 * v + 1);
    const regression = makeDataset({ a, y });
    const numeric = await startFakeLlm((prompt) => {
      const x = Number(/The a is (-?[\d.]+)\./.exec(prompt.slice(prompt.lastIndexOf('The a is')))?.[1]);
      return Number.isInteger(x * 10) && x > 9 ? 'unsure' : String(3 * x + 1);
    });
    try {
      const { result } = await runComparison(
        regression,
        {
          target: 'y',
          seed: 7,
          folds: 3,
          models: ['linear'],
          permutationRepeats: 1,
          latencyCalls: 10,
          llm: llmSettings({
            provider: 'openai',
            baseUrl: numeric.openaiBaseUrl,
            model: 'm',
            sampleRows: 30,
            probeRows: 0,
          }),
        },
        { llm: { deps: defaultDeps(fetch) } },
      );
      const llm = result.llm!;
      assert.equal(llm.probabilities, 'not applicable (regression)');
      assert.ok(llm.metrics.r2.mean > 0.99, String(llm.metrics.r2.mean));
      assert.ok(llm.invalidAnswers > 0, 'values above 9 were answered "unsure"');
      assert.ok(llm.notes.some((n) => /regression metrics cover the \d+ rows with a numeric answer/.test(n)));
      assert.equal(result.cascade, undefined);
      assert.deepEqual(result.distilled, { skipped: 'distillation is for classification targets' });
    } finally {
      await numeric.close();
    }
  });

  test('no LLM configured: no llm, cascade or distilled fields', async () => {
    const { result } = await runComparison(synthetic(60), {
      target: 'y',
      seed: 7,
      folds: 3,
      models: ['tree'],
      permutationRepeats: 1,
      latencyCalls: 10,
    });
    assert.equal('llm' in result, false);
    assert.equal('cascade' in result, false);
    assert.equal('distilled' in result, false);
  });
});
