/**
 * Best split of one feature from a node's histogram, for each criterion:
 *
 * - classification (`class`): channels = the K class counts (bootstrap multiplicities included, class
 *   weights applied here); decrease in weighted gini or entropy, W·i(parent) − W_L·i(left) − W_R·i(right).
 * - regression (`reg`): channels [n, Σy]; decrease in squared error, Σ_L²/n_L + Σ_R²/n_R − Σ²/n.
 * - gradient boosting (`grad`): channels [Σg, Σh, n]; XGBoost's gain
 *   ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)].
 *
 * Numeric features try every boundary between non-empty bins, with the node's missing values sent left
 * and right (the better side becomes the learned default direction); when the node has no missing
 * values, the grower sends missing values to the side with more rows. Categorical features order the node's categories
 * (the missing bin counting as one) by a target statistic — mean target, positive rate, or G/(H+λ) —
 * and try every prefix of that order as the left set, which is the optimal subset for regression,
 * two classes and boosting (Fisher 1958, Breiman et al. 1984). With more than two classes, up to
 * MAX_EXHAUSTIVE categories are split exhaustively, beyond that each class's rate gives one order.
 *
 * Ties keep the first candidate found (features in the order given, bins ascending), so results never
 * depend on anything but the data.
 */

export type CriterionKind = 'class' | 'reg' | 'grad';

/** Categories beyond which multiclass categorical splits use per-class orders instead of all subsets. */
export const MAX_EXHAUSTIVE = 8;

/** The best split found so far for a node (reused between nodes). */
export class SplitResult {
  gain = -Infinity;
  feature = -1;
  /** Numeric: the last bin going left. */
  bin = -1;
  categorical = false;
  missingLeft = false;
  /** Categorical: bins going left (the missing bin's side is `missingLeft`). */
  readonly catSet = new Uint32Array(8);
  /** Channel totals of the left child. */
  readonly left: Float64Array;

  constructor(channels: number) {
    this.left = new Float64Array(channels);
  }

  reset(): void {
    this.gain = -Infinity;
    this.feature = -1;
    this.bin = -1;
    this.categorical = false;
    this.missingLeft = false;
  }

  copyFrom(other: SplitResult): void {
    this.gain = other.gain;
    this.feature = other.feature;
    this.bin = other.bin;
    this.categorical = other.categorical;
    this.missingLeft = other.missingLeft;
    this.catSet.set(other.catSet);
    this.left.set(other.left);
  }
}

export interface SplitContext {
  readonly kind: CriterionKind;
  /** Scratch space, at least `channels` long each. */
  readonly L: Float64Array;
  readonly R: Float64Array;
  /** Channels per histogram slot: K (class), 2 (reg), 3 or 2 (grad: with or without row counts). */
  readonly channels: number;
  /** Classification: 'gini' or 'entropy'; class weights (length K) or null. */
  readonly entropy: boolean;
  readonly classWeight: Float64Array | null;
  readonly minSamplesLeaf: number;
  /** Gradient: L2 on leaf values and minimum hessian per child. */
  readonly l2: number;
  readonly minChildWeight: number;
}

// ---------- impurity helpers (weighted "W·impurity", so decreases subtract directly) ----------

const LOG2 = Math.log(2);

/** W·impurity of class counts at `at` (K channels), class weights applied. */
export function classTotalImpurity(ctx: SplitContext, counts: Float64Array, at: number): number {
  const K = ctx.channels;
  const cw = ctx.classWeight;
  let W = 0;
  let acc = 0;
  for (let c = 0; c < K; c++) {
    const w = cw === null ? counts[at + c] : counts[at + c] * cw[c];
    W += w;
    if (ctx.entropy) {
      if (w > 0) acc += w * Math.log(w);
    } else acc += w * w;
  }
  if (W <= 0) return 0;
  return ctx.entropy ? (W * Math.log(W) - acc) / LOG2 : W - acc / W;
}

export function classWeightSum(ctx: SplitContext, counts: Float64Array, at: number): number {
  const cw = ctx.classWeight;
  let W = 0;
  for (let c = 0; c < ctx.channels; c++) W += cw === null ? counts[at + c] : counts[at + c] * cw[c];
  return W;
}

function countSum(counts: Float64Array, at: number, K: number): number {
  let n = 0;
  for (let c = 0; c < K; c++) n += counts[at + c];
  return n;
}

// ---------- numeric splits ----------

/**
 * Scans feature f (slots [s, s + bins) plus the missing slot s + bins) of `hist` for node totals `total`
 * (channels at offset 0). Updates `best` if a better split is found.
 */
export function scanNumeric(
  ctx: SplitContext,
  hist: Float64Array,
  s: number,
  bins: number,
  total: Float64Array,
  parentImpurity: number,
  f: number,
  best: SplitResult,
): void {
  if (ctx.kind === 'grad') return scanNumericGrad(ctx, hist, s, bins, total, f, best);
  if (ctx.kind === 'reg') return scanNumericReg(ctx, hist, s, bins, total, parentImpurity, f, best);
  return scanNumericClass(ctx, hist, s, bins, total, parentImpurity, f, best);
}

