/**
 * The exact rows of every fold, stored compactly in a run record.
 *
 * Each row gets one small number: the fold whose test set holds it, or k when no test set does (the
 * training-only rows of a holdout split). Fold i trains on every row not in its test set, which is how
 * both k-fold and holdout splits are built (splits.ts), so this one array gives back every fold exactly.
 * The numbers are bit-packed (⌈log2(k+1)⌉ bits per row) and base64-encoded: 5-fold CV on 100,000
 * rows is 50 KB of text.
 */
import { SaplingError } from '../util/errors.js';
import type { Fold } from '../evaluate/splits.js';

export interface FoldAssignment {
  /** What the row numbers count: rows of the file whose target is present, in file order, from 0. */
  readonly basis: 'rows with a target value, in file order';
  readonly rows: number;
  readonly folds: number;
  readonly bitsPerRow: number;
  /** Base64 of the packed per-row fold numbers (least significant bits first). */
  readonly packed: string;
  /** Train and test size of each fold, for readers who do not decode `packed`. */
  readonly sizes: readonly { readonly train: number; readonly test: number }[];
}

export function encodeFolds(folds: readonly Fold[], rows: number): FoldAssignment {
  const k = folds.length;
  const assignment = new Int32Array(rows).fill(k);
  for (const fold of folds) for (const row of fold.test) assignment[row] = fold.index;
  const bits = bitsFor(k);
  const bytes = new Uint8Array(Math.ceil((rows * bits) / 8));
  assignment.forEach((value, row) => {
    for (let b = 0; b < bits; b++) if ((value >> b) & 1) setBit(bytes, row * bits + b);
  });
  const encoded: FoldAssignment = {
    basis: 'rows with a target value, in file order',
    rows,
    folds: k,
    bitsPerRow: bits,
    packed: toBase64(bytes),
    sizes: folds.map((f) => ({ train: f.train.length, test: f.test.length })),
  };
  return encoded;
}

export function decodeFolds(encoded: FoldAssignment): Fold[] {
  const { rows, folds: k, bitsPerRow: bits } = encoded;
  if (bits !== bitsFor(k))
    throw new SaplingError('BAD_INPUT', `fold assignment: ${bits} bits per row cannot hold ${k} folds`);
  const bytes = fromBase64(encoded.packed);
  if (bytes.length !== Math.ceil((rows * bits) / 8))
    throw new SaplingError('BAD_INPUT', `fold assignment: ${bytes.length} bytes do not hold ${rows} rows`);
  const test: number[][] = Array.from({ length: k }, () => []);
  const train: number[][] = Array.from({ length: k }, () => []);
  for (let row = 0; row < rows; row++) {
    let value = 0;
    for (let b = 0; b < bits; b++) if (getBit(bytes, row * bits + b)) value |= 1 << b;
    if (value > k) throw new SaplingError('BAD_INPUT', `fold assignment: row ${row} has fold ${value} of ${k}`);
    for (let f = 0; f < k; f++) (f === value ? test : train)[f].push(row);
  }
  return test.map((t, index) => ({ index, train: Int32Array.from(train[index]), test: Int32Array.from(t) }));
}

/** Whether two fold lists hold exactly the same rows. */
export function sameFolds(a: readonly Fold[], b: readonly Fold[]): boolean {
  return a.length === b.length && a.every((f, i) => equalRows(f.train, b[i].train) && equalRows(f.test, b[i].test));
}

function equalRows(a: Int32Array, b: Int32Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function bitsFor(k: number): number {
  return Math.max(1, Math.ceil(Math.log2(k + 1)));
}

function setBit(bytes: Uint8Array, bit: number): void {
  bytes[bit >> 3] |= 1 << (bit & 7);
}

function getBit(bytes: Uint8Array, bit: number): boolean {
  return ((bytes[bit >> 3] >> (bit & 7)) & 1) === 1;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(text))
    throw new SaplingError('BAD_INPUT', 'fold assignment: not base64');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, j) => (acc << 6) | Math.max(0, ALPHABET.indexOf(text[i + j])), 0);
    for (const shift of [16, 8, 0]) if (o < out.length) out[o++] = (n >> shift) & 255;
  }
  return out;
}
