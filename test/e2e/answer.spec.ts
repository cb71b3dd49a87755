/**
 * Issue #13, end to end: the answer first (a recommendation banner naming a model with its reasons), the right
 * metric and a baseline row on an imbalanced file, checks before training (a near-constant target is not
 * proposed, a single-class one cannot be trained, a race-named column gets a notice and subgroup results without
 * opening any settings), and a layout that holds at 1024×700 and 1600×1000.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, expect, test } from './harness.js';
import { viewportShot } from './viewport.js';
import { chooseModels, chooseTarget, loadSample, train } from './flows.js';

const FIXTURES = join(ROOT, 'test/fixtures/datasets');

/**
 * Every header cell of the leaderboard lies inside what is visible: the viewport and the table's own scroll box
 * (a column scrolled out of view inside the card counts as hidden too).
 */
async function expectLeaderboardColumnsVisible(page: Page): Promise<void> {
  const viewport = page.viewportSize()!.width;
  const scroller = (await page.getByTestId('leaderboard').locator('xpath=..').boundingBox())!;
  const right = Math.min(viewport, scroller.x + scroller.width);
  const cells = page.getByTestId('leaderboard').locator('thead th');
  const count = await cells.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) {
    const box = (await cells.nth(i).boundingBox())!;
    const name = (await cells.nth(i).innerText()).replace(/\s+/g, ' ');
    expect(box.x, `column ${name} starts left of the table`).toBeGreaterThanOrEqual(scroller.x - 1);
    expect(box.x + box.width, `column ${name} ends past ${right}px`).toBeLessThanOrEqual(right + 1);
  }
}

