/**
 * One column as it is read, in a single pass: numbers until a cell proves otherwise, then text codes.
 *
 * There is no second pass (the input is a stream, read once), so a column that looks numeric for a
 * million rows and then meets `n/a!` must still give back its earlier cells exactly as written
 * (`1.50`, not `1.5`). A double alone cannot say how it was written, so each number keeps one format
 * byte from the scanner (sign, separator, fraction digits; see cells.ts) — and only when the column's
 * cells disagree: a column written one way keeps one shared byte. Numbers the byte cannot describe
 * (exponents, over 15 digits) keep their characters. Switching rebuilds every earlier cell's text.
 *
 * Values live in blocks of 64 K rows, so growing never copies; finish() joins them once. The first
 * block starts small and doubles until it holds 64 K rows: memory follows the data, so a file of
 * 50,000 columns and 3 rows costs a few hundred bytes per column, not 512 KB (the copies while it
 * doubles add up to less than one block). When the row count can be estimated (the input size is
 * known), later blocks are views into one array of about that size instead, which finish() returns
 * as is: joining copies the whole table, a transient that would otherwise add most of the table's
 * size to the peak memory.
 * Booleans are read as text and recognised at the end from the distinct values (a handful of words).
 */
import { formatNumber, looksLikeIdName, parseBoolean, RAW_FORMAT } from './cells.js';
import type { Column } from './dataset.js';

export const BLOCK_BITS = 16;
export const BLOCK_ROWS = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_ROWS - 1;
/** Rows of the first block at the first row; it doubles from there up to BLOCK_ROWS. */
export const FIRST_BLOCK_ROWS = 8;

/** `format` once the cells' formats differ: each block then has its own format bytes. */
const MIXED = 256;
/** Text columns unique on every row are identifiers only from this many rows on (a 5-row table of names is just small). */
const MIN_ROWS_FOR_TEXT_ID = 20;
/**
 * Shared empty stand-ins until a column needs its own (a typed array costs ~0.5 KB whatever its length, a Map
 * more, times every column of a wide file). NO_BLOCKS is never pushed to: a list is replaced before its first push.
 */
const NO_VALUES = new Float64Array(0);
const NO_CODES = new Int32Array(0);
const NO_BLOCKS: never[] = [];

export class ColumnBuilder {
  nonMissing = 0;
  /** Every number so far is an integer (for identifier detection). */
  integer = true;
  /** Switched to text storage. */
  isText = false;
  private values: Float64Array = NO_VALUES;
  private valueBlocks: Float64Array[] = [];
  /** The array the value blocks are views of, while the rows fit in it (see reserve). */
  private reserved: Float64Array | null = null;
  /** The format shared by every number so far, −1 before the first, MIXED when `formats` holds them. */
  private format = -1;
  private formats: Uint8Array | null = null;
  private formatBlocks: Uint8Array[] = NO_BLOCKS;
  private raw: RawCells | null = null;
  private codes: Int32Array = NO_CODES;
  /** Text storage (from toText on): the code blocks and the dictionary of distinct cells. */
  private codeBlocks: Int32Array[] = NO_BLOCKS;
  private dictionary: Map<string, number> | null = null;

  constructor(readonly name: string) {}

  /**
   * Room for `rows` rows in all (called by the table when a row does not fit): up to BLOCK_ROWS the first
   * block is regrown to that size, beyond it a new block of BLOCK_ROWS is added.
   */
  room(rows: number): void {
    if (rows <= BLOCK_ROWS) return this.growFirstBlock(rows);
    if (this.isText) {
      this.codes = new Int32Array(BLOCK_ROWS);
      this.codeBlocks.push(this.codes);
      return;
    }
    const b = this.valueBlocks.length;
    const room = this.reserved !== null && (b + 1) * BLOCK_ROWS <= this.reserved.length;
    this.values = room
      ? (this.reserved as Float64Array).subarray(b * BLOCK_ROWS, (b + 1) * BLOCK_ROWS)
      : new Float64Array(BLOCK_ROWS);
    this.valueBlocks.push(this.values);
    if (this.formats !== null) {
      this.formats = new Uint8Array(BLOCK_ROWS);
      this.formatBlocks.push(this.formats);
    }
  }

