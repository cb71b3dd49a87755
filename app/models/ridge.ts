/**
 * Ridge regression on standardized features (closed form): w = (ZᵀZ + αI)⁻¹ Zᵀ(y − ȳ), intercept ȳ.
 * Standardizing first makes α mean the same for every feature, whatever its units.
 */
import { solveSpd } from './cholesky.js';

export interface RidgeModel {
  readonly coef: Float64Array;
  readonly intercept: number;
}

export function fitRidge(Z: Float64Array, n: number, p: number, y: Float64Array, alpha: number): RidgeModel {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const r = y[i] - mean;
    for (let j = 0; j < p; j++) {
      const zj = Z[i * p + j];
      if (zj === 0) continue;
      b[j] += zj * r;
      for (let k = 0; k <= j; k++) A[j * p + k] += zj * Z[i * p + k];
    }
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) A[k * p + j] = A[j * p + k];
    A[j * p + j] += alpha;
  }
  return { coef: solveSpd(A, b, p), intercept: mean };
}

export function ridgePredict(m: RidgeModel, Z: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = m.intercept;
    for (let j = 0; j < p; j++) s += m.coef[j] * Z[i * p + j];
    out[i] = s;
  }
  return out;
}
