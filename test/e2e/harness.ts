/**
 * The end-to-end harness: the built renderer in a real Chromium, served by the real `sapling ui` server
 * (main/web/server.ts) — real HTTP transport, token cookie, server-sent events, uploads and downloads — in front of
 * main's real handlers and compute worker. See test/e2e/README.md.
 *
 * - Each test gets its own server (port 0, fresh token), user-data folder, session folder and compute worker.
 * - Nothing is injected into the page but an observer: an init script records the app's named events and CSP
 *   violations. window.sapling is the renderer's own HTTP bridge (renderer/src/http-bridge.ts).
 * - Files: `queueFile(path)` answers the next browser file picker (a real upload); `dropFile` drops a file's bytes;
 *   `expectDownload` catches the download an export produces.
 * - Tests wait on the app's named events (app/ipc/app-events.ts) — `expectAppEvent`, `waitForAppEvent` — or on
 *   `document.body.dataset.state`, never on timers.
 * - Screenshots go to test-results/screenshots/.
 */
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APP_EVENT_NAMES, type AppEventName } from '../../app/ipc/app-events.js';
import type { Channel, MenuCommand, ProgressEvent, SaplingBridge } from '../../app/ipc/contract.js';
import type { ComputeBackend } from '../../main/compute/protocol.js';
import { createWorkerBackend } from '../../main/compute/worker-backend.js';
import type { Handlers } from '../../main/handlers/index.js';
import { printWithChromium } from '../../main/web/command.js';
import { startUiServer, type UiServer } from '../../main/web/server.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLES_DIR = join(ROOT, 'examples');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');

/** What the init script keeps in the page (an observer, not part of the app). */
interface HarnessState {
  readonly events: { name: AppEventName; detail: unknown }[];
  readonly cspViolations: string[];
}

declare global {
  interface Window {
    sapling: SaplingBridge & { menuCommand?(command: MenuCommand): void };
    __saplingHarness?: HarnessState;
  }
}

/**
 * Menu commands that open a file picker need a real click (browsers show one only on a user gesture): in browser
 * mode they are buttons in the page (the Data screen's Open button, components/BrowserFileMenu.tsx).
 */
const MENU_BUTTONS: Partial<Record<MenuCommand, string>> = {
  'open-file': 'open-file',
  'open-model': 'open-model',
  'open-project': 'menu-open-project',
  'save-project': 'menu-save-project',
  'save-project-as': 'menu-save-project-as',
};

export interface SaplingApp {
  readonly page: Page;
  /** The URL `sapling ui` prints (with its token). */
  readonly url: string;
  readonly server: UiServer;
  /** The same handlers the server calls, for setting up state or checking it from the test. */
  readonly handlers: Handlers;
  /** Every progress event sent to the page. */
  readonly progress: readonly ProgressEvent[];
  /** Every call the page made, in order. */
  readonly calls: readonly { readonly channel: Channel; readonly payload: unknown }[];
  readonly userDataDir: string;
  /** Opens the printed URL and waits for `sapling:ready`. */
  open(): Promise<void>;
  /** Number of times the app event has fired so far. */
  eventCount(name: AppEventName): Promise<number>;
  /** Waits until the event has fired more than `after` times (default: at least once); returns that event's detail. */
  waitForAppEvent<T = unknown>(name: AppEventName, options?: { after?: number; timeout?: number }): Promise<T>;
  /** Runs `action` and waits for the NEXT firing of the event (so one that fired earlier does not count); returns its detail. */
  expectAppEvent<T = unknown>(
    name: AppEventName,
    action: () => Promise<unknown>,
    options?: { timeout?: number },
  ): Promise<T>;
  /** Waits for `document.body.dataset.state` to equal `state`. */
  waitForState(state: string, options?: { timeout?: number }): Promise<void>;
  /** The file the next browser file picker gets (uploaded for real), or null: the user cancels. No queued answer = cancel. */
  queueFile(path: string | null): void;
  /** Runs `action`, waits for the download it causes and saves it (to `saveAs`, else the test's output folder). */
  expectDownload(action: () => Promise<unknown>, saveAs?: string): Promise<{ path: string; fileName: string }>;
  /** The desktop's File-menu command: the in-page button where browser mode has one, else the command itself. */
  menu(command: MenuCommand): Promise<void>;
  /** As if `sapling ui file.csv` had named the file (an open-path event over the event stream). */
  openPath(path: string): Promise<void>;
  /** Drops the file's bytes on the element, as a drag from the desktop does. */
  dropFile(selector: string, path: string): Promise<void>;
  /** Saves a full-page screenshot to test-results/screenshots/<test>-<name>.png and attaches it to the report. */
  screenshot(name: string): Promise<string>;
  /** Uncaught page errors and CSP violations fail the test at teardown unless allowed here. */
  allowPageErrors(): void;
}

