/**
 * How errors cross the IPC bridge: always as a `Result` value, never as a thrown exception.
 * A SaplingError keeps its code and location (the UI names the file, line and column); anything else is
 * a bug: the user sees a generic INTERNAL message and the stack goes to main's log only.
 */
import type { IpcError, Result } from '../app/ipc/contract.js';
import { SaplingError } from '../app/util/errors.js';

export const INTERNAL_MESSAGE = 'Something went wrong inside Sapling. The details were written to its log.';

/** An error that is already an IpcError (e.g. one the worker sent back): thrown inside main, passed through as is. */
export class IpcFailure extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'IpcFailure';
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(code: IpcError['code'], message: string): { readonly ok: false; readonly error: IpcError } {
  return { ok: false, error: { code, message } };
}

/** The IpcError for anything thrown; `internal` is true when it was unexpected (log it). */
export function toIpcError(error: unknown): { error: IpcError; internal: boolean } {
  if (error instanceof IpcFailure) return { error: error.error, internal: false };
  if (error instanceof SaplingError) {
    const { file, line, column } = error.location;
    const location = {
      ...(file !== undefined ? { file } : {}),
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
    };
    return {
      error: { code: error.code, message: error.message, ...(Object.keys(location).length > 0 ? { location } : {}) },
      internal: false,
    };
  }
  return { error: { code: 'INTERNAL', message: INTERNAL_MESSAGE }, internal: true };
}

/** The value of a Result, or an IpcFailure thrown with its error. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new IpcFailure(result.error);
}

/** Text for a log line: the stack when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
