/**
 * How one CSV cell is read: missing, number, boolean or text.
 *
 * We do our own typing rather than papaparse's `dynamicTyping`, which turns the code `007` into 7
 * and knows nothing of decimal commas or of our missing tokens.
 */

/** Cells equal to one of these (after trimming) are missing. The empty cell is always missing. */
export const DEFAULT_MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'null', '?'];

/** Integer digits beyond this cannot round-trip through a double: such values are identifiers (card or account numbers). */
const MAX_INTEGER_DIGITS = 15;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Exact powers of ten (all ≤ 1e15 are exact doubles). */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The number a trimmed cell holds, or NaN when it is not a plain number (so the column is text).
 *
 * Plain decimal notation only (`-1.5e3`, `.5`, `+2`): no hex, `Infinity` or thousands separators,
 * which Number() would accept or misread. A leading zero followed by a digit (`007`, `0123`)
 * marks a code such as a zip code, so it is text; `0`, `0.5`, `-0.2` are numbers.
 * With `decimalComma`, `1,5` is 1.5; a `.` is still a decimal point there (`1.5` is 1.5), and a
 * cell with both (`1.234,5`) is text.
 *
 * A hand-written scanner, because it runs on every cell twice: with at most 15 digits and no
 * exponent, digits / 10^k is one correctly rounded division of exact doubles, i.e. exactly what
 * Number() returns (Clinger's fast path), at a fraction of the cost. Other numbers go to Number().
 */
export function parseNumber(cell: string, decimalComma: boolean): number {
  const n = cell.length;
  let i = 0;
  let c = cell.charCodeAt(0);
  const negative = c === 45;
  if (c === 43 || c === 45) c = cell.charCodeAt(++i); // + -
  const intStart = i;
  let mantissa = 0;
  while (i < n && isDigit(c)) {
    mantissa = mantissa * 10 + (c - 48);
    c = cell.charCodeAt(++i);
  }
  const intDigits = i - intStart;
  let comma = -1;
  let fracDigits = 0;
  if (i < n && (c === 46 || (decimalComma && c === 44))) {
    if (c === 44) comma = i;
    c = cell.charCodeAt(++i);
    const fracStart = i;
    while (i < n && isDigit(c)) {
      mantissa = mantissa * 10 + (c - 48);
      c = cell.charCodeAt(++i);
    }
    fracDigits = i - fracStart;
  }
  if (intDigits + fracDigits === 0) return Number.NaN;
  let exponent = false;
  if (i < n && (c === 101 || c === 69)) {
    // e E, optional sign, at least one digit
    exponent = true;
    c = cell.charCodeAt(++i);
    if (c === 43 || c === 45) c = cell.charCodeAt(++i);
    const expStart = i;
    while (i < n && isDigit(c)) c = cell.charCodeAt(++i);
    if (i === expStart) return Number.NaN;
  }
  if (i !== n) return Number.NaN;
  if ((intDigits > 1 && cell.charCodeAt(intStart) === 48) || intDigits > MAX_INTEGER_DIGITS) return Number.NaN;
  if (!exponent && intDigits + fracDigits <= 15) {
    const v = mantissa / POW10[fracDigits];
    return negative ? -v : v;
  }
  return Number(comma < 0 ? cell : `${cell.slice(0, comma)}.${cell.slice(comma + 1)}`);
}

/** The two boolean vocabularies; they are not mixed within one column. */
export type BoolVocabulary = 'true/false' | 'yes/no';

export interface BoolCell {
  readonly vocabulary: BoolVocabulary;
  readonly value: 0 | 1;
}

// Shared objects: this runs once per cell, so no allocation.
const BOOL_CELLS: ReadonlyMap<string, BoolCell> = new Map<string, BoolCell>([
  ['true', { vocabulary: 'true/false', value: 1 }],
  ['false', { vocabulary: 'true/false', value: 0 }],
  ['yes', { vocabulary: 'yes/no', value: 1 }],
  ['no', { vocabulary: 'yes/no', value: 0 }],
]);

/** The boolean a trimmed cell holds (case-insensitive), or undefined. */
export function parseBoolean(cell: string): BoolCell | undefined {
  return cell.length > 5 ? undefined : BOOL_CELLS.get(cell.toLowerCase());
}

/** Names under which an integer column is a row number rather than a quantity. */
export function looksLikeIdName(name: string): boolean {
  return /^(?:id|index|row)$/i.test(name) || /_id$/i.test(name);
}