type Fixtures = { sapling: SaplingApp };

/**
 * How often the waits look at the page. Not Playwright's default (every animation frame): that makes the page
 * draw ~60 frames a second for as long as a test waits — minutes during a training — which is CPU the app's own
 * work competes with and long tasks the responsiveness test would blame on the app.
 */
const POLL_MS = 50;

/** The compute worker as `sapling ui` starts it (the built bundle; npm test builds first), the engine on two threads. */
function workerSpec(log: (message: string) => void): Parameters<typeof createWorkerBackend>[0] {
  const built = join(ROOT, 'out/main/worker.cjs');
  if (!existsSync(built)) return { url: new URL('../helpers/worker-bootstrap.mjs', import.meta.url), log };
  return {
    url: pathToFileURL(built),
    workerData: { engineThreads: 2, engineWorker: pathToFileURL(join(ROOT, 'out/main/engine-worker.cjs')).href },
    log,
  };
}

function slug(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Records the app's named events and CSP violations. Runs in the page, before its scripts. */
function observe({ appEvents }: { appEvents: readonly string[] }): void {
  const state: HarnessState = { events: [], cspViolations: [] };
  Object.defineProperty(window, '__saplingHarness', { value: state, writable: false, configurable: false });
  for (const name of appEvents)
    window.addEventListener(name, (event) =>
      state.events.push({ name: name as AppEventName, detail: (event as CustomEvent).detail }),
    );
  document.addEventListener('securitypolicyviolation', (event) =>
    state.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`),
  );
}

async function createApp(page: Page, testInfo: TestInfo): Promise<{ app: SaplingApp; close: () => Promise<void> }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error(`${RENDERER_DIR}/index.html is missing: build first (npm run build, or npm run test:e2e)`);
  const userDataDir = await mkdtemp(join(tmpdir(), 'sapling-e2e-'));
  const progress: ProgressEvent[] = [];
  const calls: { channel: Channel; payload: unknown }[] = [];
  const fileQueue: (string | null)[] = [];
  const pageErrors: string[] = [];
  const logs: string[] = [];
  let allowErrors = false;
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  // The browser's file picker: answered from the queue with a real file (Playwright uploads its bytes), else cancelled.
  page.on('filechooser', (chooser) => {
    const next = fileQueue.shift() ?? null;
    void chooser.setFiles(next === null ? [] : next).catch(() => undefined);
  });

  const compute: ComputeBackend = createWorkerBackend(workerSpec((m) => logs.push(m)));
  const server = await startUiServer({
    rendererDir: RENDERER_DIR,
    samplesDir: SAMPLES_DIR,
    userDataDir,
    configDir: userDataDir, // the run-signing key: per test, never the user's own
    compute,
    printToPdf: printWithChromium,
    log: (m) => logs.push(m),
    onCall: (channel, payload) => calls.push({ channel, payload }),
    onProgress: (event) => progress.push(event),
  });
  await page.addInitScript(observe, { appEvents: APP_EVENT_NAMES });

  const eventCount = (name: AppEventName): Promise<number> =>
    page.evaluate((n) => (window.__saplingHarness?.events ?? []).filter((e) => e.name === n).length, name);
  const waitForAppEvent = async <T>(
    name: AppEventName,
    options: { after?: number; timeout?: number } = {},
  ): Promise<T> => {
    const after = options.after ?? 0;
    const handle = await page.waitForFunction(
      ([n, k]) => {
        const matching = (window.__saplingHarness?.events ?? []).filter((e) => e.name === n);
        return matching.length > k ? { detail: matching[k].detail } : false;
      },
      [name, after] as const,
      { timeout: options.timeout ?? 60_000, polling: POLL_MS },
    );
    return ((await handle.jsonValue()) as { detail: T }).detail;
  };

  const app: SaplingApp = {
    page,
    url: server.url,
    server,
    handlers: server.handlers,
    progress,
    calls,
    userDataDir,
    async open() {
      await page.goto(server.url);
      await waitForAppEvent('sapling:ready');
    },
    eventCount,
    waitForAppEvent,
    async expectAppEvent<T>(
      name: AppEventName,
      action: () => Promise<unknown>,
      options: { timeout?: number } = {},
    ): Promise<T> {
      const before = await eventCount(name);
      await action();
      return waitForAppEvent<T>(name, { after: before, ...options });
    },
    async waitForState(state, options = {}) {
      await page.waitForFunction((s) => document.body.dataset.state === s, state, {
        timeout: options.timeout ?? 60_000,
        polling: POLL_MS,
      });
    },
    queueFile(path) {
      fileQueue.push(path);
    },
    async expectDownload(action, saveAs) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), action()]);
      const fileName = download.suggestedFilename();
      const path = saveAs ?? testInfo.outputPath(fileName);
      await download.saveAs(path);
      return { path, fileName };
    },
    async menu(command) {
      const button = MENU_BUTTONS[command];
      if (button !== undefined) await page.getByTestId(button).click();
      else await page.evaluate((c) => window.sapling.menuCommand?.(c), command);
    },
    async openPath(path) {
      server.openPath(path);
    },
    async dropFile(selector, path) {
      const bytes = await readFile(path);
      await page.evaluate(
        ([sel, name, b64]) => {
          const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const file = new File([data], name, {
            type: name.endsWith('.tsv') ? 'text/tab-separated-values' : 'text/csv',
          });
          const transfer = new DataTransfer();
          transfer.items.add(file);
          const target = document.querySelector(sel) ?? document.body;
          for (const type of ['dragenter', 'dragover', 'drop'])
            target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        },
        [selector, basename(path), bytes.toString('base64')] as const,
      );
    },
    async screenshot(name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${slug(testInfo.titlePath.slice(1).join(' '))}-${slug(name)}.png`);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(name, { path, contentType: 'image/png' });
      return path;
    },
    allowPageErrors() {
      allowErrors = true;
    },
  };

  return {
    app,
    async close() {
      const violations = await page
        .evaluate(() => window.__saplingHarness?.cspViolations ?? [])
        .catch(() => [] as string[]);
      await page.close().catch(() => undefined); // closes the event stream before the server goes
      await server.close();
      await compute.close();
      await rm(userDataDir, { recursive: true, force: true });
      if (logs.length > 0) await testInfo.attach('server-log', { body: logs.join('\n'), contentType: 'text/plain' });
      if (!allowErrors) {
        expect(pageErrors, 'uncaught errors in the page').toEqual([]);
        expect(violations, 'Content-Security-Policy violations').toEqual([]);
      }
    },
  };
}

export const test = base.extend<Fixtures>({
  sapling: async ({ page }, use, testInfo) => {
    const { app, close } = await createApp(page, testInfo);
    await use(app);
    await close();
  },
});

export { expect };
