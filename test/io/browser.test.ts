/** Finding a browser (io/browser.ts): SAPLING_CHROMIUM decides when set, else the system's, else Playwright's. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { howToInstallBrowser, searchBrowser, systemCandidates } from '../../io/browser.js';

const none = (): undefined => undefined;

test('SAPLING_CHROMIUM wins when it exists, and a missing or empty one is never silently replaced', () => {
  const exists = (p: string): boolean => p === '/opt/my/chrome' || p === '/usr/bin/chromium';
  assert.deepEqual(searchBrowser({ env: { SAPLING_CHROMIUM: '/opt/my/chrome' }, exists, playwright: none }).found, {
    path: '/opt/my/chrome',
    source: 'SAPLING_CHROMIUM',
  });
  const missing = searchBrowser({ env: { SAPLING_CHROMIUM: '/no/such/chrome' }, exists, playwright: none });
  assert.equal(missing.found, undefined);
  assert.match(
    'problem' in missing ? missing.problem : '',
    /SAPLING_CHROMIUM is set to \/no\/such\/chrome, which does not exist/,
  );
  assert.equal(searchBrowser({ env: { SAPLING_CHROMIUM: '' }, exists, playwright: none }).found, undefined);
});

test('then the system browser, then Playwright’s own, else a problem to report', () => {
  const linux = { env: { PATH: '/home/me/bin' }, platform: 'linux' as const };
  assert.equal(
    searchBrowser({ ...linux, exists: (p) => p === '/home/me/bin/google-chrome', playwright: () => '/pw/chrome' }).found
      ?.path,
    '/home/me/bin/google-chrome',
  );
  assert.deepEqual(searchBrowser({ ...linux, exists: () => false, playwright: () => '/pw/chrome' }).found, {
    path: '/pw/chrome',
    source: 'playwright',
  });
  const nothing = searchBrowser({ ...linux, exists: () => false, playwright: none });
  assert.equal(nothing.found, undefined);
});

test('the usual places on macOS and Windows', () => {
  assert.ok(systemCandidates('darwin', {}).includes('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
  const win = systemCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' });
  assert.ok(win.some((p) => p.endsWith('chrome.exe')) && win.some((p) => p.endsWith('msedge.exe')));
});

test('the message says how to install one on each platform', () => {
  for (const [platform, hint] of [
    ['linux', /apt-get install chromium/],
    ['darwin', /brew install --cask chromium|Google Chrome/],
    ['win32', /Edge/],
  ] as const) {
    const text = howToInstallBrowser('no Chromium, Chrome or Edge was found', platform);
    assert.match(text, hint);
    assert.match(text, /npx playwright install chromium/);
    assert.match(text, /SAPLING_CHROMIUM/);
  }
});
