/**
 * Inline SVG charts, built as strings (no DOM, no script): what the report needs and nothing more —
 * an interval plot, a scatter with error bars on a log axis, and horizontal bars. Every number is
 * rounded to 0.1 px and every label escaped, so a chart is a few KB whatever the data size.
 */
import { esc } from './html.js';

const FONT = 'font-family="system-ui, sans-serif" font-size="11"';

/** A line series with more points than this is drawn without a marker on each point. */
const MAX_MARKED_POINTS = 40;

const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();

/** Round numbers for axis ticks ("nice" steps 1, 2, 5 × 10^k). */

export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function tickLabel(v: number): string {
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(0) : String(Number(v.toPrecision(6)));
}

interface Axis {
  readonly lo: number;
  readonly hi: number;
  readonly log?: boolean;
}

function scale(axis: Axis, from: number, to: number): (v: number) => number {
  const f = axis.log ? Math.log10 : (v: number): number => v;
  const a = f(axis.lo);
  const b = f(axis.hi);
  return (v) => from + ((f(v) - a) / (b - a || 1)) * (to - from);
}

function extent(values: readonly number[], pad = 0.05): Axis {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { lo: 0, hi: 1 };
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo === hi) [lo, hi] = [lo - (Math.abs(lo) || 1) * 0.1, hi + (Math.abs(hi) || 1) * 0.1];
  const span = hi - lo;
  return { lo: lo - span * pad, hi: hi + span * pad };
}

