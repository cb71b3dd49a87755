/**
 * One feature's histogram for a node with few rows, touching only the bins its rows fall in.
 *
 * A fully grown forest tree has hundreds of nodes holding a handful of rows each. The dense path fills,
 * checks and scans every bin of each drawn feature at every one of them (up to 256 slots × channels), while
 * the node's rows occupy a few. Here the histogram is accumulated into the same slots of the same buffer, in
 * the same row order (so every slot holds bit-for-bit the same sums as the dense build), a bitmap records
 * which bins were touched, and the occupied bins come out ascending from the bitmap, so the split scan
 * visits exactly the non-empty bins the dense scan would not skip. The touched slots are cleared afterwards
 * (`clear`), which keeps the buffer all-zero between nodes.
 */

/** Words of the occupied-bin bitmap: bins 0…255 plus the missing bin (count ≤ MAX_BINS = 255). */
const WORDS = 8;

export class SparseHist {
  private readonly bitmap = new Uint32Array(WORDS);
  /** Occupied non-missing bins of the last build, ascending (the scan's candidate list). */
  readonly occupied = new Int32Array(WORDS * 32);
  /** How many of `occupied` are set. */
  occupiedCount = 0;
  /** Bins occupied by the last build, the missing bin included (≤ 1: the feature is constant in the node). */
  distinct = 0;
  /** First slot (index into the histogram) of every bin touched since the last clear. */
  private touched: Int32Array<ArrayBuffer> = new Int32Array(256);
  private touchedCount = 0;

  /**
   * Adds rows[from…to) of feature f (slots from `slot0`, `channels` per bin, missing bin = `missingBin`) to
   * `hist`: class codes (`codes`, one channel per class) or [weight, weight·y] (`values`). The same sums in
   * the same order as the dense kernels of grow.ts.
   */
  build(
    hist: Float64Array,
    bins: Uint8Array,
    stride: number,
    f: number,
    slot0: number,
    channels: number,
    missingBin: number,
    rows: Int32Array,
    from: number,
    to: number,
    codes: Int32Array | undefined,
    values: Float64Array | undefined,
    weight: Float64Array | null,
  ): void {
    const bitmap = this.bitmap;
    bitmap.fill(0);
    if (this.touched.length < this.touchedCount + (to - from))
      this.touched = grownTo(this.touched, this.touchedCount + (to - from));
    const touched = this.touched;
    let nt = this.touchedCount;
    for (let k = from; k < to; k++) {
      const r = rows[k];
      const b = bins[r * stride + f];
      const at = slot0 + b * channels;
      const word = b >>> 5;
      const bit = 1 << (b & 31);
      if ((bitmap[word] & bit) === 0) {
        bitmap[word] |= bit;
        touched[nt++] = at;
      }
      const w = weight === null ? 1 : weight[r];
      if (codes !== undefined) hist[at + codes[r]] += w;
      else {
        hist[at] += w;
        hist[at + 1] += w * values![r];
      }
    }
    this.touchedCount = nt;
    let n = 0;
    let distinct = 0;
    for (let word = 0; word < WORDS; word++) {
      let x = bitmap[word];
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

function grownTo(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}
