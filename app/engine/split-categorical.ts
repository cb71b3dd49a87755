/**
 * Best split of a categorical feature from a node's histogram (numeric features and the criteria: split.ts).
 * The node's categories (the missing bin counting as one) are ordered by a target statistic — mean target,
 * positive rate, or G/(H+λ) — and every prefix of that order is tried as the left set, which is the optimal
 * subset for regression, two classes and boosting (Fisher 1958, Breiman et al. 1984). With more than two
 * classes, up to MAX_EXHAUSTIVE categories are split exhaustively, beyond that each class's rate gives one order.
 */
import { classTotalImpurity, countSum, type SplitContext, type SplitResult } from './split.js';

/** Categories beyond which multiclass categorical splits use per-class orders instead of all subsets. */
export const MAX_EXHAUSTIVE = 8;

/**
 * Categorical feature f: slots [s, s + bins] where slot s + bins is the missing bin, treated as one
 * more category. Left sets are subsets of the node's non-empty categories.
 */
export function scanCategorical(
  ctx: SplitContext,
  hist: Float64Array,
  s: number,
  bins: number,
  total: Float64Array,
  parentImpurity: number,
  f: number,
  best: SplitResult,
): void {
  const C = ctx.channels;
  // Non-empty categories of this node (missing included as bin `bins`).
  const present = PRESENT;
  let m = 0;
  for (let b = 0; b <= bins; b++) {
    const at = (s + b) * C;
    const n =
      ctx.kind === 'class'
        ? countSum(hist, at, C)
        : ctx.kind === 'reg'
          ? hist[at]
          : C === 3
            ? hist[at + 2]
            : hist[at] !== 0 || hist[at + 1] !== 0
              ? 1
              : 0;
    if (n > 0) present[m++] = b;
  }
  if (m < 2) return;
  if (ctx.kind === 'class' && C > 2) {
    const list = Array.from(present.subarray(0, m));
    if (m <= MAX_EXHAUSTIVE) return exhaustive(ctx, hist, s, bins, total, parentImpurity, f, best, list);
    for (let c = 0; c < C; c++) {
      const rate = (b: number): number => {
        const at = (s + b) * C;
        return hist[at + c] / countSum(hist, at, C);
      };
      const order = orderBy(list, rate);
      prefixScan(ctx, hist, s, bins, total, parentImpurity, f, best, order, order.length);
    }
    return;
  }
  // One order by the target statistic (mean target, positive rate, G/(H+λ)); computed in place, no closures:
  // this runs at every node of every tree for each categorical feature drawn.
  const key = STAT;
  const cw = ctx.classWeight;
  for (let i = 0; i < m; i++) {
    const at = (s + present[i]) * C;
    if (ctx.kind === 'class') {
      const w0 = cw === null ? hist[at] : hist[at] * cw[0];
      const w1 = cw === null ? hist[at + 1] : hist[at + 1] * cw[1];
      key[i] = w1 / (w0 + w1);
    } else if (ctx.kind === 'reg') key[i] = hist[at + 1] / hist[at];
    else key[i] = hist[at] / (hist[at + 1] + ctx.l2);
  }
  prefixScan(ctx, hist, s, bins, total, parentImpurity, f, best, sortByKey(present, key, m), m);
}

/** Scratch of the categorical scan (≤ 256 categories plus the missing bin; one scan at a time per thread). */
const PRESENT = new Int32Array(257);
const STAT = new Float64Array(257);

/**
 * Sorts present[0…m) by (key, bin) ascending, in place, keys moving along; returns present. Insertion sort: a
 * node has few categories. With a NaN key the order is left to Array.prototype.sort with the same comparison,
 * as before, since NaN makes that comparison inconsistent and the result depends on the algorithm.
 */
export function sortByKey(present: Int32Array, key: Float64Array, m: number): Int32Array {
  for (let i = 0; i < m; i++) {
    if (Number.isNaN(key[i])) {
      const keyed = Array.from({ length: m }, (_, j) => ({ b: present[j], v: key[j] }));
      keyed.sort((x, y) => x.v - y.v || x.b - y.b);
      keyed.forEach((k, j) => (present[j] = k.b));
      return present;
    }
  }
  for (let i = 1; i < m; i++) {
    const b = present[i];
    const v = key[i];
    let j = i - 1;
    while (j >= 0 && (key[j] - v || present[j] - b) > 0) {
      present[j + 1] = present[j];
      key[j + 1] = key[j];
      j--;
    }
    present[j + 1] = b;
    key[j + 1] = v;
  }
  return present;
}

function orderBy(bins: readonly number[], stat: (b: number) => number): number[] {
  const keyed = bins.map((b) => ({ b, v: stat(b) }));
  keyed.sort((x, y) => x.v - y.v || x.b - y.b);
  return keyed.map((k) => k.b);
}

