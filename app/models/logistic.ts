/**
 * L2-penalized logistic regression on standardized features, as scikit-learn's
 * LogisticRegression(C) with lbfgs: minimise Σ log-loss + ||W||² / (2C), intercepts unpenalized.
 * Two classes use one weight vector (the binary model), more use one per class (multinomial).
 * Classes absent from the training rows get probability 0 and no weights: their unpenalized
 * intercepts would otherwise run off to −∞.
 */
import { lbfgsSteps } from './lbfgs.js';
import type { Steps } from '../util/steps.js';

export interface LogisticModel {
  /** Class codes present in training, ascending; logits are over these. */
  readonly present: Int32Array;
  /** F × p weights, F = 1 for two classes, present.length for more, 0 for one. */
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
}

export interface LogisticFit extends LogisticModel {
  readonly iterations: number;
  readonly converged: boolean;
  readonly gradientNorm: number;
}

/** Logits of standardized row z (at offset) into `out` (length present.length). */
function logits(m: LogisticModel, p: number, z: Float64Array, offset: number, out: Float64Array): void {
  const K = m.present.length;
  const binary = K === 2;
  if (binary) out[0] = 0;
  const F = m.intercept.length;
  for (let f = 0; f < F; f++) {
    let s = m.intercept[f];
    for (let j = 0; j < p; j++) s += m.coef[f * p + j] * z[offset + j];
    out[binary ? 1 : f] = s;
  }
}

/**
 * Logits clamped to finite values, in place: a huge input standardized by a tiny spread makes ±Infinity, and
 * Infinity − Infinity NaN; clamped, the probabilities stay probabilities.
 */
function clampLogits(l: Float64Array): void {
  for (let j = 0; j < l.length; j++)
    l[j] = Number.isNaN(l[j]) ? 0 : Math.max(-LOGIT_LIMIT, Math.min(LOGIT_LIMIT, l[j]));
}

/** log Σ exp(l), computed around the max so exp never overflows. */
function logSumExp(l: Float64Array): number {
  let mx = -Infinity;
  for (const v of l) mx = Math.max(mx, v);
  let s = 0;
  for (const v of l) s += Math.exp(v - mx);
  return mx + Math.log(s);
}

/**
 * Multinomial (binary: one free class) logistic regression with an L2 penalty, as steps: one per pass over the
 * rows (app/util/steps.ts), so a 1M-row fit can pause between passes.
 */
export function* fitLogisticSteps(
  Z: Float64Array,
  n: number,
  p: number,
  codes: Int32Array,
  C: number,
  maxIter: number,
): Steps<LogisticFit> {
  const present = Int32Array.from(new Set(codes)).sort();
  const K = present.length;
  const local = new Map<number, number>();
  present.forEach((c, j) => local.set(c, j));
  const y = Int32Array.from(codes, (c) => local.get(c)!);
  const F = K === 1 ? 0 : K === 2 ? 1 : K;
  const stride = p + 1; // θ holds, per free class, p weights then the intercept
  const unpack = (theta: Float64Array): LogisticModel => {
    const coef = new Float64Array(F * p);
    const intercept = new Float64Array(F);
    for (let f = 0; f < F; f++) {
      coef.set(theta.subarray(f * stride, f * stride + p), f * p);
      intercept[f] = theta[f * stride + p];
    }
    return { present, coef, intercept };
  };
  if (F === 0) return { ...unpack(new Float64Array(0)), iterations: 0, converged: true, gradientNorm: 0 };

  // The objective is divided by n so tolerances mean the same at any data size.
  const penalty = 1 / (C * n);
  const l = new Float64Array(K);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    const m = unpack(theta);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      logits(m, p, Z, i * p, l);
      const lse = logSumExp(l);
      loss += lse - l[y[i]];
      for (let f = 0; f < F; f++) {
        const j = K === 2 ? 1 : f;
        const r = Math.exp(l[j] - lse) - (y[i] === j ? 1 : 0);
        const base = f * stride;
        for (let q = 0; q < p; q++) grad[base + q] += r * Z[i * p + q];
        grad[base + p] += r;
      }
    }
    let sq = 0;
    for (let f = 0; f < F; f++) {
      for (let q = 0; q < p; q++) {
        const w = theta[f * stride + q];
        sq += w * w;
        grad[f * stride + q] = grad[f * stride + q] / n + penalty * w;
      }
      grad[f * stride + p] /= n;
    }
    return loss / n + 0.5 * penalty * sq;
  };
  const result = yield* lbfgsSteps(objective, new Float64Array(F * stride), {
    maxIter,
    gradientTolerance: 1e-7,
    valueTolerance: 1e-15,
  });
  return {
    ...unpack(result.x),
    iterations: result.iterations,
    converged: result.converged,
    gradientNorm: result.gradientNorm,
  };
}

/**
 * |logit| cap for prediction. Any two logits 1e6 apart already give probabilities 1 and 0 (exp(−745) is 0), so
 * the cap changes no finite prediction; and at this size max + log Σ exp keeps its fractional part.
 */
const LOGIT_LIMIT = 1e6;

/** Probabilities n × k over all k classes (absent classes 0). Z is standardized, n × p. */
export function logisticProba(m: LogisticModel, Z: Float64Array, n: number, p: number, k: number): Float64Array {
  const K = m.present.length;
  const out = new Float64Array(n * k);
  const l = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    logits(m, p, Z, i * p, l);
    clampLogits(l);
    const lse = logSumExp(l);
    for (let j = 0; j < K; j++) out[i * k + m.present[j]] = Math.exp(l[j] - lse);
  }
  return out;
}
