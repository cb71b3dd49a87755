/**
 * Browser mode's transport in a real page (renderer/src/http-bridge.ts ↔ main/web/server.ts): the token leaves
 * the address bar and lives in an HttpOnly cookie, a page without it is refused, calls reach the real handlers and
 * compute worker with progress before their answer, the file picker and drops upload for real, open-path events
 * arrive, errors come back as Results, and the desktop's CSP is served and enforced.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHANNELS } from '../../app/ipc/contract.js';
import { SAMPLES_DIR, expect, test } from './harness.js';

test('the token becomes an HttpOnly cookie and leaves the address bar; without it the page is refused', async ({
  sapling,
  page,
  browser,
}) => {
  const response = await page.goto(sapling.url);
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${sapling.server.origin}/`);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: sapling.server.gate.token });
  await sapling.waitForAppEvent('sapling:ready');

  // Another browser profile (no cookie) gets nothing, not even the page.
  const stranger = await browser.newPage();
  try {
    const refused = await stranger.goto(`${sapling.server.origin}/`);
    expect(refused?.status()).toBe(401);
    expect(await stranger.content()).not.toContain('id="root"');
    const wrong = await stranger.goto(`${sapling.server.origin}/?token=not-the-token`);
    expect(wrong?.status()).toBe(401);
  } finally {
    await stranger.close();
  }
});

test('window.sapling is the HTTP bridge: every channel, the subscriptions, no drop grants; calls reach the worker with progress first', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  const shape = await page.evaluate(
    (channels) =>
      channels.filter((c) => typeof (window.sapling as unknown as Record<string, unknown>)[c] !== 'function'),
    CHANNELS,
  );
  expect(shape, 'channels without a function').toEqual([]);
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
    const seenAtAnswer = progress.filter((p) => p.operationId === 'run-1').at(-1)?.fraction;
    stop();
    const bad = await window.sapling.getRows({ datasetId: loaded.value.datasetId, offset: -1, limit: 1 });
    return {
      seenAtAnswer,
      models: run.value.result.models.map((m) => m.id),
      bad,
      grant: await window.sapling.grantDroppedFile({}),
    };
  });
  expect(outcome.models).toEqual(['tree', 'linear']);
  expect(outcome.seenAtAnswer, 'the last progress event arrives before the answer').toBe(1);
  expect(outcome.bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  expect(outcome.grant).toBeUndefined();
  expect(sapling.calls.map((c) => c.channel)).toEqual(
    expect.arrayContaining(['listSamples', 'loadDataset', 'runCompare', 'getRows']),
  );
});

test('the file picker uploads the chosen file into the session folder; a cancelled picker answers null', async ({
  sapling,
  page,
}) => {
  await sapling.open();
  sapling.queueFile(join(SAMPLES_DIR, 'iris.csv'));
  const loaded = await sapling.expectAppEvent<{ fileName: string; rows: number }>('sapling:dataset-loaded', () =>
    page.getByTestId('open-file').click(),
  );
  expect(loaded).toMatchObject({ fileName: 'iris.csv', rows: 150 });
  // The page opens the upload by the token the server's open dialog granted, never by a path of its own.
  const load = sapling.calls.find((c) => c.channel === 'loadDataset')?.payload as { source: unknown };
  expect(load.source).toEqual({ kind: 'file', token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
  await sapling.waitForState('idle');

  sapling.queueFile(null);
  const before = sapling.calls.length;
  await page.getByRole('button', { name: /Open another file/ }).click();
  await expect.poll(() => sapling.calls.slice(before).some((c) => c.channel === 'loadDataset')).toBe(false);
  await expect(page.getByTestId('dataset-title')).toContainText('iris.csv');
});

test('a dropped file is uploaded and loads; open-path events load the named file; errors are Results', async ({
  sapling,
}, testInfo) => {
  await sapling.open();
  const path = testInfo.outputPath('dropped penguins.csv');
  await copyFile(join(SAMPLES_DIR, 'penguins.csv'), path);
  const dropped = await sapling.expectAppEvent<{ fileName: string; rows: number }>('sapling:dataset-loaded', () =>
    sapling.dropFile('main', path),
  );
  expect(dropped).toMatchObject({ fileName: 'dropped penguins.csv', rows: 344 });
  await sapling.waitForState('idle');

  const opened = await sapling.expectAppEvent<{ rows: number }>('sapling:dataset-loaded', () =>
    sapling.openPath(join(SAMPLES_DIR, 'mtcars.csv')),
  );
  expect(opened.rows).toBe(32);
  await sapling.waitForState('idle');

  const error = await sapling.expectAppEvent<{ code: string }>('sapling:error', () =>
    sapling.openPath('/no/such/file.csv'),
  );
  expect(error.code).toBe('BAD_INPUT');
});

test('the desktop’s Content-Security-Policy is served and blocks inline scripts', async ({ sapling, page }) => {
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
