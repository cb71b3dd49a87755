/**
 * CSV export of predictions: the input columns, then `prediction`, then one `proba_<class>` per class.
 * papaparse quotes fields that need it, and its `escapeFormulae` prefixes text cells starting with
 * = + - @ tab or CR with a quote so a spreadsheet shows them instead of running them (CWE-1236).
 * Numbers are passed as numbers, so a negative number is not mangled into text.
 */
import Papa from 'papaparse';
import type { Dataset } from '../data/dataset.js';
import { booleanLabel } from '../data/dataset.js';
import type { Predictions } from './pipeline.js';

type Cell = string | number;

export function predictionsToCsv(dataset: Dataset, predictions: Predictions, classes?: readonly string[]): string {
  const header = [
    ...dataset.columns.map((c) => c.name),
    'prediction',
    ...(predictions.proba && classes ? classes.map((c) => `proba_${c}`) : []),
  ];
  const k = classes?.length ?? 0;
  const rows: Cell[][] = new Array(dataset.rowCount);
  for (let i = 0; i < dataset.rowCount; i++) {
    const row: Cell[] = dataset.columns.map((column) => {
      if (column.storage === 'number') {
        const v = column.values[i];
        if (Number.isNaN(v)) return '';
        return column.type === 'boolean' ? booleanLabel(column, v) : v;
      }
      const code = column.codes[i];
      return code < 0 ? '' : column.categories[code];
    });
    row.push(predictions.labels ? asNumberIfNumeric(predictions.labels[i]) : predictions.values[i]);
    if (predictions.proba) for (let c = 0; c < k; c++) row.push(predictions.proba[i * k + c]);
    rows[i] = row;
  }
  return csvText(header, rows);
}

/** Header + rows as CSV text: quoted where needed, text cells that look like formulas escaped, numbers kept numeric. */
export function csvText(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${Papa.unparse({ fields: [...header], data: rows.map((r) => [...r]) }, { escapeFormulae: true, newline: '\n' })}\n`;
}

/** Class labels like "-1" are numbers, not formulas: keep them numeric so they are not prefixed. */
function asNumberIfNumeric(label: string): Cell {
  const n = Number(label);
  return label.trim() !== '' && Number.isFinite(n) && String(n) === label ? n : label;
}
