/**
 * Which rows the LLM sees. Asking an LLM about every test row is slow and costs money, so each test
 * fold contributes a seeded, stratified sample (the run's cap spread over the folds in proportion to
 * their size); k-shot examples come from the same fold's *training* rows only, so no test row is ever
 * shown to the model with its answer.
 */
import type { Target } from '../models/matrix.js';
import { selectTarget } from '../models/matrix.js';
import type { Fold } from '../evaluate/splits.js';
import { stratifiedSubsample } from '../evaluate/splits.js';
import { deriveSeed } from '../util/random.js';

export interface LlmFoldSample {
  readonly fold: number;
  /** Dataset rows asked, sorted ascending; a subset of the fold's test rows. */
  readonly rows: Int32Array;
  /** Dataset rows used as examples, a subset of the fold's training rows. */
  readonly shotRows: Int32Array;
}

const SAMPLE_STREAM = 0x11a;
const SHOT_STREAM = 0x5407;

/** Splits `cap` over the folds by largest remainder of cap · |test_f| / Σ|test|. */
export function perFoldQuota(folds: readonly Fold[], cap: number): number[] {
  const sizes = folds.map((f) => f.test.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (cap >= total) return sizes;
  const quota = sizes.map((s) => Math.floor((cap * s) / total));
  let left = cap - quota.reduce((a, b) => a + b, 0);
  const order = sizes.map((_, i) => i).sort((a, b) => ((cap * sizes[b]) % total) - ((cap * sizes[a]) % total) || a - b);
  for (const i of order) {
    if (left === 0) break;
    quota[i]++;
    left--;
  }
  return quota;
}

function pick(target: Target, rows: Int32Array, size: number, seed: number): Int32Array {
  if (size <= 0) return new Int32Array(0);
  const y = selectTarget(target, rows);
  const picked = stratifiedSubsample(y.task === 'classification' ? y.codes : rows.length, size, seed);
  return Int32Array.from(picked, (i) => rows[i]).sort();
}

export function sampleFolds(
  target: Target,
  folds: readonly Fold[],
  cap: number,
  shots: number,
  seed: number,
): LlmFoldSample[] {
  const quota = perFoldQuota(folds, cap);
  return folds.map((fold, f) => ({
    fold: fold.index,
    rows: pick(target, fold.test, quota[f], deriveSeed(seed, SAMPLE_STREAM, fold.index)),
    shotRows: pick(target, fold.train, Math.min(shots, fold.train.length), deriveSeed(seed, SHOT_STREAM, fold.index)),
  }));
}
