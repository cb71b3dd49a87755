/**
 * A JSON-serializable summary of a dataset: per-column statistics, the target's balance, and
 * warnings (identifiers, constants, and features that predict the target suspiciously well).
 */
import { countsByScore } from '../util/counts-by-score.js';
import type { Task } from '../models/matrix.js';
import { warning, type Warning } from '../util/warnings.js';
import { cellText, isMissing, type Column, type ColumnType, type Dataset } from './dataset.js';
import { classLabels, detectTask, featureColumns, requireColumn } from './target.js';
import { preTrainingChecks, type PreTrainingChecks } from './checks.js';
import { proposeTarget, type TargetProposal } from './target-check.js';
import { moments } from '../util/moments.js';

export interface ColumnProfile {
  readonly name: string;
  readonly type: ColumnType;
  readonly missing: number;
  readonly missingFraction: number;
  /** Distinct non-missing values. */
  readonly distinct: number;
  /** For number-stored columns (booleans as 0/1). `std` is the sample standard deviation (n − 1), absent below 2 values. */
  readonly min?: number;
  readonly max?: number;
  readonly mean?: number;
  readonly std?: number;
  /** Text and boolean columns: the 5 most frequent values (ties by value). */
  readonly topCategories?: readonly { readonly value: string; readonly count: number }[];
  /** Numeric columns: 10 equal-width bins from min to max (the last includes max). */
  readonly histogram?: readonly { readonly lo: number; readonly hi: number; readonly count: number }[];
}

export interface DatasetProfile {
  readonly fileName: string;
  readonly sha256: string;
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
  readonly target?: {
    readonly name: string;
    readonly task: Task;
    /** Classification: rows per class among rows whose target is present, in class order. */
    readonly classBalance?: readonly { readonly label: string; readonly count: number; readonly fraction: number }[];
  };
  readonly warnings: readonly Warning[];
  /** The column Sapling proposes as the target, and why (the user confirms it; app/data/target-check.ts). */
  readonly proposedTarget?: TargetProposal;
  /** Checks before training: target balance (for `target`), columns that look like protected attributes. */
  readonly checks?: PreTrainingChecks;
}

const TOP_CATEGORIES = 5;
const HISTOGRAM_BINS = 10;
/** A single feature this predictive is more likely a leak (the answer in disguise) than a discovery. */
const LEAKAGE_ACCURACY = 0.98;
const LEAKAGE_CORRELATION = 0.98;
/** …unless always guessing the majority class is nearly as good. */
const MAX_MAJORITY_RATE = 0.9;
/** Below this many rows, near-perfect single-feature fits happen by chance. */
const MIN_ROWS_FOR_LEAKAGE = 20;
/** A categorical feature needs this many rows per category on average, or it merely memorizes rows. */
const MIN_ROWS_PER_CATEGORY = 5;

export function profileDataset(dataset: Dataset, target?: string): DatasetProfile {
  const columns = dataset.columns.map((c) => profileColumn(c, dataset.rowCount));
  const warnings = [...dataset.warnings];
  let targetProfile: DatasetProfile['target'];
  if (target !== undefined) {
    const column = requireColumn(dataset, target);
    const task = detectTask(column);
    targetProfile =
      task === 'classification' ? { name: target, task, classBalance: classBalance(column) } : { name: target, task };
    warnings.push(...leakageWarnings(dataset, column, task));
  }
  return {
    fileName: dataset.source.fileName,
    sha256: dataset.source.sha256,
    rows: dataset.rowCount,
    columns,
    ...(targetProfile ? { target: targetProfile } : {}),
    warnings,
    proposedTarget: proposeTarget(columns, dataset.rowCount),
    checks: preTrainingChecks(dataset, target),
  };
}

function profileColumn(c: Column, rows: number): ColumnProfile {
  const { name, type, missing } = c;
  const missingFraction = rows === 0 ? 0 : missing / rows;
  if (c.storage === 'category') {
    const counts = new Int32Array(c.categories.length);
    for (const code of c.codes) if (code >= 0) counts[code]++;
    let distinct = 0;
    for (const k of counts) if (k > 0) distinct++;
    if (type === 'identifier') return { name, type, missing, missingFraction, distinct };
    const topCategories = topCodes(counts).map((k) => ({ value: c.categories[k], count: counts[k] }));
    return { name, type, missing, missingFraction, distinct, topCategories };
  }
  // Few allocations per column: a wide file has tens of thousands of them (issue 15).
  const present = presentSorted(c.values, missing);
  const n = present.length;
  const distinct = distinctInSorted(present);
  if (n === 0) return { name, type, missing, missingFraction, distinct };
  const min = present[0];
  const max = present[n - 1];
  const { mean, std } = moments(present, 0, 1, n, 1);
  return {
    name,
    type,
    missing,
    missingFraction,
    distinct,
    min,
    max,
    mean,
    // Absent below two values, and when it is beyond a double's range (values near ±1.8e308).
    ...(n >= 2 && Number.isFinite(std) ? { std } : {}),
    ...(type === 'boolean' ? { topCategories: topCategories(c) } : {}),
    ...(type === 'numeric' ? { histogram: histogram(present, min, max) } : {}),
  };
}

