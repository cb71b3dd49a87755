/**
 * The split of extremely randomized trees (Geurts, Ernst & Wehenkel 2006; scikit-learn's RandomSplitter):
 * instead of the best threshold of a candidate feature, ONE threshold drawn uniformly between the node's
 * smallest and largest value of that feature; the grower then keeps the best of these random splits over
 * the candidate features. Categorical features get a random subset of the node's categories instead.
 *
 * The draw is in value space (binLow of the node's first non-empty bin to binHigh of its last), as
 * scikit-learn's; a bin goes left when its values' midpoint is ≤ the threshold. The chosen partition is
 * then scored by the ordinary split scan on a two-bin histogram (left bins, right bins, missing), so the
 * impurity arithmetic, minSamplesLeaf and the missing-value directions are exactly those of the best
 * splitter.
 */
import type { Rng } from '../util/random.js';
import type { BinnedFeatures } from './binning.js';
import { scanNumeric, SplitResult, type SplitContext } from './split.js';

/** Per-grower scratch space: a 3-slot histogram and a split result. */
export class RandomSplitScratch {
  readonly hist: Float64Array;
  readonly result: SplitResult;
  /** Categorical: 1 where the category goes left. */
  readonly side = new Uint8Array(256);

  constructor(channels: number) {
    this.hist = new Float64Array(3 * channels);
    this.result = new SplitResult(channels);
  }
}

function binCount(ctx: SplitContext, hist: Float64Array, at: number): number {
  if (ctx.kind !== 'class') return hist[at];
  let n = 0;
  for (let c = 0; c < ctx.channels; c++) n += hist[at + c];
  return n;
}

/**
 * Scores one random split of feature f (its slots start at histogram slot `binned.offset[f]`) and keeps it
 * in `best` if it beats it. Returns false if the node's rows cannot be split on f (one value, no missing).
 */
export function scanRandom(
  ctx: SplitContext,
  binned: BinnedFeatures,
  hist: Float64Array,
  f: number,
  total: Float64Array,
  parentImpurity: number,
  rng: Rng,
  scratch: RandomSplitScratch,
  best: SplitResult,
): void {
  const C = ctx.channels;
  const s = binned.offset[f];
  const bins = binned.count[f];
  const categorical = binned.categorical[f] === 1;
  let lo = -1;
  let hi = -1;
  let present = 0;
  const side = scratch.side;
  for (let b = 0; b < bins; b++) {
    if (binCount(ctx, hist, (s + b) * C) === 0) continue;
    if (lo < 0) lo = b;
    hi = b;
    present++;
  }
  if (lo < 0) return;
  const tmp = scratch.hist;
  tmp.fill(0);
  let cut = hi;
  if (categorical) {
    // A random non-empty proper subset of the present categories goes left.
    side.fill(0, 0, bins);
    let left = 0;
    for (let b = lo; b <= hi; b++) {
      if (binCount(ctx, hist, (s + b) * C) === 0) continue;
      side[b] = rng.next() < 0.5 ? 1 : 0;
      left += side[b];
    }
    if (present > 1 && (left === 0 || left === present)) {
      // All on one side: move one category, drawn uniformly among the present ones, across.
      let k = rng.int(present);
      for (let b = lo; b <= hi; b++) {
        if (binCount(ctx, hist, (s + b) * C) === 0) continue;
        if (k-- === 0) {
          side[b] ^= 1;
          break;
        }
      }
    }
    for (let b = lo; b <= hi; b++) {
      const to = side[b] === 1 || present === 1 ? 0 : C;
      for (let c = 0; c < C; c++) tmp[to + c] += hist[(s + b) * C + c];
    }
  } else {
    if (hi > lo) {
      const min = binned.binLow[s + lo];
      const max = binned.binHigh[s + hi];
      const t = min + rng.next() * (max - min);
      cut = lo;
      for (let b = lo + 1; b < hi; b++) if ((binned.binLow[s + b] + binned.binHigh[s + b]) / 2 <= t) cut = b;
    }
    for (let b = lo; b <= hi; b++) {
      const to = b <= cut ? 0 : C;
      for (let c = 0; c < C; c++) tmp[to + c] += hist[(s + b) * C + c];
    }
  }
  for (let c = 0; c < C; c++) tmp[2 * C + c] = hist[(s + bins) * C + c];
  const r = scratch.result;
  r.reset();
  scanNumeric(ctx, tmp, 0, 2, total, parentImpurity, f, r);
  if (r.feature !== f || !(r.gain > best.gain)) return;
  best.gain = r.gain;
  best.feature = f;
  best.missingLeft = r.missingLeft;
  best.left.set(r.left);
  // r.bin 0: the drawn partition; r.bin 1: every non-missing row left, the missing ones right.
  const all = r.bin === 1 || present === 1;
  if (categorical) {
    best.categorical = true;
    best.bin = -1;
    best.catSet.fill(0);
    for (let b = lo; b <= hi; b++)
      if ((all || side[b] === 1) && binCount(ctx, hist, (s + b) * C) > 0) best.catSet[b >>> 5] |= 1 << (b & 31);
  } else {
    best.categorical = false;
    best.bin = all ? bins - 1 : cut;
  }
}
