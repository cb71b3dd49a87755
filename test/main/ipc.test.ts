/**
 * The preload ↔ main wiring, in memory: a fake ipcMain / ipcRenderer pair that routes ipcName(channel)
 * through main/ipc.ts's registration and the preload's createIpcBridge, cloning every payload as Electron's
 * structured clone would. No Electron needed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CHANNELS, type ProgressEvent, type Result, type SaplingBridge } from '../../app/ipc/contract.js';
import type { Handlers } from '../../main/handlers/index.js';
import { UNTRUSTED_SENDER_MESSAGE, registerIpc, type IpcMainLike, type InvokeEventLike } from '../../main/ipc.js';
import {
  IPC_EVENT_NAMES,
  MENU_EVENT,
  OPEN_PATH_EVENT,
  PROGRESS_EVENT,
  channelsArgument,
  channelsFromArgv,
  ipcName,
} from '../../app/ipc/bridge.js';
import { createIpcBridge, type IpcRendererLike } from '../../main/preload/bridge.js';
import { grantDroppedPath } from '../../main/handlers/index.js';
import { GRANT_DROP_CHANNEL } from '../../app/ipc/bridge.js';
import { APP_ENTRY_URL, isTrustedSender, type FrameLike } from '../../main/security.js';
import { SAMPLES_DIR, createDesktopFixture, type DesktopFixture } from '../helpers/desktop.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An in-memory Electron IPC: ipcMain.handle / ipcRenderer.invoke, webContents.send / ipcRenderer.on. */
class FakeIpc {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  readonly listeners = new Map<string, Set<Listener>>();
  /** The frame the renderer's messages come from. */
  frame: FrameLike | null = { url: APP_ENTRY_URL, parent: null };

  readonly main: IpcMainLike = {
    handle: (channel, listener) => {
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, listener);
    },
    removeHandler: (channel) => {
      this.handlers.delete(channel);
    },
  };

  readonly renderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = this.handlers.get(channel);
      if (!handler)
        throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: this.frame }, ...structuredClone(args)));
    },
    on: (channel, listener) => {
      const set = this.listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      this.listeners.set(channel, set);
    },
    removeListener: (channel, listener) => {
      this.listeners.get(channel)?.delete(listener);
    },
  };

  /** webContents.send: listeners get Electron's event object first, then the payload. */
  send(channel: string, payload: unknown): void {
    const event = { sender: 'the-ipcRenderer-that-must-not-leak' };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, structuredClone(payload));
  }
}

const webUtils = { getPathForFile: (file: never) => (file as { path?: string }).path ?? '' };

