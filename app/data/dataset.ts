/**
 * The in-memory table Sapling works on: one typed array per column.
 *
 * Numbers live in Float64Array (NaN = missing); text lives as integer codes into a
 * dictionary (−1 = missing). Columnar storage keeps a 1M-row table compact and lets
 * the models and the profile scan one feature without touching the others.
 */

/** What a column means to the analyst. `identifier` and `constant` columns are excluded from features by default. */
export type ColumnType = 'numeric' | 'boolean' | 'categorical' | 'identifier' | 'constant';

interface ColumnBase {
  readonly name: string;
  readonly type: ColumnType;
  /** Number of missing cells (NaN or code −1). */
  readonly missing: number;
}

/** Numbers (and booleans, stored as 0/1). Missing = NaN. */
export interface NumericColumn extends ColumnBase {
  readonly storage: 'number';
  readonly values: Float64Array;
  /** Booleans only: the words the file used for 0 and 1 (e.g. ['no', 'yes']), so exports and the UI show them as written. */
  readonly booleanLabels?: readonly [string, string];
}

/** Text, stored as codes into `categories` (sorted, so codes are stable for a given table). Missing = −1. */
export interface CategoricalColumn extends ColumnBase {
  readonly storage: 'category';
  readonly codes: Int32Array;
  readonly categories: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

/** Where the table came from and how it was read; recorded so a run can be reproduced. */
export interface DatasetSource {
  /** File name shown in messages (not a full path, so records do not leak home directories). */
  readonly fileName: string;
  /** SHA-256 of the raw bytes, hex: the dataset fingerprint. */
  readonly sha256: string;
  readonly bytes: number;
  readonly delimiter: string;
  readonly decimalComma: boolean;
  readonly missingTokens: readonly string[];
  /**
   * How the bytes were decoded, when not UTF-8 (absent: UTF-8). `guessed`: nobody chose an encoding and the file was
   * not valid UTF-8, so it was read as Windows-1252 (a warning says so; the user may open it again with another).
   */
  readonly encoding?: { readonly name: 'windows-1252'; readonly guessed: boolean };
}

export interface Dataset {
  readonly source: DatasetSource;
  readonly rowCount: number;
  readonly columns: readonly Column[];
  /** Non-fatal findings made while reading (dropped rows, excluded columns…). */
  readonly warnings: readonly string[];
}

export function columnByName(dataset: Dataset, name: string): Column | undefined {
  return dataset.columns.find((c) => c.name === name);
}

/** Whether a cell is missing, whatever the storage. */
export function isMissing(column: Column, row: number): boolean {
  return column.storage === 'number' ? Number.isNaN(column.values[row]) : column.codes[row] < 0;
}

/** The cell as text, for previews and exported CSVs ('' when missing). */
export function cellText(column: Column, row: number): string {
  if (column.storage === 'number') {
    const v = column.values[row];
    if (Number.isNaN(v)) return '';
    if (column.type === 'boolean') return booleanLabel(column, v);
    return String(v);
  }
  const code = column.codes[row];
  return code < 0 ? '' : column.categories[code];
}

/** The word a boolean cell (0 or 1) was written as; 'true'/'false' when the column does not say. */
export function booleanLabel(column: NumericColumn, value: number): string {
  return column.booleanLabels?.[value === 1 ? 1 : 0] ?? (value === 1 ? 'true' : 'false');
}
