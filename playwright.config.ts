// End-to-end tests (test/e2e, see test/e2e/README.md): the built renderer (out/renderer) in Debian's Chromium,
// driven through test/e2e/harness.ts, which binds window.sapling to main's real handlers and compute worker.
// `npm test` builds first; alone: `npm run test:e2e`. Never downloads a browser: set SAPLING_CHROMIUM to use
// another Chromium, else /usr/bin/chromium, else whatever Playwright already has installed.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const chromium = process.env.SAPLING_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

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
