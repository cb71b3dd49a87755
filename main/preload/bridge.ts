/**
 * `window.sapling` in the desktop app: app/ipc/bridge.ts's createBridge over Electron IPC. One function per
 * contract call and nothing else (no generic invoke), plus event subscriptions and grantDroppedFile. Runs in the
 * sandboxed preload, so it may import only `electron` (at the entry, main/preload/index.ts), app/ipc/bridge.ts
 * (no imports of its own) and types — lint-enforced, and the build checks the bundle requires only electron.
 *
 * The call names come from main (CHANNELS of the contract) as a process argument, so a new call needs no
 * edit here. Event listeners get the payload only, never Electron's event object (which would hand the page
 * ipcRenderer).
 */
import {
  GRANT_DROP_CHANNEL,
  IPC_EVENT_NAMES,
  createBridge,
  ipcName,
  type BridgeEvent,
  type BridgeTransport,
} from '../../app/ipc/bridge.js';
import type { Channel, FileGrant, Result, SaplingBridge } from '../../app/ipc/contract.js';

/** The parts of Electron's ipcRenderer the bridge uses (the in-memory tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface WebUtilsLike {
  getPathForFile(file: never): string;
}

export function ipcTransport(ipcRenderer: IpcRendererLike, webUtils: WebUtilsLike): BridgeTransport {
  return {
    invoke: (channel, request) => ipcRenderer.invoke(ipcName(channel), request),
    listen(event: BridgeEvent, listener: (payload: unknown) => void) {
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(IPC_EVENT_NAMES[event], wrapped);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_NAMES[event], wrapped);
      };
    },
    async grantDroppedFile(file) {
      let path: string;
      try {
        path = webUtils.getPathForFile(file as never); // '' for a File page code made up: it has no path on disk
      } catch {
        return undefined;
      }
      if (path === '') return undefined;
      return (await ipcRenderer.invoke(GRANT_DROP_CHANNEL, path)) as Result<FileGrant>;
    },
  };
}

/** The bridge the preload exposes: `channels` are the call names main passed (channelsFromArgv). */
export function createIpcBridge(
  ipcRenderer: IpcRendererLike,
  webUtils: WebUtilsLike,
  channels: readonly Channel[],
): SaplingBridge {
  return createBridge(channels, ipcTransport(ipcRenderer, webUtils));
}
