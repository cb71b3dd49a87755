// postinstall: make sure the end-to-end tests (and PDF reports in `sapling ui`) have a browser. When io/browser.ts
// finds none (no SAPLING_CHROMIUM, no system Chromium/Chrome/Edge, nothing from Playwright yet), fetch Playwright's
// Chromium where the network allows it; warn — never fail the install — where it does not, as
// scripts/install-electron.mjs does for Electron. SAPLING_SKIP_BROWSER_DOWNLOAD=1 (or Playwright's own
// PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1) skips the download.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { register } from 'tsx/esm/api';

if (process.env.SAPLING_SKIP_BROWSER_DOWNLOAD || process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD) process.exit(0);
let cli;
try {
  cli = createRequire(import.meta.url).resolve('playwright-core/cli.js');
} catch {
  process.exit(0); // Playwright is a devDependency: absent in production installs, which run no e2e tests
}
register();
const { howToInstallBrowser, searchBrowser } = await import('../io/browser.ts');
const search = searchBrowser();
if (search.found !== undefined) process.exit(0);

console.log(`sapling: ${search.problem}; fetching Playwright's Chromium for the end-to-end tests…`);
const result = spawnSync(process.execPath, [cli, 'install', 'chromium'], { encoding: 'utf8', timeout: 600_000 });
if (result.status !== 0) {
  const reason =
    `${result.stderr ?? ''}${result.stdout ?? ''}`.match(
      /(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET)[^\n]*/,
    )?.[0] ?? (result.error ? String(result.error) : `exit code ${result.status}`);
  console.warn(
    `\nsapling: warning: could not download Playwright's Chromium (${reason.trim()}).\n` +
      '  The app, the command line and the unit tests work without it; the end-to-end tests need a browser:\n' +
      `${howToInstallBrowser('none was found', process.platform).split('\n').slice(1).join('\n')}\n`,
  );
}
