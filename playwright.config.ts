// End-to-end tests (test/e2e, see test/e2e/README.md): the built renderer (out/renderer) in a Chromium, served by the
// real `sapling ui` server (test/e2e/harness.ts) in front of main's handlers and compute worker.
// `npm test` builds first; alone: `npm run test:e2e`. The browser is the one io/browser.ts finds: SAPLING_CHROMIUM,
// else the system's Chromium/Chrome/Edge, else Playwright's own (`npx playwright install chromium`); when there is
// none, scripts/check-browser.mjs stops `npm test` before this step with one message.
import { defineConfig } from '@playwright/test';
import { findBrowser } from './io/browser.js';

const chromium = findBrowser();

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: true,
  // Two slow cores: training runs inside the tests.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: 'list',
  use: {
    browserName: 'chromium',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
    viewport: { width: 1280, height: 820 },
    actionTimeout: 20_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
