/**
 * Each feature is binned once per fit: numeric features into at most `maxBins` quantile bins, categorical
 * features one bin per category (the rarest share an "other" bin beyond `maxBins − 1` categories), and
 * every feature gets one extra bin for missing values. Trees are then grown on the bins only: a split is
 * "bin ≤ b goes left" (numeric) or "bin ∈ set goes left" (categorical), and the fitted trees keep the
 * matching raw thresholds so prediction never bins.
 *
 * Layout: bin codes are one byte each, row-major (`bins[row * cols + f]`), so a histogram pass reads one
 * short contiguous run per row. Feature f's bins are 0..count[f]−1 and its missing bin is count[f];
 * a node's histogram gives feature f the slots offset[f] … offset[f] + count[f].
 *
 * Numeric bin edges: with at most maxBins distinct values, one bin per value and the edges halfway
 * between neighbours (as scikit-learn's trees); otherwise bins of roughly equal row counts, cut halfway
 * between distinct values. Edges come from all rows, or above SAMPLE_ROWS from a fixed-seed sample of
 * that many (as LightGBM and scikit-learn's HistGradientBoosting), so binning never depends on the seed.
 */
import { SaplingError } from '../util/errors.js';
import { createRng } from '../util/random.js';
import { runSteps, runStepsPaced, type Steps } from '../util/steps.js';

import { MAX_BINS } from '../models/engine-params.js';
export { MAX_BINS };
/** Bin edges are computed from at most this many rows. */
export const SAMPLE_ROWS = 200_000;

export interface BinnedFeatures {
  readonly rows: number;
  readonly cols: number;
  /**
   * Row-major bin codes, `stride` bytes per row (cols rounded up to a multiple of 4, so a kernel can read
   * four codes with one 32-bit load); row r's code for feature f is bins[r * stride + f], its missing
   * bin is count[f]. Padding bytes are 0 and belong to no feature.
   */
  readonly bins: Uint8Array;
  readonly stride: number;
  /** Non-missing bins per feature (≥ 1). */
  readonly count: Int32Array;
  /** First histogram slot of each feature; offset[cols] is the total number of slots. */
  readonly offset: Int32Array;
  /** 1 for categorical features. */
  readonly categorical: Uint8Array;
  /** 1 if the feature has a missing value in the binned rows. */
  readonly hasMissing: Uint8Array;
  /** Numeric feature f: bin b (< count − 1) holds values ≤ edges[edgeStart[f] + b]. */
  readonly edges: Float64Array;
  readonly edgeStart: Int32Array;
  /**
   * Categorical feature f: codeToBin[codeStart[f] + code] for codes 0..codeStart[f+1]−codeStart[f]−1;
   * −1 for a code never seen while binning (treated as missing).
   */
  readonly codeToBin: Int32Array;
  readonly codeStart: Int32Array;
  /**
   * Numeric features: the smallest and largest value seen in each bin (slot offset[f] + b; from the
   * binning sample). Lets a tree put its threshold in the middle of a gap between a node's values.
   */
  readonly binLow: Float64Array;
  readonly binHigh: Float64Array;
}

export interface BinningOptions {
  readonly maxBins?: number;
  /** Per feature: true if its values are category codes (non-negative integers, NaN = missing). */
  readonly categorical?: readonly boolean[];
}

function sampleRows(rows: number): Int32Array | undefined {
  if (rows <= SAMPLE_ROWS) return undefined;
  // Fixed seed: the edges depend on the data only. Sorted, for a cache-friendly column gather.
  const rng = createRng(0x5a91);
  const pick = new Uint8Array(rows);
  let chosen = 0;
  while (chosen < SAMPLE_ROWS) {
    const r = rng.int(rows);
    if (pick[r] === 0) {
      pick[r] = 1;
      chosen++;
    }
  }
  const out = new Int32Array(SAMPLE_ROWS);
  for (let r = 0, k = 0; r < rows; r++) if (pick[r] === 1) out[k++] = r;
  return out;
}

