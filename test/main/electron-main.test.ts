/**
 * The bundled Electron main process (out/main/main.cjs, built here into a temporary folder) run under plain
 * Node with a stand-in `electron` module that records what main asks of it. No Electron binary is needed, so
 * this checks main/index.ts's wiring wherever the tests run: the window's security settings, the app://
 * protocol, permission / navigation / popup refusals, every IPC channel registered with the sender check, a
 * call through the real bundled worker, the menu, and the window bounds saved on close.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNELS } from '../../app/ipc/contract.js';
import { GRANT_DROP_CHANNEL, PROGRESS_EVENT, channelsFromArgv, ipcName } from '../../app/ipc/bridge.js';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, SURVEY_URL } from '../../main/security.js';
import { ROOT, SAMPLES_DIR } from '../helpers/desktop.js';

type Fn = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Fn[]>();
  on(name: string, fn: Fn): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Fn): this {
    return this.on(name, fn);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(name) ?? []) fn(...args);
  }
}

/** A stand-in for the parts of Electron main/index.ts uses; everything it is asked is recorded in `calls`. */
function fakeElectron(userData: string, appPath: string) {
  const calls: { what: string; args: unknown[] }[] = [];
  const record =
    (what: string) =>
    (...args: unknown[]) => {
      calls.push({ what, args });
    };
  let loaded!: (url: string) => void;
  const windowLoaded = new Promise<string>((resolve) => (loaded = resolve));
  const ipcHandlers = new Map<string, Fn>();
  const sent: { channel: string; payload: unknown }[] = [];
  const windows: FakeWindow[] = [];
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    paths: new Map<string, string>([['userData', userData]]),
    setPath(name: string, value: string) {
      this.paths.set(name, value);
    },
    getPath(name: string) {
      return this.paths.get(name) ?? tmpdir();
    },
    getAppPath: () => appPath,
    enableSandbox: record('app.enableSandbox'),
    requestSingleInstanceLock: () => true,
    whenReady: async () => undefined,
    quit: record('app.quit'),
    exit: record('app.exit'),
  });
  class FakeWindow extends Emitter {
    readonly webContents = Object.assign(new Emitter(), {
      send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
      setWindowOpenHandler: record('webContents.setWindowOpenHandler'),
    });
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    async loadURL(url: string) {
      loaded(url);
    }
    getNormalBounds = () => ({ x: 10, y: 20, width: 1111, height: 777 });
    isMaximized = () => false;
    isDestroyed = () => false;
    isMinimized = () => false;
    restore = record('win.restore');
    focus = record('win.focus');
    maximize = record('win.maximize');
    show = record('win.show');
    close = record('win.close');
    static getAllWindows = () => windows;
  }
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: record('Menu.setApplicationMenu'),
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    ipcMain: {
      handle: (channel: string, fn: Fn) => ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
      handle: record('protocol.handle'),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: record('setPermissionRequestHandler'),
        setPermissionCheckHandler: record('setPermissionCheckHandler'),
      },
    },
    shell: { openExternal: record('shell.openExternal') },
  };
  return { electron, calls, windowLoaded, ipcHandlers, sent, windows, app };
}

let dir: string;
let fake: ReturnType<typeof fakeElectron>;
const find = (what: string) => fake.calls.filter((c) => c.what === what);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-main-'));
  const out = join(dir, 'out');
  const built = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts/build.mjs'), '--quiet', '--skip-renderer', '--main-out', join(out, 'main')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(built.status, 0, built.stderr);
  await mkdir(join(out, 'renderer'));
  await writeFile(join(out, 'renderer/index.html'), '<!doctype html><title>Sapling</title>');
  await symlink(SAMPLES_DIR, join(dir, 'examples'));
  // `require("electron")` in the bundle resolves to this stand-in.
  await mkdir(join(dir, 'node_modules/electron'), { recursive: true });
  await writeFile(join(dir, 'node_modules/electron/index.js'), 'module.exports = globalThis.__saplingFakeElectron;');
  await mkdir(join(dir, 'user-data'));
  fake = fakeElectron(join(dir, 'user-data'), dir);
  (globalThis as { __saplingFakeElectron?: unknown }).__saplingFakeElectron = fake.electron;
  createRequire(import.meta.url)(join(out, 'main/main.cjs'));
  assert.equal(await fake.windowLoaded, APP_ENTRY_URL);
});

