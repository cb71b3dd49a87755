/**
 * From raw bytes to text, one chunk at a time: fingerprint, refuse what is not CSV text, decode — UTF-8, or
 * Windows-1252, which is what Excel on Windows writes when it saves "CSV".
 *
 * Nothing here holds the whole file: each chunk is hashed and decoded as it arrives (a single string stops at
 * ~512 M characters, and the bytes plus the text cost twice the file in memory).
 *
 * Detection ('auto', the default) cannot look at the whole file first, so it decides at the first byte that is
 * not valid UTF-8: if everything before it was plain ASCII (the same text in both encodings) the file is read as
 * Windows-1252 from the start, and `guess` says where the evidence was; if valid UTF-8 letters came before it,
 * the file mixes encodings and that is an ENCODING error naming the line. A valid UTF-8 file is always UTF-8
 * (a Windows-1252 file is valid UTF-8 only by an unlikely accident, such as 'Ã©' written on purpose).
 */
import { SaplingError } from '../util/errors.js';
import {
  concat,
  countLineFeeds,
  firstInvalidUtf8,
  incompleteTail,
  portableSha256,
  rejectBinary,
  SNIFF_BYTES,
  type Sha256,
} from './bytes.js';

/** The encodings a CSV is decoded with. */
export type CsvEncoding = 'utf-8' | 'windows-1252';
/** What a user may ask for: 'latin1' is read as Windows-1252, as browsers do (see encodingNamed). */
export const ENCODING_NAMES = ['utf-8', 'windows-1252', 'latin1'] as const;
export type EncodingName = (typeof ENCODING_NAMES)[number];
/** 'auto' detects (see above); a name decodes with that encoding only. */
export type EncodingChoice = 'auto' | EncodingName;

/**
 * The encoding a name stands for. Latin-1 (ISO-8859-1) and Windows-1252 agree on every printable Latin-1 character;
 * in 0x80–0x9F Latin-1 has only invisible control codes where Windows-1252 has € ’ “ ” …, which is why the WHATWG
 * Encoding standard (every browser's TextDecoder) reads 'latin1' as Windows-1252, and so do we.
 */
export function encodingNamed(name: EncodingName): CsvEncoding {
  return name === 'utf-8' ? 'utf-8' : 'windows-1252';
}

/** Where the guess that a file is Windows-1252 came from: its first byte that is not UTF-8. */
export interface EncodingGuess {
  readonly byte: number;
  readonly line: number;
}

/** Display name, for messages. */
export function encodingLabel(encoding: CsvEncoding): string {
  return encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252';
}

/**
 * Hashes and decodes a byte stream. The first 8 KB are held back until rejectBinary has seen them.
 * Lines in messages are counted from `linesBefore`: the number of '\n' in the text already handed out (the
 * caller keeps that text or its count; this class keeps neither).
 */
export class TextInput {
  /** Bytes seen so far. */
  length = 0;
  /** The encoding in use: UTF-8 until 'auto' meets a byte that is not. */
  encoding: CsvEncoding;
  /** Set when 'auto' switched to Windows-1252. */
  guess: EncodingGuess | undefined;
  private decoder: InstanceType<typeof TextDecoder>;
  private head: Uint8Array[] | null = [];
  private headLength = 0;
  /** An incomplete UTF-8 sequence at the end of the last chunk (in the decoder), for error offsets. */
  private pending: Uint8Array = new Uint8Array(0);
  /** 'auto': still free to switch to Windows-1252. */
  private readonly detecting: boolean;
  /** Every byte decoded so far was ASCII, so switching to Windows-1252 changes no text already handed out. */
  private asciiSoFar = true;

  constructor(
    private readonly fileName: string,
    private readonly linesBefore: () => number,
    choice: EncodingChoice = 'auto',
    private readonly hash: Sha256 = portableSha256(),
  ) {
    this.encoding = choice === 'auto' ? 'utf-8' : encodingNamed(choice);
    this.detecting = choice === 'auto';
    this.decoder = new TextDecoder(this.encoding, { fatal: this.encoding === 'utf-8' });
  }

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

  /** The rest of the text; throws ENCODING if a UTF-8 file ends inside a character. */
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
    if (this.encoding !== 'utf-8') return this.decoder.decode(chunk, { stream });
    try {
      // ignoreBOM: false (the default) strips a leading UTF-8 BOM, once, at the start of the stream.
      const text = this.decoder.decode(chunk, { stream });
      const pending = incompleteTail(this.pending, chunk);
      // A BOM or a letter beyond ASCII makes the text shorter than the bytes it came from.
      if (this.asciiSoFar && text.length !== this.pending.length + chunk.length - pending.length)
        this.asciiSoFar = false;
      this.pending = pending;
      return text;
    } catch {
      // The decoder rejects a chunk as a whole: find the bad byte in what it had pending plus this chunk.
      const bytes = concat([this.pending, chunk]);
      const at = firstInvalidUtf8(bytes);
      const line = at < 0 ? undefined : this.linesBefore() + countLineFeeds(bytes, at) + 1;
      // Letters (or a BOM) before the bad byte in this same chunk are UTF-8 too: then the file mixes encodings.
      if (this.asciiSoFar && at > 0 && bytes.subarray(0, at).some((b) => b >= 0x80)) this.asciiSoFar = false;
      if (this.detecting && this.asciiSoFar) return this.switchToWindows1252(bytes, at, line, stream);
      throw this.notUtf8(bytes, at, line);
    }
  }

  /** 'auto' met a byte that is not UTF-8 after ASCII only: the whole file is Windows-1252 (nothing handed out changes). */
  private switchToWindows1252(bytes: Uint8Array, at: number, line: number | undefined, stream: boolean): string {
    this.encoding = 'windows-1252';
    this.decoder = new TextDecoder('windows-1252');
    this.guess = { byte: at < 0 ? bytes[bytes.length - 1] : bytes[at], line: line ?? this.linesBefore() + 1 };
    this.pending = new Uint8Array(0);
    return this.decoder.decode(bytes, { stream });
  }

  private notUtf8(bytes: Uint8Array, at: number, line: number | undefined): SaplingError {
    const where = line === undefined ? `${this.fileName}:` : `${this.fileName} line ${line}:`;
    const what = at < 0 ? '' : ` (byte ${hexByte(bytes[at])})`;
    // Detection gets here only after UTF-8 letters: the file mixes two encodings.
    const why = !this.detecting ? '' : at < 0 ? ' (it ends inside a character)' : ', although earlier lines are UTF-8';
    return new SaplingError(
      'ENCODING',
      `${where} the file is not valid UTF-8${what}${why}; save it as UTF-8, or choose the encoding it was saved in (windows-1252 reads any byte)`,
      { file: this.fileName, line },
    );
  }
}

export function hexByte(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

const GUESSED = 'so it was read as Windows-1252, the encoding Excel saves "CSV" in';

/** The warning when 'auto' read a file as Windows-1252. */
export function guessWarning(fileName: string, guess: EncodingGuess): string {
  return (
    `${fileName} is not UTF-8 (byte ${hexByte(guess.byte)} on line ${guess.line}), ${GUESSED}; ` +
    `if letters look wrong, open it again with the encoding it was saved in`
  );
}

/** Whether a dataset warning is guessWarning's (the desktop shows that one as a notice with the choice of encoding). */
export function isEncodingGuessWarning(warning: string): boolean {
  return warning.includes(GUESSED);
}
