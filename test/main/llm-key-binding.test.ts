/**
 * Defect 1 of issue #15, the exfiltration half: a saved API key is bound to the origin it was entered for.
 * The audit's attack — saveLlmSettings({ baseUrl: ATTACKER }) without a key, then a comparison with the LLM —
 * must send the attacker no key. Also: the settings file is owner-only (0600), and a key never goes over plain
 * http:// to a host off this machine.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LlmUserSettings, Result } from '../../app/ipc/contract.js';
import { DEFAULT_INSTRUCTIONS, checkKeyTransport, isLoopbackHost } from '../../app/settings/llm.js';
import { LLM_SETTINGS_FILE, createLlmStore } from '../../main/handlers/llm.js';
import { createDesktopFixture, type DesktopFixture } from '../helpers/desktop.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { creditRule } from '../helpers/fake-llm-rules.js';

const KEY = 'sk-BOUND-TO-ITS-ORIGIN';

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const settingsFor = (baseUrl: string): LlmUserSettings => ({
  provider: 'openai',
  baseUrl,
  model: 'fake-rule',
  inputPer1M: 0.15,
  outputPer1M: 0.6,
  sampleRows: 10,
  shots: 0,
  template: 'text',
  instructions: DEFAULT_INSTRUCTIONS,
});

let real: FakeLlm;
let attacker: FakeLlm;
let app: DesktopFixture;
before(async () => {
  real = await startFakeLlm((prompt) => creditRule(prompt));
  attacker = await startFakeLlm((prompt) => creditRule(prompt));
  app = await createDesktopFixture();
});
after(async () => {
  await app.close();
  await real.close();
  await attacker.close();
});

describe('the saved LLM key is bound to its origin', () => {
  test('changing the base URL to another server drops the key: the attacker gets no Authorization header', async () => {
    value(await app.handlers.saveLlmSettings({ settings: settingsFor(real.openaiBaseUrl), apiKey: KEY }));
    const switched = value(await app.handlers.saveLlmSettings({ settings: settingsFor(attacker.openaiBaseUrl) }));
    assert.equal(switched.key, 'none', 'the view tells the user the key must be entered again');
    assert.ok(!(await readFile(join(app.userDataDir, LLM_SETTINGS_FILE), 'utf8')).includes(KEY));

    const info = value(
      await app.handlers.loadDataset({ operationId: 'load', source: { kind: 'sample', name: 'credit_data' } }),
    );
    const run = value(
      await app.handlers.runCompare({
        operationId: 'cmp',
        datasetId: info.datasetId,
        target: 'Status',
        seed: 1,
        folds: 3,
        models: ['tree'],
        llm: true,
      }),
    );
    assert.ok(run.result.llm);
    assert.ok(attacker.requests.length > 0);
    assert.deepEqual(
      attacker.requests.filter((r) => r.authorization !== undefined),
      [],
      'no request to the new server carries the key',
    );
  });

  test('the same origin with another path keeps the key; a hand-edited file with a foreign base URL sends none', async () => {
    value(await app.handlers.saveLlmSettings({ settings: settingsFor(real.openaiBaseUrl), apiKey: KEY }));
    const moved = value(
      await app.handlers.saveLlmSettings({ settings: settingsFor(real.openaiBaseUrl.replace(/\/v1$/, '/other/v1')) }),
    );
    assert.equal(moved.key, 'plain-text', 'same scheme, host and port: the key stays');
    value(await app.handlers.saveLlmSettings({ settings: settingsFor(real.openaiBaseUrl) }));

    const file = join(app.userDataDir, LLM_SETTINGS_FILE);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { settings: LlmUserSettings; key: { origin: string } };
    assert.equal(stored.key.origin, new URL(real.openaiBaseUrl).origin);
    await writeFile(file, JSON.stringify({ ...stored, settings: settingsFor(attacker.openaiBaseUrl) }));
    const run = await createLlmStore(app.userDataDir, undefined).forRun(0);
    assert.equal(run.apiKey, undefined);
    // A key saved before keys were bound (no origin) belongs to the base URL saved with it.
    const legacy = { version: 1, settings: settingsFor(real.openaiBaseUrl), key: { kind: 'plain-text', data: KEY } };
    await writeFile(file, JSON.stringify(legacy));
    assert.equal((await createLlmStore(app.userDataDir, undefined).forRun(0)).apiKey, KEY);
    await writeFile(file, JSON.stringify({ ...legacy, settings: settingsFor(attacker.openaiBaseUrl) }));
    const afterSwitch = value(await app.handlers.saveLlmSettings({ settings: settingsFor(attacker.openaiBaseUrl) }));
    assert.equal(afterSwitch.key, 'plain-text', 'a legacy key keeps the origin it was saved with …');
    assert.equal((await createLlmStore(app.userDataDir, undefined).forRun(0)).apiKey, KEY, '… which is this one');
  });

  test('the settings file (which may hold the key as plain text) is owner-only, 0600', async (t) => {
    if (process.platform === 'win32') return t.skip('POSIX modes');
    value(await app.handlers.saveLlmSettings({ settings: settingsFor(real.openaiBaseUrl), apiKey: KEY }));
    assert.equal((await stat(join(app.userDataDir, LLM_SETTINGS_FILE))).mode & 0o777, 0o600);
  });
});

describe('no key over plain http:// except to this machine', () => {
  test('loopback hosts are recognised', () => {
    for (const host of ['localhost', '127.0.0.1', '127.8.9.10', '[::1]', 'api.localhost'])
      assert.ok(isLoopbackHost(host), host);
    for (const host of ['10.0.0.1', 'example.com', '127.0.0.1.evil.com', 'localhost.evil.com', '[::2]'])
      assert.ok(!isLoopbackHost(host), host);
  });

  test('https anywhere and http to loopback pass; http elsewhere with a key is refused, without a key allowed', () => {
    checkKeyTransport('https://api.openai.com/v1', KEY);
    checkKeyTransport('http://127.0.0.1:11434', KEY);
    checkKeyTransport('http://lan-box:11434', undefined);
    assert.throws(
      () => checkKeyTransport('http://lan-box:11434', KEY),
      (e: Error & { code?: string }) =>
        e.code === 'BAD_PARAMETER' && /plain http:\/\/ to lan-box:11434/.test(e.message),
    );
  });

  test('the desktop test-connection says so instead of sending the key', async () => {
    const plainHttp = { ...settingsFor('http://lan-box.invalid:8080/v1') };
    value(await app.handlers.saveLlmSettings({ settings: plainHttp, apiKey: KEY }));
    const ping = value(await app.handlers.testLlmConnection({}));
    assert.equal(ping.ok, false);
    assert.match(ping.message, /refusing to send the API key over plain http/);
  });
});
