/**
 * Delimiter sniffing. papaparse's own guess picks a delimiter even for a single-column file and
 * does not prefer the header's field count, so we check each candidate ourselves (papaparse still
 * does the tokenizing, so quoted delimiters and quoted newlines are not counted).
 */
import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t' | '|';

/** In order of preference when two candidates fit equally well. */
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

const SAMPLE_ROWS = 20;
/** The sniffers read this many characters; readCsv waits for them (or the end of the file). */
export const SAMPLE_CHARS = 64 * 1024;

/**
 * The delimiter that splits the header and the first ~20 lines into the same number (> 1) of fields;
 * the most fields wins. If none is consistent (a ragged row early on), the one whose rows most often
 * match its header, so that the ragged row is reported against the right delimiter. Else ',' (one column).
 */
export function sniffDelimiter(text: string): Delimiter {
  const truncated = text.length > SAMPLE_CHARS;
  const sample = text.slice(0, SAMPLE_CHARS);
  let best: Delimiter = ',';
  let bestScore = -1;
  let bestFields = 1;
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: SAMPLE_ROWS + 1 }).data.filter(
      (r) => !(r.length === 1 && r[0].trim() === ''),
    );
    // A cut sample may end inside a record.
    if (truncated && rows.length > 1) rows.pop();
    if (rows.length === 0) continue;
    const fields = rows[0].length;
    if (fields < 2) continue;
    const matching = rows.filter((r) => r.length === fields).length / rows.length;
    // Consistency first, then width.
    if (matching > bestScore || (matching === bestScore && fields > bestFields)) {
      best = delimiter;
      bestScore = matching;
      bestFields = fields;
    }
  }
  return best;
}
