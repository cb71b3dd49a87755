/**
 * When things go wrong the app says exactly where and stays usable: a bad CSV names its file and line; a
 * cancelled training run returns to idle with a neutral notice, not an error.
 */
import { join } from 'node:path';
import { ROOT, expect, test } from './harness.js';
import { chooseModels, chooseTarget, loadSample } from './flows.js';

const BAD = join(ROOT, 'test/fixtures/bad');

test('a ragged CSV shows its file, line and column in a dismissible banner; then a sample loads fine', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  sapling.queueFile(join(BAD, 'ragged-row.csv'));
  const error = await sapling.expectAppEvent<{
    code: string;
    message: string;
    location?: { file?: string; line?: number };
  }>('sapling:error', () => page.getByTestId('open-file').click());
  expect(error.code).toBe('RAGGED_ROW');
  expect(error.location).toMatchObject({ file: 'ragged-row.csv', line: 7 });
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText('Could not load ragged-row.csv');
  await expect(banner.getByTestId('error-location')).toContainText('ragged-row.csv');
  await expect(banner.getByTestId('error-location')).toContainText('line 7');
  await sapling.waitForState('idle');
  await sapling.screenshot('error-banner');

  await banner.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(banner).toHaveCount(0);
  // Still usable: the Models step stays closed, and a sample loads.
  await expect(page.getByTestId('nav-models')).toHaveAttribute('aria-disabled', 'true');
  await loadSample(sapling, page, 'iris');
  await expect(page.getByTestId('dataset-title')).toContainText('iris.csv');
  await expect(page.getByTestId('nav-models')).not.toHaveAttribute('aria-disabled', 'true');
});

test('other broken files name their problem too (unclosed quote, empty file by drop), and a cancelled dialog does nothing', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  sapling.queueFile(null);
  await page.getByTestId('open-file').click();
  await sapling.waitForState('idle');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);

  sapling.queueFile(join(BAD, 'unclosed-quote.csv'));
  const unclosed = await sapling.expectAppEvent<{ code: string; location?: { file?: string; line?: number } }>(
    'sapling:error',
    () => page.getByTestId('open-file').click(),
  );
  expect(unclosed.code).toBe('UNCLOSED_QUOTE');
  await expect(page.getByTestId('error-location')).toContainText(`line ${unclosed.location?.line}`);

  // A drop goes through grantDroppedFile → loadDataset like the dialog.
  const empty = await sapling.expectAppEvent<{ code: string }>('sapling:error', () =>
    sapling.dropFile('main', join(BAD, 'empty.csv')),
  );
  expect(empty.code).toBe('EMPTY_FILE');
  await expect(page.getByTestId('error-banner')).toContainText('empty.csv');
});

test('Cancel during training returns to idle with a neutral notice; training again still works', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  await loadSample(sapling, page, 'credit_data');
  await chooseTarget(sapling, page, 'Status');
  await page.getByTestId('to-models').click();
  // Enough work that the run is still going when Cancel is pressed.
  await chooseModels(page, ['forest'], { forest: { trees: '5000' } });
  const started = await sapling.expectAppEvent<{ operationId: string }>('sapling:compare-started', () =>
    page.getByTestId('train').click(),
  );
  await sapling.waitForState('training');
  const progress = page.getByTestId('progress');
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect.poll(() => sapling.progress.some((p) => p.operationId === started.operationId)).toBe(true);
  await expect(progress.locator('.progress-message')).not.toHaveText('Starting…');
  await sapling.screenshot('training');

  const cancelled = await sapling.expectAppEvent<{ operationId: string }>('sapling:cancelled', () =>
    progress.getByRole('button', { name: 'Cancel' }).click(),
  );
  expect(cancelled.operationId).toBe(started.operationId);
  await sapling.waitForState('idle');
  await expect(page.getByTestId('notice')).toContainText('cancelled');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(progress).toHaveCount(0);
  expect(await sapling.eventCount('sapling:error')).toBe(0);
  expect(await sapling.eventCount('sapling:compare-done')).toBe(0);
  await expect(page.getByTestId('nav-compare')).toHaveAttribute('aria-disabled', 'true');
  await sapling.screenshot('cancelled');

  // Still usable: a small run finishes.
  await chooseModels(page, ['tree']);
  await sapling.expectAppEvent('sapling:compare-done', () => page.getByTestId('train').click(), { timeout: 110_000 });
  await expect(page.getByTestId('leaderboard-row')).toHaveCount(1);
});