function scanNumericClass(
  ctx: SplitContext,
  hist: Float64Array,
  s: number,
  bins: number,
  total: Float64Array,
  parentImp: number,
  f: number,
  best: SplitResult,
): void {
  const K = ctx.channels;
  const m = (s + bins) * K;
  const missingN = countSum(hist, m, K);
  const totalN = countSum(total, 0, K);
  const L = ctx.L;
  const R = ctx.R;
  for (let pass = 0; pass < (missingN > 0 ? 2 : 1); pass++) {
    const missLeft = pass === 1;
    for (let c = 0; c < K; c++) L[c] = missLeft ? hist[m + c] : 0;
    let nL = missLeft ? missingN : 0;
    for (let b = 0; b < bins - 1; b++) {
      const at = (s + b) * K;
      let nb = 0;
      for (let c = 0; c < K; c++) {
        const v = hist[at + c];
        L[c] += v;
        nb += v;
      }
      if (nb === 0) continue;
      nL += nb;
      const nR = totalN - nL;
      if (nR <= 0) break;
      if (nL < ctx.minSamplesLeaf || nR < ctx.minSamplesLeaf) continue;
      for (let c = 0; c < K; c++) R[c] = total[c] - L[c];
      const gain = parentImp - classTotalImpurity(ctx, L, 0) - classTotalImpurity(ctx, R, 0);
      if (gain > best.gain) {
        best.gain = gain;
        best.feature = f;
        best.bin = b;
        best.categorical = false;
        best.missingLeft = missLeft;
        for (let c = 0; c < K; c++) best.left[c] = L[c];
      }
    }
    // Missing alone on one side: all non-missing rows left, missing right.
    if (!missLeft && missingN > 0) {
      const nLAll = totalN - missingN;
      if (nLAll >= ctx.minSamplesLeaf && missingN >= ctx.minSamplesLeaf && nLAll > 0) {
        for (let c = 0; c < K; c++) {
          L[c] = total[c] - hist[m + c];
          R[c] = hist[m + c];
        }
        const gain = parentImp - classTotalImpurity(ctx, L, 0) - classTotalImpurity(ctx, R, 0);
        if (gain > best.gain) {
          best.gain = gain;
          best.feature = f;
          best.bin = bins - 1;
          best.categorical = false;
          best.missingLeft = false;
          for (let c = 0; c < K; c++) best.left[c] = L[c];
        }
      }
    }
  }
}

function scanNumericReg(
  ctx: SplitContext,
  hist: Float64Array,
  s: number,
  bins: number,
  total: Float64Array,
  parentImp: number,
  f: number,
  best: SplitResult,
): void {
  const m = (s + bins) * 2;
  const mn = hist[m];
  const ms = hist[m + 1];
  const tn = total[0];
  const ts = total[1];
  const minLeaf = ctx.minSamplesLeaf;
  for (let pass = 0; pass < (mn > 0 ? 2 : 1); pass++) {
    const missLeft = pass === 1;
    let nL = missLeft ? mn : 0;
    let sL = missLeft ? ms : 0;
    for (let b = 0; b < bins - 1; b++) {
      const at = (s + b) * 2;
      const nb = hist[at];
      if (nb === 0) continue;
      nL += nb;
      sL += hist[at + 1];
      const nR = tn - nL;
      if (nR <= 0) break;
      if (nL < minLeaf || nR < minLeaf) continue;
      const sR = ts - sL;
      const gain = (sL * sL) / nL + (sR * sR) / nR - parentImp;
      if (gain > best.gain) {
        best.gain = gain;
        best.feature = f;
        best.bin = b;
        best.categorical = false;
        best.missingLeft = missLeft;
        best.left[0] = nL;
        best.left[1] = sL;
      }
    }
    if (!missLeft && mn > 0) {
      const nL2 = tn - mn;
      if (nL2 > 0 && nL2 >= minLeaf && mn >= minLeaf) {
        const sL2 = ts - ms;
        const gain = (sL2 * sL2) / nL2 + (ms * ms) / mn - parentImp;
        if (gain > best.gain) {
          best.gain = gain;
          best.feature = f;
          best.bin = bins - 1;
          best.categorical = false;
          best.missingLeft = false;
          best.left[0] = nL2;
          best.left[1] = sL2;
        }
      }
    }
  }
}

/**
 * Boosting histograms have 3 channels [Σg, Σh, n], or 2 [Σg, Σh] when no minimum leaf size is asked for
 * (minSamplesLeaf ≤ 1: a third fewer memory updates). Without counts a bin is empty when both sums are 0,
 * and a child must have Σh > 0.
 */
