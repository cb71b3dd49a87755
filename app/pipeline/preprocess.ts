/**
 * Turns raw table columns into the numeric matrix a model takes — fitted on the training rows only,
 * so nothing about the test fold (its medians, its categories) leaks into training.
 *
 * - numeric / boolean: missing → the training median (`native`: stays NaN).
 * - categorical, `ordinal` encoding (mljs trees): the category's position in the sorted training categories;
 *   missing or unseen → the most frequent training category. Trees split on codes directly.
 * - `native` encoding (the tree engine: tree, forest, boost): nothing is imputed. Numbers keep NaN for
 *   missing; a category becomes its position in the sorted training categories, and missing or unseen
 *   categories become NaN. The matrix marks those columns `categorical`, so the engine splits them into
 *   category subsets and learns at each split where missing values go.
 * - categorical, `onehot` encoding (linear): one 0/1 column per training category (at most
 *   MAX_ONEHOT_LEVELS, the most frequent; rarer ones get all zeros); missing → the most frequent.
 *
 * The fitted state is plain JSON and refers to columns and categories by name, so a saved model can
 * score a different CSV with the same columns.
 */
import quickselect from 'quickselect';
import type { Column, Dataset } from '../data/dataset.js';
import { booleanLabel, columnByName } from '../data/dataset.js';
import type { InputEncoding } from '../models/describe.js';
import type { FeatureMatrix } from '../models/matrix.js';
import { SaplingError } from '../util/errors.js';

/** How a model wants its inputs: each model declares it (app/models/describe.ts). */
export type Encoding = InputEncoding;
export const MAX_ONEHOT_LEVELS = 50;

type ColumnState =
  | {
      readonly name: string;
      readonly kind: 'number';
      readonly fill: number;
      /** A yes/no column read as 0/1: the words for 0 and 1, so exports (SQL, ONNX) can read the words themselves. */
      readonly booleanLabels?: readonly [string, string];
    }
  | { readonly name: string; readonly kind: 'category'; readonly levels: readonly string[]; readonly fill: string };

export interface PreprocessorState {
  readonly encoding: Encoding;
  readonly columns: readonly ColumnState[];
}

/** Learn imputation values and category levels from the training rows. */
export function fitPreprocessor(
  dataset: Dataset,
  features: readonly string[],
  trainRows: Int32Array,
  encoding: Encoding,
): PreprocessorState {
  const columns = features.map((name): ColumnState => {
    const column = requireColumn(dataset, name);
    if (column.storage === 'number') {
      const fill = trainMedian(column.values, trainRows);
      return column.booleanLabels
        ? { name, kind: 'number', fill, booleanLabels: [column.booleanLabels[0], column.booleanLabels[1]] }
        : { name, kind: 'number', fill };
    }
    const counts = new Float64Array(column.categories.length);
    for (const r of trainRows) if (column.codes[r] >= 0) counts[column.codes[r]]++;
    // Most frequent first, ties by category order, so the fill value is deterministic.
    const byFrequency = [...counts.keys()].filter((c) => counts[c] > 0).sort((a, b) => counts[b] - counts[a] || a - b);
    const fill = byFrequency.length > 0 ? column.categories[byFrequency[0]] : '';
    const kept = encoding === 'onehot' ? byFrequency.slice(0, MAX_ONEHOT_LEVELS) : byFrequency;
    const levels = kept.sort((a, b) => a - b).map((c) => column.categories[c]);
    return { name, kind: 'category', levels: levels.length > 0 ? levels : [fill], fill };
  });
  return { encoding, columns };
}

/** Names of the matrix columns the state produces, e.g. `Home=rent` for one-hot levels. */
export function outputFeatureNames(state: PreprocessorState): string[] {
  return state.columns.flatMap((c) =>
    c.kind === 'category' && state.encoding === 'onehot' ? c.levels.map((l) => `${c.name}=${l}`) : [c.name],
  );
}

/** For each matrix column, the index of the source feature it came from (one-hot levels share one). */
export function featureGroups(state: PreprocessorState): Int32Array {
  const groups: number[] = [];
  state.columns.forEach((c, f) => {
    const width = c.kind === 'category' && state.encoding === 'onehot' ? c.levels.length : 1;
    for (let k = 0; k < width; k++) groups.push(f);
  });
  return Int32Array.from(groups);
}

/** Encode the given rows (default: all) of a dataset. The dataset may be a different file with the same columns. */
export function transform(state: PreprocessorState, dataset: Dataset, rows?: Int32Array): FeatureMatrix {
  const featureNames = outputFeatureNames(state);
  const n = rows ? rows.length : dataset.rowCount;
  const cols = featureNames.length;
  const data = new Float64Array(n * cols);
  let offset = 0;
  for (const spec of state.columns) {
    const column = requireColumn(dataset, spec.name);
    const width = writeColumn(spec, column, state.encoding, rows, n, data, cols, offset, dataset.source.fileName);
    offset += width;
  }
  if (state.encoding === 'native')
    return { rows: n, cols, data, featureNames, categorical: state.columns.map((c) => c.kind === 'category') };
  return { rows: n, cols, data, featureNames };
}

