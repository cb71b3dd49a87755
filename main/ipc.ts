/**
 * Binds the handlers to Electron's ipcMain: one `handle` per contract channel (nothing else is listened
 * to), each checking the sender frame before the handler (which validates the payload) runs. Written
 * against the small interfaces below so test/main/ipc.test.ts drives it with an in-memory ipcMain.
 */
import { ipcName } from '../app/ipc/bridge.js';
import { CHANNELS } from '../app/ipc/contract.js';
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

/** Registers every channel; returns a function that removes them again. */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrusted: (frame: FrameLike | null) => boolean,
  log: (message: string) => void = (message) => console.error(message),
): () => void {
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
    for (const channel of CHANNELS) ipcMain.removeHandler(ipcName(channel));
  };
}
