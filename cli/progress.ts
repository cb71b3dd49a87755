/**
 * Progress on stderr, so stdout stays clean for tables and pipes. On a terminal one line is redrawn
 * with a bar; otherwise (CI, logs) each new message is printed once. Lines that must stay (a model's
 * leaderboard row as its folds finish) go through `note`, above the redrawn line.
 */
import { timeLeft } from '../app/util/format.js';
import { terminalText } from '../app/util/terminal-text.js';

export interface ProgressLine {
  /**
   * `etaSeconds`: time left as the caller measured it (app/compare/eta.ts), null when the caller cannot tell yet
   * (nothing is shown); undefined: elapsed / fraction (a steady rate, e.g. reading a file). `untimed`: models the
   * measured time leaves out (not started yet), so it is shown as a lower bound.
   */
  update(fraction: number, message: string, etaSeconds?: number | null, untimed?: number): void;
  /** A line that stays on stderr (not redrawn over). */
  note(line: string): void;
  done(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressLine {
  let last = '';
  let drawn = '';
  const started = Date.now();
  if (quiet) return { update: () => undefined, note: () => undefined, done: () => undefined };
  const width = (): number => (stream.columns || 100) - 1;
  return {
    update(fraction, raw, etaSeconds, untimed = 0) {
      // Messages name files, columns and models: their control characters are shown, never sent (the \r is ours).
      const message = terminalText(raw);
      const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
      const elapsed = (Date.now() - started) / 1000;
      const left =
        etaSeconds !== undefined
          ? etaSeconds
          : fraction > 0.02 && fraction < 1
            ? (elapsed / fraction) * (1 - fraction)
            : null;
      const eta = left !== null && left >= 1 ? ` (${timeLeft(left, untimed)})` : '';
      if (stream.isTTY) {
        const bar = 24;
        const filled = Math.round((pct / 100) * bar);
        drawn = `[${'#'.repeat(filled)}${'.'.repeat(bar - filled)}] ${String(pct).padStart(3)}% ${message}${eta}`
          .slice(0, width())
          .padEnd(width());
        stream.write(`\r${drawn}`);
      } else if (message !== last) {
        stream.write(`[${String(pct).padStart(3)}%] ${message}${eta}\n`);
      }
      last = message;
    },
    note(raw) {
      const line = terminalText(raw);
      if (stream.isTTY) stream.write(`\r${' '.repeat(width())}\r${line}\n${drawn}`);
      else stream.write(`${line}\n`);
    },
    done() {
      if (stream.isTTY && last) stream.write(`\r${' '.repeat(width())}\r`);
    },
  };
}
