/**
 * Records → columns. Two ways in, with the same rules:
 * - record(): fields already split (by papaparse, for text with quotes; or the header line);
 * - plainRecord(): a record with no quote character, read straight from the text. This is the fast
 *   path: numbers are scanned in place into the column blocks, no string per cell. Anything the
 *   scanner does not take whole (text, missing tokens, odd spacing) is sliced and goes through the same
 *   addCell as record(), so both ways agree by construction.
 */
import { SaplingError } from '../util/errors.js';
import type { Column } from './dataset.js';
import { OUT_OF_RANGE, scanNumber, scanned } from './cells.js';
import { BLOCK_ROWS, ColumnBuilder, FIRST_BLOCK_ROWS } from './columns.js';
import { at } from './rows.js';

/**
 * The most columns a file may have (README "Limits"). Reading costs a few hundred bytes per column, so this is not
 * about memory: beyond it a table is more likely a transposed file or a runaway export than a dataset to model.
 */
export const MAX_COLUMNS = 100_000;

export interface CellRules {
  /** Trimmed cells that are missing (always includes ''). */
  readonly missing: ReadonlySet<string>;
  readonly decimalComma: boolean;
}

/** Thrown for a header whose names are all blank: it is EMPTY_FILE instead if the whole file is blank (see readCsv). */
export class BlankHeader extends Error {
  constructor(readonly error: SaplingError) {
    super(error.message);
  }
}

export class TableBuilder {
  columns: ColumnBuilder[] | undefined;
  headerLine = 0;
  rows = 0;
  /** Findings worth telling the user that do not stop the read (a number out of range made a column text). */
  readonly warnings: string[] = [];
  /** Rows the columns have room for. */
  private capacity = 0;
  /** Rows to reserve at the next block (0: none). */
  private expected = 0;
  private readonly delimiterCode: number;
  /** The fast path reads `,` as a decimal comma only when it cannot be the delimiter. */
  private readonly scanComma: boolean;
  /** Values of missing tokens that are also numbers (`-999`): such cells need the string check. */
  private readonly numericMissing: ReadonlySet<number> | null;

  constructor(
    private readonly delimiter: string,
    private readonly fileName: string,
    private readonly cells: CellRules,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
    this.scanComma = cells.decimalComma && delimiter !== ',';
    const numeric = [...cells.missing]
      .map((t) => scanNumber(t, 0, t.length, cells.decimalComma))
      .filter((v) => !Number.isNaN(v));
    this.numericMissing = numeric.length > 0 ? new Set(numeric) : null;
  }

  get ready(): boolean {
    return this.columns !== undefined;
  }

  /** A record as untrimmed fields: blank lines skipped, the first other record is the header. */
  record(fields: readonly string[], line: number): void {
    // Blank lines (and a trailing newline, which papaparse returns as one empty row) are skipped.
    // In a one-column file this means a missing value must be written as a token such as NA.
    if (fields.length === 1 && fields[0].trim() === '') return;
    const columns = this.columns;
    if (columns === undefined) {
      this.columns = readHeader(fields, line, this.fileName).map((name) => new ColumnBuilder(name));
      this.headerLine = line;
      return;
    }
    if (fields.length !== columns.length) throw this.ragged(line, fields.length);
    this.startRow();
    for (let j = 0; j < fields.length; j++) this.addCell(columns[j], fields[j].trim(), line, j);
    this.rows++;
  }

  /** The record text[start, end) (line break excluded), which has no quote character. Requires the header. */
  plainRecord(text: string, start: number, end: number, line: number): void {
    const columns = this.columns as ColumnBuilder[];
    const last = columns.length - 1;
    const d = this.delimiterCode;
    const row = this.rows;
    this.startRow();
    let p = start;
    for (let j = 0; j <= last; j++) {
      const column = columns[j];
      let fieldEnd = -1;
      if (!column.isText) {
        // trim() would also drop these (ASCII spaces, \t..\r), but not the delimiter when it is a tab.
        let a = p;
        for (
          let c = text.charCodeAt(a);
          a < end && (c === 32 || (c >= 9 && c <= 13)) && c !== d;
          c = text.charCodeAt(++a)
        );
        const value = scanNumber(text, a, end, this.scanComma);
        const q = scanned.end;
        let b = q;
        for (
          let c = text.charCodeAt(b);
          b < end && (c === 32 || (c >= 9 && c <= 13)) && c !== d;
          c = text.charCodeAt(++b)
        );
        if (b === end || text.charCodeAt(b) === d) {
          // The scanner read the whole field: [a, q) is the trimmed cell.
          fieldEnd = b;
          if (j === last ? b !== end : b === end) return this.misfit(text, start, end, line);
          if (value === value && (this.numericMissing === null || !this.numericMissing.has(value))) {
            column.putNumber(row, value, scanned.format, text, a, q);
            p = b + 1;
            continue;
          }
          if (a === b) {
            if (last === 0) return; // a blank line in a one-column file
            column.putMissing(row);
            p = b + 1;
            continue;
          }
        }
      }
      if (fieldEnd < 0) {
        fieldEnd = text.indexOf(this.delimiter, p);
        if (fieldEnd < 0 || fieldEnd > end) fieldEnd = end;
        if (j === last ? fieldEnd !== end : fieldEnd === end) return this.misfit(text, start, end, line);
      }
      const cell = text.slice(p, fieldEnd).trim();
      if (last === 0 && cell === '') return; // a blank line (of Unicode spaces) in a one-column file
      this.addCell(column, cell, line, j);
      p = fieldEnd + 1;
    }
    this.rows++;
  }