/**
 * Sorts finite doubles in place, ascending. Above RADIX_MIN values an LSD radix sort on the IEEE bits
 * (four passes of 16 bits; negative numbers have all bits flipped, others the sign bit) — several times
 * faster than TypedArray.prototype.sort, which dominated binning. −0 sorts just before +0, as in sort().
 */
const RADIX_MIN = 20_000;

export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const little = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;
  const loAt = little ? 0 : 1;
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1 - loAt];
    const l = words[2 * i + loAt];
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const counts = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(key[i] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(key[i] >>> shift) & 0xffff]++;
      lo2[at] = lo[i];
      hi2[at] = hi[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    let h = hi[i];
    let l = lo[i];
    if (h & 0x80000000) h = (h & 0x7fffffff) >>> 0;
    else {
      h = ~h >>> 0;
      l = ~l >>> 0;
    }
    words[2 * i + 1 - loAt] = h;
    words[2 * i + loAt] = l;
  }
  return values;
}

/** Edges (upper bounds of all bins but the last) for sorted non-missing values. */
export function numericEdges(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  if (n === 0) return new Float64Array(0);
  let distinct = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const midpoint = (a: number, b: number): number => {
    const m = a + (b - a) / 2;
    return m >= b ? a : m; // adjacent floats: keep b in the upper bin
  };
  if (distinct <= maxBins) {
    const edges = new Float64Array(distinct - 1);
    for (let i = 1, e = 0; i < n; i++) if (sorted[i] !== sorted[i - 1]) edges[e++] = midpoint(sorted[i - 1], sorted[i]);
    return edges;
  }
  // Walk the runs of equal values; close a bin once it holds its share of the rows.
  const edges: number[] = [];
  for (let i = 0; i < n - 1 && edges.length < maxBins - 1; i++) {
    if (sorted[i + 1] === sorted[i]) continue; // i ends a run of equal values
    if (i + 1 >= ((edges.length + 1) * n) / maxBins) edges.push(midpoint(sorted[i], sorted[i + 1]));
  }
  return Float64Array.from(edges);
}

