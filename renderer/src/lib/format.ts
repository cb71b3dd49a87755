/**
 * Number formatting for the desktop UI. Metric values are rounded exactly as the CLI's leaderboard
 * (`sapling compare`) rounds them, so the two can be compared by eye and by the end-to-end tests.
 */

/** A finite number with `digits` decimals, or '—' when undefined (e.g. ROC AUC on a fold missing a class). */
export function fmt(value: number | undefined, digits = 3): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** Decimals used for a metric: errors in the target's own units get 2, scores in [0, 1] get 3 (as the CLI). */
export function metricDigits(metric: string): number {
  return metric === 'rmse' || metric === 'mae' ? 2 : 3;
}

export interface SummaryLike {
  readonly mean: number;
  readonly ci95: readonly [number, number];
}

/** Half the width of the 95% interval: the "±" part. NaN when the interval is undefined. */
export function halfInterval(summary: SummaryLike): number {
  return (summary.ci95[1] - summary.ci95[0]) / 2;
}

/** "0.960 ± 0.054", as the CLI prints a metric; '—' when the mean is undefined. */
export function fmtMeanCi(summary: SummaryLike | undefined, metric: string): string {
  if (summary === undefined || !Number.isFinite(summary.mean)) return '—';
  const digits = metricDigits(metric);
  const half = halfInterval(summary);
  return Number.isFinite(half) ? `${fmt(summary.mean, digits)} ± ${fmt(half, digits)}` : fmt(summary.mean, digits);
}

/** Seconds in the most readable unit: 0.42 ms, 12 ms, 1.25 s (as the CLI). */
export function fmtSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 0.01) return `${(seconds * 1000).toFixed(2)} ms`;
  if (seconds < 1) return `${(seconds * 1000).toFixed(0)} ms`;
  return `${seconds.toFixed(2)} s`;
}

/** Milliseconds: below 1 ms in microseconds (as the CLI), below 1 µs in nanoseconds (where the CLI prints "0 µs"). */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 0.0005) return `${(ms * 1e6).toFixed(0)} ns`;
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A latency axis tick in ms: 100 ns, 1 µs, 10 ms, 2 s. */
export function fmtLatencyTick(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  const short = (v: number) => String(Number(v.toPrecision(3)));
  if (ms < 1e-3) return `${short(ms * 1e6)} ns`;
  if (ms < 1) return `${short(ms * 1e3)} µs`;
  if (ms < 1000) return `${short(ms)} ms`;
  return `${short(ms / 1000)} s`;
}

/** 12,345 (en-US grouping, independent of the machine's locale so screenshots and tests are stable). */
export function fmtCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString('en-US');
}

/** A fraction as a percentage: 0.1234 → "12.3%". Tiny non-zero fractions show as "<0.1%". */
export function fmtPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '—';
  const pct = fraction * 100;
  if (pct > 0 && pct < 10 ** -digits) return `<${(10 ** -digits).toFixed(digits)}%`;
  return `${pct.toFixed(digits)}%`;
}

/** A duration for humans: "3 s", "1 min 05 s", "2 h 03 min". */
export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A cell value for compact display: numbers with up to 4 significant decimals, text cut at `max` characters. */
export function fmtCell(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A threshold or axis value: short but not misleading (3 significant digits, no exponent for ordinary sizes). */
export function fmtShort(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential(2);
  if (abs >= 1000) return fmtCount(value);
  return String(Number(value.toPrecision(3)));
}
