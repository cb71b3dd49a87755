/** Plain-text tables for the terminal; numbers are formatted by app/util/format.ts, as in the desktop UI. */
export { fmt, fmtBytes, fmtCount, fmtMeanCi, fmtMs, fmtSeconds, fmtSig } from '../app/util/format.js';
import { terminalText } from '../app/util/terminal-text.js';

export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  alignRight: readonly boolean[] = [],
): string {
  // Cells as the terminal will show them (control characters as escapes), so the columns line up; a loop, not
  // Math.max(...rows), which overflows the stack on a profile of 100,000 columns.
  const shown = rows.map((r) => r.map(terminalText));
  const widths = header.map((h) => h.length);
  for (const r of shown) for (let j = 0; j < widths.length; j++) widths[j] = Math.max(widths[j], r[j].length);
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, j) => (alignRight[j] ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...shown.map(line)].join('\n');
}
