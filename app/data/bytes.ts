/**
 * From raw bytes to text, one chunk at a time: fingerprint, refuse what is not CSV text, decode UTF-8.
 *
 * Nothing here holds the whole file: each chunk is hashed and decoded as it arrives (a single string
 * stops at ~512 M characters, and the bytes plus the text cost twice the file in memory).
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

/**
 * Hashes and decodes a byte stream. The first 8 KB are held back until rejectBinary has seen them.
 * Invalid UTF-8 throws ENCODING naming its line, counted from `linesBefore`: the number of '\n' in the
 * text already handed out (the caller keeps that text or its count; this class keeps neither).
 */
export class Utf8Input {
  /** Bytes seen so far. */
  length = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private head: Uint8Array[] | null = [];
  private headLength = 0;
  /** An incomplete UTF-8 sequence at the end of the last chunk (in the decoder), for error offsets. */
  private pending: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly fileName: string,
    private readonly linesBefore: () => number,
    private readonly hash: Sha256 = portableSha256(),
  ) {}

  /** Text of this chunk ('' while the first 8 KB are held back). The chunk may be reused by the caller afterwards. */
  push(chunk: Uint8Array): string {
    this.length += chunk.length;
    this.hash.update(chunk);
    if (this.head === null) return this.decode(chunk, true);
    // Copy: a stream may reuse its buffer for the next chunk.
    this.head.push(chunk.slice());
    this.headLength += chunk.length;
    return this.headLength < SNIFF_BYTES ? '' : this.releaseHead();
  }

  /** The rest of the text; throws ENCODING if the file ends inside a character. */
  end(): string {
    return this.head === null ? this.decode(new Uint8Array(0), false) : this.releaseHead(false);
  }

  /** SHA-256 of all bytes, hex. */
  digest(): string {
    return this.hash.hex();
  }

  private releaseHead(stream = true): string {
    const head = concat(this.head ?? []);
    this.head = null;
    rejectBinary(head, this.fileName);
    return this.decode(head, stream);
  }

  private decode(chunk: Uint8Array, stream: boolean): string {
    try {
      // ignoreBOM: false (the default) strips a leading UTF-8 BOM, once, at the start of the stream.
      const text = this.decoder.decode(chunk, { stream });
      this.pending = incompleteTail(this.pending, chunk);
      return text;
    } catch {
      // The decoder rejects a chunk as a whole: find the bad byte in what it had pending plus this chunk.
      const bytes = concat([this.pending, chunk]);
      const at = firstInvalidUtf8(bytes);
      const line = at < 0 ? undefined : this.linesBefore() + countLineFeeds(bytes, at) + 1;
      const where = line === undefined ? `${this.fileName}:` : `${this.fileName} line ${line}:`;
      const what = at < 0 ? '' : ` (byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')})`;
      throw new SaplingError('ENCODING', `${where} the file is not valid UTF-8${what}; save it as UTF-8`, {
        file: this.fileName,
        line,
      });
    }
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
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
function incompleteTail(before: Uint8Array, chunk: Uint8Array): Uint8Array {
  const bytes = chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : concat([before, chunk]).subarray(-3);
  for (let k = bytes.length - 1; k >= 0; k--) {
    const b = bytes[k];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return bytes.length - k < need ? bytes.slice(k) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

function countLineFeeds(bytes: Uint8Array, end: number): number {
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

const SNIFF_BYTES = 8192;

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
