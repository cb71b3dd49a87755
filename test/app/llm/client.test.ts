import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Budget, defaultDeps, LlmClient, retryAfter } from '../../../app/llm/client.js';
import type { ClientDeps } from '../../../app/llm/client.js';
import { llmSettings } from '../../../app/settings/llm.js';
import type { LlmProvider, LlmSettings } from '../../../app/settings/llm.js';
import type { ChatRequest } from '../../../app/llm/wire.js';
import { SaplingError } from '../../../app/util/errors.js';
import { instantSleep, startFakeLlm, type FakeLlm } from '../../helpers/fake-llm.js';

const KEY = 'sk-test-SECRET-0123456789';
const request: ChatRequest = {
  messages: [{ role: 'user', content: 'The Age is 41.\n\nWhat is the Status? Answer with exactly one of: good, bad.' }],
  temperature: 0,
  seed: 42,
  maxTokens: 8,
  topLogprobs: 0,
};

let fake: FakeLlm;
before(async () => {
  fake = await startFakeLlm(() => 'good');
});
after(() => fake.close());

function client(overrides: Partial<LlmSettings> = {}, provider: LlmProvider = 'openai') {
  const settings = llmSettings({
    provider,
    baseUrl: provider === 'openai' ? fake.openaiBaseUrl : fake.url,
    model: 'fake-1',
    ...overrides,
  });
  const clock = instantSleep();
  const deps: ClientDeps = { ...defaultDeps(fetch), sleep: clock.sleep, random: () => 0.5 };
  const budget = new Budget(settings);
  return { c: new LlmClient(settings, KEY, deps, budget), waits: clock.waits, budget };
}

async function rejectsWith(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<SaplingError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SaplingError, String(error));
  assert.equal(error.code, code);
  if (pattern) assert.match(error.message, pattern);
  assert.ok(!error.message.includes(KEY), 'the key must not appear in errors');
  return error;
}

describe('LlmClient against a local server', () => {
  test('OpenAI format: sends the key only as a bearer header and reads the answer and token counts', async () => {
    fake.requests.length = 0;
    const { c } = client();
    const call = await c.complete(request);
    assert.equal(call.reply.text, 'good');
    assert.equal(call.reply.tokensIn, Math.ceil(request.messages[0].content.length / 4));
    assert.equal(call.attempts, 1);
    assert.equal(fake.requests[0].authorization, `Bearer ${KEY}`);
    assert.equal(fake.requests[0].body.temperature, 0);
    assert.equal(fake.requests[0].body.seed, 42);
    assert.ok(!JSON.stringify(fake.requests[0].body).includes(KEY));
  });

  test('Ollama native format', async () => {
    fake.requests.length = 0;
    const { c } = client({}, 'ollama');
    const call = await c.complete({ ...request, topLogprobs: 3 });
    assert.equal(call.reply.text, 'good');
    assert.equal(fake.requests[0].path, '/api/chat');
    assert.deepEqual(fake.requests[0].body.options, { temperature: 0, seed: 42, num_predict: 8 });
    assert.ok(call.reply.logprobs && call.reply.logprobs[0].top.length > 0);
  });

  test('retries 429 and 500 with exponential backoff, and honours Retry-After up to the cap', async () => {
    fake.requests.length = 0;
    fake.script.push(
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429, retryAfter: '2' },
      { kind: 'status', status: 429, retryAfter: '86400' },
    );
    const { c, waits } = client({ maxRetries: 3, retryAfterCapMs: 5000 });
    const call = await c.complete(request);
    assert.equal(call.attempts, 4);
    assert.equal(fake.requests.length, 4);
    // 500 → backoff 0.5 s × jitter (random 0.5 → ×0.875); Retry-After 2 s honoured; an absurd one capped at 5 s.
    assert.deepEqual(waits, [437.5, 2000, 5000]);
  });

  test('gives up after maxRetries, naming the last problem', async () => {
    fake.script.push({ kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const { c } = client({ maxRetries: 1 });
    await rejectsWith(c.complete(request), 'LLM_REQUEST', /HTTP 503.*gave up after 2 attempts/);
  });

  test('times out a hanging request, retries, then succeeds', async () => {
    fake.script.push({ kind: 'hang' });
    const { c } = client({ timeoutMs: 150, maxRetries: 1 });
    const call = await c.complete(request);
    assert.equal(call.attempts, 2);
  });

  test('retries malformed JSON and a dropped connection', async () => {
    fake.script.push({ kind: 'malformed' }, { kind: 'drop' });
    const { c } = client({ maxRetries: 2 });
    assert.equal((await c.complete(request)).attempts, 3);
  });

  test('does not retry 401 and never repeats the key, even when the server echoes it', async () => {
    fake.requests.length = 0;
    fake.script.push({ kind: 'echo-key' });
    const { c } = client();
    const error = await rejectsWith(c.complete(request), 'LLM_REQUEST', /HTTP 401/);
    assert.match(error.message, /Bearer \*\*\*/);
    assert.equal(fake.requests.length, 1);
  });

  test('cancel stops a request in flight', async () => {
    fake.script.push({ kind: 'hang' });
    const { c } = client({ timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = c.complete(request, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await rejectsWith(pending, 'CANCELLED');
  });

  test('the budget stops the run before the request that would exceed it', async () => {
    const { c, budget } = client({ maxRequests: 2 });
    await c.complete(request);
    await c.complete(request);
    await rejectsWith(c.complete(request), 'LLM_BUDGET', /2 requests/);
    assert.equal(budget.requests, 2);
    const priced = client({ prices: { inputPer1M: 1_000_000, outputPer1M: 0 }, maxCost: 10 });
    await rejectsWith(priced.c.complete(request), 'LLM_BUDGET', /over the run's budget of 10/);
    assert.equal(priced.budget.requests, 0);
  });

  test('Retry-After forms: seconds, milliseconds, HTTP date', () => {
    const h = (entries: Record<string, string>) => ({ get: (n: string) => entries[n] ?? null });
    assert.equal(retryAfter(h({ 'retry-after': '3' }), 0), 3000);
    assert.equal(retryAfter(h({ 'retry-after-ms': '250', 'retry-after': '3' }), 0), 250);
    assert.equal(retryAfter(h({ 'retry-after': new Date(10_000).toUTCString() }), 4_000), 6000);
    assert.equal(retryAfter(h({}), 0), undefined);
  });

  test('settings strip credentials from the base URL and check ranges', () => {
    assert.equal(
      llmSettings({ model: 'm', baseUrl: 'https://user:pw@example.com/v1/' }).baseUrl,
      'https://example.com/v1',
    );
    assert.throws(() => llmSettings({ model: 'm', baseUrl: 'ftp://x' }), /http/);
    assert.throws(() => llmSettings({ model: 'm', concurrency: 0 }), /concurrency/);
    assert.throws(() => llmSettings({ model: 'm', instructions: 'no row here' }), /\{row\}/);
  });
});
