/**
 * Scoring on another file in the desktop (--test-file): choose it on the Models step (the open dialog, a grant like a
 * dataset), train, and read each model's score there next to its cross-validated one, with the shift check — the
 * numbers the CLI prints for the same files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, expect, test } from './harness.js';
import { chooseModels, chooseTarget, cliCompare, loadSample, train } from './flows.js';

test('iris: every model scored on a second file, as the CLI scores it, and the command line says so', async ({
  sapling,
  page,
}) => {
  // The "new" file: iris rows with larger petals only — a file the shift check should find different.
  const dir = mkdtempSync(join(tmpdir(), 'sapling-e2e-test-file-'));
  const [header, ...rows] = readFileSync(join(ROOT, 'examples/iris.csv'), 'utf8').trimEnd().split('\n');
  const other = join(dir, 'iris-large.csv');
  writeFileSync(other, [header, ...rows.filter((r) => Number(r.split(',')[2]) > 4)].join('\n') + '\n');

  await sapling.open();
  await loadSample(sapling, page, 'iris');
  await chooseTarget(sapling, page, 'target');
  await page.getByTestId('to-models').click();
  await chooseModels(page, ['tree', 'linear']);

  sapling.queueFile(other);
  await page.getByTestId('test-file-choose').click();
  await expect(page.getByTestId('test-file-name')).toContainText('iris-large.csv');
  await expect(page.getByTestId('cli-equivalent')).toContainText('--test-file iris-large.csv');
  await sapling.screenshot('test-file-models');

  await train(sapling, page);
  const panel = page.getByTestId('external-results');
  await expect(panel).toContainText('On new data: iris-large.csv');
  const cli = cliCompare([
    'examples/iris.csv',
    '--target',
    'target',
    '--models',
    'tree,linear',
    '--seed',
    '42',
    '--test-file',
    other,
  ]);
  const external = cli.external!;
  for (const m of external.models) {
    const row = page.locator(`[data-testid="external-row"][data-model-id="${m.id}"]`);
    await expect(row).toContainText(m.metrics[external.metric].toFixed(3));
    await expect(row).toContainText(m.drop.toFixed(3));
  }
  await expect(page.getByTestId('external-shift')).toHaveAttribute('data-verdict', external.shift.verdict);
  await sapling.screenshot('test-file-compare');

  // Removing it: the next command line has no --test-file.
  await page.getByTestId('nav-models').click();
  await page.getByTestId('test-file-clear').click();
  await expect(page.getByTestId('cli-equivalent')).not.toContainText('--test-file');
});
