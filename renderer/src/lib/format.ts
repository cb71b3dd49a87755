/**
 * Number formatting for the desktop UI: the shared formats (app/util/format.ts, also used by the CLI, so both
 * round metrics alike) plus what only the UI shows.
 */
export {
  fmt,
  fmtBytes,
  fmtCount,
  fmtDuration,
  fmtMeanCi,
  fmtMs,
  fmtPercent,
  fmtSeconds,
  fmtThreshold,
  halfInterval,
  shownValue,
  metricDigits,
  timeLeft,
} from '../../../app/util/format.js';
export type { SummaryLike } from '../../../app/util/format.js';
import { fmtCount } from '../../../app/util/format.js';

/** A latency axis tick, in milliseconds like every latency (one unit across app, CLI and report): 0.0001 ms, 10 ms. */
export function fmtLatencyTick(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  return `${Number(ms.toPrecision(3)).toLocaleString('en-US', { maximumSignificantDigits: 3 })} ms`;
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