  /** The first block, `rows` long, keeping what it holds (no reserved array exists yet: that starts at block 2). */
  private growFirstBlock(rows: number): void {
    if (this.isText) {
      this.codes = grown(this.codes, new Int32Array(rows));
      this.codeBlocks[0] = this.codes;
      return;
    }
    this.values = grown(this.values, new Float64Array(rows));
    this.valueBlocks[0] = this.values;
    if (this.formats !== null) {
      this.formats = grown(this.formats, new Uint8Array(rows));
      this.formatBlocks[0] = this.formats;
    }
  }

  /** Rows the current (last) block holds: how memory follows the data (tests read it). */
  get blockRows(): number {
    return this.isText ? this.codes.length : this.values.length;
  }

  /** Moves the values into one array of `rows`; later blocks are views into it while a whole block fits. */
  reserve(rows: number): void {
    if (this.isText || this.reserved !== null) return;
    const reserved = new Float64Array(rows);
    this.valueBlocks = this.valueBlocks.map((block, b) => {
      reserved.set(block, b * BLOCK_ROWS);
      return reserved.subarray(b * BLOCK_ROWS, (b + 1) * BLOCK_ROWS);
    });
    this.values = this.valueBlocks[this.valueBlocks.length - 1] ?? this.values;
    this.reserved = reserved;
  }

  putMissing(row: number): void {
    if (this.isText) this.codes[row & BLOCK_MASK] = -1;
    else this.values[row & BLOCK_MASK] = Number.NaN;
  }

  /** A number as scanned from text[start, end) (the text is only read for RAW_FORMAT). */
  putNumber(row: number, value: number, format: number, text: string, start: number, end: number): void {
    this.values[row & BLOCK_MASK] = value;
    this.nonMissing++;
    if (this.integer && !Number.isInteger(value)) this.integer = false;
    if (format !== this.format) {
      if (this.formats !== null) this.formats[row & BLOCK_MASK] = format;
      else this.noteFormat(row, format);
    }
    if (format === RAW_FORMAT) (this.raw ??= new RawCells()).add(text, start, end);
  }

  /** A non-missing trimmed cell of a text column. */
  putText(row: number, cell: string): void {
    const dictionary = this.dictionary as Map<string, number>;
    let code = dictionary.get(cell);
    if (code === undefined) {
      code = dictionary.size;
      // A cell sliced from the input keeps the whole input window alive; keep a copy instead (once per distinct value).
      dictionary.set(cell.length < 13 ? cell : (' ' + cell).slice(1), code);
    }
    this.codes[row & BLOCK_MASK] = code;
    this.nonMissing++;
  }

  /** From number to text storage before `row` is written: every earlier number becomes its text as written. */
  toText(row: number): void {
    const raw = this.raw?.reader();
    const dictionary = (this.dictionary = new Map<string, number>());
    this.codeBlocks = [];
    for (let b = 0; b < this.valueBlocks.length; b++) {
      const values = this.valueBlocks[b];
      const formats = this.format === MIXED ? this.formatBlocks[b] : undefined;
      const codes = new Int32Array(values.length);
      const rows = Math.min(values.length, row - b * BLOCK_ROWS);
      for (let i = 0; i < rows; i++) {
        const v = values[i];
        if (Number.isNaN(v)) {
          codes[i] = -1;
          continue;
        }
        const format = formats ? formats[i] : this.format;
        const text = format === RAW_FORMAT ? (raw as () => string)() : formatNumber(v, format);
        let code = dictionary.get(text);
        if (code === undefined) dictionary.set(text, (code = dictionary.size));
        codes[i] = code;
      }
      this.codeBlocks.push(codes);
    }
    this.codes = this.codeBlocks[this.codeBlocks.length - 1] ?? this.codes;
    this.isText = true;
    this.valueBlocks = [];
    this.reserved = null;
    this.formatBlocks = NO_BLOCKS;
    this.formats = null;
    this.raw = null;
  }

