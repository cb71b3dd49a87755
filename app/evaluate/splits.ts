/**
 * Row splits for evaluation: stratified and plain k-fold, holdout, and stratified subsampling.
 *
 * Every function draws all its randomness from `createRng(seed)`, so a split is a pure function of
 * its inputs and seed; callers that need independent splits derive seeds with `deriveSeed`.
 * Row index arrays are always returned sorted ascending, so selecting rows keeps the file's order.
 */
import { SaplingError } from '../util/errors.js';
import { warning, type Warning } from '../util/warnings.js';
import { createRng, shuffleInPlace, type Rng } from '../util/random.js';
import type { Fold } from '../result/artifacts.js';

export type { Fold };

export interface StratifiedFolds {
  readonly folds: Fold[];
  /** User-facing notes, e.g. a class too rare to appear in every test fold. */
  readonly warnings: Warning[];
}

/**
 * Stratified k-fold for classification. Each class's rows are shuffled, then dealt round-robin
 * across the folds. The dealing position carries over from one class to the next, so per class
 * and overall, fold sizes differ by at most one.
 *
 * A class with fewer than k rows cannot appear in every test fold; that is allowed (small data is
 * the common case here) but reported in `warnings`. `classNames` (by code) only makes those
 * messages readable.
 */
export function stratifiedKFold(
  labels: Int32Array,
  k: number,
  seed: number,
  classNames?: readonly string[],
): StratifiedFolds {
  checkFoldCount(k, labels.length);
  const rng = createRng(seed);
  const assignment = new Int32Array(labels.length);
  const warnings: Warning[] = [];
  let next = 0;
  for (const [code, rows] of rowsByClass(labels)) {
    shuffleInPlace(rows, rng);
    for (const row of rows) {
      assignment[row] = next;
      next = (next + 1) % k;
    }
    if (rows.length < k) {
      const name = classNames?.[code] !== undefined ? `'${classNames[code]}'` : `code ${code}`;
      warnings.push(
        warning(
          'class-fewer-rows-than-folds',
          `Class ${name} has only ${rows.length} row${rows.length === 1 ? '' : 's'}, fewer than the ${k} folds: ` +
            'some test folds will not contain it, and ROC AUC is undefined on those folds.',
        ),
      );
    }
  }
  return { folds: foldsFromAssignment(assignment, k), warnings };
}

/** Plain k-fold for regression: rows shuffled, then dealt round-robin (fold sizes differ by at most one). */
export function kFold(n: number, k: number, seed: number): Fold[] {
  checkFoldCount(k, n);
  const order = shuffleInPlace(range(n), createRng(seed));
  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) assignment[order[i]] = i % k;
  return foldsFromAssignment(assignment, k);
}

/**
 * One train/test split; `fraction` is the test share, in (0, 1). The test size is
 * round(n · fraction) clamped to [1, n − 1], so neither side is ever empty.
 * With `labels`, the test rows are split across classes by largest remainder (like scikit-learn's
 * stratified shuffle split), so class proportions are kept as closely as integers allow.
 * Returned as fold 0, so a holdout runs through the same code as cross-validation.
 */
export function holdout(n: number, fraction: number, seed: number, labels?: Int32Array): Fold {
  checkCount(n, 'row count');
  if (n < 2) throw new SaplingError('BAD_PARAMETER', `a holdout split needs at least 2 rows, got ${n}`);
  if (!(fraction > 0 && fraction < 1)) {
    throw new SaplingError(
      'BAD_PARAMETER',
      `the holdout fraction must be between 0 and 1 (exclusive), got ${fraction}`,
    );
  }
  if (labels !== undefined && labels.length !== n) {
    throw new SaplingError('BAD_INPUT', `holdout got ${labels.length} labels for ${n} rows`);
  }
  const testSize = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  const rng = createRng(seed);
  const test =
    labels === undefined
      ? shuffleInPlace(range(n), rng).slice(0, testSize)
      : stratifiedPick(labels, testSize, rng, false);
  test.sort();
  const inTest = new Uint8Array(n);
  for (const row of test) inTest[row] = 1;
  const train = new Int32Array(n - testSize);
  for (let row = 0, t = 0; row < n; row++) if (!inTest[row]) train[t++] = row;
  return { index: 0, train, test };
}

/**
 * `size` rows (sorted) chosen at random, used to cap training rows. Given labels, the sample is
 * stratified like `holdout`, and additionally every class present keeps at least one row when
 * `size` ≥ the number of classes — a model trained on a subsample must still see every class.
 * If `size` ≥ the row count, every row is returned.
 */
