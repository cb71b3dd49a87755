/**
 * The end-to-end harness: the built renderer in a real Chromium, talking to main's REAL handlers and compute
 * worker — only the transport differs from the Electron app. See test/e2e/README.md.
 *
 * - The renderer (out/renderer by default) is served over http on 127.0.0.1 with a random port (module
 *   scripts do not load from file://), with the app's Content-Security-Policy header.
 * - `window.sapling` is installed before the page's scripts run (page.addInitScript) with the preload's shape:
 *   one function per channel, each an exposed function (page.exposeFunction) delegating to createHandlers;
 *   onProgress / onMenuCommand / onOpenPath fed by window CustomEvents that the harness dispatches.
 * - chooseFile answers from a queue the test fills (`queueFile`); drops go through `dropFile`.
 * - Tests wait on the app's named events (app/ipc/app-events.ts) — `expectAppEvent`, `waitForAppEvent` —
 *   or on `document.body.dataset.state`, never on timers.
 * - Screenshots go to test-results/screenshots/.
 */
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APP_EVENT_NAMES, type AppEventName } from '../../app/ipc/app-events.js';
import {
  CHANNELS,
  type Channel,
  type MenuCommand,
  type ProgressEvent,
  type SaplingBridge,
} from '../../app/ipc/contract.js';
import { contentTypeOf, resolveAsset } from '../../main/app-protocol.js';
import type { ComputeBackend } from '../../main/compute/protocol.js';
import { createWorkerBackend } from '../../main/compute/worker-backend.js';
import { createFileGrants } from '../../main/handlers/file-grants.js';
import { createHandlers, grantDroppedPath, type Handlers } from '../../main/handlers/index.js';
import { CONTENT_SECURITY_POLICY } from '../../main/security.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLES_DIR = join(ROOT, 'examples');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');

/** What the init script keeps in the page (not part of the app). */
interface HarnessState {
  readonly events: { name: AppEventName; detail: unknown }[];
  readonly cspViolations: string[];
  registerFile(file: File, path: string): void;
}

declare global {
  interface Window {
    sapling: SaplingBridge;
    __saplingHarness?: HarnessState;
  }
}

/** Window CustomEvents through which the harness feeds the bridge's subscriptions. */
const FEED = {
  progress: 'sapling-harness:progress',
  menu: 'sapling-harness:menu',
  openPath: 'sapling-harness:open-path',
} as const;

export interface SaplingApp {
  readonly page: Page;
  /** The renderer's URL (index.html on the harness's server). */
  readonly url: string;
  /** The same handlers the page calls, for setting up state or checking it from the test. */
  readonly handlers: Handlers;
  /** Every progress event sent to the page. */
  readonly progress: readonly ProgressEvent[];
  /** Every bridge call the page made, in order. */
  readonly calls: readonly { readonly channel: Channel; readonly payload: unknown }[];
  readonly userDataDir: string;
  /** Opens the app and waits for `sapling:ready`. */
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
  /** The answer of the next chooseFile call: a path, or null for "the user cancelled". Without one queued, chooseFile answers null. */
  queueFile(path: string | null): void;
  /** The answer of the next save dialog: a path, or null for "the user cancelled". Without one queued, it answers null. */
  queueSave(path: string | null): void;
  /** As if the user picked the menu item. */
  menu(command: MenuCommand): Promise<void>;
  /** As if the OS / the recent-files menu asked the app to open a file. */
  openPath(path: string): Promise<void>;
  /** Drops a file on the element (the page's grantDroppedFile(file) then grants `path`). */
  dropFile(selector: string, path: string): Promise<void>;
  /** Saves a full-page screenshot to test-results/screenshots/<test>-<name>.png and attaches it to the report. */
  screenshot(name: string): Promise<string>;
  /** Uncaught page errors and CSP violations fail the test at teardown unless allowed here. */
  allowPageErrors(): void;
}

type Fixtures = { sapling: SaplingApp };
type WorkerFixtures = { rendererRoot: string; rendererServer: { readonly origin: string } };

/**
 * The compute worker as the app starts it: the built bundles when present (npm test builds first), with the tree
 * engine on a pool of two threads; else the TypeScript sources through tsx.
 */
