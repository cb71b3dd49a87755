/**
 * The real Electron app (main process, sandboxed preload, app:// protocol, IPC), driven by Playwright's
 * Electron launcher. Runs where the Electron binary is installed (node node_modules/electron/install.js,
 * needs network once) and a display is available (xvfb-run on a headless Linux); skipped otherwise.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNELS } from '../../app/ipc/contract.js';
import { ROOT } from './harness.js';

function electronBinary(): string | undefined {
  try {
    // The package exports the binary's path; it throws when the binary was never downloaded.
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

const skipReason =
  binary === undefined
    ? 'SKIPPED: the Electron binary is not installed (node_modules/electron/dist is missing); run `node node_modules/electron/install.js` with network access to enable the real-Electron test'
    : headlessLinux
      ? 'SKIPPED: no display; run the tests under xvfb-run to enable the real-Electron test'
      : undefined;

test('the Electron app: sandboxed window, preload bridge, IPC to the worker, navigation and popups refused', async () => {
  if (skipReason) console.log(skipReason); // the list reporter prints it next to the test
  test.skip(skipReason !== undefined, skipReason);
  const userData = await mkdtemp(join(tmpdir(), 'sapling-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    args: [ROOT],
    env: { ...process.env, SAPLING_USER_DATA_DIR: userData },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForFunction(() =>
      (window as unknown as { saplingEvents?: { name: string }[] }).saplingEvents?.some(
        (e) => e.name === 'sapling:ready',
      ),
    );
    expect(new URL(page.url()).protocol).toBe('app:');

    const keys = await page.evaluate(() => Object.keys(window.sapling).sort());
    expect(keys).toEqual([...CHANNELS, 'grantDroppedFile', 'onMenuCommand', 'onOpenPath', 'onProgress'].sort());
    expect(
      await page.evaluate(() => [
        typeof (window as unknown as { require?: unknown }).require,
        typeof (window as unknown as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined']);

    const outcome = await page.evaluate(async () => {
      const loaded = await window.sapling.loadDataset({
        operationId: 'e2e-load',
        source: { kind: 'sample', name: 'iris' },
      });
      if (!loaded.ok) return loaded;
      return window.sapling.runCompare({
        operationId: 'e2e-run',
        datasetId: loaded.value.datasetId,
        target: 'target',
        models: ['tree', 'linear'],
        folds: 3,
        seed: 1,
      });
    });
    expect(outcome.ok).toBe(true);

    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await expect.poll(() => page.url()).toBe(before);
    await page.screenshot({ path: join(ROOT, 'test-results/screenshots/electron-start.png') });
  } finally {
    await app.close();
    await rm(userData, { recursive: true, force: true });
  }
});
