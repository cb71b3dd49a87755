/**
 * Binds the handlers to Electron's ipcMain: one `handle` per contract channel (nothing else is listened
 * to), each checking the sender frame before the handler (which validates the payload) runs. Written
 * against the small interfaces below so test/main/ipc.test.ts drives it with an in-memory ipcMain.
 */
import { GRANT_DROP_CHANNEL, ipcName } from '../app/ipc/bridge.js';
import { CHANNELS, type FileGrant, type Result } from '../app/ipc/contract.js';
import type { Handlers } from './handlers/index.js';
import { failure, describeError, toIpcError } from './result.js';
import type { FrameLike } from './security.js';

export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export const UNTRUSTED_SENDER_MESSAGE = "request refused: it did not come from Sapling's own window";

/**
 * Registers every channel, and (given `grantDrop`) the preload-only drop grant; returns a function that
 * removes them again.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrusted: (frame: FrameLike | null) => boolean,
  log: (message: string) => void = (message) => console.error(message),
  grantDrop?: (path: unknown) => Result<FileGrant>,
): () => void {
  if (grantDrop)
    ipcMain.handle(GRANT_DROP_CHANNEL, async (event, path) => {
      if (!isTrusted(event.senderFrame)) return failure('INVALID_REQUEST', UNTRUSTED_SENDER_MESSAGE);
      return grantDrop(path);
    });
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcName(channel), async (event, payload) => {
      if (!isTrusted(event.senderFrame)) {
        log(`sapling: refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return failure('INVALID_REQUEST', UNTRUSTED_SENDER_MESSAGE);
      }
      try {
        return await handlers[channel](payload);
      } catch (error) {
        // Handlers never throw; this is a last guard so nothing escapes as an exception across IPC.
        log(`sapling: ${channel} threw\n${describeError(error)}`);
        return { ok: false, error: toIpcError(error).error };
      }
    });
  }
  return () => {
    if (grantDrop) ipcMain.removeHandler(GRANT_DROP_CHANNEL);
    for (const channel of CHANNELS) ipcMain.removeHandler(ipcName(channel));
  };
}
