/** Shared helpers for the data tests: read CSV text, read fixtures, look at columns. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cellText, columnByName, type Column, type Dataset } from '../../../app/data/dataset.js';
import { readCsv, type ReadCsvOptions } from '../../../app/data/read-csv.js';
import { SaplingError } from '../../../app/util/errors.js';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Reads CSV text (or bytes, or a stream of chunks) as the file 'data.csv'. */
export function read(
  input: string | Uint8Array | AsyncIterable<Uint8Array>,
  options: Partial<ReadCsvOptions> = {},
): Promise<Dataset> {
  return readCsv(typeof input === 'string' ? utf8(input) : input, { fileName: 'data.csv', ...options });
}

/** Bytes of a file under test/fixtures/. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
}

export function column(dataset: Dataset, name: string): Column {
  const c = columnByName(dataset, name);
  assert.ok(c, `no column '${name}'`);
  return c;
}

/** A column's cells as numbers (NaN kept) or text (null when missing), for deepEqual. */
export function cells(dataset: Dataset, name: string): (number | string | null)[] {
  const c = column(dataset, name);
  if (c.storage === 'number') return Array.from(c.values);
  return Array.from(c.codes, (_, i) => (c.codes[i] < 0 ? null : cellText(c, i)));
}

/** Awaits a rejection with a SaplingError of this code and exact message; returns it for further checks. */
export async function rejectsWith(
  promise: Promise<unknown> | (() => unknown),
  code: string,
  message: string,
): Promise<SaplingError> {
  let error: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof SaplingError, `expected a SaplingError, got ${String(error)}`);
  assert.equal(error.code, code);
  assert.equal(error.message, message);
  return error;
}

/** The given bytes as an async stream of chunks of `size` bytes. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}
