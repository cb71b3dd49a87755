/**
 * `window.sapling`: one function per contract channel and nothing else (no generic invoke), plus event
 * subscriptions and grantDroppedFile. Runs in the sandboxed preload, so it may import only `electron` (at the
 * entry, main/preload/index.ts) and types (lint-enforced): channel names are listed here and checked
 * against the contract by the type checker and by test/main/ipc.test.ts.
 *
 * A rejected invoke (no handler, a value that cannot be cloned) resolves to an INTERNAL error Result: the
 * renderer never sees an exception from the bridge. Event listeners get the payload only, never Electron's
 * event object (which would hand the page ipcRenderer).
 */
import type {
  Channel,
  FileGrant,
  IpcError,
  MenuCommand,
  ProgressEvent,
  Request,
  Responses,
  Result,
  SaplingBridge,
} from '../../app/ipc/contract.js';

/** The parts of Electron's ipcRenderer the bridge uses (the in-memory tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface WebUtilsLike {
  getPathForFile(file: never): string;
}

/** Every channel, once: `satisfies` fails the build if one is missing or unknown. */
const CHANNEL_LIST = {
  listSamples: true,
  listModels: true,
  listRecent: true,
  chooseFile: true,
  loadDataset: true,
  getRows: true,
  profileTarget: true,
  runCompare: true,
  cancel: true,
  getCurves: true,
  inspectRow: true,
  explainRow: true,
  exportResult: true,
  getLlmSettings: true,
  saveLlmSettings: true,
  testLlmConnection: true,
  previewLlmPrompt: true,
  estimateLlm: true,
  exportReport: true,
  saveProject: true,
  openProject: true,
  getRunLog: true,
} as const satisfies Record<Channel, true>;

// Mirrors ipcName / PROGRESS_EVENT / MENU_EVENT / OPEN_PATH_EVENT of app/ipc/contract.ts (checked by test/main/ipc.test.ts).
const ipcName = <C extends Channel>(channel: C): `sapling:${C}` => `sapling:${channel}`;
export const BRIDGE_EVENTS = {
  progress: 'sapling-event:progress',
  menu: 'sapling-event:menu',
  openPath: 'sapling-event:open-path',
} as const;
/** Mirrors GRANT_DROP_CHANNEL: only this preload calls it, with the path of a real dropped File. */
export const BRIDGE_GRANT_DROP = 'sapling-grant:drop';

const BRIDGE_FAILURE: IpcError = {
  code: 'INTERNAL',
  message: 'Sapling could not reach its main process. Restart the app; details are in its log.',
};

export function createBridge(ipcRenderer: IpcRendererLike, webUtils: WebUtilsLike): SaplingBridge {
  const call =
    <C extends Channel>(channel: C) =>
    async (request: Request<C>): Promise<Result<Responses[C]>> => {
      try {
        return (await ipcRenderer.invoke(ipcName(channel), request)) as Result<Responses[C]>;
      } catch {
        return { ok: false, error: BRIDGE_FAILURE };
      }
    };

  const subscribe =
    <T>(eventName: string) =>
    (listener: (payload: T) => void): (() => void) => {
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload as T);
      ipcRenderer.on(eventName, wrapped);
      return () => {
        ipcRenderer.removeListener(eventName, wrapped);
      };
    };

  // Open-path events can come before the renderer subscribes (a file given on the command line): keep them until then.
  const openPathListeners = new Set<(file: FileGrant) => void>();
  const unheardPaths: FileGrant[] = [];
  ipcRenderer.on(BRIDGE_EVENTS.openPath, (_event: unknown, file: unknown) => {
    if (typeof file !== 'object' || file === null || typeof (file as FileGrant).token !== 'string') return;
    const grant = file as FileGrant;
    if (openPathListeners.size === 0) unheardPaths.push(grant);
    for (const listener of openPathListeners) listener(grant);
  });
  const onOpenPath = (listener: (file: FileGrant) => void): (() => void) => {
    openPathListeners.add(listener);
    for (const path of unheardPaths.splice(0)) listener(path);
    return () => {
      openPathListeners.delete(listener);
    };
  };

  const channels = Object.fromEntries((Object.keys(CHANNEL_LIST) as Channel[]).map((c) => [c, call(c)])) as {
    [C in Channel]: (request: Request<C>) => Promise<Result<Responses[C]>>;
  };

  return {
    ...channels,
    onProgress: subscribe<ProgressEvent>(BRIDGE_EVENTS.progress),
    onMenuCommand: subscribe<MenuCommand>(BRIDGE_EVENTS.menu),
    onOpenPath,
    async grantDroppedFile(file: unknown): Promise<Result<FileGrant> | undefined> {
      let path: string;
      try {
        path = webUtils.getPathForFile(file as never); // '' for a File page code made up: it has no path on disk
      } catch {
        return undefined;
      }
      if (path === '') return undefined;
      try {
        return (await ipcRenderer.invoke(BRIDGE_GRANT_DROP, path)) as Result<FileGrant>;
      } catch {
        return { ok: false, error: BRIDGE_FAILURE };
      }
    },
  };
}