after(async () => {
  fake.app.emit('will-quit');
  await new Promise((resolve) => setImmediate(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('main process (bundled, with a stand-in electron)', () => {
  test('sandbox for every renderer, app:// registered as a privileged scheme, one window with the secure settings', () => {
    assert.equal(find('app.enableSandbox').length, 1);
    assert.deepEqual(
      (find('protocol.registerSchemesAsPrivileged')[0].args[0] as { scheme: string }[])[0].scheme,
      'app',
    );
    assert.equal(fake.windows.length, 1);
    const prefs = fake.windows[0].options.webPreferences as Record<string, unknown>;
    assert.deepEqual(
      {
        contextIsolation: prefs.contextIsolation,
        nodeIntegration: prefs.nodeIntegration,
        sandbox: prefs.sandbox,
        webSecurity: prefs.webSecurity,
        webviewTag: prefs.webviewTag,
      },
      { contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, webviewTag: false },
    );
    assert.ok(existsSync(prefs.preload as string), 'the preload bundle is next to main');
    assert.deepEqual(
      channelsFromArgv(prefs.additionalArguments as string[]),
      CHANNELS,
      'the preload gets every call name from main',
    );
    assert.equal(find('app.exit').length, 0, 'started without errors');
  });

  test('the app:// protocol serves the renderer with the CSP header, and nothing outside it', async () => {
    const handler = find('protocol.handle')[0].args[1] as (request: { url: string }) => Promise<Response>;
    const page = await handler({ url: APP_ENTRY_URL });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal((await handler({ url: 'app://sapling/..%2f..%2fpackage.json' })).status, 404);
  });

  test('permission requests and checks are refused', () => {
    let granted: boolean | undefined;
    (find('setPermissionRequestHandler')[0].args[0] as Fn)({}, 'media', (ok: boolean) => (granted = ok));
    assert.equal(granted, false);
    assert.equal((find('setPermissionCheckHandler')[0].args[0] as Fn)({}, 'clipboard-read'), false);
  });

  test('new windows are denied (the survey link opens in the browser), other navigation is prevented', () => {
    const contents = Object.assign(new Emitter(), {
      setWindowOpenHandler: (fn: Fn) => (contents.open = fn),
      open: undefined as Fn | undefined,
    });
    fake.app.emit('web-contents-created', {}, contents);
    assert.deepEqual(contents.open!({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.equal(find('shell.openExternal').length, 0);
    assert.deepEqual(contents.open!({ url: SURVEY_URL }), { action: 'deny' });
    assert.deepEqual(
      find('shell.openExternal').map((c) => c.args[0]),
      [SURVEY_URL],
    );
    for (const [url, prevented] of [
      ['https://evil.example/', true],
      ['file:///etc/passwd', true],
      ['app://sapling/index.html#data', false],
    ] as const) {
      let stopped = false;
      contents.emit('will-navigate', { url, preventDefault: () => (stopped = true) });
      assert.equal(stopped, prevented, url);
    }
    let attached = false;
    contents.emit('will-attach-webview', { preventDefault: () => (attached = true) });
    assert.equal(attached, true);
  });

  test('every channel is registered; calls from the app work through the bundled worker, others are refused', async () => {
    assert.deepEqual(
      [...fake.ipcHandlers.keys()].sort(),
      [...CHANNELS.map((c) => ipcName(c)), GRANT_DROP_CHANNEL].sort(),
    );
    const trusted = { senderFrame: { url: APP_ENTRY_URL, parent: null } };
    const call = (channel: string, payload: unknown, event: unknown = trusted) =>
      fake.ipcHandlers.get(channel)!(event, payload) as Promise<{
        ok: boolean;
        value?: unknown;
        error?: { code: string };
      }>;
    assert.equal(
      (await call('sapling:listSamples', {}, { senderFrame: { url: 'https://evil.example/', parent: null } })).error
        ?.code,
      'INVALID_REQUEST',
    );
    const loaded = await call('sapling:loadDataset', { operationId: 'load', source: { kind: 'sample', name: 'iris' } });
    assert.equal(loaded.ok, true);
    const datasetId = (loaded.value as { datasetId: string }).datasetId;
    const run = await call('sapling:runCompare', {
      operationId: 'run',
      datasetId,
      target: 'target',
      models: ['tree', 'linear'],
      folds: 3,
      seed: 1,
    });
    assert.equal(run.ok, true, JSON.stringify(run.error));
    assert.ok(
      fake.sent.some(
        (s) => s.channel === PROGRESS_EVENT && (s.payload as { operationId: string }).operationId === 'run',
      ),
      'progress went to the window',
    );
  });

  test('the application menu is set, with File › Open…', () => {
    const menus = find('Menu.setApplicationMenu');
    assert.ok(menus.length >= 1);
    const template = (menus.at(-1)!.args[0] as { template: { label?: string; submenu?: { label?: string }[] }[] })
      .template;
    assert.ok(template.find((m) => m.label === '&File')?.submenu?.some((i) => i.label === 'Open…'));
  });

  test('closing the window saves its bounds first (atomically), then closes', async () => {
    const win = fake.windows[0];
    let prevented = false;
    win.emit('close', { preventDefault: () => (prevented = true) });
    assert.equal(prevented, true);
    const path = join(dir, 'user-data/window-state.json');
    while (find('win.close').length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), {
      x: 10,
      y: 20,
      width: 1111,
      height: 777,
      maximized: false,
    });
  });
});
