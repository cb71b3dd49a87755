/**
 * Choosing what to predict: the target column, the task, the class labels, and the feature columns.
 * Rows whose target is missing cannot be trained on or scored, so they are dropped here, once,
 * and the user is told how many.
 */
import { autoExcludedReason } from './feature-rule.js';
import type { Target, Task } from '../models/matrix.js';
import { SaplingError } from '../util/errors.js';
import { cellText, isMissing, type Column, type Dataset } from './dataset.js';

export interface PreparedTarget {
  /** The dataset without the rows whose target is missing. */
  readonly dataset: Dataset;
  readonly target: Target;
  readonly task: Task;
  /** Classification: the labels, in code order. */
  readonly classes?: readonly string[];
  readonly droppedRows: number;
  /**
   * For each row of `dataset`, its 0-based data row in the file (rows with a missing target are dropped, so the two
   * numberings differ): the one home of the prepared-row → file-row mapping that cards, the report and Inspect use.
   */
  readonly fileRows: Int32Array;
  readonly warnings: readonly string[];
}

/** An integer target with at most this many distinct values is taken as class labels (0/1, ratings 1–5, counts of cylinders). */
export const MAX_INTEGER_CLASSES = 20;

/** The column, or UNKNOWN_COLUMN listing the columns there are. */
export function requireColumn(dataset: Dataset, name: string, role: 'target' | 'excluded' = 'target'): Column {
  const column = dataset.columns.find((c) => c.name === name);
  if (column !== undefined) return column;
  const names = dataset.columns.map((c) => c.name).join(', ');
  const what =
    role === 'target' ? `unknown target column '${name}'` : `unknown column '${name}' in the excluded columns`;
  throw new SaplingError('UNKNOWN_COLUMN', `${what}; the columns are: ${names}`, { file: dataset.source.fileName });
}

/** Text and booleans are classes; integers with few distinct values too; other numbers are a regression. Never throws. */
export function detectTask(column: Column): Task {
  if (column.storage === 'category' || column.type === 'boolean') return 'classification';
  const seen = new Set<number>();
  for (const v of column.values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return 'regression';
    seen.add(v);
    if (seen.size > MAX_INTEGER_CLASSES) return 'regression';
  }
  return 'classification';
}

/** Distinct labels of the non-missing cells, sorted: numerically when all are numbers ('2' before '10'), else by `<`. */
export function classLabels(column: Column): string[] {
  const labels = new Set<string>();
  for (let i = 0; i < rowsOf(column); i++) if (!isMissing(column, i)) labels.add(cellText(column, i));
  const list = [...labels];
  const numeric = list.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return numeric ? list.sort((a, b) => Number(a) - Number(b)) : list.sort();
}

function rowsOf(column: Column): number {
  return column.storage === 'number' ? column.values.length : column.codes.length;
}

export function prepareTarget(dataset: Dataset, targetName: string, taskOverride?: Task): PreparedTarget {
  const file = dataset.source.fileName;
  const original = requireColumn(dataset, targetName);
  const location = { file, column: dataset.columns.indexOf(original) + 1 };

  const keep: number[] = [];
  for (let i = 0; i < dataset.rowCount; i++) if (!isMissing(original, i)) keep.push(i);
  if (keep.length === 0)
    throw new SaplingError('TARGET_ALL_MISSING', `target '${targetName}' is missing on every row`, location);
  const droppedRows = dataset.rowCount - keep.length;
  const warnings: string[] = [];
  if (droppedRows > 0) {
    warnings.push(
      droppedRows === 1
        ? '1 row with a missing target was dropped'
        : `${droppedRows} rows with a missing target were dropped`,
    );
  }
  const fileRows = Int32Array.from(keep);
  const kept = droppedRows > 0 ? selectRowsOfDataset(dataset, fileRows) : dataset;
  const column = kept.columns[location.column - 1];

  const labels = classLabels(column);
  if (column.type === 'identifier' && labels.length === kept.rowCount) {
    throw new SaplingError(
      'BAD_PARAMETER',
      `target '${targetName}' has a different value on every row (it looks like a row identifier); there is nothing to predict`,
      location,
    );
  }
  const task = taskOverride ?? detectTask(column);
  if (task === 'regression' && column.storage === 'category') {
    throw new SaplingError(
      'BAD_PARAMETER',
      `target '${targetName}' is text; it cannot be predicted by regression`,
      location,
    );
  }
  if (labels.length === 1) {
    const message =
      task === 'classification'
        ? `target '${targetName}' has a single class ('${labels[0]}'); there is nothing to predict`
        : `target '${targetName}' has a single value (${labels[0]}); there is nothing to predict`;
    throw new SaplingError('SINGLE_CLASS', message, location);
  }

  if (task === 'regression') {
    // Storage is 'number' here (text was refused above); copy so the target does not alias the column.
    const values = Float64Array.from((column as Extract<Column, { storage: 'number' }>).values);
    return { dataset: kept, target: { task, values }, task, droppedRows, fileRows, warnings };
  }
  const index = new Map(labels.map((l, k) => [l, k]));
  const codes = new Int32Array(kept.rowCount);
  for (let i = 0; i < kept.rowCount; i++) codes[i] = index.get(cellText(column, i)) as number;
  return {
    dataset: kept,
    target: { task, codes, classes: labels },
    task,
    classes: labels,
    droppedRows,
    fileRows,
    warnings,
  };
}

/** The inverse of PreparedTarget.fileRows: per file row, its prepared row, or −1 where the row was dropped. */
export function preparedRowsOf(fileRows: Int32Array, rowsInFile: number): Int32Array {
  const prepared = new Int32Array(rowsInFile).fill(-1);
  fileRows.forEach((fileRow, row) => (prepared[fileRow] = row));
  return prepared;
}

/**
 * The columns a model may learn from: all but the target, the always-excluded ones (data/feature-rule.ts) and `exclude`.
 * Unknown names (target or excluded) throw UNKNOWN_COLUMN rather than being ignored: a typo should not go unnoticed.
 */
export function featureColumns(dataset: Dataset, target: string, exclude: readonly string[] = []): Column[] {
  requireColumn(dataset, target);
  for (const name of exclude) requireColumn(dataset, name, 'excluded');
  const excluded = new Set([target, ...exclude]);
  return dataset.columns.filter((c) => !excluded.has(c.name) && autoExcludedReason(c) === undefined);
}

/**
 * The given rows of every column, in that order. Types, categories and warnings are those of the
 * whole file (a column does not become 'constant' because a subset happens to hold one value).
 */
export function selectRowsOfDataset(dataset: Dataset, rows: Int32Array): Dataset {
  const columns = dataset.columns.map((c): Column => {
    if (c.storage === 'number') {
      const values = new Float64Array(rows.length);
      let missing = 0;
      for (let k = 0; k < rows.length; k++) if (Number.isNaN((values[k] = c.values[rows[k]]))) missing++;
      return { ...c, values, missing };
    }
    const codes = new Int32Array(rows.length);
    let missing = 0;
    for (let k = 0; k < rows.length; k++) if ((codes[k] = c.codes[rows[k]]) < 0) missing++;
    return { ...c, codes, missing };
  });
  return { ...dataset, rowCount: rows.length, columns };
}