  /** The finished columns; releases the blocks as it goes. */
  finish(): Column[] {
    return (this.columns ?? []).map((c) => c.finish(this.rows));
  }

  /** The trimmed cell of 0-based field `j` on `line` (for messages). */
  private addCell(column: ColumnBuilder, cell: string, line: number, j: number): void {
    const row = this.rows;
    if (this.cells.missing.has(cell)) return column.putMissing(row);
    if (!column.isText) {
      const value = scanNumber(cell, 0, cell.length, this.cells.decimalComma);
      if (scanned.end === cell.length) {
        if (!Number.isNaN(value)) return column.putNumber(row, value, scanned.format, cell, 0, cell.length);
        if (scanned.format === OUT_OF_RANGE)
          this.warnings.push(
            `${at(this.fileName, line, j + 1)}: '${cell}' is beyond the range of numbers (±1.8e308), so column '${column.name}' is read as text`,
          );
      }
      column.toText(row);
    }
    column.putText(row, cell);
  }

  /**
   * The table will have about `rows` rows (estimated from the input size): columns move to one array of
   * that size, with 5% room, at the next block. Only worth it beyond one block.
   */
  expectRows(rows: number): void {
    if (rows > BLOCK_ROWS) this.expected = Math.ceil(rows * 1.05);
  }

  private startRow(): void {
    if (this.rows < this.capacity) return;
    const columns = this.columns as ColumnBuilder[];
    // The first block doubles (memory follows the rows of a short, wide file); then whole blocks are added.
    const capacity =
      this.capacity < BLOCK_ROWS
        ? Math.min(BLOCK_ROWS, Math.max(FIRST_BLOCK_ROWS, 2 * this.capacity))
        : this.capacity + BLOCK_ROWS;
    if (this.capacity >= BLOCK_ROWS && this.expected > this.capacity)
      for (const column of columns) column.reserve(this.expected);
    if (this.capacity >= BLOCK_ROWS) this.expected = 0;
    for (const column of columns) column.room(capacity);
    this.capacity = capacity;
  }

  /** A plain record whose field count is not the header's: a blank line (skipped) or a ragged row. */
  private misfit(text: string, start: number, end: number, line: number): void {
    let fields = 1;
    for (let k = text.indexOf(this.delimiter, start); k >= 0 && k < end; k = text.indexOf(this.delimiter, k + 1))
      fields++;
    if (fields === 1 && text.slice(start, end).trim() === '') return;
    throw this.ragged(line, fields);
  }

  private ragged(line: number, found: number): SaplingError {
    const expected = (this.columns as ColumnBuilder[]).length;
    return new SaplingError(
      'RAGGED_ROW',
      `${at(this.fileName, line)}: expected ${expected} fields (as in the header) but found ${found}`,
      {
        file: this.fileName,
        line,
      },
    );
  }
}

function readHeader(fields: readonly string[], line: number, fileName: string): string[] {
  if (fields.length > MAX_COLUMNS) {
    const count = (n: number): string => n.toLocaleString('en-US');
    throw new SaplingError(
      'TOO_MANY_COLUMNS',
      `${at(fileName, line)}: the header has ${count(fields.length)} columns; Sapling reads at most ${count(MAX_COLUMNS)} (is the file transposed?)`,
      { file: fileName, line },
    );
  }
  const names = fields.map((f) => f.trim());
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    if (name === '') {
      const error = new SaplingError('EMPTY_HEADER', `${at(fileName, line)}: column ${j + 1} has no name`, {
        file: fileName,
        line,
        column: j + 1,
      });
      throw names.every((n) => n === '') ? new BlankHeader(error) : error;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new SaplingError(
        'DUPLICATE_HEADER',
        `${at(fileName, line)}: columns ${first + 1} and ${j + 1} are both named '${name}'`,
        {
          file: fileName,
          line,
          column: j + 1,
        },
      );
    }
    seen.set(name, j);
  });
  return names;
}
