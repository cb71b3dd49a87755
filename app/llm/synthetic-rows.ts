/**
 * Synthetic rows from the LLM's replies, checked before any of them trains a model: every object is validated against
 * its training fold's schema (keys, types, ranges, categories, the asked class), then deduplicated against the other
 * synthetic rows and against every real row of the file (training and test rows alike: a copy adds nothing, and a copy
 * of a test row would leak it). What is dropped is counted by reason. Also builds the augmented table the trees train on.
 */
import type { Column, Dataset } from '../data/dataset.js';
import { columnByName } from '../data/dataset.js';
import type { Target } from '../models/matrix.js';
import type { ColumnSpec, FoldSchema } from './synthesize.js';

/** Why a written row was dropped (the counts are reported per reason). */
export type InvalidReason =
  'not JSON' | 'missing or extra keys' | 'wrong type' | 'out of range' | 'unknown category' | 'wrong class';

/** One valid synthetic row, encoded like the dataset: numbers (booleans 0/1, NaN missing) or category codes (−1). */
export interface EncodedRow {
  /** Per feature, in the features' order. */
  readonly cells: readonly number[];
  /** Class code or target value. */
  readonly target: number;
}

/** The top-level JSON objects in a reply: inside an array, a code fence or prose; an object cut off at the end is skipped. */
export function replyObjects(text: string): { objects: unknown[]; unparsed: number } {
  const objects: unknown[] = [];
  let unparsed = 0;
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = depth > 0;
    else if (ch === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        try {
          objects.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          unparsed++;
        }
      }
    }
  }
  return { objects, unparsed };
}

function encodeCell(spec: ColumnSpec, value: unknown): number | InvalidReason {
  if (value === null) return spec.missingAllowed ? (spec.kind === 'category' ? -1 : NaN) : 'wrong type';
  switch (spec.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'wrong type';
      if (spec.integer && !Number.isInteger(value)) return 'wrong type';
      return value < spec.min || value > spec.max ? 'out of range' : value;
    case 'boolean': {
      const text = typeof value === 'boolean' ? String(value) : value;
      if (typeof text !== 'string') return 'wrong type';
      const at = spec.labels.indexOf(text);
      return at < 0 ? 'unknown category' : at;
    }
    case 'category': {
      const text = typeof value === 'number' ? String(value) : value;
      if (typeof text !== 'string') return 'wrong type';
      return spec.allowed.get(text) ?? 'unknown category';
    }
  }
}

/** One written object checked against the fold's schema: the encoded row, or why it is invalid. */
export function validateRow(schema: FoldSchema, value: unknown): EncodedRow | InvalidReason {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not JSON';
  const given = value as Record<string, unknown>;
  const keys = Object.keys(given);
  if (keys.length !== schema.features.length + 1 || !(schema.targetName in given)) return 'missing or extra keys';
  if (schema.features.some((s) => !(s.name in given))) return 'missing or extra keys';
  const cells: number[] = [];
  for (const spec of schema.features) {
    const cell = encodeCell(spec, given[spec.name]);
    if (typeof cell === 'string') return cell;
    cells.push(cell);
  }
  const t = schema.target;
  const written = given[schema.targetName];
  if (t.task === 'classification') {
    const label = typeof written === 'number' || typeof written === 'boolean' ? String(written) : written;
    return label === t.label ? { cells, target: t.code } : typeof label === 'string' ? 'wrong class' : 'wrong type';
  }
  if (typeof written !== 'number' || !Number.isFinite(written)) return 'wrong type';
  return written < t.min || written > t.max ? 'out of range' : { cells, target: written };
}

/** A row's identity for deduplication: its encoded features and target (NaN and −1 both read as "missing"). */
function rowKey(cells: readonly number[], target: number): string {
  return [...cells, target].map((v) => (Number.isNaN(v) ? 'NA' : String(v))).join('\u0001');
}

/** Keys of every real row of the file, over the features and the target. */
export function realRowKeys(dataset: Dataset, features: readonly string[], target: Target): Set<string> {
  const columns = features.map((name) => columnByName(dataset, name)!);
  const keys = new Set<string>();
  for (let r = 0; r < dataset.rowCount; r++) {
    const cells = columns.map((c) => (c.storage === 'number' ? c.values[r] : c.codes[r]));
    keys.add(rowKey(cells, target.task === 'classification' ? target.codes[r] : target.values[r]));
  }
  return keys;
}

export interface CheckedReplies {
  readonly rows: EncodedRow[];
  /** Objects the replies held (whole ones; a cut-off last object is not counted). */
  readonly received: number;
  readonly invalid: Partial<Record<InvalidReason, number>>;
  readonly duplicates: number;
}

/** Validates and deduplicates one fold's replies (null = a request that failed). */
export function checkReplies(
  schema: FoldSchema,
  replies: readonly (string | null)[],
  real: ReadonlySet<string>,
): CheckedReplies {
  const rows: EncodedRow[] = [];
  const invalid: Partial<Record<InvalidReason, number>> = {};
  const seen = new Set<string>();
  let received = 0;
  let duplicates = 0;
  const count = (reason: InvalidReason, n = 1) => (invalid[reason] = (invalid[reason] ?? 0) + n);
  for (const reply of replies) {
    if (reply === null) continue;
    const { objects, unparsed } = replyObjects(reply);
    received += objects.length + unparsed;
    if (unparsed > 0) count('not JSON', unparsed);
    for (const object of objects) {
      const row = validateRow(schema, object);
      if (typeof row === 'string') {
        count(row);
        continue;
      }
      const key = rowKey(row.cells, row.target);
      if (seen.has(key) || real.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      rows.push(row);
    }
  }
  return { rows, received, invalid, duplicates };
}

/**
 * The table with `rows` appended after the real ones (columns that are not features stay missing there) and the
 * target extended to match; the real rows keep their indices, so the folds' row lists stay valid.
 */
export function augmented(
  dataset: Dataset,
  target: Target,
  features: readonly string[],
  rows: readonly EncodedRow[],
): { dataset: Dataset; target: Target; added: Int32Array } {
  const n = dataset.rowCount;
  const total = n + rows.length;
  const at = new Map(features.map((name, j) => [name, j]));
  const columns: Column[] = dataset.columns.map((column) => {
    const j = at.get(column.name);
    if (column.storage === 'number') {
      const values = new Float64Array(total).fill(NaN);
      values.set(column.values);
      if (j !== undefined) rows.forEach((row, i) => (values[n + i] = row.cells[j]));
      return { ...column, values };
    }
    const codes = new Int32Array(total).fill(-1);
    codes.set(column.codes);
    if (j !== undefined) rows.forEach((row, i) => (codes[n + i] = row.cells[j]));
    return { ...column, codes };
  });
  const extended: Target =
    target.task === 'classification'
      ? {
          ...target,
          codes: Int32Array.from({ length: total }, (_, i) => (i < n ? target.codes[i] : rows[i - n].target)),
        }
      : {
          task: 'regression',
          values: Float64Array.from({ length: total }, (_, i) => (i < n ? target.values[i] : rows[i - n].target)),
        };
  return {
    dataset: { ...dataset, rowCount: total, columns },
    target: extended,
    added: Int32Array.from(rows.keys(), (i) => n + i),
  };
}