/** Gain of the split whose left channel totals are in catL (right = total − left); NaN if a child is too small. */
function splitGain(ctx: SplitContext, total: Float64Array, parentImp: number): number {
  const C = ctx.channels;
  const catL = ctx.L;
  const catR = ctx.R;
  for (let c = 0; c < C; c++) catR[c] = total[c] - catL[c];
  if (ctx.kind === 'class') {
    const nL = countSum(catL, 0, C);
    const nR = countSum(catR, 0, C);
    if (nL <= 0 || nR <= 0 || nL < ctx.minSamplesLeaf || nR < ctx.minSamplesLeaf) return NaN;
    return parentImp - classTotalImpurity(ctx, catL, 0) - classTotalImpurity(ctx, catR, 0);
  }
  if (ctx.kind === 'reg') {
    const nL = catL[0];
    const nR = catR[0];
    if (nL <= 0 || nR <= 0 || nL < ctx.minSamplesLeaf || nR < ctx.minSamplesLeaf) return NaN;
    return (catL[1] * catL[1]) / nL + (catR[1] * catR[1]) / nR - parentImp;
  }
  const counted = C === 3;
  const nL = counted ? catL[2] : catL[1];
  const nR = counted ? catR[2] : catR[1];
  if (nL <= 0 || nR <= 0 || (counted && (nL < ctx.minSamplesLeaf || nR < ctx.minSamplesLeaf))) return NaN;
  if (catL[1] < ctx.minChildWeight || catR[1] < ctx.minChildWeight) return NaN;
  const l2 = ctx.l2;
  return (
    0.5 *
    ((catL[0] * catL[0]) / (catL[1] + l2) +
      (catR[0] * catR[0]) / (catR[1] + l2) -
      (total[0] * total[0]) / (total[1] + l2))
  );
}

function record(
  ctx: SplitContext,
  best: SplitResult,
  f: number,
  gain: number,
  bins: number,
  leftBins: readonly number[],
): void {
  best.gain = gain;
  best.feature = f;
  best.bin = -1;
  best.categorical = true;
  best.catSet.fill(0);
  let missingLeft = false;
  for (const b of leftBins) {
    if (b === bins) missingLeft = true;
    else best.catSet[b >>> 5] |= 1 << (b & 31);
  }
  best.left.set(ctx.L.subarray(0, ctx.channels));
  best.missingLeft = missingLeft;
}

function prefixScan(
  ctx: SplitContext,
  hist: Float64Array,
  s: number,
  bins: number,
  total: Float64Array,
  parentImp: number,
  f: number,
  best: SplitResult,
  order: ArrayLike<number>,
  length: number,
): void {
  const C = ctx.channels;
  const catL = ctx.L;
  catL.fill(0, 0, C);
  let bestK = -1;
  let bestGain = best.gain;
  for (let k = 0; k < length - 1; k++) {
    const at = (s + order[k]) * C;
    for (let c = 0; c < C; c++) catL[c] += hist[at + c];
    const gain = splitGain(ctx, total, parentImp);
    if (gain > bestGain) {
      bestGain = gain;
      bestK = k;
    }
  }
  if (bestK < 0) return;
  recordSubset(
    ctx,
    hist,
    s,
    Array.from({ length: bestK + 1 }, (_, k) => order[k]),
    best,
    f,
    bestGain,
    bins,
  );
}

function exhaustive(
  ctx: SplitContext,
  hist: Float64Array,
  s: number,
  bins: number,
  total: Float64Array,
  parentImp: number,
  f: number,
  best: SplitResult,
  present: readonly number[],
): void {
  const C = ctx.channels;
  const catL = ctx.L;
  const m = present.length;
  let bestMask = -1;
  let bestGain = best.gain;
  // The last present category always goes right: each split is visited once.
  for (let mask = 1; mask < 1 << (m - 1); mask++) {
    catL.fill(0, 0, C);
    for (let k = 0; k < m - 1; k++) {
      if ((mask & (1 << k)) === 0) continue;
      const at = (s + present[k]) * C;
      for (let c = 0; c < C; c++) catL[c] += hist[at + c];
    }
    const gain = splitGain(ctx, total, parentImp);
    if (gain > bestGain) {
      bestGain = gain;
      bestMask = mask;
    }
  }
  if (bestMask < 0) return;
  recordSubset(
    ctx,
    hist,
    s,
    present.filter((_, k) => k < m - 1 && (bestMask & (1 << k)) !== 0),
    best,
    f,
    bestGain,
    bins,
  );
}

/** Records the best category subset found: its left-side totals (which `record` reads from ctx.L), then the split. */
function recordSubset(
  ctx: SplitContext,
  hist: Float64Array,
  s: number,
  left: number[],
  best: SplitResult,
  f: number,
  gain: number,
  bins: number,
): void {
  const C = ctx.channels;
  ctx.L.fill(0, 0, C);
  for (const b of left) for (let c = 0; c < C; c++) ctx.L[c] += hist[(s + b) * C + c];
  record(ctx, best, f, gain, bins, left);
}
