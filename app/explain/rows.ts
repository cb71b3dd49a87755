/**
 * Rows typed by a person — a what-if edit, a row of another file — as a Dataset with the same columns as
 * the one the models were trained on, so the fitted preprocessors encode them exactly as they encoded
 * training rows. Values are text as a person reads them ('' = missing); booleans use the words the file
 * used (yes/no, true/false).
 */
import type { Column, Dataset } from '../data/dataset.js';
import { booleanLabel, cellText } from '../data/dataset.js';
import { SaplingError } from '../util/errors.js';

export type RowValues = Readonly<Record<string, string>>;

/** Row r of a dataset as text per column. */
export function rowValues(dataset: Dataset, r: number): Record<string, string> {
  return Object.fromEntries(dataset.columns.map((c) => [c.name, cellText(c, r)]));
}

/** A dataset shaped like `like` holding the given rows (missing columns are missing cells). */
export function datasetFromValues(like: Dataset, rows: readonly RowValues[]): Dataset {
  const columns: Column[] = like.columns.map((c) => {
    if (c.storage === 'number') {
      const values = Float64Array.from(rows, (row) => parseNumber(c, row[c.name] ?? ''));
      return { ...c, values, missing: values.filter((v) => Number.isNaN(v)).length };
    }
    const categories = [...new Set(rows.map((row) => row[c.name] ?? '').filter((v) => v !== ''))].sort();
    const index = new Map(categories.map((v, i) => [v, i]));
    const codes = Int32Array.from(rows, (row) => index.get(row[c.name] ?? '') ?? -1);
    return { ...c, categories, codes, missing: codes.filter((v) => v < 0).length };
  });
  return { source: like.source, rowCount: rows.length, columns, warnings: [] };
}

function parseNumber(column: Extract<Column, { storage: 'number' }>, text: string): number {
  const t = text.trim();
  if (t === '') return NaN;
  if (column.type === 'boolean') {
    if (t === booleanLabel(column, 1) || t.toLowerCase() === 'true' || t === '1') return 1;
    if (t === booleanLabel(column, 0) || t.toLowerCase() === 'false' || t === '0') return 0;
    throw new SaplingError(
      'BAD_INPUT',
      `'${column.name}' takes ${booleanLabel(column, 0)} or ${booleanLabel(column, 1)}, not '${text}'`,
    );
  }
  const v = Number(t);
  if (!Number.isFinite(v)) throw new SaplingError('BAD_INPUT', `'${column.name}' takes a number, not '${text}'`);
  return v;
}
