/**
 * Issue #18 in the app, against the real `sapling ui` server: "Open model…" adds an imported XGBoost model as a
 * pre-trained row of the comparison (scored as it is on every held-out fold, labelled so, the same numbers as
 * `sapling compare --models …,file:`), and "Export the recommended model" downloads it as a Sapling model file, ONNX
 * and SQL — the same bytes `sapling export` writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, expect, test } from './harness.js';
import { chooseModels, chooseTarget, cliCompare, cliFormat, loadSample, train } from './flows.js';

const sapling = (args: readonly string[]): void => {
  execFileSync(process.execPath, [join(ROOT, 'bin/sapling.js'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
};

test('Open model… scores an imported XGBoost model next to a tree; the recommended model downloads as JSON, ONNX and SQL', async ({
  sapling: app,
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'sapling-e2e-models-'));
  try {
    const model = join(dir, 'credit-xgb.json');
    sapling([
      'import',
      'test/fixtures/xgboost/credit-binary.model.json',
      '--schema',
      'examples/credit_data.csv',
      '--target',
      'Status',
      '--out',
      model,
      '--no-log',
    ]);
    await page.setViewportSize({ width: 1024, height: 700 });
    await app.open();
    await loadSample(app, page, 'credit_data');
    await chooseTarget(app, page, 'Status');
    await page.getByTestId('to-models').click();
    await chooseModels(page, ['tree']);

    app.queueFile(model);
    const opened = await app.expectAppEvent<{ id: string; model: string }>('sapling:model-file-opened', () =>
      app.menu('open-model'),
    );
    expect(opened).toMatchObject({ id: 'file:credit-xgb.json', model: 'boost' });
    const listed = page.getByTestId('model-file-credit-xgb.json');
    await expect(listed).toContainText('pre-trained');
    await expect(listed).toContainText('imported from credit-binary.model.json (xgboost-json)');
    await expect(page.getByTestId('cli-equivalent')).toContainText('--models tree,file:credit-xgb.json');
    await app.screenshot('models-1024');

    const done = await train(app, page);
    expect(done.models).toEqual(['tree', 'file:credit-xgb.json']);
    const row = page.locator('[data-testid="leaderboard-row"][data-model-id="file:credit-xgb.json"]');
    await expect(row).toContainText('credit-xgb.json (pre-trained boost)');
    await expect(row.getByTestId('pre-trained-note')).toContainText(
      'pre-trained file, scored as it is (not refitted): may have seen these rows',
    );
    // The same numbers as the command line with the same settings.
    const cli = cliCompare(['examples/credit_data.csv', '--target', 'Status', '--models', `tree,file:${model}`]);
    const cliRow = cli.models.find((m) => m.id === 'file:credit-xgb.json')!;
    await expect(row.locator('td[data-metric="accuracy"]')).toHaveText(cliFormat(cliRow.metrics.accuracy, 'accuracy'));

    const banner = page.getByTestId('recommendation');
    await expect(banner.getByTestId('recommended-model')).toHaveText('credit-xgb.json (pre-trained boost)');
    await expect(banner).toContainText('It is a pre-trained model file (credit-xgb.json)');
    await app.screenshot('compare-1024');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await app.screenshot('compare-1600');

    // Export the recommended model: the pre-trained file itself, byte for byte, and what `sapling export` makes of it.
    const json = await app.expectDownload(() => banner.getByTestId('export-model-json').click());
    expect(json.fileName).toBe('credit-xgb.model.json');
    expect(readFileSync(json.path)).toEqual(readFileSync(model));
    const onnx = await app.expectDownload(() => banner.getByTestId('export-model-onnx').click());
    expect(onnx.fileName).toBe('credit-xgb.onnx');
    sapling(['export', model, '--format', 'onnx', '--out', join(dir, 'cli.onnx')]);
    expect(readFileSync(onnx.path)).toEqual(readFileSync(join(dir, 'cli.onnx')));
    const sql = await app.expectDownload(() => banner.getByTestId('export-model-sql').click());
    expect(sql.fileName).toBe('credit-xgb.sql');
    sapling(['export', model, '--format', 'sql', '--out', join(dir, 'cli.sql')]);
    expect(readFileSync(sql.path, 'utf8')).toBe(readFileSync(join(dir, 'cli.sql'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
