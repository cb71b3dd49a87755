/**
 * Per-feature standardization (z = (x − mean) / std, population std as scikit-learn's
 * StandardScaler). A feature constant in training gets std 0 and z = 0 everywhere, so it can
 * never carry weight, whatever value it takes later.
 */
import { moments } from '../util/moments.js';
import type { FeatureMatrix } from './matrix.js';

export interface Scaling {
  readonly means: Float64Array;
  readonly stds: Float64Array;
}

export function fitScaling(X: FeatureMatrix): Scaling {
  const { rows, cols, data } = X;
  const means = new Float64Array(cols);
  const stds = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j];
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const m = moments(data, j, cols, rows, 0);
    means[j] = m.mean;
    if (min !== max) stds[j] = m.std;
  }
  return { means, stds };
}

/** Standardized copy of X, row-major. */
export function applyScaling(s: Scaling, X: FeatureMatrix): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const sd = s.stds[j];
      out[i * cols + j] = sd > 0 ? (data[i * cols + j] - s.means[j]) / sd : 0;
    }
  }
  return out;
}