test('credit_data: a recommendation banner names a model with its reasons; the leaderboard fits 1024×700 and 1600×1000', async ({
  sapling,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await sapling.open();
  await loadSample(sapling, page, 'credit_data');
  // The sample's target is proposed with its reason and waits for a click.
  await expect(page.getByTestId('target-proposal')).toContainText('Status');
  await expect(page.getByTestId('to-models')).toBeDisabled();
  await viewportShot(page, 'credit-data-1024');
  // The Columns table is not cut off at 1024 px: every header cell, Distribution and Notes included, is in its box.
  const scroller = (await page.locator('.columns-scroll').boundingBox())!;
  for (const th of await page.locator('.columns-table thead th').all()) {
    const box = (await th.boundingBox())!;
    expect(box.x + box.width, await th.innerText()).toBeLessThanOrEqual(scroller.x + scroller.width + 1);
  }
  await chooseTarget(sapling, page, 'Status');
  await expect(page.getByTestId('to-models')).toBeEnabled();
  await page.getByTestId('to-models').click();
  await chooseModels(page, ['tree', 'forest', 'linear'], { forest: { trees: '10' } });
  await viewportShot(page, 'credit-models-1024');
  await train(sapling, page);

  const banner = page.getByTestId('recommendation');
  await expect(banner).toBeVisible();
  await expect(banner.getByTestId('recommended-model')).toHaveText(/Decision tree|Random forest|Linear/);
  await expect(banner.getByTestId('recommendation-reasons').locator('li')).not.toHaveCount(0);
  await expect(banner).toContainText(/accuracy \d\.\d+/);
  await expect(banner).toContainText(/majority-class baseline/);
  // The answer and the leaderboard are above the fold; every leaderboard column is on screen.
  await expect(page.getByTestId('baseline-row').filter({ hasText: 'Majority-class baseline' })).toHaveCount(1);
  // Above the fold at 1024×700: the whole banner and the whole leaderboard, baseline row included.
  const board = (await page.getByTestId('leaderboard').boundingBox())!;
  const answer = (await banner.boundingBox())!;
  expect(answer.y + answer.height, 'the banner ends above the fold').toBeLessThanOrEqual(700);
  expect(board.y + board.height, 'the leaderboard ends above the fold').toBeLessThanOrEqual(700);
  await expectLeaderboardColumnsVisible(page);
  await viewportShot(page, 'compare-1024x700');
  await sapling.screenshot('compare-1024x700-full');

  // How often the models agree on held-out rows: one compact heatmap, 100% on the diagonal.
  const heat = page.getByTestId('agreement-heatmap');
  await expect(heat.getByTestId('agreement-cell')).toHaveCount(9);
  await expect(heat.getByTestId('agreement-cell').first()).toHaveText('100%');
  // The decision threshold: sliding it down catches more of the rarer class ('bad').
  const panel = page.getByTestId('threshold-panel');
  await expect(panel.getByTestId('threshold-value')).toHaveText('0.5');
  const recallAt = async () => Number(await panel.getByTestId('threshold-recall').locator('td').innerText());
  const recallDefault = await recallAt();
  await panel.getByTestId('threshold-slider').fill('3');
  await expect(panel.getByTestId('threshold-value')).toHaveText('0.2');
  expect(await recallAt()).toBeGreaterThanOrEqual(recallDefault);
  await panel.scrollIntoViewIfNeeded();
  await viewportShot(page, 'threshold-1024x700');
  // The exported report shows the threshold chosen on the slider, for the model it was chosen for.
  const chosenModel = await panel.getByTestId('threshold-model').locator('option:checked').innerText();
  const download = await sapling.expectDownload(() => page.getByTestId('export-report-html').click());
  const section = readFileSync(download.path, 'utf8')
    .split('<section id="decision-threshold">')[1]
    .split('</section>')[0];
  expect(section).toContain(`<h3>${chosenModel}: answers 'bad' at the chosen threshold 0.2</h3>`);
  expect(section).toContain('<td>chosen</td><td class="num">0.2</td>');

  await page.setViewportSize({ width: 1600, height: 1000 });
  await expectLeaderboardColumnsVisible(page);
  await viewportShot(page, 'compare-1600x1000');
});

test('an imbalanced file: the near-constant column is not proposed, the race column gets a notice, ranking by balanced accuracy with the baseline row, subgroup results without settings', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  sapling.queueFile(join(FIXTURES, 'lending.csv'));
  await sapling.expectAppEvent('sapling:dataset-loaded', () => page.getByTestId('open-file').click());
  await sapling.waitForState('idle');
  await expect(page.getByLabel('Target column')).toHaveValue('deny');
  await expect(page.getByTestId('target-proposal')).toContainText("named like an outcome ('deny')");
  await expect(page.getByTestId('refused-targets')).toContainText("'hschool' is nearly constant");
  await expect(page.getByTestId('protected-notice')).toContainText('race');
  await sapling.screenshot('lending-data');
  await chooseTarget(sapling, page, 'deny');
  await page.getByTestId('to-models').click();
  await chooseModels(page, ['tree', 'linear']);
  await train(sapling, page);

  await expect(page.getByTestId('metric-select')).toHaveValue('balancedAccuracy');
  await expect(page.getByTestId('primary-metric-reason')).toContainText('balanced accuracy');
  await expect(page.getByTestId('leaderboard-row')).toHaveCount(2);
  await expect(page.getByTestId('baseline-row')).toContainText('0.500');
  await expect(page.getByTestId('recommendation')).toBeVisible();
  await expect(page.locator('[data-testid="subgroup-table"][data-column="race"]')).toBeVisible();
  await sapling.screenshot('lending-compare');
});

test('a near-constant target needs "Train anyway"; a single-class target cannot be trained', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  sapling.queueFile(join(FIXTURES, 'lending.csv'));
  await sapling.expectAppEvent('sapling:dataset-loaded', () => page.getByTestId('open-file').click());
  await sapling.waitForState('idle');
  await chooseTarget(sapling, page, 'hschool');
  await expect(page.getByTestId('target-near-constant')).toContainText('nearly constant');
  await expect(page.getByTestId('to-models')).toBeDisabled();
  await page.getByTestId('confirm-near-constant').check();
  await expect(page.getByTestId('to-models')).toBeEnabled();

  sapling.queueFile(join(FIXTURES, 'single_class.csv'));
  await sapling.expectAppEvent('sapling:dataset-loaded', () =>
    page.getByRole('button', { name: 'Open another file…' }).click(),
  );
  await sapling.waitForState('idle');
  await chooseTarget(sapling, page, 'outcome');
  await expect(page.getByTestId('target-blocked')).toContainText('single class');
  await expect(page.getByTestId('to-models')).toBeDisabled();
  await page.getByTestId('nav-models').click();
  await expect(page.getByTestId('train')).toBeDisabled();
  await sapling.screenshot('single-class');
});
