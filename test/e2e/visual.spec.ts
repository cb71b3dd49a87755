/**
 * One visual language (#13 item 7), on a regression file whose values the CSV writes with 17 digits (diabetes):
 * every number a user reads on Compare and Inspect — text, tooltips, what-if inputs — is rounded (~4 significant
 * digits), and the screens are captured at 1024×700, 1280×820 and 1600×1000 for a person to look at.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness.js';
import { chooseModels, chooseTarget, loadSample, train } from './flows.js';
import { expectRoundedNumbers } from './rounding.js';
import { viewportShot } from './viewport.js';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 820 },
  { width: 1600, height: 1000 },
] as const;

async function shots(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await viewportShot(page, `visual-${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(SIZES[0]);
}

test('diabetes (regression): numbers rounded on Compare and Inspect, what-if inputs included; screens at three sizes', async ({
  sapling,
  page,
}) => {
  await page.setViewportSize(SIZES[0]);
  await sapling.open();
  await loadSample(sapling, page, 'diabetes');
  await chooseTarget(sapling, page, 'target');
  await shots(page, 'data');
  await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('to-models').click());
  await chooseModels(page, ['tree', 'boost', 'linear'], { boost: { rounds: '20' } });
  await shots(page, 'models');
  await train(sapling, page);

  await expect(page.getByTestId('recommendation')).toBeVisible();
  // An RMSE in the target's units reads e.g. "57.31 ± 3.2", never "57.3145 ± 3.2011"; curves finish loading first.
  await expect(page.locator('[data-testid="curves"] .multiple')).toHaveCount(3);
  await expectRoundedNumbers(page, 'Compare');
  await shots(page, 'compare');

  await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-inspect').click());
  await page.getByLabel('Row number').fill('1');
  await sapling.expectAppEvent('sapling:row-explained', () => page.getByTestId('inspect-go').click());
  const age = page.locator('[data-testid="whatif-input"][data-feature="age"]');
  // The file writes 0.038075906433423026; the input shows it rounded, and asking without edits changes nothing.
  await expect(age).toHaveValue('0.03808');
  await expect(page.getByTestId('whatif-apply')).toBeDisabled();
  await expectRoundedNumbers(page, 'Inspect');
  await shots(page, 'inspect');
  // Editing one value asks every model with it; the others still go as the file wrote them.
  await page.locator('[data-testid="whatif-input"][data-feature="bmi"]').fill('0.1');
  const edited = await sapling.expectAppEvent<{ edited: string[] }>('sapling:row-explained', () =>
    page.getByTestId('whatif-apply').click(),
  );
  expect(edited.edited).toEqual(['bmi']);
  await expectRoundedNumbers(page, 'Inspect after a what-if');
});
