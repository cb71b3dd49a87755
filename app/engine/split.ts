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
 * values, the grower sends missing values to the side with more rows. Categorical features (category
 * subsets) are split in split-categorical.ts, from the same histograms and with the same gains.
 *
 * Ties keep the first candidate found (features in the order given, bins ascending), so results never
 * depend on anything but the data.
 */

export type CriterionKind = 'class' | 'reg' | 'grad';

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

export function countSum(counts: Float64Array, at: number, K: number): number {
  let n = 0;
  for (let c = 0; c < K; c++) n += counts[at + c];
  return n;
}

// ---------- numeric splits ----------

/**
 * Scans feature f (slots [s, s + bins) plus the missing slot s + bins) of `hist` for node totals `total`
 * (channels at offset 0). Updates `best` if a better split is found.
 *
 * `occupied` (class and reg criteria): the feature's non-empty non-missing bins, ascending, when the caller
 * knows them (sparse-hist.ts); the scan then visits only those — exactly the bins the full scan does not
 * skip as empty, in the same order, so the result is the same.
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
  occupied: Int32Array | null = null,
  occupiedCount = 0,
): void {
  if (ctx.kind === 'grad') return scanNumericGrad(ctx, hist, s, bins, total, f, best);
  if (ctx.kind === 'reg')
    return scanNumericReg(ctx, hist, s, bins, total, parentImpurity, f, best, occupied, occupiedCount);
  return scanNumericClass(ctx, hist, s, bins, total, parentImpurity, f, best, occupied, occupiedCount);
}

/** Bins the scan visits: every bin below the last one, or the occupied ones among them. */
function candidateCount(bins: number, occupied: Int32Array | null, occupiedCount: number): number {
  if (occupied === null) return bins - 1;
  let n = occupiedCount;
  while (n > 0 && occupied[n - 1] >= bins - 1) n--;
  return n;
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
  occupied: Int32Array | null,
  occupiedCount: number,
): void {
  const K = ctx.channels;
  if (K === 2 && !ctx.entropy && ctx.classWeight === null)
    return scanNumericGini2(ctx, hist, s, bins, total, parentImp, f, best, occupied, occupiedCount);
  const m = (s + bins) * K;
  const candidates = candidateCount(bins, occupied, occupiedCount);
  const missingN = countSum(hist, m, K);
  const totalN = countSum(total, 0, K);
  const L = ctx.L;
  const R = ctx.R;
  for (let pass = 0; pass < (missingN > 0 ? 2 : 1); pass++) {
    const missLeft = pass === 1;
    for (let c = 0; c < K; c++) L[c] = missLeft ? hist[m + c] : 0;
    let nL = missLeft ? missingN : 0;
    for (let i = 0; i < candidates; i++) {
      const b = occupied === null ? i : occupied[i];
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

/** W·gini of two class counts without class weights: classTotalImpurity's arithmetic, operation for operation. */
function gini2(a: number, b: number): number {
  const W = a + b;
  return W <= 0 ? 0 : W - (a * a + b * b) / W;
}

/**
 * scanNumericClass for the default case of two classes, gini, no class weights (compare's forest on a binary
 * target): the same sums, comparisons and impurities in the same order — so the same split, bit for bit — with
 * the class loop unrolled and the impurity inlined (the generic loop was most of a small node's scan).
 */
function scanNumericGini2(
  ctx: SplitContext,
  hist: Float64Array,
  s: number,
  bins: number,
  total: Float64Array,
  parentImp: number,
  f: number,
  best: SplitResult,
  occupied: Int32Array | null,
  occupiedCount: number,
): void {
  const m = (s + bins) * 2;
  const candidates = candidateCount(bins, occupied, occupiedCount);
  const m0 = hist[m];
  const m1 = hist[m + 1];
  const missingN = m0 + m1;
  const t0 = total[0];
  const t1 = total[1];
  const totalN = t0 + t1;
  const minLeaf = ctx.minSamplesLeaf;
  for (let pass = 0; pass < (missingN > 0 ? 2 : 1); pass++) {
    const missLeft = pass === 1;
    let l0 = missLeft ? m0 : 0;
    let l1 = missLeft ? m1 : 0;
    let nL = missLeft ? missingN : 0;
    for (let i = 0; i < candidates; i++) {
      const b = occupied === null ? i : occupied[i];
      const at = (s + b) * 2;
      const v0 = hist[at];
      const v1 = hist[at + 1];
      l0 += v0;
      l1 += v1;
      const nb = v0 + v1;
      if (nb === 0) continue;
      nL += nb;
      const nR = totalN - nL;
      if (nR <= 0) break;
      if (nL < minLeaf || nR < minLeaf) continue;
      const gain = parentImp - gini2(l0, l1) - gini2(t0 - l0, t1 - l1);
      if (gain > best.gain) {
        best.gain = gain;
        best.feature = f;
        best.bin = b;
        best.categorical = false;
        best.missingLeft = missLeft;
        best.left[0] = l0;
        best.left[1] = l1;
      }
    }
    // Missing alone on one side: all non-missing rows left, missing right.
    if (!missLeft && missingN > 0) {
      const nLAll = totalN - missingN;
      if (nLAll >= minLeaf && missingN >= minLeaf && nLAll > 0) {
        const a0 = t0 - m0;
        const a1 = t1 - m1;
        const gain = parentImp - gini2(a0, a1) - gini2(m0, m1);
        if (gain > best.gain) {
          best.gain = gain;
          best.feature = f;
          best.bin = bins - 1;
          best.categorical = false;
          best.missingLeft = false;
          best.left[0] = a0;
          best.left[1] = a1;
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
  occupied: Int32Array | null,
  occupiedCount: number,
): void {
  const m = (s + bins) * 2;
  const candidates = candidateCount(bins, occupied, occupiedCount);
  const mn = hist[m];
  const ms = hist[m + 1];
  const tn = total[0];
  const ts = total[1];
  const minLeaf = ctx.minSamplesLeaf;
  for (let pass = 0; pass < (mn > 0 ? 2 : 1); pass++) {
    const missLeft = pass === 1;
    let nL = missLeft ? mn : 0;
    let sL = missLeft ? ms : 0;
    for (let i = 0; i < candidates; i++) {
      const b = occupied === null ? i : occupied[i];
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