  /** The finished column of `n` rows, typed (see readCsv for the rules). Releases the blocks. */
  finish(n: number): Column {
    const { name } = this;
    const missing = n - this.nonMissing;
    this.formatBlocks = NO_BLOCKS;
    if (!this.isText && this.nonMissing > 0) {
      const { reserved } = this;
      // The reserved array as is when the rows fit and it is not much too large (the estimate was high);
      // the last, partial block did not fit as a view and is copied in.
      const fits = reserved !== null && n <= reserved.length && n >= reserved.length * 0.8;
      const values = fits
        ? joinBlocks(this.valueBlocks, reserved, n).subarray(0, n)
        : joinBlocks(this.valueBlocks, new Float64Array(n), n);
      this.valueBlocks = [];
      this.reserved = null;
      // Sorting for a distinct count is costly on a million rows: only an id candidate needs it.
      const idCandidate = this.integer && missing === 0 && looksLikeIdName(name);
      const type = isConstant(values)
        ? 'constant'
        : idCandidate && countDistinct(values) === n
          ? 'identifier'
          : 'numeric';
      return { name, type, missing, storage: 'number', values };
    }
    // A column with no value at all is text (constant, empty); its codes are all −1.
    const codes = this.isText ? joinBlocks(this.codeBlocks, new Int32Array(n), n) : new Int32Array(n).fill(-1);
    const dictionary = this.dictionary ?? new Map<string, number>();
    const booleans = booleanValues(dictionary);
    if (booleans !== undefined) {
      const values = Float64Array.from(codes, (c) => (c < 0 ? Number.NaN : booleans.values[c]));
      return { name, type: 'boolean', missing, storage: 'number', values, booleanLabels: booleans.labels };
    }
    const { categories, codes: sorted } = sortDictionary(dictionary, codes);
    const distinct = categories.length;
    const isId = missing === 0 && distinct === n && n >= MIN_ROWS_FOR_TEXT_ID;
    const type = distinct <= 1 ? 'constant' : isId ? 'identifier' : 'categorical';
    return { name, type, missing, storage: 'category', codes: sorted, categories };
  }

  private noteFormat(row: number, format: number): void {
    if (this.format === -1) {
      this.format = format;
      return;
    }
    // First disagreement: from here on every cell keeps its own byte; earlier ones all had this.format.
    this.formatBlocks = this.valueBlocks.map((block) => new Uint8Array(block.length).fill(this.format));
    this.formats = this.formatBlocks[this.formatBlocks.length - 1];
    this.format = MIXED;
    this.formats[row & BLOCK_MASK] = format;
  }
}

/** Characters of the RAW_FORMAT numbers of a column, in row order (numbers are ASCII: one byte each). */
class RawCells {
  private chars = new Uint8Array(1024);
  private ends = new Int32Array(64);
  private count = 0;

  add(text: string, start: number, end: number): void {
    const from = this.count === 0 ? 0 : this.ends[this.count - 1];
    const to = from + (end - start);
    if (to > this.chars.length) this.chars = grown(this.chars, new Uint8Array(Math.max(to, 2 * this.chars.length)));
    if (this.count === this.ends.length) this.ends = grown(this.ends, new Int32Array(2 * this.ends.length));
    for (let k = start; k < end; k++) this.chars[from + k - start] = text.charCodeAt(k);
    this.ends[this.count++] = to;
  }

  /** Returns the cells one by one, in the order they were added. */
  reader(): () => string {
    let i = 0;
    const decoder = new TextDecoder();
    return () => decoder.decode(this.chars.subarray(i === 0 ? 0 : this.ends[i - 1], this.ends[i++]));
  }
}

function grown<T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Copies the first `n` rows of the blocks into `out`, except blocks that are views of it already. */
function joinBlocks<T extends Float64Array | Int32Array>(blocks: T[], out: T, n: number): T {
  blocks.forEach((block, b) => {
    const rows = Math.min(block.length, n - b * BLOCK_ROWS);
    if (rows > 0 && block.buffer !== out.buffer)
      out.set(rows === block.length ? block : block.subarray(0, rows), b * BLOCK_ROWS);
  });
  blocks.length = 0;
  return out;
}

/**
 * 0/1 for each code when the distinct values are booleans of one vocabulary with both values present
 * (true/false or yes/no, any case); undefined otherwise. With one value only it is a constant: keep the word.
 * `labels` are the words as first written in the file for 0 and 1 (e.g. 'no'/'yes'), for display and export.
 */
function booleanValues(
  dictionary: ReadonlyMap<string, number>,
): { values: number[]; labels: [string, string] } | undefined {
  let vocabulary: string | undefined;
  const labels: [string | undefined, string | undefined] = [undefined, undefined];
  const values: number[] = [];
  for (const [text, code] of dictionary) {
    const b = parseBoolean(text);
    if (b === undefined || (vocabulary !== undefined && vocabulary !== b.vocabulary)) return undefined;
    vocabulary = b.vocabulary;
    labels[b.value] ??= text;
    values[code] = b.value;
  }
  return labels[0] !== undefined && labels[1] !== undefined ? { values, labels: [labels[0], labels[1]] } : undefined;
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
