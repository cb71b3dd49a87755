/**
 * Is a model's probability honest? Reliability diagram bins, expected calibration error (ECE) and Brier
 * score from out-of-fold probabilities, and optional recalibration (isotonic or Platt).
 *
 * Two classes: the probability of the second class against how often it occurs. More classes: top-label
 * calibration — the confidence in the predicted class against how often that prediction is right.
 *
 * Recalibration is cross-fitted: the map applied to fold j's out-of-fold probabilities is fitted only on
 * the other folds' out-of-fold probabilities and labels, so fold j's labels never tune its own correction.
 */
import { brier } from '../evaluate/metrics.js';
import type { CalibrationMethod, CalibrationSummary, ReliabilityBin } from '../result/explain.js';
export type { CalibrationMethod, CalibrationSummary, ReliabilityBin };

/** (score, event happened) pairs of the rows that have a prediction. */
export function calibrationPairs(
  codes: Int32Array,
  proba: Float64Array,
  k: number,
  rows: ArrayLike<number>,
): { scores: Float64Array; events: Uint8Array } {
  const scores = new Float64Array(rows.length);
  const events = new Uint8Array(rows.length);
  for (let n = 0; n < rows.length; n++) {
    const i = rows[n];
    if (k === 2) {
      scores[n] = proba[i * 2 + 1];
      events[n] = codes[i] === 1 ? 1 : 0;
    } else {
      let best = 0;
      for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
      scores[n] = proba[i * k + best];
      events[n] = codes[i] === best ? 1 : 0;
    }
  }
  return { scores, events };
}

/** Equal-width bins over [0, 1]; ECE = Σ (bin rows / rows) · |observed − mean predicted|. */
export function reliability(
  scores: Float64Array,
  events: Uint8Array,
  binCount = 10,
): { bins: ReliabilityBin[]; ece: number } {
  const count = new Float64Array(binCount);
  const sumP = new Float64Array(binCount);
  const sumY = new Float64Array(binCount);
  for (let i = 0; i < scores.length; i++) {
    const b = Math.min(binCount - 1, Math.max(0, Math.floor(scores[i] * binCount)));
    count[b]++;
    sumP[b] += scores[i];
    sumY[b] += events[i];
  }
  let ece = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const meanPredicted = count[b] > 0 ? sumP[b] / count[b] : NaN;
    const observed = count[b] > 0 ? sumY[b] / count[b] : NaN;
    if (count[b] > 0) ece += (count[b] / scores.length) * Math.abs(observed - meanPredicted);
    bins.push({ from: b / binCount, to: (b + 1) / binCount, count: count[b], meanPredicted, observed });
  }
  return { bins, ece: scores.length > 0 ? ece : NaN };
}

export function summarizeCalibration(
  codes: Int32Array,
  proba: Float64Array,
  k: number,
  rows: ArrayLike<number>,
  event: string,
): CalibrationSummary {
  const { scores, events } = calibrationPairs(codes, proba, k, rows);
  const { bins, ece } = reliability(scores, events);
  const y = Int32Array.from(rows, (i) => codes[i]);
  const p = new Float64Array(rows.length * k);
  for (let n = 0; n < rows.length; n++) p.set(proba.subarray(rows[n] * k, rows[n] * k + k), n * k);
  return { event, bins, ece, brier: rows.length > 0 ? brier(y, p, k) : NaN, rows: rows.length };
}

/** Isotonic regression by pool-adjacent-violators: a non-decreasing step map from score to probability. */
export function fitIsotonic(scores: Float64Array, events: Uint8Array): (s: number) => number {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a] - scores[b]);
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const i of order) {
    xs.push(scores[i]);
    ys.push(events[i]);
    ws.push(1);
    while (ys.length > 1 && ys[ys.length - 2] > ys[ys.length - 1]) {
      const w = ws[ws.length - 2] + ws[ws.length - 1];
      const y = (ys[ys.length - 2] * ws[ws.length - 2] + ys[ys.length - 1] * ws[ws.length - 1]) / w;
      xs.pop();
      ys.pop();
      ws.pop();
      ys[ys.length - 1] = y;
      ws[ws.length - 1] = w;
      // xs keeps the block's first (smallest) score as its left edge.
    }
  }
  if (xs.length === 0) return (s) => s;
  // Step function: the value of the last block starting at or below s.
  return (s) => {
    let lo = 0;
    let hi = xs.length - 1;
    if (s < xs[0]) return ys[0];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (xs[mid] <= s) lo = mid;
      else hi = mid - 1;
    }
    return ys[lo];
  };
}

/**
 * Platt scaling: P(event) = σ(a · s + b) on the model's probability s (as scikit-learn's 'sigmoid'
 * calibration of predict_proba), fitted by Newton's method on the log-loss with Platt's smoothed targets
 * (so a perfectly separated fold does not send a to infinity), starting from the base rate.
 */
export function fitPlatt(scores: Float64Array, events: Uint8Array): (s: number) => number {
  const n = scores.length;
  const positives = events.reduce((s, v) => s + v, 0);
  const hiT = (positives + 1) / (positives + 2);
  const loT = 1 / (n - positives + 2);
  const x = scores;
  let a = 0;
  let b = Math.log((positives + 1) / (n - positives + 1));
  for (let iter = 0; iter < 100; iter++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 1e-12;
    let h01 = 0;
    let h11 = 1e-12;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * x[i] + b)));
      const r = p - (events[i] ? hiT : loT);
      const w = p * (1 - p);
      g0 += r * x[i];
      g1 += r;
      h00 += w * x[i] * x[i];
      h01 += w * x[i];
      h11 += w;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(Math.abs(det) > 0)) break;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return (s) => 1 / (1 + Math.exp(-(a * s + b)));
}

/**
 * Two-class out-of-fold probabilities recalibrated fold by fold: fold j's rows get a map fitted on every
 * other fold's rows. Returns a new rows × 2 probability array (rows outside the folds stay NaN).
 */
export function crossFitCalibration(
  codes: Int32Array,
  proba: Float64Array,
  folds: readonly { readonly test: Int32Array }[],
  method: CalibrationMethod,
): Float64Array {
  const out = new Float64Array(proba.length).fill(NaN);
  for (const [j, fold] of folds.entries()) {
    const others = folds.flatMap((f, i) => (i === j ? [] : Array.from(f.test)));
    const { scores, events } = calibrationPairs(codes, proba, 2, others);
    const map = method === 'isotonic' ? fitIsotonic(scores, events) : fitPlatt(scores, events);
    for (const i of fold.test) {
      const p = Math.min(1, Math.max(0, map(proba[i * 2 + 1])));
      out[i * 2] = 1 - p;
      out[i * 2 + 1] = p;
    }
  }
  return out;
}
