/**
 * CSV file → Dataset. papaparse tokenizes (quotes, quoted newlines, CRLF); everything else is ours:
 * fingerprint, binary/encoding checks, delimiter sniffing, strict shape checks with line numbers,
 * and column typing. Two passes over the decoded text keep memory to the typed columns:
 * pass 1 validates and decides each column's type, pass 2 fills the typed arrays.
 */
import { SaplingError, throwIfAborted } from '../util/errors.js';
import type { Column, Dataset } from './dataset.js';
import { collectBytes, decodeUtf8, rejectBinary } from './bytes.js';
import { DEFAULT_MISSING_TOKENS, looksLikeIdName, parseBoolean, parseNumber, type BoolVocabulary } from './cells.js';
import { at, eachRecord, guessNewline, type CsvRecord } from './rows.js';
import { sniffDelimiter, type Delimiter } from './sniff.js';

export interface ReadCsvOptions {
  /** Name used in messages and recorded in the source: a basename, not a full path. */
  readonly fileName: string;
  /** Default: sniffed from the first lines. */
  readonly delimiter?: Delimiter;
  /** Read `1,5` as 1.5. Default: true iff the delimiter is ';'. */
  readonly decimalComma?: boolean;
  /** Cells equal to one of these after trimming are missing. Default DEFAULT_MISSING_TOKENS; the empty cell is always missing. */
  readonly missingTokens?: readonly string[];
  readonly signal?: AbortSignal;
  /** Called as input bytes arrive (once for a Uint8Array). */
  readonly onProgress?: (bytesRead: number) => void;
}

export { DEFAULT_MISSING_TOKENS };

/** Text columns unique on every row are identifiers only from this many rows on (a 5-row table of names is just small). */
const MIN_ROWS_FOR_TEXT_ID = 20;

/**
 * Reads a UTF-8 CSV file with a header row. Every problem a user can fix throws a SaplingError naming
 * the file and line (see test/fixtures/bad/). Reading rules, in short:
 * - the first non-blank line is the header; blank lines are skipped; every row has the header's field count;
 * - cells and header names are trimmed (also inside quotes: surrounding spaces are formatting, not data);
 * - column types: numeric (plain decimal numbers; `007` is a code, so text), boolean (true/false or
 *   yes/no, stored 0/1), categorical, identifier (unique per row: text from 20 rows on, or integers
 *   in a column named like an id), constant (at most one distinct value). See app/data/cells.ts.
 */
export async function readCsv(input: Uint8Array | AsyncIterable<Uint8Array>, options: ReadCsvOptions): Promise<Dataset> {
  const { fileName, signal } = options;
  const { bytes, sha256 } = await collectBytes(input, signal, options.onProgress);
  const empty = (): SaplingError => new SaplingError('EMPTY_FILE', `${fileName}: the file is empty`, { file: fileName });
  if (bytes.length === 0) throw empty();
  rejectBinary(bytes, fileName);
  const text = decodeUtf8(bytes, fileName);
  if (!/\S/.test(text)) throw empty();

  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const decimalComma = options.decimalComma ?? delimiter === ';';
  const tokens = options.missingTokens ?? DEFAULT_MISSING_TOKENS;
  const missingTokens = tokens.includes('') ? [...tokens] : ['', ...tokens];
  const cells: CellReader = { missing: new Set(missingTokens.map((t) => t.trim())), decimalComma };
  const csv: CsvText = { text, delimiter, newline: guessNewline(text, delimiter), fileName };

  const scan = await scanPass(csv, cells, signal);
  if (scan.rowCount === 0) {
    throw new SaplingError('HEADER_ONLY', `${fileName}: the file has a header (line ${scan.headerLine}) but no data rows`, {
      file: fileName,
      line: scan.headerLine,
    });
  }
  throwIfAborted(signal);
  const columns = await fillPass(csv, cells, scan, signal);
  return {
    source: { fileName, sha256, bytes: bytes.length, delimiter, decimalComma, missingTokens },
    rowCount: scan.rowCount,
    columns,
    warnings: columns.flatMap(exclusionWarning),
  };
}

