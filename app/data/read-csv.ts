/**
 * CSV file → Dataset, in one streaming pass: bytes are hashed and decoded chunk by chunk (bytes.ts),
 * split into records (rows.ts: our fast path for quote-free text, papaparse for quotes) and written
 * straight into typed column blocks (table.ts, columns.ts). Memory is the columns plus a window of
 * ~1 M characters, whatever the file size. Every check and message is the same as a whole-file read,
 * except that in a file over ~1 MB an error early in the file may be reported before an encoding
 * error further on (a whole-file read decoded everything first).
 */
import { SaplingError, throwIfAborted } from '../util/errors.js';
import type { Column, Dataset } from './dataset.js';
import type { Sha256 } from './bytes.js';
import { guessWarning, TextInput, type EncodingChoice } from './text-input.js';
import { DEFAULT_MISSING_TOKENS } from './cells.js';
import { countChar, guessNewline, RecordSplitter } from './rows.js';
import { SAMPLE_CHARS, sniffDelimiter, type Delimiter } from './sniff.js';
import { BlankHeader, TableBuilder } from './table.js';

export interface ReadCsvOptions {
  /** Name used in messages and recorded in the source: a basename, not a full path. */
  readonly fileName: string;
  /** Default: sniffed from the first lines. */
  readonly delimiter?: Delimiter;
  /** Default 'auto': UTF-8 when the bytes are valid UTF-8, else Windows-1252 with a warning (text-input.ts). */
  readonly encoding?: EncodingChoice;
  /** Read `1,5` as 1.5. Default: true iff the delimiter is ';'. */
  readonly decimalComma?: boolean;
  /** Cells equal to one of these after trimming are missing. Default DEFAULT_MISSING_TOKENS; the empty cell is always missing. */
  readonly missingTokens?: readonly string[];
  readonly signal?: AbortSignal;
  /** Called as input bytes arrive (once for a Uint8Array). */
  readonly onProgress?: (bytesRead: number) => void;
  /** Size of the input in bytes, if known (a Uint8Array's is): columns are then allocated once, at about their final size. */
  readonly expectedBytes?: number;
  /** SHA-256 for the fingerprint. Default: portable pure JS; hosts pass a native one (io/hash.ts), as it is ~40% of the read time. */
  readonly createSha256?: () => Sha256;
}

export { DEFAULT_MISSING_TOKENS };

/** Input arrays are fed in slices of this size, like a file stream, so they are never decoded whole. */
const SLICE_BYTES = 1 << 20;
/** Let other tasks (the user's Cancel) run at least this often. */
const PAUSE_MS = 20;

/**
 * Reads a CSV file (UTF-8, or Windows-1252 as Excel writes it: see text-input.ts) with a header row. Every problem a user can fix throws a SaplingError naming
 * the file and line (see test/fixtures/bad/). Reading rules, in short:
 * - the first non-blank line is the header; blank lines are skipped; every row has the header's field count;
 * - cells and header names are trimmed (also inside quotes: surrounding spaces are formatting, not data);
 * - column types: numeric (plain decimal numbers; `007` is a code, so text), boolean (true/false or
 *   yes/no, stored 0/1), categorical, identifier (unique per row: text from 20 rows on, or integers
 *   in a column named like an id), constant (at most one distinct value). See app/data/cells.ts.
 */
