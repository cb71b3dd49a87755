/**
 * The desktop's LLM channels through the real handlers and compute worker, against the local fake server:
 * settings with a write-only key (encrypted when the OS can, else plain text and said so), test connection,
 * prompt preview, estimate, and a comparison with the LLM — the key never comes back to the renderer.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../../app/audit/record.js';
import type { LlmUserSettings, Result } from '../../app/ipc/contract.js';
import { parseProject } from '../../app/project/project.js';
import { DEFAULT_INSTRUCTIONS } from '../../app/settings/llm.js';
import { LLM_SETTINGS_FILE, type SecretStore } from '../../main/handlers/llm.js';
import { createDesktopFixture, type DesktopFixture } from '../helpers/desktop.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { creditRule } from '../helpers/fake-llm-rules.js';

const KEY = 'sk-desktop-KEEP-IN-MAIN';

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Reversible but not plain: enough to prove the file holds what the secret store produced. */
const fakeKeychain: SecretStore = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Uint8Array.from(Buffer.from(plain, 'utf8').reverse()),
  decryptString: (encrypted) => Buffer.from(encrypted).reverse().toString('utf8'),
};

let fake: FakeLlm;
let app: DesktopFixture;
let plain: DesktopFixture;
before(async () => {
  fake = await startFakeLlm((prompt) => creditRule(prompt));
  app = await createDesktopFixture({ secrets: fakeKeychain });
  plain = await createDesktopFixture();
});
after(async () => {
  await app.close();
  await plain.close();
  await fake.close();
});

const settings = (): LlmUserSettings => ({
  provider: 'openai',
  baseUrl: fake.openaiBaseUrl,
  model: 'fake-rule',
  inputPer1M: 0.15,
  outputPer1M: 0.6,
  sampleRows: 30,
  shots: 2,
  template: 'text',
  instructions: DEFAULT_INSTRUCTIONS,
});

