/**
 * Progress on stderr, so stdout stays clean for tables and pipes. On a terminal one line is redrawn
 * with a bar; otherwise (CI, logs) each new message is printed once.
 */
import { terminalText } from '../app/util/terminal-text.js';

export interface ProgressLine {
  update(fraction: number, message: string): void;
  done(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressLine {
  let last = '';
  const started = Date.now();
  if (quiet) return { update: () => undefined, done: () => undefined };
  return {
    update(fraction, raw) {
      // Messages name files, columns and models: their control characters are shown, never sent (the \r is ours).
      const message = terminalText(raw);
      const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
      if (stream.isTTY) {
        const width = 24;
        const filled = Math.round((pct / 100) * width);
        const elapsed = (Date.now() - started) / 1000;
        const eta = fraction > 0.02 ? ` ~${Math.ceil((elapsed / fraction) * (1 - fraction))}s left` : '';
        stream.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${message}${eta}`
            .slice(0, (stream.columns || 100) - 1)
            .padEnd((stream.columns || 100) - 1),
        );
      } else if (message !== last) {
        stream.write(`[${String(pct).padStart(3)}%] ${message}\n`);
      }
      last = message;
    },
    done() {
      if (stream.isTTY && last) stream.write(`\r${' '.repeat((stream.columns || 100) - 1)}\r`);
    },
  };
}
