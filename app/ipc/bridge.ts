/**
 * `window.sapling` from any transport. The renderer talks to main through one interface, SaplingBridge
 * (app/ipc/contract.ts): one function per call, plus event subscriptions. How the calls travel is a
 * BridgeTransport — Electron IPC in the sandboxed preload (main/preload/bridge.ts), HTTP + server-sent
 * events for `sapling ui` in a browser. createBridge turns a transport into the bridge, so every transport
 * gives the renderer the same guarantees:
 * - one plain function per call (no generic invoke reaches the page);
 * - every call resolves to a Result: a transport failure (rejected invoke) becomes an INTERNAL error, never an exception;
 * - listeners get the payload only (never the transport's event object);
 * - open-path events that arrive before the renderer subscribes are kept until it does.
 *
 * No runtime imports: the preload bundles this file, and the sandboxed preload may require only electron.
 */
import type { Channel, FileGrant, IpcError, MenuCommand, ProgressEvent, Result, SaplingBridge } from './contract.js';

/** The events main sends the renderer. */
export type BridgeEvent = 'progress' | 'menu' | 'openPath';

/** How calls and events travel between the renderer and main. */
export interface BridgeTransport {
  /** Sends one call; resolves to main's Result for it (a rejection means the transport failed). */
  invoke(channel: Channel, request: unknown): Promise<unknown>;
  /** Subscribes to one of main's events; returns the function that unsubscribes. */
  listen(event: BridgeEvent, listener: (payload: unknown) => void): () => void;
  /**
   * Asks main to grant a file dropped on the window (main/handlers/file-grants.ts); undefined where the transport
   * cannot know a dropped file's path (a browser, or a File page code made up).
   */
  grantDroppedFile(file: unknown): Promise<Result<FileGrant> | undefined>;
}

/** The Electron IPC channel name of a call (main handles only these names). */
export function ipcName<C extends Channel>(channel: C): `sapling:${C}` {
  return `sapling:${channel}`;
}

/** The Electron IPC channel names of main's events. */
export const PROGRESS_EVENT = 'sapling-event:progress';
export const MENU_EVENT = 'sapling-event:menu';
export const OPEN_PATH_EVENT = 'sapling-event:open-path';
/** Preload-only IPC (not a contract call: page code cannot call it with a path of its choosing). */
export const GRANT_DROP_CHANNEL = 'sapling-grant:drop';
export const IPC_EVENT_NAMES: Readonly<Record<BridgeEvent, string>> = {
  progress: PROGRESS_EVENT,
  menu: MENU_EVENT,
  openPath: OPEN_PATH_EVENT,
};

/**
 * The sandboxed preload cannot bundle the contract (zod and the model catalogue), so main hands it the call
 * names as one process argument (Electron's webPreferences.additionalArguments, which the sandboxed preload
 * reads from process.argv).
 */
const CHANNELS_FLAG = '--sapling-channels=';
const CHANNEL_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

export function channelsArgument(channels: readonly Channel[]): string {
  return `${CHANNELS_FLAG}${channels.join(',')}`;
}

/** The call names main passed (names that are not plain identifiers are dropped); [] when there is none. */
export function channelsFromArgv(argv: readonly string[]): Channel[] {
  const arg = argv.find((a) => a.startsWith(CHANNELS_FLAG));
  if (arg === undefined) return [];
  return arg
    .slice(CHANNELS_FLAG.length)
    .split(',')
    .filter((name) => CHANNEL_NAME.test(name)) as Channel[];
}

export const BRIDGE_FAILURE: IpcError = {
  code: 'INTERNAL',
  message: 'Sapling could not reach its main process. Restart the app; details are in its log.',
};

export function createBridge(channels: readonly Channel[], transport: BridgeTransport): SaplingBridge {
  const call = (channel: Channel) => async (request: unknown) => {
    try {
      return await transport.invoke(channel, request);
    } catch {
      return { ok: false, error: BRIDGE_FAILURE };
    }
  };

  const subscribe =
    <T>(event: BridgeEvent) =>
    (listener: (payload: T) => void): (() => void) =>
      transport.listen(event, (payload) => listener(payload as T));

  // Open-path events can come before the renderer subscribes (a file given on the command line): keep them until then.
  const openPathListeners = new Set<(file: FileGrant) => void>();
  const unheardPaths: FileGrant[] = [];
  transport.listen('openPath', (file) => {
    if (typeof file !== 'object' || file === null || typeof (file as FileGrant).token !== 'string') return;
    const grant = file as FileGrant;
    if (openPathListeners.size === 0) unheardPaths.push(grant);
    for (const listener of openPathListeners) listener(grant);
  });

  const calls = Object.fromEntries(channels.map((c) => [c, call(c)])) as unknown as Pick<SaplingBridge, Channel>;
  return {
    ...calls,
    onProgress: subscribe<ProgressEvent>('progress'),
    onMenuCommand: subscribe<MenuCommand>('menu'),
    onOpenPath(listener: (file: FileGrant) => void): () => void {
      openPathListeners.add(listener);
      for (const file of unheardPaths.splice(0)) listener(file);
      return () => {
        openPathListeners.delete(listener);
      };
    },
    async grantDroppedFile(file: unknown): Promise<Result<FileGrant> | undefined> {
      try {
        return await transport.grantDroppedFile(file);
      } catch {
        return { ok: false, error: BRIDGE_FAILURE };
      }
    },
  };
}
