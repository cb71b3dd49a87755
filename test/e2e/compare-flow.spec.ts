/**
 * The heart of the app, end to end: a sample CSV → target → tree, forest and linear trained on the same folds →
 * a leaderboard whose numbers are the CLI's for the same seed and parameters → the charts → Inspect one row.
 */
import { readFileSync } from 'node:fs';
import { CLASS_COLORS, PATH_COLORS } from '../../app/util/palette.js';
import { rgb, styleOf } from './colors.js';
import { expect, test } from './harness.js';
import { chooseModels, chooseTarget, cliCompare, cliFormat, loadSample, train } from './flows.js';

const MODELS = ['tree', 'forest', 'linear'];

test('iris: leaderboard matches the CLI, the charts render, Inspect shows every model and the tree path', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  await sapling.screenshot('01-start');

  const loaded = await loadSample(sapling, page, 'iris');
  expect(loaded).toMatchObject({ fileName: 'iris.csv', rows: 150 });
  await expect(page.getByTestId('dataset-title')).toContainText('150 rows');
  await chooseTarget(sapling, page, 'target');
  await expect(page.getByTestId('class-balance')).toContainText('setosa');
  // Classes in the class palette (a neutral family), in the target's class order — no model colour.
  const fills = page.getByTestId('class-balance').locator('.balance-fill');
  for (const [k, label] of ['setosa', 'versicolor', 'virginica'].entries())
    expect(await styleOf(fills.nth(k), 'background-color'), label).toBe(rgb(CLASS_COLORS[k]));
  await expect(page.getByTestId('preview').getByRole('row')).not.toHaveCount(0);
  await sapling.screenshot('02-data');

  await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('to-models').click());
  await chooseModels(page, MODELS, { forest: { trees: '10' } });
  await expect(page.getByTestId('cli-equivalent')).toHaveText(
    'npx sapling compare iris.csv --target target --models tree,forest,linear --folds 5 --seed 42 --param forest.trees=10',
  );
  await sapling.screenshot('03-models');

  const { runId, models } = await train(sapling, page);
  expect(models).toEqual(MODELS);

  // The leaderboard: three rows, each accuracy exactly as the CLI prints it for the same settings.
  const cli = cliCompare([
    'examples/iris.csv',
    '--target',
    'target',
    '--models',
    MODELS.join(','),
    '--param',
    'forest.trees=10',
    '--seed',
    '42',
  ]);
  const rows = page.getByTestId('leaderboard-row');
  await expect(rows).toHaveCount(3);
  for (const m of cli.models) {
    const row = page.locator(`[data-testid="leaderboard-row"][data-model-id="${m.id}"]`);
    await expect(row.locator('[data-metric="accuracy"]')).toHaveText(cliFormat(m.metrics.accuracy, 'accuracy'));
    await expect(row.locator('[data-metric="rocAuc"] .mean-ci')).toHaveAttribute(
      'title',
      cliFormat(m.metrics.rocAuc, 'rocAuc'),
    );
  }
  // Ranked as the CLI ranks: best accuracy first, ties in the result's order.
  const expectedOrder = [...cli.models]
    .sort((a, b) => b.metrics.accuracy.mean - a.metrics.accuracy.mean)
    .map((m) => m.id);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-model-id')))).toEqual(expectedOrder);

  // Charts: scatter points and the Pareto front, importance bars, confusion cells, ROC paths (after the curves arrive).
  await sapling.waitForAppEvent('sapling:curves-shown', { after: MODELS.length - 1 });
  await expect(page.locator('[data-testid="curves"] path.roc-curve')).toHaveCount(3 * 3);
  const tradeoff = page.getByTestId('tradeoff-chart');
  await expect(tradeoff.locator('circle.tradeoff-point')).toHaveCount(3);
  const front = ((await tradeoff.getAttribute('data-front')) ?? '').split(',').filter(Boolean);
  expect(front.length).toBeGreaterThan(0);
  await expect(tradeoff.locator('.pareto-ring')).toHaveCount(front.length);
  if (front.length > 1) await expect(tradeoff.locator('path.pareto-line')).toHaveCount(1);
  await expect(page.locator('[data-testid="importance-chart"] rect.importance-bar')).toHaveCount(3 * 4);
  await expect(page.locator('[data-testid="confusion-matrices"] rect.confusion-cell')).toHaveCount(3 * 9);
  const diagonal = await page
    .locator('[data-testid="confusion-matrices"] [data-model-id="tree"] rect.confusion-cell.diagonal')
    .evaluateAll((els) => els.reduce((sum, e) => sum + Number(e.getAttribute('data-count')), 0));
  const treeCli = cli.models.find((m) => m.id === 'tree');
  expect(diagonal / 150).toBeCloseTo(treeCli?.metrics.accuracy.mean ?? NaN, 10);
  await sapling.screenshot('04-compare');

  // The metric switcher re-sorts: log loss, lower is better.
  await page.getByLabel('Rank by').selectOption('logLoss');
  const byLogLoss = [...cli.models].sort((a, b) => a.metrics.logLoss.mean - b.metrics.logLoss.mean).map((m) => m.id);
  await expect(rows.first()).toHaveAttribute('data-model-id', byLogLoss[0]);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-model-id')))).toEqual(byLogLoss);

  // Impurity importance: the trees have it, the linear model does not (and says so).
  await page.getByTestId('importance-impurity').check();
  await expect(page.locator('[data-testid="importance-chart"] [data-model-id="linear"]')).toContainText(
    'no impurity importance',
  );
  await expect(
    page.locator('[data-testid="importance-chart"] [data-model-id="tree"] rect.importance-bar'),
  ).not.toHaveCount(0);

  // Export: a download holding the same JSON document as the CLI's --json (apart from timings).
  const download = await sapling.expectDownload(() => page.getByTestId('export-result').click());
  expect(download.fileName).toBe('iris-compare.json');
  const exported = await sapling.waitForAppEvent<{ path: string }>('sapling:result-exported');
  expect(exported.path).toBe('iris-compare.json');
  const withoutTimings = (text: string): unknown =>
    JSON.parse(text, (key, v: unknown) => (key === 'timing' ? undefined : v));
  expect(withoutTimings(readFileSync(download.path, 'utf8'))).toEqual(withoutTimings(JSON.stringify(cli)));
  await expect(page.getByTestId('notice')).toContainText('iris-compare.json');

  // Inspect row 101 (0-based 100): every model's prediction, the actual value, and the tree path highlighted.
  await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-inspect').click());
  // The "Saved …" notice was about the Compare screen: it does not follow the user to Inspect.
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await page.getByLabel('Row number').fill('101');
  const inspected = await sapling.expectAppEvent<{ runId: string; row: number; treePath: number[] }>(
    'sapling:row-inspected',
    () => page.getByTestId('inspect-go').click(),
  );
  expect(inspected).toMatchObject({ runId, row: 100 });
  const predictions = page.getByTestId('prediction-row');
  await expect(predictions).toHaveCount(3);
  for (const row of await predictions.all())
    await expect(row.getByTestId('prediction-value')).toHaveText(/setosa|versicolor|virginica/);
  await expect(page.getByTestId('predictions')).toContainText('actual virginica');
  const tree = page.getByTestId('tree-view');
  await expect(tree.locator('g.tree-node.on-path')).toHaveCount(inspected.treePath.length);
  await expect(tree.locator('g.tree-edge.on-path')).toHaveCount(inspected.treePath.length - 1);
  await expect(tree.locator('g.tree-node.on-path.leaf')).toHaveCount(1);
  // The path is drawn in the palette's path colours, not in a model's colour.
  expect(await styleOf(tree.locator('g.tree-edge.on-path path'), 'stroke')).toBe(rgb(PATH_COLORS.ink));
  expect(await styleOf(tree.locator('g.tree-node.on-path rect'), 'fill')).toBe(rgb(PATH_COLORS.fill));
  await sapling.screenshot('05-inspect');

  // Picking a row in the Data preview inspects it too.
  await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-data').click());
  const again = await sapling.expectAppEvent<{ row: number }>('sapling:row-inspected', () =>
    page.getByRole('button', { name: 'Inspect row 3', exact: true }).click(),
  );
  expect(again.row).toBe(2);
  await expect(page.getByTestId('screen-inspect')).toBeVisible();
  expect(await sapling.eventCount('sapling:error')).toBe(0);
});