describe('LLM settings and runs in the desktop app', () => {
  test('the key is write-only: encrypted by the secret store, never returned', async () => {
    assert.deepEqual(value(await app.handlers.getLlmSettings({})), {
      settings: null,
      key: 'none',
      encryptionAvailable: true,
    });
    const view = value(await app.handlers.saveLlmSettings({ settings: settings(), apiKey: KEY }));
    assert.equal(view.key, 'encrypted');
    assert.ok(!JSON.stringify(view).includes(KEY));
    const file = await readFile(join(app.userDataDir, LLM_SETTINGS_FILE), 'utf8');
    assert.ok(!file.includes(KEY), 'the settings file holds only the encrypted key');
    // Saving other settings keeps the key; clearKey removes it.
    assert.equal(value(await app.handlers.saveLlmSettings({ settings: { ...settings(), shots: 2 } })).key, 'encrypted');
  });

  test('without OS encryption the key is kept as plain text, and the view says so', async () => {
    const view = value(await plain.handlers.saveLlmSettings({ settings: settings(), apiKey: KEY }));
    assert.deepEqual([view.key, view.encryptionAvailable], ['plain-text', false]);
    assert.equal(value(await plain.handlers.saveLlmSettings({ settings: settings(), clearKey: true })).key, 'none');
  });

  test('bad settings are refused when saved', async () => {
    const r = await app.handlers.saveLlmSettings({ settings: { ...settings(), instructions: 'no placeholder' } });
    assert.ok(!r.ok && /\{row\}/.test(r.error.message));
    const bad = await app.handlers.saveLlmSettings({ settings: { ...settings(), baseUrl: 'file:///etc' } });
    assert.ok(!bad.ok && /http/.test(bad.error.message));
  });

  test('test connection, prompt preview, estimate, then a comparison with the LLM column', async () => {
    fake.requests.length = 0;
    const ping = value(await app.handlers.testLlmConnection({}));
    assert.ok(ping.ok, ping.message);
    assert.equal(fake.requests[0].authorization, `Bearer ${KEY}`);

    const info = value(
      await app.handlers.loadDataset({ operationId: 'load-1', source: { kind: 'sample', name: 'credit_data' } }),
    );
    const split = { datasetId: info.datasetId, target: 'Status', seed: 42, folds: 3 };
    const preview = value(
      await app.handlers.previewLlmPrompt({
        ...split,
        row: 0,
        template: 'text',
        instructions: DEFAULT_INSTRUCTIONS,
        shots: 2,
      }),
    );
    assert.deepEqual(
      preview.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'user', 'assistant', 'user'],
    );
    assert.match(preview.messages.at(-1)!.content, /The Seniority is 9\.\nThe Home is rent\./);

    const estimate = value(await app.handlers.estimateLlm(split));
    assert.equal(estimate.requests, 30 + 10);
    assert.ok(estimate.cost > 0);

    fake.requests.length = 0;
    const run = value(
      await app.handlers.runCompare({ operationId: 'cmp-1', ...split, models: ['tree', 'linear'], llm: true }),
    );
    assert.equal(run.result.llm!.sampleRows, 30);
    assert.equal(fake.requests.length, 40);
    assert.equal(run.result.cascade!.length, 2);
    assert.ok(!JSON.stringify(run).includes(KEY), 'the key never reaches the renderer');
    const again = value(await app.handlers.estimateLlm(split));
    assert.equal(again.cachedRequests, 40, 'the run filled the response cache in the user-data folder');

    // The run record (kept in the project) says where the LLM was asked, what, and which cached replies it used — never the key.
    const path = join(app.userDataDir, 'llm.sapling');
    app.saveQueue.push(path);
    assert.deepEqual(value(await app.handlers.saveProject({})), { path });
    const projectText = await readFile(path, 'utf8');
    assert.ok(!projectText.includes(KEY), 'the key is nowhere in the project or its run log');
    const record = JSON.parse(parseProject(projectText, 'llm.sapling').runLog.at(-1)!).record as RunRecord;
    assert.equal(record.llm!.endpoint, fake.openaiBaseUrl);
    assert.equal(record.llm!.model, 'fake-rule');
    assert.equal(record.llm!.promptTemplateSha256, createHash('sha256').update(DEFAULT_INSTRUCTIONS).digest('hex'));
    assert.equal(record.llm!.cacheKeys.length, 40);
    assert.equal(record.llm!.cacheFolder, join(app.userDataDir, 'llm-cache'));
    for (const key of record.llm!.cacheKeys) await access(join(record.llm!.cacheFolder!, `${key}.json`));
  });

  test('asking for the LLM without settings is a clear error', async () => {
    const fresh = await createDesktopFixture();
    try {
      const info = value(
        await fresh.handlers.loadDataset({ operationId: 'load-2', source: { kind: 'sample', name: 'iris' } }),
      );
      const r = await fresh.handlers.runCompare({
        operationId: 'cmp-2',
        datasetId: info.datasetId,
        target: info.suggestedTarget,
        models: ['tree'],
        seed: 1,
        llm: true,
      });
      assert.ok(!r.ok && r.error.code === 'BAD_PARAMETER' && /no LLM is configured/.test(r.error.message));
    } finally {
      await fresh.close();
    }
  });
});

test('desktop LLM settings map onto the run: variants and the memorisation check', async () => {
  const { toRunSettings } = await import('../../main/handlers/llm.js');
  const { DEFAULT_INSTRUCTIONS } = await import('../../app/settings/llm.js');
  const user = {
    provider: 'openai' as const,
    baseUrl: 'http://127.0.0.1:8080/v1',
    model: 'm',
    inputPer1M: 0,
    outputPer1M: 0,
    sampleRows: 50,
    shots: 2,
    template: 'text' as const,
    instructions: DEFAULT_INSTRUCTIONS,
  };
  const off = toRunSettings(user, 1);
  assert.deepEqual(
    [off.variants, off.contaminationTrials, off.synthesizeRows],
    [[], 0, 0],
    'settings saved before these options: all off',
  );
  const on = toRunSettings(
    { ...user, retrievedExamples: true, treeColumns: 3, contaminationTrials: 5, synthesizeRows: 40 },
    1,
  );
  assert.deepEqual(
    [on.variants, on.variantColumns, on.contaminationTrials, on.synthesizeRows],
    [['retrieved', 'columns'], 3, 5, 40],
  );
});
