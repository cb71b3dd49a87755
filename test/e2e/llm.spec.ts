/**
 * The LLM baseline in the desktop app, against the local fake LLM server: settings with a write-only key (the
 * harness has no OS keychain, so the app must say the key is kept in plain text), test connection, the live prompt
 * preview, the estimate and the confirmation before a paid run, then the LLM row in the leaderboard, its facts,
 * the cascade curve and the distilled tree. The key never reaches the page after it was typed.
 */
import { expect, test } from './harness.js';
import { chooseModels, chooseTarget, loadSample } from './flows.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { cell, creditRule } from '../helpers/fake-llm-rules.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES_DIR } from './harness.js';

const KEY = 'sk-e2e-SECRET-never-in-page';
let fake: FakeLlm;
test.beforeAll(async () => {
  fake = await startFakeLlm((prompt) => creditRule(prompt));
});
test.afterAll(async () => {
  await fake.close();
});

test('credit_data: configure an LLM, preview the prompt, confirm the estimate, compare with the trees, read the cascade', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  await loadSample(sapling, page, 'credit_data');
  await chooseTarget(sapling, page, 'Status');
  await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('to-models').click());
  await chooseModels(page, ['tree', 'linear'], { tree: { maxDepth: '4' } });

  const panel = page.getByTestId('llm-panel');
  // Optional and folded away until asked for; opening it shows no error for the untouched form.
  await panel.getByTestId('llm-open').click();
  await expect(panel.getByTestId('llm-problem')).toHaveCount(0);
  await expect(panel.getByTestId('llm-key-storage')).toContainText('no encrypted storage');
  await panel.getByLabel('Base URL').fill(fake.openaiBaseUrl);
  await panel.getByLabel('Model').fill('fake-rule');
  await panel.getByLabel('API key').fill(KEY);
  await panel.getByLabel('Price per 1M input tokens').fill('0.15');
  await panel.getByLabel('Price per 1M output tokens').fill('0.6');
  await panel.getByLabel('Test rows asked (per run)').fill('40');
  await panel.getByLabel('Examples per prompt (k-shot)').fill('2');
  await panel.getByTestId('llm-save').click();
  await expect(panel.getByTestId('llm-key-storage')).toContainText('saved in plain text');
  await expect(panel.getByLabel('API key')).toHaveValue('');

  await panel.getByTestId('llm-test').click();
  await expect(panel.getByTestId('llm-test-result')).toContainText('fake-rule answered');
  expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${KEY}`);

  // Live preview of the exact prompt: row 1 of credit_data, two examples from its fold's training rows.
  const preview = panel.getByTestId('llm-preview');
  await expect(preview).toContainText('The Seniority is 9.');
  await expect(preview).toContainText('[assistant]');
  await panel.getByLabel('Row as').selectOption('list');
  await expect(preview).toContainText('- Seniority: 9');
  await panel.getByLabel('Row as').selectOption('text');
  await panel.getByTestId('llm-save').click();

  await panel.getByTestId('llm-enable').check();
  await expect(page.getByTestId('cli-equivalent')).toContainText('--models tree,linear,llm');
  await expect(page.getByTestId('cli-equivalent')).toContainText(
    `--llm-base-url ${fake.openaiBaseUrl} --llm-model fake-rule`,
  );
  await expect(panel.getByTestId('llm-estimate')).toContainText('Estimate: 50 requests (0 already cached)');
  await sapling.screenshot('llm-settings');

  // A paid run asks first; then the comparison runs with the LLM.
  await page.getByTestId('train').click();
  await expect(page.getByTestId('llm-confirm')).toContainText('50 requests');
  fake.requests.length = 0;
  const done = await sapling.expectAppEvent<{ runId: string }>(
    'sapling:compare-done',
    () => page.getByTestId('llm-confirm-go').click(),
    { timeout: 110_000 },
  );
  expect(done.runId).toMatch(/^run-/);
  await sapling.waitForState('idle');
  expect(fake.requests.length).toBe(50);

  const llmRow = page.locator('[data-testid="leaderboard-row"][data-model-id="llm"]');
  await expect(llmRow).toContainText('LLM (fake-rule)');
  await expect(llmRow).toContainText('on 40 sampled test rows');
  const results = page.getByTestId('llm-results');
  await expect(results.getByTestId('llm-invalid')).toContainText('0 (0.0%)');
  await expect(results.getByTestId('llm-cost')).toContainText('per 1,000 predictions');
  await expect(page.getByTestId('cascade-chart')).toHaveAttribute('data-curves', '2');
  await expect(page.locator('[data-testid="cascade-chart"] .cascade-line')).toHaveCount(2);
  // Each point's tooltip: the model, its threshold, the accuracy and the share sent to the LLM.
  await expect(page.locator('[data-testid="cascade-chart"] .cascade-mark title').first()).toHaveText(
    /^.+, (model only|confidence ≥ \d\.\d\d|LLM only): accuracy [01](\.\d+)?; \d+% to the LLM/,
  );
  await expect(page.getByTestId('llm-distilled')).toContainText('Fidelity');
  await expect(page.locator('[data-testid="tradeoff-chart"] circle.tradeoff-point[data-model-id="llm"]')).toHaveCount(
    1,
  );
  await sapling.screenshot('llm-compare');

  // The per-decision card of a row the LLM was asked about shows its answer, the exact prompt and the raw reply.
  const lines = readFileSync(join(SAMPLES_DIR, 'credit_data.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
  const [header, ...fileRows] = lines;
  const features = header.filter((c) => c !== 'Status');
  const rowKey = (value: (column: string) => string | undefined) => features.map((f) => value(f)).join('|');
  const asked = fake.requests.map((r) => {
    const messages = r.body.messages as { role: string; content: string }[];
    const key = rowKey((f) => cell(messages.at(-1)!.content, f));
    return { messages, fileRow: fileRows.findIndex((cells) => rowKey((f) => cells[header.indexOf(f)]) === key) };
  });
  const { messages, fileRow } = asked[0];
  expect(fileRow).toBeGreaterThanOrEqual(0);
  await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-inspect').click());
  await page.getByLabel('Row number').fill(String(fileRow + 1));
  const explained = await sapling.expectAppEvent<{
    row: number;
    llm?: { asked: boolean; prediction: string | null; stale: boolean };
  }>('sapling:row-explained', () => page.getByTestId('inspect-go').click());
  const label = creditRule(messages.at(-1)!.content);
  expect(explained).toMatchObject({ row: fileRow, llm: { asked: true, prediction: label, stale: false } });
  const card = page.getByTestId('decision-card');
  await expect(card.getByTestId('decision-llm')).toHaveAttribute('data-prediction', label);
  await expect(card.getByTestId('decision-llm')).toContainText('LLM (fake-rule)');
  await expect(card.getByTestId('decision-llm')).toContainText('80.0%');
  await expect(card.getByTestId('decision-llm')).toContainText('Latency');
  await card.getByTestId('llm-exchange').locator('summary').click();
  await expect(card.getByTestId('llm-card-prompt')).toBeVisible();
  expect(await card.getByTestId('llm-card-prompt').textContent()).toBe(
    messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n'),
  );
  expect(await card.getByTestId('llm-card-answer').textContent()).toBe(`{"answer":"${label}"}`);
  const treeSays = await card
    .locator('[data-testid="decision-model"][data-model-id="tree"]')
    .getAttribute('data-prediction');
  const linearSays = await card
    .locator('[data-testid="decision-model"][data-model-id="linear"]')
    .getAttribute('data-prediction');
  await expect(card).toHaveAttribute('data-disagree', String(treeSays !== label || linearSays !== label));
  await card.getByTestId('llm-exchange').scrollIntoViewIfNeeded();
  await sapling.screenshot('decision-card-llm');

  // A what-if does not ask the LLM again: the card says its answer is for the file's values.
  const before = fake.requests.length;
  await card.locator('[data-testid="whatif-input"][data-feature="Amount"]').fill('10');
  const edited = await sapling.expectAppEvent<{ llm?: { stale: boolean } }>('sapling:row-explained', () =>
    card.getByTestId('whatif-apply').click(),
  );
  expect(edited.llm?.stale).toBe(true);
  await expect(card.getByTestId('llm-stale')).toContainText('not asked again');
  expect(fake.requests.length).toBe(before);
  await card.getByTestId('decision-llm').scrollIntoViewIfNeeded();
  await sapling.screenshot('decision-card-llm-what-if');

  // A test row outside the LLM's sample: one line says so.
  const askedRows = new Set(asked.map((a) => a.fileRow));
  const other = fileRows.findIndex((_, i) => !askedRows.has(i));
  await page.getByLabel('Row number').fill(String(other + 1));
  const plain = await sapling.expectAppEvent<{ llm?: { asked: boolean } }>('sapling:row-explained', () =>
    page.getByTestId('inspect-go').click(),
  );
  expect(plain.llm).toEqual({ asked: false });
  await expect(card.getByTestId('llm-not-asked')).toHaveText(
    'The LLM was asked about 40 sampled test rows; this row was not one of them.',
  );
  await expect(card.getByTestId('decision-llm')).toHaveCount(0);

  // The key was typed once; it never came back into the page.
  expect(await page.content()).not.toContain(KEY);
  const results2 = await sapling.handlers.getLlmSettings({});
  expect(JSON.stringify(results2)).not.toContain(KEY);
});
