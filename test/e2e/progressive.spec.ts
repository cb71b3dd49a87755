/**
 * Results as they come (issues 13, 14): during a comparison each model's leaderboard row appears as soon as its
 * folds are scored, the progress panel gives a time left measured from finished folds, and a cancel keeps the rows
 * that finished. Waits on the app's named events only.
 */
import { expect, test } from './harness.js';
import { chooseModels, chooseTarget, loadSample } from './flows.js';

test('the tree’s row appears while the forest still trains; Cancel keeps it', async ({ sapling, page }) => {
  // Three trainings on a shared 2-core machine: a guard against a hang, not a speed requirement.
  test.setTimeout(300_000);
  await sapling.open();
  await loadSample(sapling, page, 'credit_data');
  await chooseTarget(sapling, page, 'Status');
  await page.getByTestId('to-models').click();
  // The tree finishes in seconds; the forest of 3,000 trees would take minutes, so the run is mid-fit when cancelled.
  await chooseModels(page, ['tree', 'forest'], { forest: { trees: '3000' } });
  const started = await sapling.expectAppEvent<{ operationId: string }>('sapling:compare-started', () =>
    page.getByTestId('train').click(),
  );
  const scored = await sapling.waitForAppEvent<{ operationId: string; modelId: string; models: string[]; of: number }>(
    'sapling:model-scored',
    { timeout: 110_000 },
  );
  expect(scored).toMatchObject({ operationId: started.operationId, modelId: 'tree', models: ['tree'], of: 2 });

  // A partial leaderboard while training goes on.
  const partial = page.getByTestId('partial-results');
  await expect(partial).toHaveAttribute('data-state', 'running');
  await expect(partial.getByRole('heading')).toHaveText('So far: 1 of 2 models scored');
  await expect(partial.getByTestId('leaderboard-row')).toHaveCount(1);
  await expect(partial.getByTestId('leaderboard-row')).toContainText('Decision tree');
  expect(await page.evaluate(() => document.body.dataset.state)).toBe('training');
  expect(await sapling.eventCount('sapling:compare-done')).toBe(0);
  // The time left is measured: once the forest's first fold has grown enough trees to tell its pace, a number.
  const progress = page.getByTestId('progress');
  await expect(progress.locator('.progress-eta')).toContainText(/about .+ left/, { timeout: 90_000 });
  const withEta = sapling.progress.filter((p) => p.operationId === started.operationId && p.etaSeconds !== undefined);
  expect(withEta.length).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1024, height: 700 });
  await sapling.screenshot('partial-1024');

  const cancelled = await sapling.expectAppEvent<{ operationId: string }>('sapling:cancelled', () =>
    progress.getByRole('button', { name: 'Cancel' }).click(),
  );
  expect(cancelled.operationId).toBe(started.operationId);
  await sapling.waitForState('idle');
  // What finished stays shown, marked as cut short; nothing else pretends to be a result.
  await expect(partial).toHaveAttribute('data-state', 'cancelled');
  await expect(partial.getByRole('heading')).toHaveText('Cancelled: 1 of 2 models had finished');
  await expect(partial.getByTestId('leaderboard-row')).toHaveCount(1);
  expect(await sapling.eventCount('sapling:compare-done')).toBe(0);
  expect(await sapling.eventCount('sapling:error')).toBe(0);
  await sapling.screenshot('partial-cancelled-1024');

  // A new run starts from an empty partial leaderboard.
  await chooseModels(page, ['tree']);
  await sapling.expectAppEvent('sapling:compare-done', () => page.getByTestId('train').click(), { timeout: 110_000 });
  await expect(page.getByTestId('partial-results')).toHaveCount(0);
});
