/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: a small, deterministic,
 * full-batch minimizer for smooth convex objectives such as L2-penalized logistic loss.
 * Same inputs → same iterates, bit for bit (no randomness, fixed evaluation order).
 */
import type { Steps } from '../util/steps.js';

/** Writes the gradient at x into `grad` and returns the objective value. */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  readonly maxIter: number;
  /** Stop when the largest gradient component is at most this. */
  readonly gradientTolerance: number;
  /** Stop when an iteration improves the objective by less than this, relative to its size. */
  readonly valueTolerance: number;
  /** Number of (step, gradient change) pairs kept. */
  readonly history?: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly gradientNorm: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** L-BFGS as steps (app/util/steps.ts): it yields after each evaluation of the objective, one pass over the rows. */
export function* lbfgsSteps(fg: ObjectiveWithGradient, x0: Float64Array, options: LbfgsOptions): Steps<LbfgsResult> {
  const n = x0.length;
  const m = options.history ?? 10;
  let x = x0.slice();
  let g = new Float64Array(n);
  let f = fg(x, g);
  yield;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const alpha = new Float64Array(m);
  let iter = 0;
  let converged = maxAbs(g) <= options.gradientTolerance;
  while (!converged && iter < options.maxIter) {
    iter++;
    // Two-loop recursion: d = −H·g, with H0 scaled by the latest curvature pair.
    d.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], d);
      for (let i = 0; i < n; i++) d[i] -= alpha[k] * Y[k][i];
    }
    const gamma =
      S.length > 0
        ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1])
        : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], d);
      for (let i = 0; i < n; i++) d[i] += S[k][i] * (alpha[k] - beta);
    }
    for (let i = 0; i < n; i++) d[i] = -d[i];
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (should not happen on a convex objective): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i] / Math.max(1, Math.sqrt(dot(g, g)));
      slope = dot(g, d);
    }
    let t = 1;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let fNew = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + t * d[i];
      fNew = fg(xNew, gNew);
      yield;
      if (fNew <= f + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(fNew <= f)) {
      // No step decreases f: rounding noise dominates. That is convergence if the gradient is small.
      converged = maxAbs(g) <= 100 * options.gradientTolerance;
      break;
    }
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      yv[i] = gNew[i] - g[i];
    }
    const sy = dot(s, yv);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    const improvement = f - fNew;
    x = xNew;
    g = gNew;
    f = fNew;
    converged =
      maxAbs(g) <= options.gradientTolerance || improvement <= options.valueTolerance * Math.max(1, Math.abs(f));
  }
  return { x, value: f, iterations: iter, converged, gradientNorm: maxAbs(g) };
}
