/**
 * Subgroup metrics from out-of-fold predictions: per group of a chosen column (e.g. sex, age band) and
 * per model, how many rows, how often the model selects the positive class, how often it is right, and
 * its true/false positive rates — plus the largest gap between groups, the number a fairness review
 * asks for first.
 *
 * Groups: a text or boolean column's values; a numeric column with at most MAX_EXACT_GROUPS distinct
 * values keeps them; otherwise it is cut into quartile bands ("Age 18–29"). Missing values form their own
 * group. Regression gets count and mean absolute error per group.
 */
import type { Column, Dataset } from '../data/dataset.js';
import { cellText, columnByName } from '../data/dataset.js';
import { percentile } from '../evaluate/stats.js';
import { SaplingError } from '../util/errors.js';
import type { GroupMetrics, SubgroupReport } from '../result/explain.js';
export type { GroupMetrics, SubgroupReport };

const MAX_EXACT_GROUPS = 10;
const MISSING = '(missing)';
/** Gaps are taken over groups with at least this many rows: a 1-row group's rate is 0 or 1 and says nothing. */
export const MIN_GAP_ROWS = 30;

/** The group label of every row (rows of `dataset`). */
export function groupLabels(dataset: Dataset, name: string): string[] {
  const column = columnByName(dataset, name);
  if (!column)
    throw new SaplingError(
      'UNKNOWN_COLUMN',
      `${dataset.source.fileName} has no column '${name}' to form subgroups from`,
      { file: dataset.source.fileName },
    );
  return labelsOf(column, dataset.rowCount);
}

function labelsOf(column: Column, rows: number): string[] {
  const labels: string[] = new Array(rows);
  if (column.storage === 'category' || column.type === 'boolean') {
    for (let i = 0; i < rows; i++) labels[i] = cellText(column, i) || MISSING;
    return labels;
  }
  const present = column.values.filter((v) => !Number.isNaN(v));
  const distinct = [...new Set(present)].sort((a, b) => a - b);
  if (distinct.length <= MAX_EXACT_GROUPS) {
    // Values as short as they can be while every group keeps its own label (0.05068011873981862 → 0.05068).
    let p = 4;
    while (p < 17 && new Set(distinct.map((v) => v.toPrecision(p))).size < distinct.length) p++;
    const text = (v: number) => String(Number(v.toPrecision(p)));
    for (let i = 0; i < rows; i++)
      labels[i] = Number.isNaN(column.values[i]) ? MISSING : `${column.name} = ${text(column.values[i])}`;
    return labels;
  }
  // Quartile bands; cut points deduplicated so every band is non-empty.
  const cuts = [...new Set([25, 50, 75].map((p) => percentile(present, p)))];
  const band = (v: number): string => {
    let b = 0;
    while (b < cuts.length && v > cuts[b]) b++;
    const lo = b === 0 ? distinct[0] : cuts[b - 1];
    const hi = b === cuts.length ? distinct[distinct.length - 1] : cuts[b];
    return b === 0 ? `${column.name} ${fmt(lo)}–${fmt(hi)}` : `${column.name} >${fmt(lo)}–${fmt(hi)}`;
  };
  for (let i = 0; i < rows; i++) labels[i] = Number.isNaN(column.values[i]) ? MISSING : band(column.values[i]);
  return labels;
}

/** A band edge: 3 significant digits, never in exponent form (1234.5 → 1235, not 1.23e+3). */
function fmt(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1000 ? String(Math.round(v)) : v.toPrecision(3);
}

/** Classification: codes are class codes; predictions NaN where a row has no out-of-fold prediction. */
export function classificationGroups(
  labels: readonly string[],
  codes: Int32Array,
  predicted: Float64Array,
  positive: number,
): { groups: GroupMetrics[]; gaps: Record<string, number> } {
  const stats = new Map<
    string,
    { n: number; sel: number; hit: number; tp: number; pos: number; fp: number; neg: number }
  >();
  for (let i = 0; i < labels.length; i++) {
    if (Number.isNaN(predicted[i])) continue;
    let s = stats.get(labels[i]);
    if (!s) stats.set(labels[i], (s = { n: 0, sel: 0, hit: 0, tp: 0, pos: 0, fp: 0, neg: 0 }));
    const selected = predicted[i] === positive;
    s.n++;
    if (selected) s.sel++;
    if (predicted[i] === codes[i]) s.hit++;
    if (codes[i] === positive) {
      s.pos++;
      if (selected) s.tp++;
    } else {
      s.neg++;
      if (selected) s.fp++;
    }
  }
  const groups = [...stats.entries()]
    .sort((a, b) => groupOrder(a[0], b[0]))
    .map(([group, s]): GroupMetrics => ({
      group,
      count: s.n,
      selectionRate: s.sel / s.n,
      accuracy: s.hit / s.n,
      tpr: s.pos > 0 ? s.tp / s.pos : NaN,
      fpr: s.neg > 0 ? s.fp / s.neg : NaN,
    }));
  return { groups, gaps: gapsOf(groups, ['selectionRate', 'accuracy', 'tpr', 'fpr']) };
}

export function regressionGroups(
  labels: readonly string[],
  values: Float64Array,
  predicted: Float64Array,
): { groups: GroupMetrics[]; gaps: Record<string, number> } {
  const stats = new Map<string, { n: number; abs: number }>();
  for (let i = 0; i < labels.length; i++) {
    if (Number.isNaN(predicted[i])) continue;
    let s = stats.get(labels[i]);
    if (!s) stats.set(labels[i], (s = { n: 0, abs: 0 }));
    s.n++;
    s.abs += Math.abs(values[i] - predicted[i]);
  }
  const groups = [...stats.entries()]
    .sort((a, b) => groupOrder(a[0], b[0]))
    .map(([group, s]): GroupMetrics => ({ group, count: s.n, mae: s.abs / s.n }));
  return { groups, gaps: gapsOf(groups, ['mae']) };
}

/** Missing last; labels that carry a number ("Age >28–36", "Children = 2") by that number; else alphabetical. */
function groupOrder(a: string, b: string): number {
  if (a === MISSING || b === MISSING) return (a === MISSING ? 1 : 0) - (b === MISSING ? 1 : 0);
  const na = Number(/(-?[\d.]+)/.exec(a)?.[1]);
  const nb = Number(/(-?[\d.]+)/.exec(b)?.[1]);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a.localeCompare(b);
}

function gapsOf(groups: readonly GroupMetrics[], keys: readonly (keyof GroupMetrics)[]): Record<string, number> {
  const gaps: Record<string, number> = {};
  for (const key of keys) {
    const vs = groups
      .filter((g) => g.count >= MIN_GAP_ROWS)
      .map((g) => g[key] as number)
      .filter((v) => typeof v === 'number' && !Number.isNaN(v));
    gaps[key] = vs.length > 1 ? Math.max(...vs) - Math.min(...vs) : NaN;
  }
  return gaps;
}
