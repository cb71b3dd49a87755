/**
 * The Data step on a large file and the ways around the app: a 100,000-row CSV previews virtualized (only the
 * visible pages are fetched), identifier columns are left out with their reason, menu commands and disabled
 * steps, keyboard reachability.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLES_DIR, expect, test } from './harness.js';
import { chooseTarget } from './flows.js';

test('a 100,000-row file: only the visible pages are fetched, scrolling to the end fetches the last page', async ({
  sapling,
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'sapling-e2e-big-'));
  try {
    const path = join(dir, 'big.csv');
    const lines = ['id,x,y,group,label'];
    for (let i = 0; i < 100_000; i++)
      lines.push(`${i + 1},${(i * 7919) % 1000},${((i * 104729) % 997) / 10},g${i % 7},${i % 3 === 0 ? 'yes' : 'no'}`);
    writeFileSync(path, `${lines.join('\n')}\n`);

    await sapling.open();
    sapling.queueFile(path);
    const loaded = await sapling.expectAppEvent<{ rows: number }>('sapling:dataset-loaded', () =>
      page.getByTestId('open-file').click(),
    );
    expect(loaded.rows).toBe(100_000);
    await sapling.waitForState('idle');
    await expect(page.getByTestId('dataset-title')).toContainText('100,000 rows');

    // The identifier column is left out, with its reason.
    const idRow = page.locator('tr[data-column="id"]');
    await expect(idRow.getByRole('checkbox')).not.toBeChecked();
    await expect(idRow.getByRole('checkbox')).toBeDisabled();
    await expect(idRow).toContainText('identifier');

    const preview = page.getByTestId('preview');
    await expect(preview.locator('[data-row="0"]')).toContainText('1');
    const rowsCalls = () =>
      sapling.calls.filter((c) => c.channel === 'getRows').map((c) => c.payload as { offset: number; limit: number });
    expect(rowsCalls().length).toBeLessThanOrEqual(2);

    await preview.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(preview.locator('[data-row="99999"]')).toContainText('100000');
    const calls = rowsCalls();
    expect(calls.length).toBeLessThanOrEqual(4);
    expect(calls.every((c) => c.limit <= 1000)).toBe(true);
    expect(calls.some((c) => c.offset + c.limit === 100_000)).toBe(true);
    // Only a few dozen rows are in the DOM, not 100,000.
    expect(await preview.locator('[role="row"]').count()).toBeLessThan(100);
    await sapling.screenshot('big-file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('menu commands, disabled steps with their reason, drop to open, keyboard reachability', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  // Before a dataset, Models/Compare/Inspect say what to do first and do not open.
  await expect(page.getByTestId('nav-models')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('nav-models')).toContainText('Load a dataset first');
  await page.getByTestId('nav-compare').click({ force: true }); // aria-disabled: focusable, but does nothing
  await sapling.menu('show-inspect');
  await expect(page.getByTestId('screen-data')).toBeVisible();

  // File › Open… goes through the same dialog.
  sapling.queueFile(join(SAMPLES_DIR, 'penguins.csv'));
  const viaMenu = await sapling.expectAppEvent<{ fileName: string }>('sapling:dataset-loaded', () =>
    sapling.menu('open-file'),
  );
  expect(viaMenu.fileName).toBe('penguins.csv');
  await sapling.waitForState('idle');
  // A user file gets a guessed target (not the sample's usual one): choose it, and the class balance follows.
  await expect(page.getByLabel('Target column')).not.toHaveValue('');
  await chooseTarget(sapling, page, 'species');
  await expect(page.getByTestId('class-balance')).toContainText('Adelie');

  // Dropping a CSV on the window loads it.
  const dropped = await sapling.expectAppEvent<{ fileName: string }>('sapling:dataset-loaded', () =>
    sapling.dropFile('main', join(SAMPLES_DIR, 'mtcars.csv')),
  );
  expect(dropped.fileName).toBe('mtcars.csv');
  await sapling.waitForState('idle');
  await chooseTarget(sapling, page, 'mpg');
  await expect(page.getByTestId('target-task')).toHaveText('Regression (a number)');

  const view = await sapling.expectAppEvent<{ view: string }>('sapling:view-changed', () =>
    sapling.menu('show-models'),
  );
  expect(view.view).toBe('models');
  await expect(page.getByTestId('screen-models')).toBeVisible();

  // Keyboard: Tab reaches the steps and the Train button; focus is visible (an outline).
  await page.getByTestId('nav-data').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-models')).toBeFocused();
  const outline = await page.getByTestId('nav-models').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.getByTestId('train').focus();
  await expect(page.getByTestId('train')).toBeFocused();
  await sapling.screenshot('models-regression');

  // Recent files list the file opened by path.
  await page.getByTestId('nav-data').click();
  await page.getByText('Load a different dataset').click();
  await expect(page.getByRole('button', { name: 'Open recent file penguins.csv' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open recent file mtcars.csv' })).toBeVisible();
});
