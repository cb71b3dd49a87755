/**
 * Tests of the end-to-end harness itself, on a stand-in page (fixtures/bridge-page) so they do not depend on
 * the renderer: the bridge's shape, calls through the real handlers and worker, progress, the chooseFile
 * queue, drops, menu commands, named app events, screenshots and the CSP.
 */
import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS } from '../../app/ipc/contract.js';
import { SAMPLES_DIR, expect, test } from './harness.js';

test.use({ rendererRoot: fileURLToPath(new URL('./fixtures/bridge-page', import.meta.url)) });

test('window.sapling has the preload’s shape: one function per channel, the subscriptions and grantDroppedFile', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  const keys = await page.evaluate(() => Object.keys(window.sapling).sort());
  expect(keys).toEqual([...CHANNELS, 'grantDroppedFile', 'onMenuCommand', 'onOpenPath', 'onProgress'].sort());
  expect(await page.evaluate(() => Object.isFrozen(window.sapling))).toBe(true);
  await expect(page.locator('#samples li')).toHaveCount(11);
});

test('calls reach the real handlers and compute worker, with progress events in the page', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  const outcome = await page.evaluate(async () => {
    const progress: { operationId: string; fraction: number }[] = [];
    const stop = window.sapling.onProgress((e) => progress.push(e));
    const loaded = await window.sapling.loadDataset({
      operationId: 'load-1',
      source: { kind: 'sample', name: 'iris' },
    });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const run = await window.sapling.runCompare({
      operationId: 'run-1',
      datasetId: loaded.value.datasetId,
      target: 'target',
      models: ['tree', 'linear'],
      folds: 3,
      seed: 42,
    });
    if (!run.ok) throw new Error(run.error.message);
    stop();
    const curves = await window.sapling.getCurves({ runId: run.value.runId, modelId: 'tree' });
    const row = await window.sapling.inspectRow({ runId: run.value.runId, row: 0 });
    const bad = await window.sapling.getRows({ datasetId: loaded.value.datasetId, offset: -1, limit: 1 });
    return { progress, run: run.value, curves, row, bad };
  });
  expect(outcome.run.result.models.map((m) => m.id)).toEqual(['tree', 'linear']);
  expect(
    outcome.progress.filter((p) => p.operationId === 'run-1').at(-1)?.fraction,
    'progress arrives before the result',
  ).toBe(1);
  expect(outcome.progress.some((p) => p.operationId === 'load-1')).toBe(true);
  expect(outcome.curves.ok && outcome.curves.value.roc?.length).toBe(3);
  expect(outcome.row.ok && outcome.row.value.tree?.path[0]).toBe(0);
  expect(outcome.bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  expect(sapling.calls.map((c) => c.channel)).toEqual([
    'listSamples',
    'loadDataset',
    'runCompare',
    'getCurves',
    'inspectRow',
    'getRows',
  ]);
});

test('chooseFile answers from the test’s queue, then null', async ({ sapling, page }) => {
  await sapling.open();
  sapling.queueFile(join(SAMPLES_DIR, 'iris.csv'));
  const answers = await page.evaluate(async () => [
    await window.sapling.chooseFile({}),
    await window.sapling.chooseFile({}),
  ]);
  expect(answers).toEqual([
    { ok: true, value: { path: join(SAMPLES_DIR, 'iris.csv'), fileName: 'iris.csv', token: expect.any(String) } },
    { ok: true, value: null },
  ]);
});

test('a dropped file is granted through grantDroppedFile and loads; the test waits on the app event', async ({
  sapling,
  page,
}, testInfo) => {
  await sapling.open();
  const path = testInfo.outputPath('dropped penguins.csv');
  await copyFile(join(SAMPLES_DIR, 'penguins.csv'), path);
  const detail = await sapling.expectAppEvent<{ fileName: string; rows: number }>('sapling:dataset-loaded', () =>
    sapling.dropFile('#drop', path),
  );
  expect(detail).toMatchObject({ fileName: 'dropped penguins.csv', rows: 344 });
  await expect(page.locator('#status')).toHaveText('dropped penguins.csv: 344 rows');
  expect((await sapling.handlers.listRecent({})).ok && (await sapling.handlers.listRecent({}))).toMatchObject({
    value: [{ path }],
  });
});

test('menu commands and open-path requests reach the page’s listeners', async ({ sapling, page }) => {
  await sapling.open();
  await sapling.expectAppEvent('sapling:view-changed', () => sapling.menu('show-compare'));
  await expect(page.locator('#menu')).toHaveText('show-compare');
  const detail = await sapling.expectAppEvent<{ rows: number }>('sapling:dataset-loaded', () =>
    sapling.openPath(join(SAMPLES_DIR, 'mtcars.csv')),
  );
  expect(detail.rows).toBe(32);
  await sapling.waitForState('idle');
});

test('errors come back as results and can be awaited as app events', async ({ sapling, page }) => {
  await sapling.open();
  const error = await sapling.expectAppEvent<{ code: string }>('sapling:error', () =>
    sapling.openPath('/no/such/file.csv'),
  );
  expect(error.code).toBe('BAD_INPUT');
  await expect(page.locator('#status')).toContainText('no such file');
});

test('screenshots are saved under test-results/screenshots', async ({ sapling }) => {
  await sapling.open();
  const path = await sapling.screenshot('start');
  expect(path).toContain(join('test-results', 'screenshots'));
  expect(existsSync(path)).toBe(true);
});

test('the app’s Content-Security-Policy is served and blocks inline scripts', async ({ sapling, page }) => {
  const response = await page.goto(sapling.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await sapling.waitForAppEvent('sapling:ready');
  sapling.allowPageErrors();
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => page.evaluate(() => window.__saplingHarness?.cspViolations.length ?? 0)).toBeGreaterThan(0);
});