test('credit_data: a mixed-type file with missing values, target Status, numbers match the CLI', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  await loadSample(sapling, page, 'credit_data');
  await chooseTarget(sapling, page, 'Status');
  await expect(page.getByTestId('target-task')).toHaveText('Classification, 2 classes');
  await sapling.screenshot('data');
  await page.getByTestId('to-models').click();
  await chooseModels(page, MODELS, { forest: { trees: '10' } });
  await train(sapling, page);

  const cli = cliCompare([
    'examples/credit_data.csv',
    '--target',
    'Status',
    '--models',
    MODELS.join(','),
    '--param',
    'forest.trees=10',
    '--seed',
    '42',
  ]);
  await expect(page.getByTestId('leaderboard-row')).toHaveCount(3);
  for (const m of cli.models) {
    const row = page.locator(`[data-testid="leaderboard-row"][data-model-id="${m.id}"]`);
    await expect(row.locator('[data-metric="accuracy"]')).toHaveText(cliFormat(m.metrics.accuracy, 'accuracy'));
  }
  await expect(page.getByTestId('run-summary')).toContainText('credit_data.csv');
  // Two classes: one ROC curve (the positive class) per model; 2 × 2 confusion cells per model.
  await expect(page.locator('[data-testid="curves"] path.roc-curve')).toHaveCount(3);
  await expect(page.locator('[data-testid="confusion-matrices"] rect.confusion-cell')).toHaveCount(3 * 4);
  await sapling.screenshot('compare');
});