export async function readCsv(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  options: ReadCsvOptions,
): Promise<Dataset> {
  const { fileName, signal } = options;
  throwIfAborted(signal);
  const empty = (): SaplingError =>
    new SaplingError('EMPTY_FILE', `${fileName}: the file is empty`, { file: fileName });
  const tokens = options.missingTokens ?? DEFAULT_MISSING_TOKENS;
  const missingTokens = tokens.includes('') ? [...tokens] : ['', ...tokens];
  const missing = new Set(missingTokens.map((t) => t.trim()));

  let reader:
    { splitter: RecordSplitter; table: TableBuilder; delimiter: Delimiter; decimalComma: boolean } | undefined;
  let head = ''; // text before the delimiter is known (sniffed on the first 64 K characters)
  let nonSpace = false; // a non-whitespace character was seen: the file is not empty
  let blankHeader: SaplingError | undefined; // EMPTY_HEADER, or EMPTY_FILE if nothing but blanks follows
  const bytes = new TextInput(
    fileName,
    () => (reader ? reader.splitter.lineFeeds() : countChar(head, '\n')),
    options.encoding ?? 'auto',
    options.createSha256?.(),
  );

  const take = (text: string, final: boolean): void => {
    if (!nonSpace && /\S/.test(text)) nonSpace = true;
    if (blankHeader !== undefined) {
      if (nonSpace) throw blankHeader;
      return;
    }
    if (reader === undefined) {
      head += text;
      if (!final && head.length <= SAMPLE_CHARS) return;
      const delimiter = options.delimiter ?? sniffDelimiter(head);
      const decimalComma = options.decimalComma ?? delimiter === ';';
      const table = new TableBuilder(delimiter, fileName, { missing, decimalComma });
      reader = {
        splitter: new RecordSplitter(delimiter, guessNewline(head, delimiter), fileName, table),
        table,
        delimiter,
        decimalComma,
      };
      [text, head] = [head, ''];
    }
    try {
      reader.splitter.push(text, final);
    } catch (e) {
      if (!(e instanceof BlankHeader)) throw e;
      // A header of blanks only (tabs): the file is empty if the rest is blank too, as a whole-file check would say.
      if (nonSpace) throw e.error;
      blankHeader = e.error;
    }
  };

  const whole = input instanceof Uint8Array;
  if (whole) options.onProgress?.(input.length);
  let expectedBytes = whole ? input.length : (options.expectedBytes ?? 0);
  let paused = -Infinity;
  for await (const chunk of whole ? slices(input) : input) {
    throwIfAborted(signal);
    const text = bytes.push(chunk);
    if (!whole) options.onProgress?.(bytes.length);
    take(text, false);
    // Rows per byte so far, once a few thousand rows are in: a good guess at the row count for typical files.
    if (expectedBytes > 0 && reader !== undefined && reader.table.rows >= 4096) {
      reader.table.expectRows((reader.table.rows / bytes.length) * expectedBytes);
      expectedBytes = 0;
    }
    if (performance.now() - paused >= PAUSE_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      paused = performance.now();
    }
  }
  throwIfAborted(signal);
  const rest = bytes.end();
  if (bytes.length === 0) throw empty();
  take(rest, true);
  if (!nonSpace || reader === undefined) throw empty();
  const { table, delimiter, decimalComma } = reader;
  // Unreachable for non-blank text, but keeps the types honest.
  if (table.columns === undefined) throw empty();
  if (table.rows === 0) {
    throw new SaplingError(
      'HEADER_ONLY',
      `${fileName}: the file has a header (line ${table.headerLine}) but no data rows`,
      {
        file: fileName,
        line: table.headerLine,
      },
    );
  }
  throwIfAborted(signal);
  const columns = table.finish();
  const encoding =
    bytes.encoding === 'utf-8' ? {} : { encoding: { name: bytes.encoding, guessed: bytes.guess !== undefined } };
  return {
    source: {
      fileName,
      sha256: bytes.digest(),
      bytes: bytes.length,
      delimiter,
      decimalComma,
      missingTokens,
      ...encoding,
    },
    rowCount: table.rows,
    columns,
    warnings: [
      ...(bytes.guess ? [guessWarning(fileName, bytes.guess)] : []),
      ...table.warnings,
      ...columns.flatMap(exclusionWarning),
    ],
  };
}

function* slices(bytes: Uint8Array): Iterable<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) yield bytes.subarray(offset, offset + SLICE_BYTES);
}

function exclusionWarning(c: Column): string[] {
  if (c.type === 'identifier')
    return [`column '${c.name}' looks like a row identifier (unique per row); it is excluded from features by default`];
  if (c.type !== 'constant') return [];
  const value = c.storage === 'number' ? c.values.find((v) => !Number.isNaN(v)) : c.categories[0];
  if (value === undefined)
    return [`column '${c.name}' is empty (every cell is missing); it is excluded from features by default`];
  return [`column '${c.name}' has a single value ('${value}'); it is excluded from features by default`];
}
