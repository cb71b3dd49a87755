/**
 * Finding a Chromium-family browser on this machine: for the end-to-end tests (playwright.config.ts, and
 * scripts/check-browser.ts, which stops `npm test` with one message when there is none), for PDF reports
 * (io/pdf.ts, `sapling compare --pdf`, `sapling ui`), and for `npm install` (scripts/install-browser.mjs, which
 * fetches Playwright's Chromium only when this finds nothing).
 *
 * Order: $SAPLING_CHROMIUM (when set it is the answer, found or not — a wrong or empty path means none, never
 * silently replaced), then the system's Chromium / Chrome / Edge in their usual places and on PATH, then the Chromium
 * Playwright downloaded (`npx playwright install chromium`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

export interface FoundBrowser {
  readonly path: string;
  /** Where it came from, for messages: 'SAPLING_CHROMIUM', 'system' or 'playwright'. */
  readonly source: 'SAPLING_CHROMIUM' | 'system' | 'playwright';
}

export type BrowserSearch = { readonly found: FoundBrowser } | { readonly found: undefined; readonly problem: string };

type Env = Readonly<Record<string, string | undefined>>;

/** Where browsers install themselves, per platform (absolute paths; Windows ones built from its environment). */
export function systemCandidates(platform: NodeJS.Platform = process.platform, env: Env = process.env): string[] {
  if (platform === 'darwin')
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (r): r is string => r !== undefined && r !== '',
    );
    return roots.flatMap((r) => [
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(r, 'Chromium', 'Application', 'chrome.exe'),
      join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];
  const fixed = ['/usr/bin', '/snap/bin'].flatMap((dir) => names.map((n) => `${dir}/${n}`));
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .flatMap((dir) => names.map((n) => join(dir, n)));
  return [...new Set([...fixed, ...onPath])];
}

/** The Chromium Playwright would launch, when Playwright is installed and has downloaded it. */
export function playwrightChromium(): string | undefined {
  try {
    const core = createRequire(import.meta.url)('playwright-core') as { chromium: { executablePath(): string } };
    const path = core.chromium.executablePath();
    return path !== '' && existsSync(path) ? path : undefined;
  } catch {
    return undefined; // Playwright is a development dependency: absent in a production install
  }
}

export interface SearchOptions {
  readonly env?: Env;
  readonly platform?: NodeJS.Platform;
  readonly exists?: (path: string) => boolean;
  /** Default: playwrightChromium. */
  readonly playwright?: () => string | undefined;
}

export function searchBrowser(options: SearchOptions = {}): BrowserSearch {
  const env = options.env ?? process.env;
  const exists = options.exists ?? existsSync;
  const chosen = env.SAPLING_CHROMIUM;
  if (chosen !== undefined) {
    // Set but empty: the user says there is no browser to use (tests rely on it).
    if (chosen === '') return { found: undefined, problem: 'SAPLING_CHROMIUM is set to an empty value' };
    return exists(chosen)
      ? { found: { path: chosen, source: 'SAPLING_CHROMIUM' } }
      : { found: undefined, problem: `SAPLING_CHROMIUM is set to ${chosen}, which does not exist` };
  }
  const system = systemCandidates(options.platform, env).find((p) => exists(p));
  if (system !== undefined) return { found: { path: system, source: 'system' } };
  const own = (options.playwright ?? playwrightChromium)();
  if (own !== undefined) return { found: { path: own, source: 'playwright' } };
  return { found: undefined, problem: 'no Chromium, Chrome or Edge was found' };
}

/** The browser's path, or undefined when there is none. */
export function findBrowser(options: SearchOptions = {}): string | undefined {
  return searchBrowser(options).found?.path;
}

/** How to get a browser, per platform: the one message `npm test` prints when it finds none. */
export function howToInstallBrowser(problem: string, platform: NodeJS.Platform = process.platform): string {
  const perPlatform =
    platform === 'darwin'
      ? '  macOS:   install Google Chrome (https://www.google.com/chrome/) or `brew install --cask chromium`'
      : platform === 'win32'
        ? '  Windows: install Google Chrome or use the Microsoft Edge that Windows ships with'
        : '  Linux:   sudo apt-get install chromium   (Fedora: sudo dnf install chromium)';
  return [
    `sapling: the end-to-end tests need a Chromium-family browser, but ${problem}.`,
    perPlatform,
    '  Any OS:  npx playwright install chromium   (downloads Playwright’s own Chromium)',
    '  Or point SAPLING_CHROMIUM at a Chromium or Chrome executable.',
  ].join('\n');
}