interface CsvText {
  readonly text: string;
  readonly delimiter: Delimiter;
  readonly newline: '\n' | '\r\n' | '\r';
  readonly fileName: string;
}

interface CellReader {
  readonly missing: ReadonlySet<string>;
  readonly decimalComma: boolean;
}

/** What pass 1 learns about a column. */
interface ColumnScan {
  readonly name: string;
  nonMissing: number;
  /** Every non-missing cell so far is a plain number. */
  numeric: boolean;
  integer: boolean;
  /** undefined: no cell yet; null: not boolean. */
  vocabulary: BoolVocabulary | null | undefined;
  /** Bit 0: a false/no was seen; bit 1: a true/yes. */
  boolSeen: number;
}

interface Scan {
  readonly headerLine: number;
  readonly columns: ColumnScan[];
  readonly rowCount: number;
}

// Blank lines (and a trailing newline, which papaparse returns as one empty row) are skipped.
// In a one-column file this means a missing value must be written as a token such as NA.
function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0].trim() === '';
}

/** Pass 1: header checks, field counts, and the facts that decide each column's type. */
async function scanPass(csv: CsvText, cells: CellReader, signal?: AbortSignal): Promise<Scan> {
  const { fileName } = csv;
  let header: ColumnScan[] | undefined;
  let headerLine = 0;
  let rowCount = 0;
  await eachRecord(
    csv.text,
    csv.delimiter,
    csv.newline,
    fileName,
    ({ fields, line }: CsvRecord) => {
      if (isBlank(fields)) return;
      if (header === undefined) {
        header = readHeader(fields, line, fileName);
        headerLine = line;
        return;
      }
      if (fields.length !== header.length) {
        throw new SaplingError('RAGGED_ROW', `${at(fileName, line)}: expected ${header.length} fields (as in the header) but found ${fields.length}`, {
          file: fileName,
          line,
        });
      }
      rowCount++;
      for (let j = 0; j < fields.length; j++) scanCell(header[j], fields[j].trim(), cells);
    },
    signal,
  );
  // Unreachable for non-blank text, but keeps the types honest.
  if (header === undefined) throw new SaplingError('EMPTY_FILE', `${fileName}: the file is empty`, { file: fileName });
  return { headerLine, columns: header, rowCount };
}

function readHeader(fields: readonly string[], line: number, fileName: string): ColumnScan[] {
  const names = fields.map((f) => f.trim());
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    if (name === '') {
      throw new SaplingError('EMPTY_HEADER', `${at(fileName, line)}: column ${j + 1} has no name`, { file: fileName, line, column: j + 1 });
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new SaplingError('DUPLICATE_HEADER', `${at(fileName, line)}: columns ${first + 1} and ${j + 1} are both named '${name}'`, {
        file: fileName,
        line,
        column: j + 1,
      });
    }
    seen.set(name, j);
  });
  return names.map((name) => ({ name, nonMissing: 0, numeric: true, integer: true, vocabulary: undefined, boolSeen: 0 }));
}

function scanCell(s: ColumnScan, cell: string, cells: CellReader): void {
  if (cells.missing.has(cell)) return;
  s.nonMissing++;
  if (s.numeric) {
    const v = parseNumber(cell, cells.decimalComma);
    if (Number.isNaN(v)) s.numeric = false;
    else if (s.integer && !Number.isInteger(v)) s.integer = false;
  }
  if (s.vocabulary !== null) {
    const b = parseBoolean(cell);
    if (b === undefined || (s.vocabulary !== undefined && s.vocabulary !== b.vocabulary)) s.vocabulary = null;
    else {
      s.vocabulary = b.vocabulary;
      s.boolSeen |= 1 << b.value;
    }
  }
}

type Storage = 'number' | 'boolean' | 'text';