export interface IntervalPoint {
  readonly label: string;
  /** Every series names its colour: a model's (catalog) or a neutral ink (app/util/palette.ts CHART_INK). */
  readonly color: string;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

/** One row per model: a dot at the mean and a whisker for the 95% interval. */
export function intervalPlot(points: readonly IntervalPoint[], xLabel: string, title: string): string {
  const width = 640;
  const row = 26;
  const left = 210;
  const right = 20;
  const top = 10;
  const height = top + points.length * row + 40;
  const axis = extent(points.flatMap((p) => [p.mean, p.lo, p.hi]));
  const x = scale(axis, left, width - right);
  const ticks = niceTicks(axis.lo, axis.hi);
  const body = points.map((p, i) => {
    const y = top + i * row + row / 2;
    const whisker =
      Number.isFinite(p.lo) && Number.isFinite(p.hi)
        ? `<line x1="${r1(x(p.lo))}" x2="${r1(x(p.hi))}" y1="${r1(y)}" y2="${r1(y)}" stroke="#334155" stroke-width="2"/>`
        : '';
    const dot = Number.isFinite(p.mean) ? `<circle cx="${r1(x(p.mean))}" cy="${r1(y)}" r="5" fill="${p.color}"/>` : '';
    return `<text x="${left - 8}" y="${r1(y + 4)}" text-anchor="end">${esc(truncate(p.label, 32))}</text>${whisker}${dot}`;
  });
  const axisY = top + points.length * row + 4;
  return svgDoc(width, height, title, [
    ...ticks.map(
      (t) =>
        `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${top}" y2="${axisY}" stroke="#e2e8f0"/><text x="${r1(x(t))}" y="${axisY + 14}" text-anchor="middle">${esc(tickLabel(t))}</text>`,
    ),
    ...body,
    `<text x="${r1((left + width - right) / 2)}" y="${height - 4}" text-anchor="middle">${esc(xLabel)}</text>`,
  ]);
}

export interface ScatterPoint {
  readonly label: string;
  readonly color: string;
  readonly x: number;
  readonly y: number;
  readonly yLo?: number;
  readonly yHi?: number;
}

/** Scatter with vertical error bars; the x axis is logarithmic when the values span more than a factor of 20. */
export function scatterPlot(points: readonly ScatterPoint[], xLabel: string, yLabel: string, title: string): string {
  const width = 640;
  const height = 340;
  const [left, right, top, bottom] = [60, 150, 14, 44];
  const xs = points.map((p) => p.x).filter((v) => Number.isFinite(v) && v > 0);
  const log = xs.length > 0 && Math.max(...xs) / Math.min(...xs) > 20;
  const xAxis: Axis = log
    ? { lo: Math.min(...xs) / 2, hi: Math.max(...xs) * 2, log: true }
    : extent(xs.length ? xs : [0, 1], 0.15);
  const yAxis = extent(
    points.flatMap((p) => [p.y, p.yLo ?? p.y, p.yHi ?? p.y]),
    0.1,
  );
  const x = scale(xAxis, left, width - right);
  const y = scale(yAxis, height - bottom, top);
  const xTicks = log ? decades(xAxis.lo, xAxis.hi) : niceTicks(xAxis.lo, xAxis.hi);
  const parts = [
    ...xTicks.map(
      (t) =>
        `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${top}" y2="${height - bottom}" stroke="#e2e8f0"/><text x="${r1(x(t))}" y="${height - bottom + 14}" text-anchor="middle">${esc(tickLabel(t))}</text>`,
    ),
    ...niceTicks(yAxis.lo, yAxis.hi).map(
      (t) =>
        `<line x1="${left}" x2="${width - right}" y1="${r1(y(t))}" y2="${r1(y(t))}" stroke="#e2e8f0"/><text x="${left - 6}" y="${r1(y(t) + 4)}" text-anchor="end">${esc(tickLabel(t))}</text>`,
    ),
    `<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="none" stroke="#94a3b8"/>`,
  ];
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || (log && p.x <= 0)) return;
    const color = p.color;
    const cx = x(p.x);
    if (p.yLo !== undefined && p.yHi !== undefined && Number.isFinite(p.yLo) && Number.isFinite(p.yHi)) {
      parts.push(
        `<line x1="${r1(cx)}" x2="${r1(cx)}" y1="${r1(y(p.yLo))}" y2="${r1(y(p.yHi))}" stroke="${color}" stroke-width="2"/>`,
      );
    }
    parts.push(`<circle cx="${r1(cx)}" cy="${r1(y(p.y))}" r="5" fill="${color}"/>`);
    parts.push(
      `<circle cx="${width - right + 12}" cy="${top + 8 + i * 16}" r="4" fill="${color}"/><text x="${width - right + 20}" y="${top + 12 + i * 16}">${esc(truncate(p.label, 22))}</text>`,
    );
  });
  parts.push(
    `<text x="${r1((left + width - right) / 2)}" y="${height - 8}" text-anchor="middle">${esc(xLabel)}${log ? ' (log scale)' : ''}</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${r1((top + height - bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  );
  return svgDoc(width, height, title, parts);
}

function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Half-width of a whisker (e.g. one standard deviation). */
  readonly spread?: number;
}

/** Horizontal bars from zero (negative values go left), with optional whiskers. */
export function barChart(bars: readonly Bar[], title: string, xLabel: string, color: string, width = 320): string {
  const row = 18;
  const left = Math.min(150, width * 0.45);
  const right = 12;
  const top = 6;
  const height = top + bars.length * row + 34;
  // Non-finite values and spreads (statistics of numbers near ±1.8e308 can overflow) are not drawn, so they must not set the axis.
  const finite = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) ? v : 0);
  const axis = extent(
    [0, ...bars.flatMap((b) => [finite(b.value) + finite(b.spread), finite(b.value) - finite(b.spread)])],
    0.05,
  );
  const x = scale(axis, left, width - right);
  const zero = x(0);
  const parts = niceTicks(axis.lo, axis.hi, 3).map(
    (t) =>
      `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${top}" y2="${top + bars.length * row}" stroke="#e2e8f0"/><text x="${r1(x(t))}" y="${top + bars.length * row + 13}" text-anchor="middle">${esc(tickLabel(t))}</text>`,
  );
  bars.forEach((b, i) => {
    const yTop = top + i * row + 3;
    parts.push(
      `<text x="${r1(left - 6)}" y="${r1(yTop + 10)}" text-anchor="end">${esc(truncate(b.label, Math.floor(left / 6.5)))}</text>`,
    );
    if (!Number.isFinite(b.value)) return;
    const x0 = Math.min(zero, x(b.value));
    parts.push(
      `<rect x="${r1(x0)}" y="${r1(yTop)}" width="${r1(Math.abs(x(b.value) - zero))}" height="${row - 6}" fill="${color}"/>`,
    );
    if (b.spread !== undefined && Number.isFinite(b.spread) && b.spread > 0) {
      parts.push(
        `<line x1="${r1(x(b.value - b.spread))}" x2="${r1(x(b.value + b.spread))}" y1="${r1(yTop + (row - 6) / 2)}" y2="${r1(yTop + (row - 6) / 2)}" stroke="#0f172a"/>`,
      );
    }
  });
  parts.push(`<line x1="${r1(zero)}" x2="${r1(zero)}" y1="${top}" y2="${top + bars.length * row}" stroke="#475569"/>`);
  parts.push(
    `<text x="${r1((left + width - right) / 2)}" y="${height - 4}" text-anchor="middle">${esc(xLabel)}</text>`,
  );
  return svgDoc(width, height, title, parts);
}

