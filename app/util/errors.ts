/**
 * One error type for everything the user can fix: bad files, unknown columns, bad parameters.
 * The CLI prints `error: <message>` for these and exits 1; anything else is a bug and keeps its stack.
 * The desktop app sends `code` and `location` across IPC so the UI can name the file, line and column.
 */
export type SaplingErrorCode =
  | 'EMPTY_FILE'
  | 'HEADER_ONLY'
  | 'RAGGED_ROW'
  | 'UNCLOSED_QUOTE'
  | 'DUPLICATE_HEADER'
  | 'EMPTY_HEADER'
  /** More columns than MAX_COLUMNS (app/data/table.ts). */
  | 'TOO_MANY_COLUMNS'
  | 'BINARY_FILE'
  | 'ENCODING'
  | 'UNKNOWN_COLUMN'
  | 'SINGLE_CLASS'
  | 'TARGET_ALL_MISSING'
  | 'BAD_INPUT'
  | 'BAD_PARAMETER'
  | 'NOT_FITTED'
  | 'CANCELLED'
  | 'BAD_MODEL_FILE'
  /** A second file (e.g. `--test-file`) lacks columns the models need, or holds another kind of values in them. */
  | 'SCHEMA_MISMATCH'
  /** An LLM endpoint refused or failed a request (after retries), or answered in a shape we cannot read. */
  | 'LLM_REQUEST'
  /** An LLM run hit its request or cost budget and stopped. */
  | 'LLM_BUDGET';

export interface ErrorLocation {
  readonly file?: string;
  /** 1-based line in the file. */
  readonly line?: number;
  /** 1-based column (field) number. */
  readonly column?: number;
}

export class SaplingError extends Error {
  override readonly name = 'SaplingError';
  constructor(
    readonly code: SaplingErrorCode,
    message: string,
    readonly location: ErrorLocation = {},
  ) {
    super(message);
  }
}

/** Thrown when an AbortSignal fires; callers treat it as a normal, user-requested stop. */
export function cancelled(): SaplingError {
  return new SaplingError('CANCELLED', 'cancelled by the user');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}