export function stratifiedSubsample(labelsOrN: Int32Array | number, size: number, seed: number): Int32Array {
  const n = typeof labelsOrN === 'number' ? labelsOrN : labelsOrN.length;
  checkCount(n, 'row count');
  if (!Number.isInteger(size) || size < 1) {
    throw new SaplingError('BAD_PARAMETER', `the subsample size must be a positive integer, got ${size}`);
  }
  if (size >= n) return range(n);
  const rng = createRng(seed);
  const picked =
    typeof labelsOrN === 'number'
      ? shuffleInPlace(range(n), rng).slice(0, size)
      : stratifiedPick(labelsOrN, size, rng, true);
  return picked.sort();
}

function checkFoldCount(k: number, n: number): void {
  if (!Number.isInteger(k) || k < 2)
    throw new SaplingError('BAD_PARAMETER', `the number of folds must be an integer ≥ 2, got ${k}`);
  if (k > n) throw new SaplingError('BAD_PARAMETER', `cannot make ${k} folds from ${n} rows`);
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0)
    throw new SaplingError('BAD_PARAMETER', `the ${what} must be a non-negative integer, got ${n}`);
}

function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Rows of each class present, ascending by class code (so the rng is consumed in a fixed order). */
function rowsByClass(labels: Int32Array): Map<number, Int32Array> {
  const counts = new Map<number, number>();
  for (const code of labels) {
    if (code < 0) throw new SaplingError('BAD_INPUT', `class codes must be non-negative, got ${code}`);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const groups = new Map<number, Int32Array>();
  const fill = new Map<number, number>();
  for (const code of [...counts.keys()].sort((a, b) => a - b)) {
    groups.set(code, new Int32Array(counts.get(code)!));
    fill.set(code, 0);
  }
  for (let row = 0; row < labels.length; row++) {
    const code = labels[row];
    const at = fill.get(code)!;
    groups.get(code)![at] = row;
    fill.set(code, at + 1);
  }
  return groups;
}

/** Picks `total` rows (unsorted) with per-class counts from largest-remainder allocation. */
function stratifiedPick(labels: Int32Array, total: number, rng: Rng, everyClass: boolean): Int32Array {
  const groups = [...rowsByClass(labels).values()];
  const quota = allocate(
    groups.map((g) => g.length),
    total,
    labels.length,
  );
  if (everyClass && total >= groups.length) ensureOneEach(quota);
  const out = new Int32Array(total);
  let at = 0;
  groups.forEach((rows, c) => {
    shuffleInPlace(rows, rng);
    out.set(rows.subarray(0, quota[c]), at);
    at += quota[c];
  });
  return out;
}

/**
 * Splits `total` among groups in proportion to `counts` (summing to n): floors first, then the
 * leftover units to the largest remainders, ties to the lower group. Integer arithmetic keeps it exact.
 */
function allocate(counts: number[], total: number, n: number): number[] {
  const quota = counts.map((c) => Math.floor((total * c) / n));
  const remainder = counts.map((c) => (total * c) % n);
  let left = total - quota.reduce((a, b) => a + b, 0);
  const order = counts.map((_, i) => i).sort((a, b) => remainder[b] - remainder[a] || a - b);
  for (const i of order) {
    if (left === 0) break;
    quota[i]++;
    left--;
  }
  return quota;
}

/** Moves units from the largest quota to any zero quota. Needs sum ≥ groups, so a donor with ≥ 2 always exists. */
function ensureOneEach(quota: number[]): void {
  for (let i = 0; i < quota.length; i++) {
    if (quota[i] > 0) continue;
    let donor = 0;
    for (let j = 1; j < quota.length; j++) if (quota[j] > quota[donor]) donor = j;
    quota[donor]--;
    quota[i] = 1;
  }
}

function foldsFromAssignment(assignment: Int32Array, k: number): Fold[] {
  const sizes = new Int32Array(k);
  for (const f of assignment) sizes[f]++;
  const n = assignment.length;
  const folds = Array.from({ length: k }, (_, index) => ({
    index,
    train: new Int32Array(n - sizes[index]),
    test: new Int32Array(sizes[index]),
  }));
  const testAt = new Int32Array(k);
  const trainAt = new Int32Array(k);
  // Walking rows in order fills every array already sorted.
  for (let row = 0; row < n; row++) {
    const f = assignment[row];
    folds[f].test[testAt[f]++] = row;
    for (let g = 0; g < k; g++) if (g !== f) folds[g].train[trainAt[g]++] = row;
  }
  return folds;
}
