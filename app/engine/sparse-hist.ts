/**
 * Histograms of a node's drawn features for a node with few rows, touching only the bins its rows fall in.
 *
 * A fully grown forest tree has thousands of nodes holding a handful of rows each. The dense path fills,
 * checks and scans every bin of each drawn feature at every one of them (up to 256 slots × channels), while
 * the node's rows occupy a few. Here the histograms are accumulated into the same slots of the same buffer, in
 * the same row order (so every slot holds bit-for-bit the same sums as the dense build), a bitmap per feature
 * records which bins were touched, and the occupied bins come out ascending from the bitmap, so the split scan
 * visits exactly the non-empty bins the dense scan would not skip. The touched slots are cleared afterwards
 * (`clear`), which keeps the buffer all-zero between nodes.
 *
 * All the drawn features are built in one pass over the node's rows: a row's id, class or target, weight and
 * its bins' cache line are loaded once for all of them (one pass per feature loaded them once per feature, and
 * at 100k rows those scattered loads were most of the cost). Each slot still receives its rows in row order.
 */

/** Words of the occupied-bin bitmap: bins 0…255 plus the missing bin (count ≤ MAX_BINS = 255). */
const WORDS = 8;

export class SparseHist {
  /** One bitmap of WORDS words per feature of the last build. */
  private bitmaps: Uint32Array<ArrayBuffer> = new Uint32Array(WORDS * 4);
  /** Occupied non-missing bins of the selected feature, ascending (the scan's candidate list). */
  readonly occupied = new Int32Array(WORDS * 32);
  /** How many of `occupied` are set. */
  occupiedCount = 0;
  /** Bins occupied by the selected feature, the missing bin included (≤ 1: the feature is constant in the node). */
  distinct = 0;
  /** First slot (index into the histogram) of every bin touched since the last clear. */
  private touched: Int32Array<ArrayBuffer> = new Int32Array(256);
  private touchedCount = 0;

  /**
   * Adds rows[from…to) of features feats[0…nf) to `hist` (feature f's slots from offC[f], `channels` per bin):
   * class codes (`codes`, one channel per class) or [weight, weight·y] (`values`). The same sums in the same
   * order as the dense kernels (hist-kernels.ts).
   */
  build(
    hist: Float64Array,
    bins: Uint8Array,
    stride: number,
    feats: Int32Array,
    nf: number,
    offC: Int32Array,
    channels: number,
    rows: Int32Array,
    from: number,
    to: number,
    codes: Int32Array | undefined,
    values: Float64Array | undefined,
    weight: Float64Array | null,
  ): void {
    if (this.bitmaps.length < nf * WORDS) this.bitmaps = new Uint32Array(nf * WORDS);
    const bitmaps = this.bitmaps;
    bitmaps.fill(0, 0, nf * WORDS);
    const need = this.touchedCount + (to - from) * nf;
    if (this.touched.length < need) this.touched = grownTo(this.touched, need);
    if (codes !== undefined)
      this.touchedCount = buildClass(
        hist,
        bins,
        stride,
        feats,
        nf,
        offC,
        channels,
        rows,
        from,
        to,
        codes,
        weight,
        bitmaps,
        this.touched,
        this.touchedCount,
      );
    else
      this.touchedCount = buildReg(
        hist,
        bins,
        stride,
        feats,
        nf,
        offC,
        rows,
        from,
        to,
        values!,
        weight,
        bitmaps,
        this.touched,
        this.touchedCount,
      );
  }

  /** Lists the occupied bins of the i-th feature of the last build (`occupied`, `occupiedCount`, `distinct`). */
  select(i: number, missingBin: number): void {
    const bitmaps = this.bitmaps;
    let n = 0;
    let distinct = 0;
    for (let word = 0; word < WORDS; word++) {
      let x = bitmaps[i * WORDS + word];
      while (x !== 0) {
        const low = x & -x;
        const b = word * 32 + 31 - Math.clz32(low);
        x ^= low;
        distinct++;
        if (b !== missingBin) this.occupied[n++] = b;
      }
    }
    this.occupiedCount = n;
    this.distinct = distinct;
  }

  /** Zeroes every slot touched since the last clear. */
  clear(hist: Float64Array, channels: number): void {
    const touched = this.touched;
    for (let i = 0; i < this.touchedCount; i++) for (let c = 0; c < channels; c++) hist[touched[i] + c] = 0;
    this.touchedCount = 0;
  }
}

// The two kernels are separate functions so each stays monomorphic; they return the new touched count.

function buildClass(
  hist: Float64Array,
  bins: Uint8Array,
  stride: number,
  feats: Int32Array,
  nf: number,
  offC: Int32Array,
  K: number,
  rows: Int32Array,
  from: number,
  to: number,
  codes: Int32Array,
  weight: Float64Array | null,
  bitmaps: Uint32Array,
  touched: Int32Array,
  nt: number,
): number {
  for (let k = from; k < to; k++) {
    const r = rows[k];
    const base = r * stride;
    const c = codes[r];
    const w = weight === null ? 1 : weight[r];
    for (let i = 0; i < nf; i++) {
      const f = feats[i];
      const b = bins[base + f];
      const at = offC[f] + b * K;
      const word = i * WORDS + (b >>> 5);
      const bit = 1 << (b & 31);
      if ((bitmaps[word] & bit) === 0) {
        bitmaps[word] |= bit;
        touched[nt++] = at;
      }
      hist[at + c] += w;
    }
  }
  return nt;
}

function buildReg(
  hist: Float64Array,
  bins: Uint8Array,
  stride: number,
  feats: Int32Array,
  nf: number,
  offC: Int32Array,
  rows: Int32Array,
  from: number,
  to: number,
  values: Float64Array,
  weight: Float64Array | null,
  bitmaps: Uint32Array,
  touched: Int32Array,
  nt: number,
): number {
  for (let k = from; k < to; k++) {
    const r = rows[k];
    const base = r * stride;
    const w = weight === null ? 1 : weight[r];
    const wy = w * values[r];
    for (let i = 0; i < nf; i++) {
      const f = feats[i];
      const b = bins[base + f];
      const at = offC[f] + (b << 1);
      const word = i * WORDS + (b >>> 5);
      const bit = 1 << (b & 31);
      if ((bitmaps[word] & bit) === 0) {
        bitmaps[word] |= bit;
        touched[nt++] = at;
      }
      hist[at] += w;
      hist[at + 1] += wy;
    }
  }
  return nt;
}

function grownTo(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}
