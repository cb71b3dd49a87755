/**
 * Explanations end to end on credit_data: the Compare screen's verdicts, agreement view and calibration chart;
 * the Inspect screen's per-decision card; a what-if edit that changes every model's prediction.
 */
import { PATH_COLORS, SIGN_COLORS } from '../../app/util/palette.js';
import { rgb, styleOf } from './colors.js';
import { expectRoundedNumbers } from './rounding.js';
import { expect, test } from './harness.js';
import { chooseModels, chooseTarget, loadSample, train } from './flows.js';

const MODELS = ['tree', 'forest', 'linear'];

test('credit_data: verdicts, agreement, calibration and subgroups on Compare; a per-decision card whose what-if edit changes every model', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  await loadSample(sapling, page, 'credit_data');
  await chooseTarget(sapling, page, 'Status');
  await page.getByTestId('to-models').click();
  await chooseModels(page, MODELS, { forest: { trees: '10' } });
  await page.getByLabel('Subgroup columns').fill('Marital,Home');
  await page.getByLabel('Recalibrate probabilities').selectOption('isotonic');
  await expect(page.getByTestId('cli-equivalent')).toContainText('--calibrate isotonic --subgroups Marital,Home');
  const { runId } = await train(sapling, page);

  // Compare: one verdict per pair of models, the agreement tables and the reliability diagram.
  await expect(page.getByTestId('verdict')).toHaveCount(3);
  await expect(page.getByTestId('verdict').first()).toContainText(/probability \d\.\d\d/);
  await expect(page.getByTestId('shap-row')).toHaveCount(3);
  // How many held-out rows each model's SHAP covers (a sample: not every row), out of a fold's 891.
  await expect(page.getByTestId('shap-rows').first()).toHaveText(/^\d[\d,]* per fold$/);
  await expect(page.getByTestId('shap-rows').first()).toHaveAttribute('title', /of about 891 held-out rows per fold$/);
  // One heatmap row per model; the method pairs each model has (the linear model: no impurity) are shaded cells.
  await expect(page.locator('[data-testid="agreement-methods"] tbody tr')).toHaveCount(3);
  await expect(page.locator('[data-testid="agreement-methods"] td:not(:has-text("—"))')).toHaveCount(3 + 3 + 1);
  await expect(page.locator('[data-testid="calibration-table"] tbody tr')).toHaveCount(3);
  // One line per model, a point per non-empty bin, each point's tooltip naming its model and row count.
  await expect(page.locator('[data-testid="calibration"] .calibration-line')).toHaveCount(3);
  await expect(page.locator('[data-testid="calibration"] .calibration-mark title').first()).toHaveText(
    /: predicted 0\.\d+, happened [01](\.\d+)? \([\d,]+ rows\)$/,
  );
  await expect(page.getByTestId('calibration-table')).toContainText('ECE (isotonic)');
  await expect(page.getByTestId('subgroup-table')).toHaveCount(2);
  await expect(page.locator('[data-testid="subgroup-table"][data-column="Marital"]')).toContainText('married');
  await page.getByTestId('verdicts').scrollIntoViewIfNeeded();
  await sapling.screenshot('compare-explanations');
  await expectRoundedNumbers(page, 'Compare');

  // Inspect row 15 of the file (an applicant every model refuses out of fold): the card shows every model with signed reasons.
  await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-inspect').click());
  await page.getByLabel('Row number').fill('15');
  const first = await sapling.expectAppEvent<{
    runId: string;
    row: number;
    edited: string[];
    predictions: Record<string, string>;
    scores: Record<string, number>;
  }>('sapling:row-explained', () => page.getByTestId('inspect-go').click());
  expect(first).toMatchObject({ runId, row: 14, edited: [] });
  const card = page.getByTestId('decision-card');
  await expect(card.getByTestId('decision-model')).toHaveCount(3);
  for (const id of MODELS)
    await expect(
      card.locator(`[data-testid="decision-model"][data-model-id="${id}"] [data-testid="reason"]`),
    ).not.toHaveCount(0);
  await expect(card.getByTestId('decision-path')).toContainText('→');
  // Signs and the path in their own palette colours (app/util/palette.ts), never a model's.
  const reason = card.getByTestId('reason').first();
  const sign = (await reason.getAttribute('class')) === 'plus' ? SIGN_COLORS.positive : SIGN_COLORS.negative;
  expect(await styleOf(reason.locator('.reason-bar span'), 'background-color')).toBe(rgb(sign));
  expect(await styleOf(card.locator('.path-text'), 'background-color')).toBe(rgb(PATH_COLORS.fill));
  await expect(card.getByTestId('counterfactual')).toHaveCount(2);
  await sapling.screenshot('decision-card');
  await expectRoundedNumbers(page, 'the decision card');

  // What-if: a long-standing, high-income homeowner with no records asking for little money.
  const edits: Record<string, string> = {
    Seniority: '20',
    Income: '300',
    Records: 'no',
    Job: 'fixed',
    Amount: '300',
    Assets: '10000',
  };
  for (const [feature, value] of Object.entries(edits)) {
    const input = card.locator(`[data-testid="whatif-input"][data-feature="${feature}"]`);
    if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  const after = await sapling.expectAppEvent<{
    row: number;
    edited: string[];
    predictions: Record<string, string>;
    scores: Record<string, number>;
  }>('sapling:row-explained', () => card.getByTestId('whatif-apply').click());
  expect(after.row).toBe(14);
  expect(after.edited.sort()).toEqual(Object.keys(edits).sort());
  // Every model's prediction changed: each now grants the loan, where each refused it before.
  for (const id of MODELS) {
    expect(first.predictions[id], `${id} before`).toBe('bad');
    expect(after.predictions[id], `${id} after`).toBe('good');
    await expect(card.locator(`[data-testid="decision-model"][data-model-id="${id}"]`)).toHaveAttribute(
      'data-prediction',
      'good',
    );
  }
  await expect(card.getByTestId('whatif-banner')).toContainText('Income = 300');
  await sapling.screenshot('what-if');

  // Back to the file's values: the original decisions return.
  const reset = await sapling.expectAppEvent<{ edited: string[]; predictions: Record<string, string> }>(
    'sapling:row-explained',
    () => card.getByTestId('whatif-reset').click(),
  );
  expect(reset.edited).toEqual([]);
  expect(reset.predictions).toEqual(first.predictions);
  expect(await sapling.eventCount('sapling:error')).toBe(0);
});
