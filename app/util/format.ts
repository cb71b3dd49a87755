/**
 * Number formatting shared by the command line and the desktop UI, so a metric reads the same in both
 * (the end-to-end tests compare the UI's leaderboard with the CLI's, cell by cell). Pure: no locale
 * dependence (en-US grouping), no DOM.
 */

/** No number is shown with more significant digits than this (#13: 24792.66 is noise to a reader; 24,793 is not). */
const MAX_SIGNIFICANT = 4;

/**
 * A finite number with `digits` decimals but never more than ~4 significant digits — 0.796 (3 decimals),
 * 123.5 and 24,793 (fewer decimals as the number grows; thousands grouped) — or '—' when undefined (e.g. ROC AUC
 * on a fold missing a class). Metrics in [0, 1] keep their fixed decimals, so a column of scores lines up.
 */
export function fmt(value: number | undefined, digits = 3): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  // A tiny negative rounds to zero: "0.000", not "-0.000" (a train−test gap of −0.00004 at 1M rows read as a sign).
  if (Math.abs(value) < 0.5 * 10 ** -digits) value = 0;
  // Beyond 1e21 toFixed itself switches to exponent form; keep that, rounded: 1e+308, 1.841e+307.
  if (Math.abs(value) >= 1e21) return String(Number(value.toPrecision(MAX_SIGNIFICANT)));
  const wholeDigits = (v: number) => (Math.abs(v) < 1 ? 0 : Math.floor(Math.log10(Math.abs(v))) + 1);
  let whole = wholeDigits(value);
  let decimals = Math.max(0, Math.min(digits, MAX_SIGNIFICANT - whole));
  // Rounding can add a digit (999.96 → 1000.0): count again.
  if (wholeDigits(Number(value.toFixed(decimals))) > whole) {
    whole++;
    decimals = Math.max(0, Math.min(digits, MAX_SIGNIFICANT - whole));
  }
  if (whole <= 3) return value.toFixed(decimals);
  return Number(value.toFixed(decimals)).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Decimals used for a metric: errors in the target's own units get 2, scores in [0, 1] get 3. */
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

/** "0.960 ± 0.054"; '—' when the mean is undefined. */
export function fmtMeanCi(summary: SummaryLike | undefined, metric: string): string {
  if (summary === undefined || !Number.isFinite(summary.mean)) return '—';
  const digits = metricDigits(metric);
  const half = halfInterval(summary);
  return Number.isFinite(half) ? `${fmt(summary.mean, digits)} ± ${fmt(half, digits)}` : fmt(summary.mean, digits);
}

/** A duration for humans (time left, elapsed): "3 s", "1 min 05 s", "2 h 03 min". */
export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * Time left, as measured: "about 3 min 05 s left", or — while `untimed` models have not started and so are not in
 * the number — "at least 3 min 05 s left, 2 models not timed yet".
 */
export function timeLeft(seconds: number, untimed = 0): string {
  if (untimed <= 0) return `about ${fmtDuration(seconds)} left`;
  return `at least ${fmtDuration(seconds)} left, ${untimed} model${untimed === 1 ? '' : 's'} not timed yet`;
}

/** Seconds in the most readable unit: 0.42 ms, 12 ms, 1.25 s . */
export function fmtSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 0.01) return `${(seconds * 1000).toFixed(2)} ms`;
  if (seconds < 1) return `${(seconds * 1000).toFixed(0)} ms`;
  return `${seconds.toFixed(2)} s`;
}

/** Latency in one unit everywhere (app, CLI, report): milliseconds, ~4 significant digits — 0.01234 ms, 1.5 ms. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${fmtSig(ms)} ms`;
}

/** ~4 significant digits, en-US grouping: 0.795312 → "0.7953", 1234.5 → "1,235", 0.221000003814697 → "0.221". */
export function fmtSig(x: number | undefined, digits = 4): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  const text = Number(x.toPrecision(digits)).toString();
  return Math.abs(x) >= 1000 ? Number(text).toLocaleString('en-US') : text;
}

/**
 * A split threshold in full enough to tell neighbouring data values apart (6 significant digits) without the noise
 * of a float32 threshold printed raw: 0.221000003814697 → "0.221", 2.5 → "2.5".
 */
export function fmtThreshold(t: number): string {
  return Number.isInteger(t) ? String(t) : String(Number(t.toPrecision(6)));
}

/** A difference of scores in points (1 point = 0.01): 0.0211 → "2.11 points". */
export function fmtPoints(difference: number): string {
  // Rounded to a millionth of a point first: two equal scores summed in another order differ by ~1e-16, which
  // would otherwise read as "2.22e-14 points" (no real difference of scores is that small).
  const p = Math.round(Math.abs(difference) * 1e8) / 1e6;
  return `${fmtSig(p, 3)} point${p === 1 ? '' : 's'}`;
}

/** A p-value as a reader expects it: "p = 0.031", "p < 0.001". */
export function fmtP(p: number): string {
  if (!Number.isFinite(p)) return 'p not available (one split)';
  return p < 0.001 ? 'p < 0.001' : `p = ${fmtSig(p, 2)}`;
}

/** How many times `a` is `b`: "14×", "2.3×", "2,000×" (two significant digits from 100). */
export function fmtTimes(a: number, b: number): string {
  const r = a / b;
  if (!Number.isFinite(r)) return '—';
  if (r >= 100) return `${Number(r.toPrecision(2)).toLocaleString('en-US')}×`;
  return r >= 10 ? `${Math.round(r)}×` : `${fmtSig(r, 2)}×`;
}

export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
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

/**
 * A data value as the app shows it (what-if inputs, reasons, paths, counterfactuals, the report's cards): a decimal written with more
 * than 4 significant digits is rounded to 4 (or to a whole number when it has more whole digits), in a form an
 * input parses back; anything else unchanged. What is sent to the models stays the file's own text.
 */
export function shownValue(value: string): string {
  const text = value.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) || !/[.e]/i.test(text)) return value;
  const n = Number(text);
  if (!Number.isFinite(n) || n === 0) return value;
  const whole = Math.max(1, Math.floor(Math.log10(Math.abs(n))) + 1);
  const rounded = String(Number(n.toPrecision(Math.min(21, Math.max(4, whole)))));
  return rounded.length < text.length ? rounded : value;
}
