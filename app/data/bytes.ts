/**
 * From raw bytes to text: fingerprint, refuse what is not CSV text, decode UTF-8.
 *
 * The whole file is held once as bytes and once as a string; that is the price of parsing a string
 * with papaparse (see engineering notes: ~600 MB is the ceiling of a single string).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { SaplingError, throwIfAborted } from '../util/errors.js';

export interface CollectedBytes {
  readonly bytes: Uint8Array;
  /** SHA-256 of all bytes, hex. */
  readonly sha256: string;
}

const HASH_SLICE = 8 * 2 ** 20;

/** Reads the input to the end, hashing as it goes; checks `signal` between chunks. */
export async function collectBytes(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  signal?: AbortSignal,
  onProgress?: (bytesRead: number) => void,
): Promise<CollectedBytes> {
  throwIfAborted(signal);
  const hash = sha256.create();
  if (input instanceof Uint8Array) {
    // Hashing 100 MB takes over a second: do it in slices so that Cancel is heard.
    for (let offset = 0; offset < input.length; offset += HASH_SLICE) {
      hash.update(input.subarray(offset, offset + HASH_SLICE));
      if (offset + HASH_SLICE < input.length) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        throwIfAborted(signal);
      }
    }
    onProgress?.(input.length);
    return { bytes: input, sha256: bytesToHex(hash.digest()) };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of input) {
    throwIfAborted(signal);
    hash.update(chunk);
    // Copy: a stream may reuse its buffer for the next chunk.
    chunks.push(chunk.slice());
    total += chunk.length;
    onProgress?.(total);
  }
  throwIfAborted(signal);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return { bytes, sha256: bytesToHex(hash.digest()) };
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
    throw new SaplingError('ENCODING', `${fileName}: the file is UTF-16 text; save it as UTF-8`, { file: fileName, line: 1 });
  }
  for (const [what, sig] of MAGIC) {
    if (bytes.length >= sig.length && startsWith(sig)) {
      throw new SaplingError('BINARY_FILE', `${fileName}: this is ${what}, not a CSV text file`, { file: fileName });
    }
  }
  const nul = bytes.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nul >= 0) {
    throw new SaplingError('BINARY_FILE', `${fileName}: this is a binary file, not CSV text (NUL byte at offset ${nul})`, {
      file: fileName,
    });
  }
}

/** Decodes strict UTF-8 (a BOM is dropped); invalid bytes throw ENCODING naming their line. */
export function decodeUtf8(bytes: Uint8Array, fileName: string): string {
  try {
    // ignoreBOM: false (the default) strips a leading UTF-8 BOM.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof RangeError) {
      // V8 strings stop at ~512 M characters.
      throw new SaplingError('BAD_INPUT', `${fileName}: the file is too large to read (${Math.round(bytes.length / 2 ** 20)} MB)`, {
        file: fileName,
      });
    }
    const at = firstInvalidUtf8(bytes);
    const line = at < 0 ? undefined : lineOfByte(bytes, at);
    const where = line === undefined ? `${fileName}:` : `${fileName} line ${line}:`;
    const what = at < 0 ? '' : ` (byte 0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')})`;
    throw new SaplingError('ENCODING', `${where} the file is not valid UTF-8${what}; save it as UTF-8`, { file: fileName, line });
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

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let p = bytes.indexOf(0x0a); p >= 0 && p < offset; p = bytes.indexOf(0x0a, p + 1)) line++;
  return line;
}
