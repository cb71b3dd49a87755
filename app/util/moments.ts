/**
 * Mean and standard deviation that survive numbers near the edge of the double range. Plain sums of values such as
 * 1e308 overflow to Infinity (and squared deviations already beyond ~1e154), which made the profile's histogram and a
 * linear model's scaling Infinity or NaN. The plain sums come first, so ordinary data gets exactly the usual numbers;
 * only when they overflow is everything recomputed on the values divided by their largest magnitude, which cannot.
 */

export interface Moments {
  readonly mean: number;
  /** Standard deviation with `n − ddof` in the denominator (0: population, 1: sample); Infinity only if it is beyond a double; NaN for n ≤ ddof. */
  readonly std: number;
}

/** Moments of the finite values data[start + k·stride], k = 0…n−1 (n ≥ 1). */
export function moments(data: ArrayLike<number>, start: number, stride: number, n: number, ddof: 0 | 1): Moments {
  const end = start + n * stride;
  let sum = 0;
  for (let i = start; i < end; i += stride) sum += data[i];
  const mean = sum / n;
  let squares = 0;
  if (Number.isFinite(mean)) for (let i = start; i < end; i += stride) squares += (data[i] - mean) ** 2;
  if (Number.isFinite(mean) && Number.isFinite(squares)) return { mean, std: Math.sqrt(squares / (n - ddof)) };
  let scale = 0;
  for (let i = start; i < end; i += stride) scale = Math.max(scale, Math.abs(data[i]));
  let scaledSum = 0;
  for (let i = start; i < end; i += stride) scaledSum += data[i] / scale;
  const scaledMean = scaledSum / n;
  let scaledSquares = 0;
  for (let i = start; i < end; i += stride) scaledSquares += (data[i] / scale - scaledMean) ** 2;
  return { mean: scaledMean * scale, std: Math.sqrt(scaledSquares / (n - ddof)) * scale };
}