function writeColumn(
  spec: ColumnState,
  column: Column,
  encoding: Encoding,
  rows: Int32Array | undefined,
  n: number,
  out: Float64Array,
  stride: number,
  offset: number,
  fileName: string,
): number {
  if (spec.kind === 'number') {
    const values = numericView(column, fileName);
    const fill = encoding === 'native' ? NaN : spec.fill;
    for (let i = 0; i < n; i++) {
      const v = values(rows ? rows[i] : i);
      out[i * stride + offset] = Number.isNaN(v) ? fill : v;
    }
    return 1;
  }
  // Map this dataset's category codes onto the fitted levels by name.
  const levelIndex = new Map(spec.levels.map((l, i) => [l, i]));
  const fillIndex = levelIndex.get(spec.fill) ?? -1;
  const codeToLevel =
    column.storage === 'category'
      ? column.categories.map((c) => levelIndex.get(c) ?? (encoding === 'ordinal' ? fillIndex : -1))
      : null;
  const levelOf = (r: number): number => {
    if (column.storage === 'category') {
      const code = column.codes[r];
      return code < 0 ? fillIndex : codeToLevel![code];
    }
    const v = column.values[r];
    if (Number.isNaN(v)) return fillIndex;
    const label = column.type === 'boolean' ? booleanLabel(column, v) : String(v);
    return levelIndex.get(label) ?? (encoding === 'ordinal' ? fillIndex : -1);
  };
  if (encoding === 'ordinal') {
    for (let i = 0; i < n; i++) out[i * stride + offset] = levelOf(rows ? rows[i] : i);
    return 1;
  }
  if (encoding === 'native') {
    // Unseen categories map to −1 (no fill) and, like missing ones, become NaN.
    for (let i = 0; i < n; i++) {
      const r = rows ? rows[i] : i;
      const missing = column.storage === 'category' ? column.codes[r] < 0 : Number.isNaN(column.values[r]);
      const level = missing ? -1 : levelOf(r);
      out[i * stride + offset] = level < 0 ? NaN : level;
    }
    return 1;
  }
  for (let i = 0; i < n; i++) {
    const level = levelOf(rows ? rows[i] : i);
    if (level >= 0) out[i * stride + offset + level] = 1;
  }
  return spec.levels.length;
}

/** Numbers of a column; a text column that was numeric at training time is parsed, or rejected by name. */
function numericView(column: Column, fileName: string): (r: number) => number {
  if (column.storage === 'number') return (r) => column.values[r];
  const parsed = column.categories.map((c) => {
    const v = Number(c.trim());
    if (c.trim() === '' || !Number.isFinite(v)) {
      throw new SaplingError(
        'BAD_INPUT',
        `${fileName}: column '${column.name}' holds text ('${c}') but the model was trained on numbers`,
        { file: fileName },
      );
    }
    return v;
  });
  return (r) => (column.codes[r] < 0 ? NaN : parsed[column.codes[r]]);
}

function requireColumn(dataset: Dataset, name: string): Column {
  const column = columnByName(dataset, name);
  if (!column) {
    throw new SaplingError(
      'UNKNOWN_COLUMN',
      `${dataset.source.fileName} has no column '${name}', which the model needs`,
      { file: dataset.source.fileName },
    );
  }
  return column;
}

/**
 * The median of the training rows' non-missing values. Selection, not sorting (quickselect, Floyd–Rivest: linear
 * time): a typed-array sort of 800,000 values took ~80 ms per column, ~1.6 s of every 1M-row fold, in one
 * synchronous stretch that a cancel had to wait behind; selection takes ~6 ms. The value is the same: selection
 * finds the k-th smallest exactly. Zeros: −0 and +0 compare equal, so a zero median takes the sign of the k-th zero
 * in row order (what the original comparator sort, stable by row, put there).
 */
function trainMedian(values: Float64Array, rows: Int32Array): number {
  const present = new Float64Array(rows.length);
  let n = 0;
  for (const r of rows) if (!Number.isNaN(values[r])) present[n++] = values[r];
  if (n === 0) return 0;
  const a = present.subarray(0, n);
  const mid = n >> 1;
  // Typed as T[]; it only reads, writes and compares by index, which a Float64Array does the same way.
  quickselect(a as unknown as number[], mid);
  const upper = a[mid];
  // After selection every value left of `mid` is ≤ a[mid]; the lower middle of an even count is their maximum.
  let lower = -Infinity;
  if (n % 2 === 0) for (let i = 0; i < mid; i++) if (a[i] > lower) lower = a[i];
  const negatives = upper === 0 || lower === 0 ? countBelowZero(a) : 0;
  const at = (k: number, v: number): number => (v === 0 ? zeroInRowOrder(values, rows, k - negatives) : v);
  return n % 2 === 1 ? at(mid, upper) : (at(mid - 1, lower) + at(mid, upper)) / 2;
}

function countBelowZero(a: Float64Array): number {
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] < 0) k++;
  return k;
}

/** The k-th zero (±0) among the rows' values, in row order. */
function zeroInRowOrder(values: Float64Array, rows: Int32Array, k: number): number {
  for (const r of rows) if (values[r] === 0 && k-- === 0) return values[r];
  return 0;
}
