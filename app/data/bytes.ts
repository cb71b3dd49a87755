/**
 * Raw bytes: the fingerprint (SHA-256), what is not CSV text (binary formats, UTF-16), where UTF-8 breaks.
 * text-input.ts turns the bytes into text with these, one chunk at a time.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { SaplingError } from '../util/errors.js';

/** An incremental SHA-256. */
export interface Sha256 {
  update(bytes: Uint8Array): void;
  /** The digest of everything so far, lowercase hex. */
  hex(): string;
}

/** Pure-JS SHA-256 (runs anywhere, ~130 MB/s here); a host can pass a native one to readCsv (io/hash.ts, ~1.6 GB/s). */
export function portableSha256(): Sha256 {
  const hash = sha256.create();
  return { update: (bytes) => void hash.update(bytes), hex: () => bytesToHex(hash.digest()) };
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * The bytes of a character left incomplete at the end of `before` + `chunk` (already accepted by the
 * decoder, so they are a valid prefix): at most 3 bytes, none of them a line feed.
 */
export function incompleteTail(before: Uint8Array, chunk: Uint8Array): Uint8Array {
  const bytes = chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : concat([before, chunk]).subarray(-3);
  for (let k = bytes.length - 1; k >= 0; k--) {
    const b = bytes[k];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return bytes.length - k < need ? bytes.slice(k) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

export function countLineFeeds(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let p = bytes.indexOf(0x0a); p >= 0 && p < end; p = bytes.indexOf(0x0a, p + 1)) n++;
  return n;
}

// Formats people mistake for CSV, by their first bytes, so the message can say what the file is.
const MAGIC: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a zip archive (an .xlsx workbook is one; save it as CSV)', [0x50, 0x4b, 0x03, 0x04]],
  ['an old Excel .xls workbook (save it as CSV)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
];

export const SNIFF_BYTES = 8192;

/** Throws BINARY_FILE for known binary formats or a NUL byte in the first 8 KB, ENCODING for UTF-16. */
export function rejectBinary(bytes: Uint8Array, fileName: string): void {
  const startsWith = (sig: readonly number[]): boolean => sig.every((b, i) => bytes[i] === b);
  // UTF-16 text is full of NULs; say what it is rather than calling it binary.
  if (startsWith([0xff, 0xfe]) || startsWith([0xfe, 0xff])) {
    throw new SaplingError('ENCODING', `${fileName}: the file is UTF-16 text; save it as UTF-8`, {
      file: fileName,
      line: 1,
    });
  }
  for (const [what, sig] of MAGIC) {
    if (bytes.length >= sig.length && startsWith(sig)) {
      throw new SaplingError('BINARY_FILE', `${fileName}: this is ${what}, not a CSV text file`, { file: fileName });
    }
  }
  const nul = bytes.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nul >= 0) {
    throw new SaplingError(
      'BINARY_FILE',
      `${fileName}: this is a binary file, not CSV text (NUL byte at offset ${nul})`,
      {
        file: fileName,
      },
    );
  }
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF), or −1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = i + k < n ? bytes[i + k] : -1;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}