/** The bin of a numeric value: the first b with x ≤ edges[b], else the last bin. */
export function numericBin(edges: Float64Array, start: number, length: number, x: number): number {
  let lo = 0;
  let hi = length; // answer in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[start + mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Bins the columns of a row-major matrix (NaN = missing; categorical features hold codes).
 * `rows` selects the training rows (default all).
 */
export function binFeatures(
  data: Float64Array,
  rowCount: number,
  cols: number,
  options: BinningOptions = {},
): BinnedFeatures {
  return runSteps(binningSteps(data, rowCount, cols, options));
}

/**
 * binFeatures with `pause()` awaited after each column's edges and each chunk of rows: the same bins, but at 1M
 * rows binning is a second or more of work that a cancel or a progress event must not wait behind.
 */
export async function binFeaturesPaced(
  data: Float64Array,
  rowCount: number,
  cols: number,
  options: BinningOptions,
  pause: () => Promise<void>,
): Promise<BinnedFeatures> {
  return runStepsPaced(binningSteps(data, rowCount, cols, options), pause);
}

/** Rows mapped to bins between two pauses (~30–60 ms at 20 features). */
const MAP_CHUNK_ROWS = 1 << 17;

/** The binning, as steps: it yields after each column's edges and each chunk of mapped rows. */
function* binningSteps(
  data: Float64Array,
  rowCount: number,
  cols: number,
  options: BinningOptions,
): Steps<BinnedFeatures> {
  const maxBins = options.maxBins ?? MAX_BINS;
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS)
    throw new SaplingError('BAD_PARAMETER', `maxBins must be a whole number from 2 to ${MAX_BINS}, got ${maxBins}`);
  const categorical = Uint8Array.from({ length: cols }, (_, f) => (options.categorical?.[f] ? 1 : 0));
  const sample = sampleRows(rowCount);
  const sampleSize = sample ? sample.length : rowCount;
  const count = new Int32Array(cols);
  const offset = new Int32Array(cols + 1);
  const hasMissing = new Uint8Array(cols);
  const edgeList: Float64Array[] = [];
  const codeList: Int32Array[] = [];
  const column = new Float64Array(sampleSize);
  const lows: Float64Array[] = [];
  const highs: Float64Array[] = [];

  for (let f = 0; f < cols; f++) {
    let present = 0;
    for (let k = 0; k < sampleSize; k++) {
      const v = data[(sample ? sample[k] : k) * cols + f];
      if (v === v) column[present++] = v;
    }
    if (categorical[f] === 1) {
      codeList.push(categoryBins(data, rowCount, cols, f, maxBins));
      edgeList.push(new Float64Array(0));
      const map = codeList[f];
      let bins = 0;
      for (const b of map) if (b + 1 > bins) bins = b + 1;
      count[f] = Math.max(1, bins);
      lows.push(new Float64Array(count[f]).fill(NaN));
      highs.push(new Float64Array(count[f]).fill(NaN));
    } else {
      const values = sortFloat64(column.subarray(0, present));
      const edges = numericEdges(values, maxBins);
      edgeList.push(edges);
      codeList.push(new Int32Array(0));
      count[f] = edges.length + 1;
      // Sorted values walk through the bins in order: first and last value of each.
      const low = new Float64Array(count[f]).fill(NaN);
      const high = new Float64Array(count[f]).fill(NaN);
      for (let i = 0, b = 0; i < values.length; i++) {
        while (b < edges.length && values[i] > edges[b]) b++;
        if (low[b] !== low[b]) low[b] = values[i];
        high[b] = values[i];
      }
      lows.push(low);
      highs.push(high);
    }
    offset[f + 1] = offset[f] + count[f] + 1;
    yield;
  }

  const edgeStart = new Int32Array(cols + 1);
  const codeStart = new Int32Array(cols + 1);
  for (let f = 0; f < cols; f++) {
    edgeStart[f + 1] = edgeStart[f] + edgeList[f].length;
    codeStart[f + 1] = codeStart[f] + codeList[f].length;
  }
  const edges = new Float64Array(edgeStart[cols]);
  const codeToBin = new Int32Array(codeStart[cols]);
  for (let f = 0; f < cols; f++) {
    edges.set(edgeList[f], edgeStart[f]);
    codeToBin.set(codeList[f], codeStart[f]);
  }

  const binLow = new Float64Array(offset[cols]).fill(NaN);
  const binHigh = new Float64Array(offset[cols]).fill(NaN);
  for (let f = 0; f < cols; f++) {
    binLow.set(lows[f], offset[f]);
    binHigh.set(highs[f], offset[f]);
  }
  const stride = (cols + 3) & ~3;
  const binned: BinnedFeatures = {
    rows: rowCount,
    cols,
    bins: new Uint8Array(rowCount * stride),
    stride,
    count,
    offset,
    categorical,
    hasMissing,
    edges,
    edgeStart,
    codeToBin,
    codeStart,
    binLow,
    binHigh,
  };
  for (let from = 0; from < rowCount; from += MAP_CHUNK_ROWS) {
    mapRows(binned, data, from, Math.min(rowCount, from + MAP_CHUNK_ROWS), binned.bins.subarray(from * stride), true);
    yield;
  }
  return binned;
}

