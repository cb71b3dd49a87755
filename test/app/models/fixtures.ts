/** Small generated datasets for the model tests (seeded: the same every run). */
import type { FeatureMatrix, Target } from '../../../app/models/matrix.js';
import { createRng, type Rng } from '../../../app/util/random.js';

export function gaussian(rng: Rng): number {
  // Box–Muller; 1 − u keeps the log argument in (0, 1].
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

export function matrix(rows: readonly (readonly number[])[], names?: readonly string[]): FeatureMatrix {
  const cols = rows.length > 0 ? rows[0].length : (names?.length ?? 0);
  return {
    rows: rows.length,
    cols,
    data: Float64Array.from(rows.flat()),
    featureNames: names ?? Array.from({ length: cols }, (_, j) => `f${j}`),
  };
}

export function classes(codes: readonly number[], k: number): Target {
  return {
    task: 'classification',
    codes: Int32Array.from(codes),
    classes: Array.from({ length: k }, (_, c) => `class${c}`),
  };
}

export function values(v: readonly number[]): Target {
  return { task: 'regression', values: Float64Array.from(v) };
}

export interface Problem {
  readonly X: FeatureMatrix;
  readonly y: Target;
}

/** k well-separated Gaussian blobs: class c is shifted by `shift` along feature c (needs p ≥ k). */
export function blobs(seed: number, n: number, p = 4, k = 3, shift = 4): Problem {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    rows.push(Array.from({ length: p }, (_, j) => gaussian(rng) + (j === c ? shift : 0)));
    codes.push(c);
  }
  return { X: matrix(rows), y: classes(codes, k) };
}

/** y = 3·x0 − 2·x1 (if there is an x1) + small noise; other features are noise. */
export function linearTarget(seed: number, n: number, p = 4, noise = 0.1): Problem {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: p }, () => gaussian(rng));
    rows.push(row);
    ys.push(3 * row[0] - 2 * (row[1] ?? 0) + noise * gaussian(rng));
  }
  return { X: matrix(rows), y: values(ys) };
}

export function problem(task: 'classification' | 'regression', seed: number, n: number, p = 4): Problem {
  return task === 'classification' ? blobs(seed, n, p) : linearTarget(seed, n, p);
}

/** First `n` rows as training, the rest as test. */
export function split(P: Problem, n: number): { train: Problem; test: Problem } {
  const take = (from: number, to: number): Problem => {
    const X: FeatureMatrix = {
      rows: to - from,
      cols: P.X.cols,
      data: P.X.data.slice(from * P.X.cols, to * P.X.cols),
      featureNames: P.X.featureNames,
    };
    const y: Target =
      P.y.task === 'classification'
        ? { ...P.y, codes: P.y.codes.slice(from, to) }
        : { task: 'regression', values: P.y.values.slice(from, to) };
    return { X, y };
  };
  return { train: take(0, n), test: take(n, P.X.rows) };
}

export function accuracy(pred: Float64Array, y: Target): number {
  if (y.task !== 'classification') throw new Error('accuracy needs classes');
  let hits = 0;
  pred.forEach((v, i) => (hits += v === y.codes[i] ? 1 : 0));
  return hits / pred.length;
}

export function r2(pred: Float64Array, y: Target): number {
  if (y.task !== 'regression') throw new Error('r2 needs values');
  const mean = y.values.reduce((a, b) => a + b, 0) / y.values.length;
  let ssr = 0;
  let sst = 0;
  y.values.forEach((v, i) => {
    ssr += (v - pred[i]) ** 2;
    sst += (v - mean) ** 2;
  });
  return 1 - ssr / sst;
}

/** Bit-for-bit equality of two float arrays (NaN and −0 included). */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.every((v, i) => v === y[i]);
}