function storageOf(s: ColumnScan): Storage {
  if (s.nonMissing > 0 && s.numeric) return 'number';
  // A boolean column with only one of its two values is a constant: keep the word, not a 0/1.
  if (s.vocabulary && s.boolSeen === 3) return 'boolean';
  return 'text';
}

/** Pass 2: typed arrays, then the final column types. */
async function fillPass(csv: CsvText, cells: CellReader, scan: Scan, signal?: AbortSignal): Promise<Column[]> {
  const n = scan.rowCount;
  const storages = scan.columns.map(storageOf);
  const numbers = storages.map((st) => (st === 'text' ? undefined : new Float64Array(n)));
  const codes = storages.map((st) => (st === 'text' ? new Int32Array(n) : undefined));
  const dictionaries = storages.map(() => new Map<string, number>());
  let headerSeen = false;
  let row = 0;
  await eachRecord(
    csv.text,
    csv.delimiter,
    csv.newline,
    csv.fileName,
    ({ fields }: CsvRecord) => {
      if (isBlank(fields)) return;
      if (!headerSeen) {
        headerSeen = true;
        return;
      }
      for (let j = 0; j < fields.length; j++) {
        const cell = fields[j].trim();
        const missing = cells.missing.has(cell);
        const values = numbers[j];
        if (values !== undefined) {
          if (missing) values[row] = Number.NaN;
          else values[row] = storages[j] === 'number' ? parseNumber(cell, cells.decimalComma) : (parseBoolean(cell)?.value ?? Number.NaN);
        } else {
          const dict = dictionaries[j];
          let code = -1;
          if (!missing) {
            code = dict.get(cell) ?? dict.size;
            if (code === dict.size) dict.set(cell, code);
          }
          (codes[j] as Int32Array)[row] = code;
        }
      }
      row++;
    },
    signal,
  );
  return scan.columns.map((s, j) => {
    const missing = n - s.nonMissing;
    const values = numbers[j];
    if (values !== undefined) {
      const storage = storages[j];
      // Sorting for a distinct count is costly on a million rows: only an id candidate needs it.
      const idCandidate = storage === 'number' && s.integer && missing === 0 && looksLikeIdName(s.name);
      const type = isConstant(values)
        ? 'constant'
        : idCandidate && countDistinct(values) === n
          ? 'identifier'
          : storage === 'boolean'
            ? 'boolean'
            : 'numeric';
      return { name: s.name, type, missing, storage: 'number', values };
    }
    const { categories, codes: sorted } = sortDictionary(dictionaries[j], codes[j] as Int32Array);
    const distinct = categories.length;
    const isId = missing === 0 && distinct === n && n >= MIN_ROWS_FOR_TEXT_ID;
    const type = distinct <= 1 ? 'constant' : isId ? 'identifier' : 'categorical';
    return { name: s.name, type, missing, storage: 'category', codes: sorted, categories };
  });
}

/** At most one distinct non-missing value. */
function isConstant(values: Float64Array): boolean {
  let first = Number.NaN;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

/** Distinct values of a column without missing cells. */
function countDistinct(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  let distinct = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

/** Categories in plain `<` order (not locale order: the same file gives the same codes everywhere). */
function sortDictionary(dict: Map<string, number>, codes: Int32Array): { categories: string[]; codes: Int32Array } {
  const categories = [...dict.keys()].sort();
  const remap = new Int32Array(categories.length);
  categories.forEach((c, i) => (remap[dict.get(c) as number] = i));
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = remap[codes[i]];
  return { categories, codes };
}

function exclusionWarning(c: Column): string[] {
  if (c.type === 'identifier') return [`column '${c.name}' looks like a row identifier (unique per row); it is excluded from features by default`];
  if (c.type !== 'constant') return [];
  const value = c.storage === 'number' ? c.values.find((v) => !Number.isNaN(v)) : c.categories[0];
  if (value === undefined) return [`column '${c.name}' is empty (every cell is missing); it is excluded from features by default`];
  return [`column '${c.name}' has a single value ('${value}'); it is excluded from features by default`];
}