/** Category code → bin for one categorical feature: the most frequent maxBins − 1 codes get their own bin, the rest share one. */
function categoryBins(data: Float64Array, rows: number, cols: number, f: number, maxBins: number): Int32Array {
  let maxCode = -1;
  for (let r = 0; r < rows; r++) {
    const v = data[r * cols + f];
    if (v !== v) continue;
    if (!(v >= 0 && Number.isInteger(v) && v < 2 ** 31)) {
      throw new SaplingError(
        'BAD_INPUT',
        `training data: categorical feature ${f + 1} holds ${v} in row ${r + 1}; category codes must be whole numbers ≥ 0`,
      );
    }
    if (v > maxCode) maxCode = v;
  }
  if (maxCode > 10_000_000)
    throw new SaplingError(
      'BAD_INPUT',
      `training data: categorical feature ${f + 1} has a category code of ${maxCode}; codes must be below 10,000,000`,
    );
  const freq = new Float64Array(maxCode + 1);
  for (let r = 0; r < rows; r++) {
    const v = data[r * cols + f];
    if (v === v) freq[v]++;
  }
  const seen: number[] = [];
  for (let c = 0; c <= maxCode; c++) if (freq[c] > 0) seen.push(c);
  const map = new Int32Array(maxCode + 1).fill(-1);
  if (seen.length <= maxBins) {
    seen.forEach((c, b) => (map[c] = b));
    return map;
  }
  // Most frequent first (ties: lower code), then own bins in code order; the rest share the last bin.
  const kept = [...seen]
    .sort((a, b) => freq[b] - freq[a] || a - b)
    .slice(0, maxBins - 1)
    .sort((a, b) => a - b);
  for (const c of seen) map[c] = maxBins - 1;
  kept.forEach((c, b) => (map[c] = b));
  return map;
}

/** Bin of one raw value of feature f (missing, unseen categories → the missing bin). */
export function binOf(binned: BinnedFeatures, f: number, v: number): number {
  if (v !== v) return binned.count[f];
  if (binned.categorical[f] === 1) {
    const size = binned.codeStart[f + 1] - binned.codeStart[f];
    if (!(v >= 0 && v < size && Number.isInteger(v))) return binned.count[f];
    const b = binned.codeToBin[binned.codeStart[f] + v];
    return b < 0 ? binned.count[f] : b;
  }
  return numericBin(binned.edges, binned.edgeStart[f], binned.edgeStart[f + 1] - binned.edgeStart[f], v);
}

/**
 * Bins rows [from, to) of a row-major matrix with the same columns into `out` (`stride` bytes per row,
 * starting at row 0 of out). Blocks of rows, feature by feature within a block, so a block of the matrix stays in cache;
 * numeric values find their bin with a fixed eight-step search over the edges padded to 256.
 */
export function mapRows(
  binned: BinnedFeatures,
  data: Float64Array,
  from: number,
  to: number,
  out: Uint8Array,
  recordMissing = false,
): void {
  const cols = binned.cols;
  const stride = binned.stride;
  const padded = new Float64Array(256 * cols).fill(Infinity);
  for (let f = 0; f < cols; f++)
    padded.set(binned.edges.subarray(binned.edgeStart[f], binned.edgeStart[f + 1]), 256 * f);
  const sawMissing = new Uint8Array(cols);
  const BLOCK = 2048;
  for (let start = from; start < to; start += BLOCK) {
    const end = Math.min(to, start + BLOCK);
    for (let f = 0; f < cols; f++) {
      const missing = binned.count[f];
      if (binned.categorical[f] === 1) {
        for (let r = start; r < end; r++) {
          const b = binOf(binned, f, data[r * cols + f]);
          if (b === missing) sawMissing[f] = 1;
          out[(r - from) * stride + f] = b;
        }
        continue;
      }
      const e = 256 * f;
      for (let r = start; r < end; r++) {
        const v = data[r * cols + f];
        let b: number;
        if (v !== v) {
          b = missing;
          sawMissing[f] = 1;
        } else {
          // The number of edges below v: edges are ascending and padded with +Infinity.
          b = v > padded[e + 127] ? 128 : 0;
          b += v > padded[e + b + 63] ? 64 : 0;
          b += v > padded[e + b + 31] ? 32 : 0;
          b += v > padded[e + b + 15] ? 16 : 0;
          b += v > padded[e + b + 7] ? 8 : 0;
          b += v > padded[e + b + 3] ? 4 : 0;
          b += v > padded[e + b + 1] ? 2 : 0;
          b += v > padded[e + b] ? 1 : 0;
        }
        out[(r - from) * stride + f] = b;
      }
    }
  }
  if (recordMissing) for (let f = 0; f < cols; f++) if (sawMissing[f]) binned.hasMissing[f] = 1;
}
