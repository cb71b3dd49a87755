/**
 * Seeded randomness. Every random choice in Sapling (folds, bootstraps, permutations,
 * subsamples) draws from one of these so that a run is reproducible from its seed.
 * mulberry32: tiny, fast, good enough statistically for shuffling and sampling.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(array: T, rng: Rng): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/**
 * `m` of the indices 0…n−1 drawn without replacement, ascending (all of them when m ≥ n). A partial Fisher–Yates
 * shuffle: m draws from `rng`, so the same generator state always picks the same indices. The one home for
 * "pick m of n" (column sampling, row subsampling, plot samples) so every caller draws the same way.
 */
export function pickSorted(n: number, m: number, rng: Rng): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  // Draws min(m, n) times even when every index is kept: callers go on using `rng`, so its state must not
  // depend on whether the sample happened to be complete.
  const count = Math.min(m, n);
  for (let k = 0; k < count; k++) {
    const j = k + rng.int(n - k);
    const tmp = all[k];
    all[k] = all[j];
    all[j] = tmp;
  }
  return all.slice(0, count).sort();
}

/** Derive an independent 32-bit seed for a sub-task (fold k, tree t…) from a parent seed. */
export function deriveSeed(seed: number, ...path: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const p of path) {
    h = Math.imul(h ^ (p + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}