export function svgDoc(width: number, height: number, title: string, parts: readonly string[]): string {
  return `<svg role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${FONT} fill="#0f172a"><title>${esc(title)}</title>${parts.join('')}</svg>`;
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface LineSeries {
  readonly label: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  /** Dashed line (e.g. the recalibrated curve next to the raw one). */
  readonly dashed?: boolean;
  /** Draw only the points, no line (e.g. the single "tree only" and "LLM only" points of a cascade chart). */
  readonly pointsOnly?: boolean;
  readonly color: string;
}

/**
 * Lines through points, with a legend on the right. `fixed` pins both axes (a reliability diagram is 0–1 on
 * both); `diagonal` draws y = x (perfect calibration). Non-finite points are skipped, not drawn at zero.
 */
export function lineChart(
  series: readonly LineSeries[],
  xLabel: string,
  yLabel: string,
  title: string,
  options: {
    fixed?: { x: readonly [number, number]; y: readonly [number, number] };
    diagonal?: boolean;
    width?: number;
    height?: number;
    legendWidth?: number;
  } = {},
): string {
  const width = options.width ?? 640;
  const height = options.height ?? 320;
  const [left, right, top, bottom] = [60, options.legendWidth ?? 170, 14, 44];
  const finite = series.flatMap((s) => s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
  const xAxis: Axis = options.fixed
    ? { lo: options.fixed.x[0], hi: options.fixed.x[1] }
    : extent(
        finite.map((p) => p.x),
        0.05,
      );
  const yAxis: Axis = options.fixed
    ? { lo: options.fixed.y[0], hi: options.fixed.y[1] }
    : extent(
        finite.map((p) => p.y),
        0.1,
      );
  const x = scale(xAxis, left, width - right);
  const y = scale(yAxis, height - bottom, top);
  const parts = [
    ...niceTicks(xAxis.lo, xAxis.hi).map(
      (t) =>
        `<line x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${top}" y2="${height - bottom}" stroke="#e2e8f0"/><text x="${r1(x(t))}" y="${height - bottom + 14}" text-anchor="middle">${esc(tickLabel(t))}</text>`,
    ),
    ...niceTicks(yAxis.lo, yAxis.hi).map(
      (t) =>
        `<line x1="${left}" x2="${width - right}" y1="${r1(y(t))}" y2="${r1(y(t))}" stroke="#e2e8f0"/><text x="${left - 6}" y="${r1(y(t) + 4)}" text-anchor="end">${esc(tickLabel(t))}</text>`,
    ),
    `<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="none" stroke="#94a3b8"/>`,
  ];
  if (options.diagonal) {
    const lo = Math.max(xAxis.lo, yAxis.lo);
    const hi = Math.min(xAxis.hi, yAxis.hi);
    parts.push(
      `<line x1="${r1(x(lo))}" y1="${r1(y(lo))}" x2="${r1(x(hi))}" y2="${r1(y(hi))}" stroke="#94a3b8" stroke-dasharray="4 3"/>`,
    );
  }
  series.forEach((s, i) => {
    const color = s.color;
    const pts = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    if (!s.pointsOnly && pts.length > 1) {
      parts.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${pts.map((p) => `${r1(x(p.x))},${r1(y(p.y))}`).join(' ')}"/>`,
      );
    }
    // Markers only where points are few (bins, thresholds): on a curve of hundreds of points they blur the line.
    if (s.pointsOnly || pts.length <= MAX_MARKED_POINTS)
      for (const p of pts)
        parts.push(`<circle cx="${r1(x(p.x))}" cy="${r1(y(p.y))}" r="${s.pointsOnly ? 5 : 3}" fill="${color}"/>`);
    const ly = top + 8 + i * 16;
    parts.push(
      s.pointsOnly
        ? `<circle cx="${width - right + 18}" cy="${ly}" r="4" fill="${color}"/>`
        : `<line x1="${width - right + 8}" x2="${width - right + 28}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${width - right + 34}" y="${ly + 4}">${esc(truncate(s.label, Math.floor((right - 34) / 6)))}</text>`,
    );
  });
  parts.push(
    `<text x="${r1((left + width - right) / 2)}" y="${height - 8}" text-anchor="middle">${esc(xLabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${r1((top + height - bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  );
  return svgDoc(width, height, title, parts);
}
