/**
 * The renderer's only way out: `window.sapling`, exposed by the preload (or bound by the end-to-end harness).
 * Types come from the IPC contract; nothing here imports Node or Electron.
 */
import type { IpcError, Result, SaplingBridge } from '../../app/ipc/contract.js';

declare global {
  interface Window {
    sapling: SaplingBridge;
  }
}

export function bridge(): SaplingBridge {
  return window.sapling;
}

export function hasBridge(): boolean {
  return typeof window.sapling === 'object' && window.sapling !== null;
}

/** A call that threw instead of resolving to a Result (a broken bridge): shown like any other error. */
export function internalError(error: unknown): IpcError {
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Calls the bridge and never throws: a rejected promise becomes an INTERNAL error result. */
export async function call<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await fn();
  } catch (error) {
    return { ok: false, error: internalError(error) };
  }
}

let counter = 0;
/** A fresh operation id (matches the contract's /^[A-Za-z0-9_-]{1,64}$/). */
export function newOperationId(kind: string): string {
  counter += 1;
  return `${kind}-${Date.now().toString(36)}-${counter}`;
}
