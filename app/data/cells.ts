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

/** Exact powers of ten (all ≤ 1e15 are exact doubles). */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The number a trimmed cell holds, or NaN when it is not a plain number (so the column is text).
 *
 * Plain decimal notation only (`-1.5e3`, `.5`, `+2`): no hex, `Infinity` or thousands separators,
 * which Number() would accept or misread, and nothing beyond a double's range (`1e400`: see OUT_OF_RANGE). A leading zero followed by a digit (`007`, `0123`)
 * marks a code such as a zip code, so it is text; `0`, `0.5`, `-0.2` are numbers.
 * With `decimalComma`, `1,5` is 1.5; a `.` is still a decimal point there (`1.5` is 1.5), and a
 * cell with both (`1.234,5`) is text.
 */
export function parseNumber(cell: string, decimalComma: boolean): number {
  const v = scanNumber(cell, 0, cell.length, decimalComma);
  return scanned.end === cell.length ? v : Number.NaN;
}

/** Where the last scanNumber stopped, and how the number was written (see formatNumber). */
export const scanned = { end: 0, format: 0 };

/** Format of a number whose text cannot be rebuilt from its value (exponent, over 15 digits): keep the text. */
export const RAW_FORMAT = 255;
/**
 * scanned.format of a cell written as a number but beyond a double's range (`1e400`, ±1.8e308 and more): it is not a
 * number here (scanNumber returns NaN), like Excel, which keeps such a cell as text. The table warns when that makes
 * a column text. (Tiny numbers such as `1e-400` are not out of range: they round to 0.)
 */
export const OUT_OF_RANGE = 254;

/**
 * Reads a number at text[i..] (not past `end`) and returns it, or NaN if what is there breaks the
 * rules of parseNumber; `scanned.end` is where it stopped. The caller decides whether the number
 * fills its cell (parseNumber: the whole string; the CSV fast path: up to the next delimiter), so one
 * scanner serves both and they cannot disagree.
 *
 * Hand-written because it runs on every cell: with at most 15 digits and no exponent,
 * digits / 10^k is one correctly rounded division of exact doubles, i.e. exactly what Number()
 * returns (Clinger's fast path), at a fraction of the cost. Other numbers go to Number().
 *
 * `scanned.format` records how the number was written (sign, separator, bare `.5`, fraction digits)
 * in one byte, so that a column read as numbers can give back its cells' text exactly as written if a
 * later cell turns it into text (`1.50` stays `1.50`). RAW_FORMAT when the value alone cannot.
 */
export function scanNumber(text: string, i: number, end: number, decimalComma: boolean): number {
  let c = i < end ? text.charCodeAt(i) : -1;
  const sign = c === 45 ? 1 : c === 43 ? 2 : 0; // none - +
  if (sign !== 0) c = ++i < end ? text.charCodeAt(i) : -1;
  const intStart = i;
  let mantissa = 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    c = ++i < end ? text.charCodeAt(i) : -1;
  }
  const intDigits = i - intStart;
  let separator = 0; // none . ,
  let fracDigits = 0;
  if (c === 46 || (decimalComma && c === 44)) {
    separator = c === 46 ? 1 : 2;
    c = ++i < end ? text.charCodeAt(i) : -1;
    const fracStart = i;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      c = ++i < end ? text.charCodeAt(i) : -1;
    }
    fracDigits = i - fracStart;
  }
  scanned.end = i;
  if (intDigits + fracDigits === 0) return notANumber();
  let exponent = false;
  if (c === 101 || c === 69) {
    // e E, optional sign, at least one digit
    exponent = true;
    c = ++i < end ? text.charCodeAt(i) : -1;
    if (c === 43 || c === 45) c = ++i < end ? text.charCodeAt(i) : -1;
    const expStart = i;
    while (c >= 48 && c <= 57) c = ++i < end ? text.charCodeAt(i) : -1;
    scanned.end = i;
    if (i === expStart) return notANumber();
  }
  if ((intDigits > 1 && text.charCodeAt(intStart) === 48) || intDigits > MAX_INTEGER_DIGITS) return notANumber();
  if (!exponent && intDigits + fracDigits <= 15) {
    // 5 layouts (separator, and whether the integer part is empty: `.5`) × 3 signs, × 16 fraction lengths: < 240.
    scanned.format = ((intDigits === 0 ? separator + 2 : separator) * 3 + sign) * 16 + fracDigits;
    const v = mantissa / POW10[fracDigits];
    return sign === 1 ? -v : v;
  }
  scanned.format = RAW_FORMAT;
  const start = sign === 0 ? intStart : intStart - 1;
  const written = text.slice(start, i);
  const value = Number(separator !== 2 ? written : written.replace(',', '.'));
  if (value - value === 0) return value; // finite
  scanned.format = OUT_OF_RANGE;
  return Number.NaN;
}

/** NaN, with a format that says nothing (so a stale OUT_OF_RANGE is never read for another cell). */
function notANumber(): number {
  scanned.format = RAW_FORMAT;
  return Number.NaN;
}

/**
 * The text a number was written as, from its value and scanned.format (not RAW_FORMAT). Exact: the value
 * is the double nearest to digits / 10^f with at most 15 digits, so toFixed(f) gives those digits back.
 */
export function formatNumber(value: number, format: number): string {
  const fracDigits = format & 15;
  const layout = format >> 4;
  const sign = layout % 3;
  const separator = Math.floor(layout / 3); // 0 none, 1 '.', 2 ',', 3 '.' and 4 ',' with no integer part
  let text = Math.abs(value).toFixed(fracDigits);
  if (separator !== 0) {
    if (fracDigits === 0) text += '.'; // `1.`
    if (separator === 2 || separator === 4) text = text.replace('.', ',');
    if (separator >= 3) text = text.slice(1); // `.5`: toFixed wrote `0.5`
  }
  return (sign === 1 ? '-' : sign === 2 ? '+' : '') + text;
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
