// `npm test` runs this right before the end-to-end step: it looks for a Chromium-family browser the way
// playwright.config.ts does (io/browser.ts: SAPLING_CHROMIUM, the system's Chromium/Chrome/Edge, Playwright's own)
// and, when there is none, prints one message saying how to get one and exits 1 — instead of every e2e test
// failing to launch.
import { register } from 'tsx/esm/api';

register();
const { howToInstallBrowser, searchBrowser } = await import('../io/browser.ts');
const search = searchBrowser();
if (search.found === undefined) {
  console.error(howToInstallBrowser(search.problem));
  process.exit(1);
}
