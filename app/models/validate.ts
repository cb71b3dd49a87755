/**
 * Input checks shared by every model. The preprocessor hands the mljs and linear models no NaN (it
 * imputes) and the engine's trees NaN for missing values (they learn where missing values go); a
 * model is also a public API (CLI, saved files, tests), so it refuses bad input with a message a user
 * can act on instead of silently learning from garbage (ml-cart and ml-random-forest accept NaN
 * without complaint).
 *
 * Rows in messages are 1-based positions in the matrix given to fit/predict.
 */
import { SaplingError } from '../util/errors.js';
import { targetLength, type FeatureMatrix, type Target, type Task } from './matrix.js';

function featureLabel(X: FeatureMatrix, j: number): string {
  const name = X.featureNames[j];
  return name === undefined ? `column ${j + 1}` : `'${name}' (column ${j + 1})`;
}

function checkShape(X: FeatureMatrix, what: string): void {
  if (
    !Number.isInteger(X.rows) ||
    !Number.isInteger(X.cols) ||
    X.rows < 0 ||
    X.cols < 0 ||
    X.data.length !== X.rows * X.cols
  ) {
    throw new SaplingError(
      'BAD_INPUT',
      `${what}: matrix data has ${X.data.length} cells, expected ${X.rows} rows × ${X.cols} columns`,
    );
  }
}

/** Non-finite cells are refused; with `allowMissing`, NaN (a missing value) is accepted and only ±Infinity is refused. */
function checkFinite(X: FeatureMatrix, what: string, allowMissing: boolean): void {
  const { data, cols } = X;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (!Number.isFinite(v) && !(allowMissing && v !== v)) {
      const row = Math.floor(k / cols);
      const hint = allowMissing
        ? 'this model takes numbers or missing values (NaN), not infinities'
        : 'models need finite numbers (impute or drop missing values first)';
      throw new SaplingError(
        'BAD_INPUT',
        `${what}: feature ${featureLabel(X, k - row * cols)} is ${v} in row ${row + 1}; ${hint}`,
      );
    }
  }
}

/** Everything fit needs to be true of X and y. `allowMissing`: the model handles NaN itself (the tree engine). */
export function checkTrainingData(X: FeatureMatrix, y: Target, allowMissing = false): void {
  const what = 'training data';
  checkShape(X, what);
  if (X.rows === 0) throw new SaplingError('BAD_INPUT', `${what}: no rows to train on`);
  if (X.cols === 0) throw new SaplingError('BAD_INPUT', `${what}: no feature columns`);
  if (X.featureNames.length !== X.cols) {
    throw new SaplingError('BAD_INPUT', `${what}: ${X.featureNames.length} feature names for ${X.cols} columns`);
  }
  const n = targetLength(y);
  if (n !== X.rows) throw new SaplingError('BAD_INPUT', `${what}: X has ${X.rows} rows but the target has ${n} values`);
  checkFinite(X, what, allowMissing);
  if (y.task === 'classification') {
    const k = y.classes.length;
    if (k === 0) throw new SaplingError('BAD_INPUT', `${what}: the target has no classes`);
    for (let i = 0; i < n; i++) {
      const c = y.codes[i];
      if (c < 0 || c >= k)
        throw new SaplingError(
          'BAD_INPUT',
          `${what}: target code ${c} in row ${i + 1} is not a class (expected 0..${k - 1})`,
        );
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = y.values[i];
      if (!Number.isFinite(v))
        throw new SaplingError(
          'BAD_INPUT',
          `${what}: target is ${v} in row ${i + 1}; rows with a missing target must be dropped first`,
        );
    }
  }
}

/** X given to predict must match the training columns. */
export function checkPredictData(X: FeatureMatrix, cols: number, allowMissing = false): void {
  const what = 'prediction data';
  checkShape(X, what);
  if (X.cols !== cols)
    throw new SaplingError('BAD_INPUT', `${what}: X has ${X.cols} columns but the model was trained on ${cols}`);
  checkFinite(X, what, allowMissing);
}

/** The checks every fit starts with: the task matches the estimator's, the seed is usable, the data is sound. */
export function checkFitCall(task: Task, X: FeatureMatrix, y: Target, seed: number, allowMissing = false): void {
  if (y.task !== task)
    throw new SaplingError('BAD_INPUT', `this estimator was created for ${task}, but the target is for ${y.task}`);
  if (!Number.isSafeInteger(seed)) throw new SaplingError('BAD_PARAMETER', `seed must be a whole number, got ${seed}`);
  checkTrainingData(X, y, allowMissing);
}

/** Tasks are strings at the API edge (CLI, IPC); reject anything else when an estimator is created. */
export function checkTask(task: string): Task {
  if (task !== 'classification' && task !== 'regression') {
    throw new SaplingError('BAD_PARAMETER', `unknown task '${task}'; choose classification or regression`);
  }
  return task;
}