function value<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('preload bridge + main registration, in memory', () => {
  let ipc: FakeIpc;
  let app: DesktopFixture;
  let bridge: SaplingBridge;
  let unregister: () => void;
  const logs: string[] = [];

  before(async () => {
    ipc = new FakeIpc();
    app = await createDesktopFixture({ progress: (e) => ipc.send(PROGRESS_EVENT, e) });
    unregister = registerIpc(
      ipc.main,
      app.handlers,
      (frame) => isTrustedSender(frame),
      (m) => logs.push(m),
      (path) => grantDroppedPath(app.grants, path),
    );
    bridge = createIpcBridge(ipc.renderer, webUtils, channelsFromArgv(['electron', channelsArgument(CHANNELS)]));
  });
  after(async () => {
    unregister();
    await app.close();
  });

  test('main listens on exactly one prefixed channel per contract channel', () => {
    assert.deepEqual([...ipc.handlers.keys()].sort(), [...CHANNELS.map((c) => ipcName(c)), GRANT_DROP_CHANNEL].sort());
    assert.ok([...ipc.handlers.keys()].every((name) => name.startsWith('sapling')));
  });

  test('the bridge is one function per channel plus the subscriptions and grantDroppedFile — no generic invoke', () => {
    assert.deepEqual(
      Object.keys(bridge).sort(),
      [...CHANNELS, 'grantDroppedFile', 'onMenuCommand', 'onOpenPath', 'onProgress'].sort(),
    );
    for (const key of Object.keys(bridge))
      assert.equal(typeof (bridge as unknown as Record<string, unknown>)[key], 'function');
    assert.deepEqual(IPC_EVENT_NAMES, { progress: PROGRESS_EVENT, menu: MENU_EVENT, openPath: OPEN_PATH_EVENT });
  });

  test('the preload gets the call names from main as one process argument, and drops anything that is not a name', () => {
    assert.deepEqual(channelsFromArgv(['electron', '--foo', channelsArgument(CHANNELS)]), CHANNELS);
    assert.deepEqual(channelsFromArgv(['electron']), [], 'no argument: no calls');
    assert.deepEqual(channelsFromArgv(['--sapling-channels=getRows,__proto__,a-b,,x.y,listModels']), [
      'getRows',
      'listModels',
    ]);
  });

  test('a call goes through to the real handler and back as a Result', async () => {
    const samples = value(await bridge.listSamples({}));
    assert.ok(samples.some((s) => s.name === 'iris'));
  });

  test('progress events reach onProgress listeners as the payload only, until unsubscribed', async () => {
    const seen: unknown[][] = [];
    const stop = bridge.onProgress((...args: unknown[]) => seen.push(args));
    value(await bridge.loadDataset({ operationId: 'load-iris', source: { kind: 'sample', name: 'iris' } }));
    stop();
    assert.ok(seen.length >= 2);
    assert.ok(
      seen.every((args) => args.length === 1),
      'listeners get one argument: no event object',
    );
    assert.equal((seen.at(-1)![0] as ProgressEvent).fraction, 1);
    const before = seen.length;
    value(await bridge.loadDataset({ operationId: 'load-iris-2', source: { kind: 'sample', name: 'iris' } }));
    assert.equal(seen.length, before, 'no events after unsubscribing');
  });

  test('menu commands reach onMenuCommand; open-path events wait for the first listener', () => {
    const commands: unknown[] = [];
    const stop = bridge.onMenuCommand((c) => commands.push(c));
    ipc.send(MENU_EVENT, 'open-file');
    stop();
    ipc.send(MENU_EVENT, 'show-data');
    assert.deepEqual(commands, ['open-file']);

    const fresh = createIpcBridge(ipc.renderer, webUtils, channelsFromArgv(['electron', channelsArgument(CHANNELS)]));
    ipc.send(OPEN_PATH_EVENT, app.grants.grant('/data/early.csv'));
    ipc.send(OPEN_PATH_EVENT, '/data/a-bare-path-is-ignored.csv');
    const paths: string[] = [];
    fresh.onOpenPath((p) => paths.push(p.path));
    ipc.send(OPEN_PATH_EVENT, app.grants.grant('/data/later.csv'));
    assert.deepEqual(paths, ['/data/early.csv', '/data/later.csv']);
  });

  test('payloads are validated in main: a bad request is INVALID_REQUEST, not an exception', async () => {
    const bad = await bridge.getRows({ datasetId: 'ds-1', offset: -5, limit: 10 });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.code, 'INVALID_REQUEST');
    assert.match(!bad.ok ? bad.error.message : '', /offset/);
  });

  test('requests from other origins or subframes are refused before any handler runs', async () => {
    const calls: string[] = [];
    const spyIpc = new FakeIpc();
    const spy = Object.fromEntries(
      CHANNELS.map((c) => [c, async () => (calls.push(c), { ok: true, value: null })]),
    ) as unknown as Handlers;
    const stop = registerIpc(
      spyIpc.main,
      spy,
      (frame) => isTrustedSender(frame),
      () => undefined,
    );
    const spyBridge = createIpcBridge(spyIpc.renderer, webUtils, CHANNELS);
    for (const frame of [
      { url: 'https://evil.example/index.html', parent: null },
      { url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } },
      { url: 'file:///tmp/index.html', parent: null },
      null,
    ]) {
      spyIpc.frame = frame;
      const result = await spyBridge.listRecent({});
      assert.deepEqual(result, { ok: false, error: { code: 'INVALID_REQUEST', message: UNTRUSTED_SENDER_MESSAGE } });
    }
    assert.deepEqual(calls, []);
    spyIpc.frame = { url: `${APP_ENTRY_URL}#/compare`, parent: null };
    assert.deepEqual(await spyBridge.listRecent({}), { ok: true, value: null });
    assert.deepEqual(calls, ['listRecent']);
    stop();
  });

  test('a handler that throws becomes INTERNAL; a missing handler becomes INTERNAL in the bridge', async () => {
    const broken = new FakeIpc();
    const throwing = Object.fromEntries(
      CHANNELS.map((c) => [
        c,
        async () => {
          throw new Error('secret stack detail');
        },
      ]),
    ) as unknown as Handlers;
    const logged: string[] = [];
    const stop = registerIpc(
      broken.main,
      throwing,
      () => true,
      (m) => logged.push(m),
    );
    const b = createIpcBridge(broken.renderer, webUtils, CHANNELS);
    const r = await b.listModels({});
    assert.equal(!r.ok && r.error.code, 'INTERNAL');
    assert.doesNotMatch(!r.ok ? r.error.message : '', /secret/, 'no internals cross the bridge');
    assert.match(logged.join('\n'), /secret stack detail/, 'they go to main’s log');
    stop();
    const gone = await b.listModels({});
    assert.equal(!gone.ok && gone.error.code, 'INTERNAL');
  });

  test('grantDroppedFile resolves the File through webUtils, main grants it, and the token loads it', async () => {
    const grant = await bridge.grantDroppedFile({ path: join(SAMPLES_DIR, 'iris.csv') });
    assert.ok(grant?.ok);
    const info = value(
      await bridge.loadDataset({ operationId: 'drop-iris', source: { kind: 'file', token: grant.value.token } }),
    );
    assert.equal(info.rows, 150);
    assert.equal(await bridge.grantDroppedFile({}), undefined, 'no path (a File made up by page code) → undefined');
    const key = await bridge.grantDroppedFile({ path: '/home/user/.ssh/id_ed25519' });
    assert.equal(key?.ok, false, 'only CSV/TSV files are granted');
    const throwing = createIpcBridge(
      ipc.renderer,
      {
        getPathForFile: () => {
          throw new TypeError('not a File');
        },
      },
      CHANNELS,
    );
    assert.equal(await throwing.grantDroppedFile('nope'), undefined);
  });
});