function workerSpec(log: (message: string) => void): Parameters<typeof createWorkerBackend>[0] {
  const built = join(ROOT, 'out/main/worker.cjs');
  if (!existsSync(built)) return { url: new URL('../helpers/worker-bootstrap.mjs', import.meta.url), log };
  return {
    url: pathToFileURL(built),
    workerData: { engineThreads: 2, engineWorker: pathToFileURL(join(ROOT, 'out/main/engine-worker.cjs')).href },
    log,
  };
}

function serveStatic(root: string): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      const host = req.headers.host ?? '';
      const file =
        req.method === 'GET' || req.method === 'HEAD'
          ? resolveAsset(root, `http://${host}${req.url ?? '/'}`, host)
          : undefined;
      const headers = {
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      };
      if (!file) {
        res.writeHead(404, headers).end('Not found');
        return;
      }
      readFile(file).then(
        (body) =>
          res
            .writeHead(200, { ...headers, 'Content-Type': contentTypeOf(file) })
            .end(req.method === 'HEAD' ? undefined : body),
        () => res.writeHead(404, headers).end('Not found'),
      );
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

function slug(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Installs window.sapling (the preload's shape) and the event recorder. Runs in the page, before its scripts. */
function installBridge({
  channels,
  feed,
  appEvents,
}: {
  channels: readonly string[];
  feed: typeof FEED;
  appEvents: readonly string[];
}): void {
  const exposed = window as unknown as Record<string, (payload: unknown) => Promise<unknown>>;
  const bridge: Record<string, unknown> = {};
  for (const channel of channels) {
    bridge[channel] = async (request: unknown) => {
      try {
        return await exposed[`__sapling_${channel}`](request);
      } catch (error) {
        return { ok: false, error: { code: 'INTERNAL', message: `harness: ${String(error)}` } };
      }
    };
  }
  const subscribe = (type: string) => (listener: (payload: unknown) => void) => {
    const handler = (event: Event) => listener((event as CustomEvent).detail);
    window.addEventListener(type, handler);
    return () => window.removeEventListener(type, handler);
  };
  bridge.onProgress = subscribe(feed.progress);
  bridge.onMenuCommand = subscribe(feed.menu);
  // As the preload: open-path events that arrive before anyone listens are kept for the first listener.
  const pathListeners = new Set<(path: string) => void>();
  const unheard: string[] = [];
  window.addEventListener(feed.openPath, (event) => {
    const path = (event as CustomEvent<string>).detail;
    if (pathListeners.size === 0) unheard.push(path);
    for (const listener of pathListeners) listener(path);
  });
  bridge.onOpenPath = (listener: (path: string) => void) => {
    pathListeners.add(listener);
    for (const path of unheard.splice(0)) listener(path);
    return () => pathListeners.delete(listener);
  };
  // As the preload: the File's path (here registered by dropFile) goes to main, which grants it.
  const dropped = new WeakMap<object, string>();
  bridge.grantDroppedFile = async (file: unknown) => {
    const path = typeof file === 'object' && file !== null ? dropped.get(file) : undefined;
    return path === undefined ? undefined : await exposed.__sapling_grantDrop(path);
  };
  Object.defineProperty(window, 'sapling', {
    value: Object.freeze(bridge),
    writable: false,
    configurable: false,
    enumerable: true,
  });

  const state: HarnessState = {
    events: [],
    cspViolations: [],
    registerFile: (file, path) => dropped.set(file, path),
  };
  Object.defineProperty(window, '__saplingHarness', { value: state, writable: false, configurable: false });
  for (const name of appEvents)
    window.addEventListener(name, (event) =>
      state.events.push({ name: name as AppEventName, detail: (event as CustomEvent).detail }),
    );
  document.addEventListener('securitypolicyviolation', (event) =>
    state.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`),
  );
}

async function createApp(
  page: Page,
  origin: string,
  testInfo: TestInfo,
): Promise<{ app: SaplingApp; close: () => Promise<void> }> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'sapling-e2e-'));
  const progress: ProgressEvent[] = [];
  const calls: { channel: Channel; payload: unknown }[] = [];
  const fileQueue: (string | null)[] = [];
  const saveQueue: (string | null)[] = [];
  const pageErrors: string[] = [];
  const logs: string[] = [];
  let allowErrors = false;
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));

  /** Dispatches a feed event in the page; progress is awaited before a call's result is returned, as IPC keeps order. */
  let feeding: Promise<unknown> = Promise.resolve();
  const feed = (type: string, detail: unknown): Promise<unknown> => {
    feeding = feeding
      .then(() =>
        page.evaluate(([t, d]) => window.dispatchEvent(new CustomEvent(t as string, { detail: d })), [
          type,
          detail,
        ] as const),
      )
      .catch(() => undefined); // the page may be navigating or closed
    return feeding;
  };

  const compute: ComputeBackend = createWorkerBackend(workerSpec((m) => logs.push(m)));
  const grants = createFileGrants();
  const handlers = createHandlers({
    grants,
    configDir: userDataDir, // the run-signing key: per test, never the user's own
    compute,
    samplesDir: SAMPLES_DIR,
    userDataDir,
    showOpenDialog: async () => fileQueue.shift() ?? null,
    showSaveDialog: async () => saveQueue.shift() ?? null,
    // Electron prints with webContents.printToPDF; here the same Chromium prints from a fresh page.
    printToPdf: async (html) => {
      const printer = await page.context().newPage();
      try {
        await printer.setContent(html, { waitUntil: 'load' });
        return await printer.pdf({ format: 'A4', printBackground: true });
      } finally {
        await printer.close();
      }
    },
    progress: (event) => {
      progress.push(event);
      void feed(FEED.progress, event);
    },
    log: (m) => logs.push(m),
  });

  for (const channel of CHANNELS) {
    await page.exposeFunction(`__sapling_${channel}`, async (payload: unknown) => {
      calls.push({ channel, payload });
      const result = await (handlers[channel] as (p: unknown) => Promise<unknown>)(payload);
      await feeding;
      return result;
    });
  }
  await page.exposeFunction('__sapling_grantDrop', async (path: unknown) => grantDroppedPath(grants, path));
  await page.addInitScript(installBridge, { channels: CHANNELS, feed: FEED, appEvents: APP_EVENT_NAMES });

  const url = `${origin}/index.html`;
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
      { timeout: options.timeout ?? 60_000 },
    );
    return ((await handle.jsonValue()) as { detail: T }).detail;
  };

  const app: SaplingApp = {
    page,
    url,
    handlers,
    progress,
    calls,
    userDataDir,
    async open() {
      const ready = page.goto(url);
      await ready;
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
      });
    },
    queueFile(path) {
      fileQueue.push(path);
    },
    queueSave(path) {
      saveQueue.push(path);
    },
    async menu(command) {
      await feed(FEED.menu, command);
    },
    async openPath(path) {
      await feed(FEED.openPath, grants.grant(path));
    },
    async dropFile(selector, path) {
      const bytes = await readFile(path);
      const content = bytes.length <= 1 << 20 ? bytes.toString('base64') : '';
      await page.evaluate(
        ([sel, name, p, b64]) => {
          const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const file = new File([data], name, {
            type: name.endsWith('.tsv') ? 'text/tab-separated-values' : 'text/csv',
          });
          window.__saplingHarness?.registerFile(file, p);
          const transfer = new DataTransfer();
          transfer.items.add(file);
          const target = document.querySelector(sel) ?? document.body;
          for (const type of ['dragenter', 'dragover', 'drop'])
            target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        },
        [selector, basename(path), path, content] as const,
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
      await compute.close();
      await rm(userDataDir, { recursive: true, force: true });
      if (logs.length > 0) await testInfo.attach('main-log', { body: logs.join('\n'), contentType: 'text/plain' });
      if (!allowErrors) {
        expect(pageErrors, 'uncaught errors in the page').toEqual([]);
        expect(violations, 'Content-Security-Policy violations').toEqual([]);
      }
    },
  };
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  /** The folder served as the renderer: out/renderer unless a spec says otherwise with test.use({ rendererRoot }). */
  rendererRoot: [RENDERER_DIR, { scope: 'worker', option: true }],
  rendererServer: [
    async ({ rendererRoot }, use) => {
      if (!existsSync(join(rendererRoot, 'index.html'))) {
        throw new Error(`${rendererRoot}/index.html is missing: build first (npm run build, or npm run test:e2e)`);
      }
      const { server, origin } = await serveStatic(rendererRoot);
      await use({ origin });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    { scope: 'worker' },
  ],
  sapling: async ({ page, rendererServer }, use, testInfo) => {
    const { app, close } = await createApp(page, rendererServer.origin, testInfo);
    await use(app);
    await close();
  },
});

export { expect };
