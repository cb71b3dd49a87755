/**
 * The built renderer (out/renderer) starts against the real handlers: it reaches `sapling:ready` with no
 * uncaught error, no CSP violation and no error shown. The UI's own specs (written on this harness) go further.
 */
import { expect, test } from './harness.js';

test('the app starts: sapling:ready, its start-up calls answered, nothing broken', async ({ sapling, page }) => {
  const response = await page.goto(sapling.url);
  expect(response?.status()).toBe(200);
  await sapling.waitForAppEvent('sapling:ready');
  expect(await sapling.eventCount('sapling:error')).toBe(0);
  expect(sapling.calls.map((c) => c.channel)).toEqual(
    expect.arrayContaining(['listSamples', 'listModels', 'listRecent']),
  );
  expect(
    sapling.calls.every((c) => ['listSamples', 'listModels', 'listRecent'].includes(c.channel)),
    'start-up only lists',
  ).toBe(true);
  await sapling.waitForState('idle');
  await sapling.screenshot('start');
});
