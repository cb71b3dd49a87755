/** Plain-text tables for the terminal; numbers are formatted by app/util/format.ts, as in the desktop UI. */
export { fmt, fmtBytes, fmtCount, fmtMeanCi, fmtMs, fmtSeconds, fmtSig } from '../app/util/format.js';

export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  alignRight: readonly boolean[] = [],
): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, j) => (alignRight[j] ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
