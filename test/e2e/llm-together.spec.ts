/**
 * Small and large models together in the desktop app, against the local fake LLM server (which also writes synthetic
 * rows when asked, with a few faults): the LLM card's options (columns chosen by a tree, training rows written by the
 * LLM), the estimate counting their requests, the LLM and its variant as leaderboard rows, the written rows' card
 * and the recommendation's sentence on where the LLM stands.
 */
import { expect, test } from './harness.js';
import { chooseModels, chooseTarget, loadSample } from './flows.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { creditRule } from '../helpers/fake-llm-rules.js';
import { synthesisRule } from '../helpers/fake-llm-synthesis.js';

let fake: FakeLlm;
test.beforeAll(async () => {
  fake = await startFakeLlm(synthesisRule((prompt) => creditRule(prompt)));
});
test.afterAll(async () => {
  await fake.close();
});

test('credit_data: tree-chosen columns and LLM-written rows from the LLM card, measured on the same folds', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  await loadSample(sapling, page, 'credit_data');
  await chooseTarget(sapling, page, 'Status');
  await page.getByTestId('to-models').click();
  await chooseModels(page, ['tree'], { tree: { maxDepth: '4' } });

  const panel = page.getByTestId('llm-panel');
  // The LLM form is folded until the user opens it (#13).
  await panel.getByTestId('llm-open').click();
  await panel.getByLabel('Base URL').fill(fake.openaiBaseUrl);
  await panel.getByLabel('Model').fill('fake-rule');
  await panel.getByLabel('Test rows asked (per run)').fill('30');
  await panel.getByLabel('Price per 1M input tokens').fill('0.15');
  await panel.getByLabel('Price per 1M output tokens').fill('0.6');
  // The form checks against the run's own limits before saving.
  await panel.getByLabel('Training rows written by the LLM, per fold (0 = off)').fill('6000');
  await expect(panel).toContainText('Written training rows must be a whole number from 0 to 5,000');
  await panel.getByLabel('Training rows written by the LLM, per fold (0 = off)').fill('20');
  await panel.getByLabel('Columns chosen by a tree (0 = off)').fill('3');
  await panel.getByTestId('llm-save').click();
  await panel.getByTestId('llm-enable').check();
  await expect(page.getByTestId('cli-equivalent')).toContainText('--llm-columns 3 --llm-synthesize 20');
  // 30 rows + 10 re-asked + 30 with tree-chosen columns + 5 folds × 2 requests for the written rows.
  await expect(panel.getByTestId('llm-estimate')).toContainText('Estimate: 80 requests');

  // A paid run asks first. Two sampled rows read the same with only the 3 chosen columns: one prompt, asked once.
  await page.getByTestId('train').click();
  await expect(page.getByTestId('llm-confirm')).toContainText('79 requests (1 answers come from the cache)');
  fake.requests.length = 0;
  await sapling.expectAppEvent('sapling:compare-done', () => page.getByTestId('llm-confirm-go').click(), {
    timeout: 110_000,
  });
  await sapling.waitForState('idle');
  expect(fake.requests.length).toBe(79);

  // The LLM and its variant are leaderboard rows, each marked with the rows it was scored on.
  for (const id of ['llm', 'llm:columns'])
    await expect(page.locator(`[data-testid="leaderboard-row"][data-model-id="${id}"]`)).toContainText(
      'on 30 sampled test rows',
    );
  await expect(page.getByTestId('recommendation-llm')).toContainText('accuracy on its 30 sampled rows');
  await expect(page.getByTestId('recommendation-llm')).toContainText('Decision tree scored');
  const written = page.getByTestId('llm-synthesis');
  await expect(written).toContainText('The LLM wrote 100 rows over 5 training folds (20 invalid');
  await expect(written).toContainText('out of range 10, unknown category 10');
  await expect(written.getByRole('row')).toHaveCount(2);
  // …and points on the accuracy-against-latency chart.
  for (const id of ['llm', 'llm:columns'])
    await expect(
      page.locator(`[data-testid="tradeoff-chart"] circle.tradeoff-point[data-model-id="${id}"]`),
    ).toHaveCount(1);
  await sapling.screenshot('llm-together-compare');
});
