/**
 * Seeded row and feature sampling for the row caps and the forest's bootstraps.
 * Subsamples are stratified so that a capped fit keeps the class balance (and rare classes)
 * of the full data; for regression the strata are quantile bins of the target.
 */
import type { Rng } from '../util/random.js';
import type { Target } from './matrix.js';

/** Stratum per row: the class code, or for regression the target's decile (by rank). */
export function strataOf(y: Target, bins = 10): Int32Array {
  if (y.task === 'classification') return y.codes;
  const n = y.values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => y.values[a] - y.values[b] || a - b);
  const strata = new Int32Array(n);
  order.forEach((row, rank) => (strata[row] = Math.floor((rank * bins) / n)));
  return strata;
}

/**
 * Splits `size` over groups in proportion to their sizes (largest remainder), giving every
 * non-empty group at least one slot when size allows, so a rare class is never dropped.
 */
export function allocate(groupSizes: readonly number[], size: number): number[] {
  const total = groupSizes.reduce((a, b) => a + b, 0);
  const exact = groupSizes.map((g) => (total === 0 ? 0 : (size * g) / total));
  const alloc = exact.map(Math.floor);
  let extra = size - alloc.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((_, i) => i).sort((a, b) => exact[b] - alloc[b] - (exact[a] - alloc[a]) || a - b);
  for (const i of byRemainder) {
    if (extra <= 0) break;
    alloc[i]++;
    extra--;
  }
  const nonEmpty = groupSizes.filter((g) => g > 0).length;
  if (size >= nonEmpty) {
    for (let i = 0; i < alloc.length; i++) {
      if (groupSizes[i] > 0 && alloc[i] === 0) {
        const donor = alloc.indexOf(Math.max(...alloc));
        alloc[donor]--;
        alloc[i]++;
      }
    }
  }
  return alloc;
}

/**
 * `size` row indices, stratified by `strata`, sorted ascending. Without replacement (a subsample;
 * size ≤ rows) or with replacement (a stratified bootstrap).
 */
export function stratifiedSample(strata: Int32Array, size: number, rng: Rng, replace: boolean): Int32Array {
  const groups = new Map<number, number[]>();
  strata.forEach((s, row) => {
    const g = groups.get(s);
    if (g === undefined) groups.set(s, [row]);
    else g.push(row);
  });
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const alloc = allocate(
    keys.map((k) => groups.get(k)!.length),
    size,
  );
  const out: number[] = [];
  keys.forEach((key, gi) => {
    const rows = groups.get(key)!;
    if (replace) {
      for (let t = 0; t < alloc[gi]; t++) out.push(rows[rng.int(rows.length)]);
    } else {
      // Partial Fisher–Yates: the first alloc[gi] slots become a uniform sample.
      for (let t = 0; t < alloc[gi]; t++) {
        const j = t + rng.int(rows.length - t);
        const tmp = rows[t];
        rows[t] = rows[j];
        rows[j] = tmp;
        out.push(rows[t]);
      }
    }
  });
  return Int32Array.from(out).sort();
}

/** n draws with replacement from 0..n-1 (a plain bootstrap, as scikit-learn's forests use). */
export function bootstrapSample(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(n);
  return out.sort();
}
