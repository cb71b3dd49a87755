/**
 * Seeded mutations of CSV bytes for the fuzz test (csv-fuzz.test.ts): each returns new bytes from old ones and
 * the rng, and is named so that a failure says which mutations made the input.
 */
import type { Rng } from '../../app/util/random.js';

export type Mutation = (bytes: Uint8Array, rng: Rng) => Uint8Array;

const encoder = new TextEncoder();
const ascii = (text: string): Uint8Array => encoder.encode(text);

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

const anywhere = (bytes: Uint8Array, rng: Rng): number => rng.int(bytes.length + 1);
const pick = <T>(items: readonly T[], rng: Rng): T => items[rng.int(items.length)];

/** Offsets of the first byte of every cell that looks like a number (digits after a delimiter or line start). */
function numberCells(bytes: Uint8Array): { start: number; end: number }[] {
  const cells: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const b = i < bytes.length ? bytes[i] : 10;
    if (b === 44 || b === 10 || b === 13 || b === 59 || b === 9) {
      const cell = bytes.subarray(start, i);
      if (cell.length > 0 && cell.every((c) => (c >= 48 && c <= 57) || c === 46 || c === 45))
        cells.push({ start, end: i });
      start = i + 1;
    }
  }
  return cells;
}

const EXTREME_NUMBERS = [
  '1e400',
  '-1e400',
  '1e308',
  '-1e308',
  '1.7976931348623157e308',
  '-1.7976931348623157e308',
  '1e-400',
  '4.9e-324',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '9'.repeat(400),
  '1e99999999999',
  '-0',
];

const INVALID_UTF8 = [[0xff], [0xc3], [0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe9]];

export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  byteFlip: (bytes, rng) => {
    const out = bytes.slice();
    for (let k = 1 + rng.int(4); k > 0 && out.length > 0; k--) out[rng.int(out.length)] = rng.int(256);
    return out;
  },
  truncate: (bytes, rng) => bytes.slice(0, rng.int(bytes.length + 1)),
  truncateInsideQuotes: (bytes, rng) => {
    // Open a quoted cell and cut the file inside it.
    const at = rng.int(bytes.length + 1);
    const quoted = splice(bytes, at, 0, ascii('"inside a quote\n'));
    return quoted.slice(0, Math.min(quoted.length, at + 1 + rng.int(16)));
  },
  insertQuote: (bytes, rng) => splice(bytes, anywhere(bytes, rng), 0, ascii(pick(['"', '""', '"\n"', '"a"b'], rng))),
  insertDelimiter: (bytes, rng) =>
    splice(bytes, anywhere(bytes, rng), 0, ascii(pick([',', ';', '\t', '|', ',,'], rng))),
  insertNewline: (bytes, rng) => splice(bytes, anywhere(bytes, rng), 0, ascii(pick(['\n', '\r\n', '\r', '\n\n'], rng))),
  nulBytes: (bytes, rng) => splice(bytes, anywhere(bytes, rng), 0, new Uint8Array(1 + rng.int(3))),
  extremeNumber: (bytes, rng) => {
    const cells = numberCells(bytes);
    const number = ascii(pick(EXTREME_NUMBERS, rng));
    if (cells.length === 0) return splice(bytes, anywhere(bytes, rng), 0, number);
    const { start, end } = pick(cells, rng);
    return splice(bytes, start, end - start, number);
  },
  extremeColumn: (bytes, rng) => {
    // Every number cell of the file becomes 1e308 or −1e308 (a whole column at the edge of the range).
    let out = bytes;
    const cells = numberCells(bytes).reverse();
    for (const { start, end } of cells) out = splice(out, start, end - start, ascii(rng.int(2) ? '1e308' : '-1e308'));
    return out;
  },
  longLine: (bytes, rng) => {
    // A cell longer than the reader's 1 M-character window, sometimes quoted with newlines inside.
    const length = (1 << 20) + rng.int(1 << 16);
    const cell = rng.int(2) ? 'x'.repeat(length) : `"${'y\n'.repeat(length >> 1)}"`;
    return splice(bytes, anywhere(bytes, rng), 0, ascii(cell));
  },
  wideHeader: (_bytes, rng) => {
    const columns = pick([2_000, 5_000, 20_000], rng);
    const header = Array.from({ length: columns }, (_, j) => `c${j}`).join(',');
    const row = Array.from({ length: columns }, (_, j) => String(j % 10)).join(',');
    return ascii(`${header}\n${row}\n${rng.int(2) ? row : row.slice(0, row.length >> 1)}\n`);
  },
  invalidUtf8: (bytes, rng) => splice(bytes, anywhere(bytes, rng), 0, Uint8Array.from(pick(INVALID_UTF8, rng))),
  crOnlyEndings: (bytes) => bytes.map((b) => (b === 10 ? 13 : b)),
  byteOrderMark: (bytes, rng) =>
    splice(
      bytes,
      0,
      0,
      Uint8Array.from(
        pick(
          [
            [0xef, 0xbb, 0xbf],
            [0xff, 0xfe],
            [0xfe, 0xff],
          ],
          rng,
        ),
      ),
    ),
  duplicateLine: (bytes, rng) => {
    const text = new TextDecoder().decode(bytes);
    const lines = text.split('\n');
    lines.splice(rng.int(lines.length + 1), 0, lines[rng.int(lines.length)] ?? '');
    return ascii(lines.join('\n'));
  },
  dropLines: (bytes, rng) => {
    const lines = new TextDecoder().decode(bytes).split('\n');
    return ascii(lines.filter(() => rng.int(3) > 0).join('\n'));
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);
/** Costly mutations (a megabyte line, thousands of columns): used on a few inputs only, to keep the test bounded. */
export const COSTLY = new Set(['longLine', 'wideHeader']);
