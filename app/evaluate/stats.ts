/**
 * Summaries of per-fold metric values: mean, sample standard deviation and a Student-t 95%
 * confidence interval, plus percentiles. NaN values (undefined metrics on some folds) are skipped.
 */
import { SaplingError } from '../util/errors.js';

export interface Summary {
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator). */
  readonly std: number;
  /** mean ± t(0.975, n − 1) · std / √n. */
  readonly ci95: readonly [number, number];
  /** Number of non-NaN values used. */
  readonly n: number;
}

/** n = 0 gives NaN everywhere; n = 1 gives the mean with NaN std and interval (no spread can be estimated from one split). */
export function summarize(values: ArrayLike<number>): Summary {
  const xs = Array.from(values).filter((v) => !Number.isNaN(v));
  const n = xs.length;
  if (n === 0) return { mean: NaN, std: NaN, ci95: [NaN, NaN], n: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  // One value (a holdout split) says nothing about spread: no std, no interval — not a false ± 0.
  if (n === 1) return { mean, std: NaN, ci95: [NaN, NaN], n };
  // Two passes (mean first) rather than Σx² − n·mean², which cancels badly for near-equal values.
  const std = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(0.975, n - 1) * (std / Math.sqrt(n));
  return { mean, std, ci95: [mean - half, mean + half], n };
}

/**
 * The p-th percentile (p in [0, 100]) with linear interpolation between closest ranks —
 * numpy.percentile's default method. NaN values are skipped (like numpy.nanpercentile); NaN if none remain.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new SaplingError('BAD_PARAMETER', `percentile must be in [0, 100], got ${p}`);
  const sorted = Float64Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort();
  if (sorted.length === 0) return NaN;
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function median(values: ArrayLike<number>): number {
  return percentile(values, 50);
}

/** Student t cumulative distribution function, via the regularized incomplete beta function. */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = upperTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Inverse of the Student t CDF for any df > 0, accurate to ~1e-12 relative.
 * Closed forms for df = 1 and 2; otherwise safeguarded Newton iteration on the upper tail
 * (solving for the tail, not the CDF, keeps precision for p near 1).
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p >= 0 && p <= 1)) throw new SaplingError('BAD_PARAMETER', `a probability must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const q = 1 - p; // target upper tail, in (0, 0.5)
  // Bracket [lo, hi] with upperTail(lo) ≥ q ≥ upperTail(hi); the tail falls as t grows.
  let lo = 0;
  let hi = 1;
  while (upperTail(hi, df) > q) {
    lo = hi;
    hi *= 2;
  }
  let t = (lo + hi) / 2;
  for (let iter = 0; iter < 200; iter++) {
    const f = upperTail(t, df) - q;
    if (f > 0) lo = t;
    else hi = t;
    let next = t + f / density(t, df); // Newton step: d(tail)/dt = −density
    if (!(next > lo && next < hi)) next = (lo + hi) / 2; // keep inside the bracket
    if (Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}

function checkDf(df: number): void {
  if (!(df > 0)) throw new SaplingError('BAD_PARAMETER', `degrees of freedom must be positive, got ${df}`);
}

/** P(T > t) for t ≥ 0: ½ · I_{df/(df+t²)}(df/2, ½). */
function upperTail(t: number, df: number): number {
  return 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

function density(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** I_x(a, b) by the continued fraction (Numerical Recipes §6.4), using the symmetry for fast convergence. */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaFraction(1 - x, b, a)) / b;
}

/** Modified Lentz evaluation of the incomplete beta continued fraction. */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** ln Γ(x) for x > 0: Lanczos approximation (g = 7, 9 terms), ~1e-15 relative. */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const g = 7;
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = coef[0];
  for (let i = 1; i < g + 2; i++) sum += coef[i] / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
