/**
 * Issue #13, the Models page that leads: "Train & compare" visible without scrolling (a sticky bar), the LLM
 * form folded away and silent until opened, plain-language parameter names with the technical name on hover,
 * Quick / Standard / Thorough presets that say what they change, the ml-cart models explained; and from the
 * recommendation, "Add an LLM" in one click — the form opens prefilled with the cost estimate before any request.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './harness.js';
import { chooseModels, chooseTarget, loadSample, train } from './flows.js';
import { viewportShot } from './viewport.js';

async function expectInViewport(page: Page, testId: string): Promise<void> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box.y, `${testId} top`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${testId} bottom`).toBeLessThanOrEqual(height + 1);
  expect(box.x + box.width, `${testId} right`).toBeLessThanOrEqual(width + 1);
}

test('Models page: the run action stays in view, the LLM form is folded and silent, plain labels, presets, ml-cart explained', async ({
  sapling,
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await sapling.open();
  await loadSample(sapling, page, 'credit_data');
  await chooseTarget(sapling, page, 'Status');
  await page.getByTestId('to-models').click();

  // The primary action is on screen at the top of the page and after scrolling to the bottom.
  await expectInViewport(page, 'train');
  await viewportShot(page, 'models-1024x700');
  await page.getByTestId('reference-models').scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 5000);
  await expectInViewport(page, 'train');

  // The LLM form: one line and a button, no complaint about a model name nobody was asked for.
  const llm = page.getByTestId('llm-panel');
  await expect(llm.getByTestId('llm-open')).toBeVisible();
  await expect(page.getByText('Enter the model name.')).toHaveCount(0);
  await expect(llm.getByLabel('Model')).toHaveCount(0);

  // Plain words, the technical name on hover (and for screen readers).
  const depth = page.getByTestId('model-tree').locator('label[data-param="maxDepth"]');
  await expect(depth).toContainText('Most questions on one path');
  await expect(depth).toHaveAttribute('title', /maxDepth \(--param tree\.maxDepth=…\)/);

  // Presets say what they change before a click, and a click changes exactly that.
  await expect(page.getByTestId('preset-standard')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('preset-changes-thorough')).toHaveText('Changes folds 5 → 10, repeats 1 → 3');
  // The schema's own description of each setting is on hover.
  await expect(page.getByTestId('preset-thorough')).toHaveAttribute(
    'title',
    /folds \(k for k-fold cross-validation\): 10; repeats \(repeated k-fold: redraw the folds/,
  );
  await page.getByTestId('preset-thorough').click();
  await expect(page.getByLabel('Folds', { exact: true })).toHaveValue('10');
  await expect(page.getByLabel('Repeat the folds')).toHaveValue('3');
  await expect(page.getByTestId('cli-equivalent')).toContainText(/--folds 10 .*--repeats 3/);
  await expect(page.getByTestId('run-summary-line')).toContainText('10-fold × 3 repeats');
  await page.getByTestId('preset-quick').click();
  await expect(page.getByLabel('Folds', { exact: true })).toHaveValue('3');
  await expect(page.getByTestId('preset-quick')).toHaveAttribute('aria-pressed', 'true');

  // The ml-cart models sit apart, each saying what it is next to the engine's.
  const reference = page.getByTestId('reference-models');
  await expect(reference.locator(':scope > summary')).toContainText('Reference implementations');
  await reference.locator(':scope > summary').click();
  await expect(page.getByTestId('model-mljs-tree')).toContainText("cross-check Sapling's own tree engine");

  for (const [width, height] of [
    [1280, 820],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectInViewport(page, 'train');
    await viewportShot(page, `models-${width}x${height}`);
  }
});

test('Add an LLM in one click: from the recommendation to the prefilled LLM form with its cost estimate', async ({
  sapling,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 820 });
  await sapling.open();
  await loadSample(sapling, page, 'iris');
  await chooseTarget(sapling, page, 'target');
  await page.getByTestId('to-models').click();
  await chooseModels(page, ['tree', 'linear']);
  await page.getByTestId('preset-quick').click();
  await train(sapling, page);

  for (const [width, height] of [
    [1024, 700],
    [1280, 820],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await viewportShot(page, `compare-iris-${width}x${height}`);
  }
  await page.setViewportSize({ width: 1280, height: 820 });
  await expect(page.getByTestId('no-llm')).toContainText('This run had none');
  await page.getByTestId('add-llm').click();

  await expect(page.getByTestId('screen-models')).toBeVisible();
  const llm = page.getByTestId('llm-panel');
  await expect(llm.getByLabel('Model')).toHaveValue('gpt-4o-mini');
  await expect(llm.getByLabel('Price per 1M input tokens')).toHaveValue('0.15');
  await expect(llm.getByLabel('Model')).toBeFocused();
  // The cost is shown before anything is saved or sent.
  await expect(llm.getByTestId('llm-draft-estimate')).toContainText(/before any request is sent: \d+ requests/);
  await expect(llm.getByTestId('llm-draft-estimate')).toContainText(/cost \$?\d/);
  await expect(llm.getByTestId('llm-problem')).toHaveCount(0);
  await viewportShot(page, 'models-add-llm-1280x820');
});
