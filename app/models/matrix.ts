/**
 * The numeric input every estimator sees: a dense row-major matrix. Turning a Dataset (text, missing
 * cells) into this is the preprocessor's job (app/pipeline/preprocess.ts), fitted on the training fold only.
 *
 * Missing values: for the mljs trees and the linear model the preprocessor imputes, and those models
 * refuse NaN. The tree engine's models (`tree`, `forest`, `boost`) take NaN as "missing" and learn which
 * way it goes at each split ('native' encoding); they still refuse ±Infinity.
 */
export interface FeatureMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major: cell (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
  readonly featureNames: readonly string[];
  /**
   * Per column, true if it holds category codes (whole numbers ≥ 0, NaN = missing) rather than
   * quantities. Only the tree engine uses it (category-subset splits); absent = all numeric.
   */
  readonly categorical?: readonly boolean[];
}

/** What a model learns to predict. Class labels are integer codes into `classes`. */
export type Target =
  | { readonly task: 'classification'; readonly codes: Int32Array; readonly classes: readonly string[] }
  | { readonly task: 'regression'; readonly values: Float64Array };

export type Task = Target['task'];

export function targetLength(y: Target): number {
  return y.task === 'classification' ? y.codes.length : y.values.length;
}

export function getRow(X: FeatureMatrix, i: number): Float64Array {
  return X.data.subarray(i * X.cols, (i + 1) * X.cols);
}

/** Rows [start, end) of X as a matrix of their own, sharing X's memory (no copy). */
export function rowRange(X: FeatureMatrix, start: number, end: number): FeatureMatrix {
  return { ...X, rows: end - start, data: X.data.subarray(start * X.cols, end * X.cols) };
}

/** Rows of X as plain arrays (the form the mljs packages take). */
export function toRowArrays(X: FeatureMatrix): number[][] {
  const out: number[][] = new Array(X.rows);
  for (let i = 0; i < X.rows; i++) out[i] = Array.from(getRow(X, i));
  return out;
}

/** A new matrix holding the given rows of X, in that order. */
export function selectRows(X: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const data = new Float64Array(rows.length * X.cols);
  for (let k = 0; k < rows.length; k++) data.set(getRow(X, rows[k]), k * X.cols);
  return {
    rows: rows.length,
    cols: X.cols,
    data,
    featureNames: X.featureNames,
    ...(X.categorical ? { categorical: X.categorical } : {}),
  };
}

export function selectTarget(y: Target, rows: ArrayLike<number>): Target {
  if (y.task === 'classification') {
    const codes = new Int32Array(rows.length);
    for (let k = 0; k < rows.length; k++) codes[k] = y.codes[rows[k]];
    return { task: 'classification', codes, classes: y.classes };
  }
  const values = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) values[k] = y.values[rows[k]];
  return { task: 'regression', values };
}
