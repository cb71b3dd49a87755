/**
 * Issue 15, defect 9 on the Data page: a file Excel saved as Windows-1252 opens with a notice that the encoding was
 * guessed, and the user can open it again with another encoding.
 */
import { join } from 'node:path';
import { ROOT, expect, test } from './harness.js';

const EXCEL = join(ROOT, 'test/fixtures/encoding/excel-windows-1252.csv');

test('a Windows-1252 file: the guess is shown, and the file opens again in the encoding the user picks', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  sapling.queueFile(EXCEL);
  await sapling.expectAppEvent('sapling:dataset-loaded', () => page.getByTestId('open-file').click());
  await sapling.waitForState('idle');

  const notice = page.getByTestId('encoding-notice');
  await expect(notice).toContainText('Read as Windows-1252 — a guess');
  await expect(notice).toContainText('excel-windows-1252.csv is not valid UTF-8');
  await expect(page.getByTestId('preview')).toContainText('l’été');
  await expect(page.getByTestId('preview')).toContainText('5 € off');
  // The guess is said once, in the notice, not again among the notes.
  await expect(page.getByTestId('data-warnings')).toHaveCount(0);

  // UTF-8 is wrong for this file: the error names the line; the file on show stays.
  await page.getByTestId('encoding-select').selectOption('utf-8');
  await page.getByTestId('encoding-reopen').click();
  await expect(page.getByTestId('error-banner')).toContainText('line 2: the file is not valid UTF-8 (byte 0xE9)');
  await expect(page.getByTestId('dataset-title')).toContainText('excel-windows-1252.csv');

  // Latin-1, chosen: read without a guess.
  await page.getByTestId('encoding-select').selectOption('latin1');
  await sapling.expectAppEvent('sapling:dataset-loaded', () => page.getByTestId('encoding-reopen').click());
  await sapling.waitForState('idle');
  await expect(page.getByTestId('encoding-notice')).toHaveCount(0);
  await expect(page.getByTestId('encoding-line')).toContainText('Read as Windows-1252.');
  await expect(page.getByTestId('preview')).toContainText('naïve café');
});