function scanNumericGrad(
  ctx: SplitContext,
  hist: Float64Array,
  s: number,
  bins: number,
  total: Float64Array,
  f: number,
  best: SplitResult,
): void {
  const C = ctx.channels;
  const counted = C === 3;
  const m = (s + bins) * C;
  const mg = hist[m];
  const mh = hist[m + 1];
  const mPresent = counted ? hist[m + 2] > 0 : mg !== 0 || mh !== 0;
  const mn = counted ? hist[m + 2] : mh;
  const tg = total[0];
  const th = total[1];
  const tn = counted ? total[2] : th;
  const l2 = ctx.l2;
  const minLeaf = counted ? ctx.minSamplesLeaf : Number.MIN_VALUE;
  const minH = ctx.minChildWeight;
  const parent = (tg * tg) / (th + l2);
  for (let pass = 0; pass < (mPresent ? 2 : 1); pass++) {
    const missLeft = pass === 1;
    let gL = missLeft ? mg : 0;
    let hL = missLeft ? mh : 0;
    let nL = missLeft ? mn : 0;
    for (let b = 0; b < bins - 1; b++) {
      const at = (s + b) * C;
      const gb = hist[at];
      const hb = hist[at + 1];
      if (counted) {
        const nb = hist[at + 2];
        if (nb === 0) continue;
        nL += nb;
      } else {
        if (gb === 0 && hb === 0) continue;
        nL += hb;
      }
      gL += gb;
      hL += hb;
      const nR = tn - nL;
      if (counted && nR <= 0) break;
      if (nL < minLeaf || nR < minLeaf) continue;
      const hR = th - hL;
      if (hL < minH || hR < minH) continue;
      const gR = tg - gL;
      const gain = 0.5 * ((gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parent);
      if (gain > best.gain) {
        best.gain = gain;
        best.feature = f;
        best.bin = b;
        best.categorical = false;
        best.missingLeft = missLeft;
        best.left[0] = gL;
        best.left[1] = hL;
        if (counted) best.left[2] = nL;
      }
    }
    if (!missLeft && mPresent) {
      const nL2 = tn - mn;
      const hL2 = th - mh;
      if (nL2 > 0 && nL2 >= minLeaf && mn >= minLeaf && hL2 >= minH && mh >= minH) {
        const gL2 = tg - mg;
        const gain = 0.5 * ((gL2 * gL2) / (hL2 + l2) + (mg * mg) / (mh + l2) - parent);
        if (gain > best.gain) {
          best.gain = gain;
          best.feature = f;
          best.bin = bins - 1;
          best.categorical = false;
          best.missingLeft = false;
          best.left[0] = gL2;
          best.left[1] = hL2;
          if (counted) best.left[2] = nL2;
        }
      }
    }
  }
}

// ---------- categorical splits ----------

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
  const present: number[] = [];
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
    if (n > 0) present.push(b);
  }
  if (present.length < 2) return;
  if (ctx.kind === 'class' && C > 2) {
    if (present.length <= MAX_EXHAUSTIVE)
      return exhaustive(ctx, hist, s, bins, total, parentImpurity, f, best, present);
    for (let c = 0; c < C; c++) {
      const rate = (b: number): number => {
        const at = (s + b) * C;
        return hist[at + c] / countSum(hist, at, C);
      };
      prefixScan(ctx, hist, s, bins, total, parentImpurity, f, best, orderBy(present, rate));
    }
    return;
  }
  let stat: (b: number) => number;
  if (ctx.kind === 'class') {
    stat = (b) => {
      const at = (s + b) * C;
      const cw = ctx.classWeight;
      const w0 = cw === null ? hist[at] : hist[at] * cw[0];
      const w1 = cw === null ? hist[at + 1] : hist[at + 1] * cw[1];
      return w1 / (w0 + w1);
    };
  } else if (ctx.kind === 'reg') {
    stat = (b) => hist[(s + b) * 2 + 1] / hist[(s + b) * 2];
  } else {
    stat = (b) => hist[(s + b) * C] / (hist[(s + b) * C + 1] + ctx.l2);
  }
  prefixScan(ctx, hist, s, bins, total, parentImpurity, f, best, orderBy(present, stat));
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
  order: readonly number[],
): void {
  const C = ctx.channels;
  const catL = ctx.L;
  catL.fill(0, 0, C);
  let bestK = -1;
  let bestGain = best.gain;
  for (let k = 0; k < order.length - 1; k++) {
    const at = (s + order[k]) * C;
    for (let c = 0; c < C; c++) catL[c] += hist[at + c];
    const gain = splitGain(ctx, total, parentImp);
    if (gain > bestGain) {
      bestGain = gain;
      bestK = k;
    }
  }
  if (bestK < 0) return;
  recordSubset(ctx, hist, s, order.slice(0, bestK + 1), best, f, bestGain, bins);
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