/**
 * How many distinct values a column holds: a category column's categories, a number column's distinct non-missing
 * values (−0 and +0 count once). Sorting a typed copy: a Set of a 1M-row column's values took ~0.3 s per column.
 */
export function distinctCount(c: Column): number {
  return c.storage === 'category' ? c.categories.length : distinctInSorted(presentSorted(c.values, c.missing));
}

function distinctInSorted(sorted: Float64Array): number {
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

/** The non-missing values, sorted ascending. */
function presentSorted(values: Float64Array, missing: number): Float64Array {
  if (missing === 0) return values.slice().sort();
  const present = new Float64Array(values.length - missing);
  let k = 0;
  for (const v of values) if (!Number.isNaN(v)) present[k++] = v;
  return present.sort();
}

/** Top values of a boolean column, by their words (ties by value). */
function topCategories(c: Column): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  const n = c.storage === 'number' ? c.values.length : c.codes.length;
  for (let i = 0; i < n; i++) {
    if (isMissing(c, i)) continue;
    const value = cellText(c, i);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .sort(([va, ka], [vb, kb]) => kb - ka || (va < vb ? -1 : va > vb ? 1 : 0))
    .slice(0, TOP_CATEGORIES)
    .map(([value, count]) => ({ value, count }));
}

/**
 * The TOP_CATEGORIES most frequent codes (count > 0), ties by code: categories are sorted by value, so this is the
 * same order as sorting by value, without a string per cell (a wide file has tens of thousands of such columns).
 */
function topCodes(counts: Int32Array): number[] {
  const codes: number[] = [];
  for (let k = 0; k < counts.length; k++) if (counts[k] > 0) codes.push(k);
  return codes.sort((a, b) => counts[b] - counts[a] || a - b).slice(0, TOP_CATEGORIES);
}

/**
 * Equal-width bins. Everything is computed on halves — exact for ordinary numbers, so the bins are those of
 * (max − min) / 10 — because max − min itself overflows to Infinity for a column holding both 1e308 and −1e308 (and
 * Infinity / Infinity made a NaN bin index).
 */
function histogram(sorted: Float64Array, min: number, max: number): { lo: number; hi: number; count: number }[] {
  const halfWidth = (max / 2 - min / 2) / HISTOGRAM_BINS;
  const edge = (b: number): number => (min / 2 + b * halfWidth) * 2;
  const bins = Array.from({ length: HISTOGRAM_BINS }, (_, b) => ({
    lo: edge(b),
    hi: b === HISTOGRAM_BINS - 1 ? max : edge(b + 1),
    count: 0,
  }));
  for (const v of sorted) {
    const b = halfWidth === 0 ? 0 : Math.min(HISTOGRAM_BINS - 1, Math.floor((v / 2 - min / 2) / halfWidth));
    bins[b].count++;
  }
  return bins;
}

function classBalance(column: Column): { label: string; count: number; fraction: number }[] {
  const labels = classLabels(column);
  const index = new Map(labels.map((l, k) => [l, k]));
  const counts = new Array<number>(labels.length).fill(0);
  const n = column.storage === 'number' ? column.values.length : column.codes.length;
  let present = 0;
  for (let i = 0; i < n; i++) {
    if (isMissing(column, i)) continue;
    counts[index.get(cellText(column, i)) as number]++;
    present++;
  }
  return labels.map((label, k) => ({ label, count: counts[k], fraction: present === 0 ? 0 : counts[k] / present }));
}

/** Features that alone predict the target almost perfectly (compare repeats these next to its leaderboard). */
export function leakageWarnings(dataset: Dataset, target: Column, task: Task): Warning[] {
  const check = leakageCheck(dataset, target, task);
  return check.features.flatMap((f) => check.warn(f) ?? []);
}

/** The leakage check: the features it looks at and the check of one of them. */
export interface LeakageCheck {
  readonly features: readonly Column[];
  warn(feature: Column): Warning | undefined;
}

/**
 * The leakage check one feature at a time, so a caller can pause between features: at 1M rows each one sorts a
 * million values, and compare runs it before the first fold, where a cancel must still land.
 */
export function leakageCheck(dataset: Dataset, target: Column, task: Task): LeakageCheck {
  const none: LeakageCheck = { features: [], warn: () => undefined };
  const rows: number[] = [];
  for (let i = 0; i < dataset.rowCount; i++) if (!isMissing(target, i)) rows.push(i);
  if (rows.length < MIN_ROWS_FOR_LEAKAGE) return none;
  const features = featureColumns(dataset, target.name);
  if (task === 'regression') {
    if (target.storage !== 'number') return none;
    return {
      features: features.filter((f) => f.storage === 'number'),
      warn(f) {
        if (f.storage !== 'number') return undefined;
        const r = pearson(f.values, target.values, rows);
        if (Math.abs(r) < LEAKAGE_CORRELATION) return undefined;
        return warning(
          'leakage',
          `'${f.name}' alone predicts '${target.name}' with correlation ${r.toFixed(3)} — possible leakage`,
          [f.name],
        );
      },
    };
  }
  const labels = classLabels(target);
  const index = new Map(labels.map((l, k) => [l, k]));
  const y = new Int32Array(dataset.rowCount).fill(-1);
  const classCounts = new Array<number>(labels.length).fill(0);
  for (const i of rows) classCounts[(y[i] = index.get(cellText(target, i)) as number)]++;
  if (Math.max(...classCounts) / rows.length >= MAX_MAJORITY_RATE) return none;
  return {
    features,
    warn(f) {
      let accuracy: number | undefined;
      if (f.storage === 'category' || f.type === 'boolean') accuracy = groupAccuracy(f, y, rows, labels.length);
      else if (labels.length === 2) accuracy = thresholdAccuracy(f.values, y, rows);
      if (accuracy === undefined || accuracy < LEAKAGE_ACCURACY) return undefined;
      return warning(
        'leakage',
        `'${f.name}' alone predicts '${target.name}' with ${(accuracy * 100).toFixed(1)}% accuracy — possible leakage`,
        [f.name],
      );
    },
  };
}

/** Accuracy of predicting the majority label of each value (missing counts as a value). */
function groupAccuracy(f: Column, y: Int32Array, rows: readonly number[], classes: number): number | undefined {
  const groups = new Map<number, number[]>();
  for (const i of rows) {
    const key = f.storage === 'category' ? f.codes[i] : Number.isNaN(f.values[i]) ? -1 : f.values[i];
    let counts = groups.get(key);
    if (counts === undefined) groups.set(key, (counts = new Array<number>(classes).fill(0)));
    counts[y[i]]++;
  }
  if (groups.size > rows.length / MIN_ROWS_PER_CATEGORY) return undefined;
  let correct = 0;
  for (const counts of groups.values()) correct += Math.max(...counts);
  return correct / rows.length;
}

/**
 * Best accuracy of one threshold on a numeric feature, two classes, over rows where the feature is present: the
 * counts of each class at or above every distinct value (util/counts-by-score.ts, the ranking curves' counts) give
 * every cut between distinct values. At 1M rows a comparator sort of row indices took ~0.4 s per column, in one
 * synchronous stretch before the first fold.
 */
export function thresholdAccuracy(x: Float64Array, y: Int32Array, rows: readonly number[]): number | undefined {
  const values = Float64Array.from(rows, (i) => x[i]);
  const isOne = Uint8Array.from(rows, (i) => y[i]);
  const { tp, fp, positives: ones, negatives: zeros } = countsByScore(isOne, values);
  const n = ones + zeros;
  if (n < MIN_ROWS_FOR_LEAKAGE) return undefined;
  let best = Math.max(ones, zeros);
  // Group g holds the rows at or above the g-th highest value: they go right, the rest left (the last group, every
  // row, is no cut).
  for (let g = 0; g < tp.length - 1; g++) {
    const leftOnes = ones - tp[g];
    const leftZeros = zeros - fp[g];
    best = Math.max(best, leftZeros + tp[g], leftOnes + fp[g]);
  }
  return best / n;
}

function pearson(x: Float64Array, y: Float64Array, rows: readonly number[]): number {
  const both = rows.filter((i) => !Number.isNaN(x[i]));
  const n = both.length;
  if (n < MIN_ROWS_FOR_LEAKAGE) return 0;
  let mx = 0;
  let my = 0;
  for (const i of both) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const i of both) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}
