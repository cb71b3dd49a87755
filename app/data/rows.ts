/**
 * Walks the records of a CSV string with papaparse, adding what papaparse does not give: the
 * physical line where each record starts (a quoted newline makes a record span lines), clear
 * errors for broken quotes, and pauses that let an AbortSignal stop a long parse.
 *
 * The text is parsed in windows of ~1 M characters cut just after a line break, with a yield to
 * the event loop between windows. Not papaparse's pause()/resume(): on a string input each resume
 * re-splits the whole remaining text (quadratic; 33 s instead of 1 s on a 40 MB file).
 */
import Papa from 'papaparse';
import { SaplingError, throwIfAborted } from '../util/errors.js';

export interface CsvRecord {
  readonly fields: readonly string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

const WINDOW_CHARS = 1 << 20;

/** `file line 3` / `file line 3, field 2`: the prefix of every parse error message. */
export function at(file: string, line: number, field?: number): string {
  return field === undefined ? `${file} line ${line}` : `${file} line ${line}, field ${field}`;
}

/** papaparse's own line-break guess (on a sample), fixed for the whole file so every window agrees. */
export function guessNewline(text: string, delimiter: string): '\n' | '\r\n' | '\r' {
  const { linebreak } = Papa.parse(text.slice(0, 64 * 1024), { delimiter, preview: 1 }).meta;
  return linebreak === '\r' || linebreak === '\r\n' ? linebreak : '\n';
}

/**
 * Calls `visit` for every record, in order, blank lines included (one empty field).
 * `visit` may throw (e.g. a SaplingError): parsing stops and the promise rejects with it.
 */
export async function eachRecord(
  text: string,
  delimiter: string,
  newline: '\n' | '\r\n' | '\r',
  fileName: string,
  visit: (record: CsvRecord) => void,
  signal?: AbortSignal,
): Promise<void> {
  // '\n' ends a line in both '\n' and '\r\n' files.
  const breakChar = newline === '\r' ? '\r' : '\n';
  let line = 1; // line of text[counted]
  let counted = 0;
  const lineAt = (pos: number): number => {
    for (let p = text.indexOf(breakChar, counted); p >= 0 && p < pos; p = text.indexOf(breakChar, p + 1)) line++;
    counted = Math.max(counted, pos);
    return line;
  };

  let pos = 0; // start of the next record
  let size = WINDOW_CHARS;
  while (pos < text.length) {
    throwIfAborted(signal);
    let end = Math.min(text.length, pos + size);
    // Cut just after a full line break ('\r\n', not a lone '\n' inside a CRLF record).
    if (end < text.length) {
      const cutAt = text.indexOf(newline, end);
      end = cutAt < 0 ? text.length : cutAt + newline.length;
    }
    const last = end === text.length;
    const base = pos;
    let start = pos; // start of the record being visited
    let failure: unknown;
    let cut = false; // a record runs past the end of the window
    Papa.parse<string[]>(text.slice(base, end), {
      delimiter,
      newline,
      step(result, parser) {
        try {
          const recordLine = lineAt(start);
          if (result.errors.length > 0) {
            // Cut windows end on a line break, so a record crossing the cut is inside quotes: unclosed here, not in the file.
            if (!last && result.errors.every((e) => e.code === 'MissingQuotes')) {
              cut = true;
              parser.abort();
              return;
            }
            throw quoteError(text, start, recordLine, delimiter, breakChar, fileName, result.errors, base);
          }
          visit({ fields: result.data, line: recordLine });
          start = base + result.meta.cursor;
        } catch (e) {
          failure = e;
          parser.abort();
        }
      },
    });
    if (failure !== undefined) throw failure;
    // After a cut, start again at the cut record; with no complete record in the window, widen it.
    size = cut && start === pos ? size * 2 : WINDOW_CHARS;
    pos = cut ? start : end;
    // Let other tasks (the user's Cancel) run between windows.
    if (pos < text.length) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  throwIfAborted(signal);
}

/**
 * The SaplingError for a record papaparse flagged (with a fixed delimiter only quote errors occur).
 * papaparse's `index` is just after the opening quote of the field at fault. It reports an unclosed
 * quote as MissingQuotes only if no quote follows in the whole file; usually a later quote exists
 * and it reports InvalidQuotes instead, having swallowed the lines in between into one cell. So an
 * InvalidQuotes whose stray quote is on a later line is an unclosed quote too; on the same line it is
 * an undoubled quote inside a quoted field (`"say "hi""`).
 */
function quoteError(
  text: string,
  start: number,
  recordLine: number,
  delimiter: string,
  breakChar: string,
  fileName: string,
  errors: readonly Papa.ParseError[],
  base: number,
): SaplingError {
  const error = errors.find((e) => e.code === 'InvalidQuotes') ?? errors[0];
  const open = Math.max(start, base + (error.index ?? 0)); // just after the opening quote
  const linesBetween = (from: number, to: number): number => {
    let n = 0;
    for (let p = text.indexOf(breakChar, from); p >= 0 && p < to; p = text.indexOf(breakChar, p + 1)) n++;
    return n;
  };
  const line = recordLine + linesBetween(start, open);
  const field = fieldAt(text, start, open, delimiter);
  const location = { file: fileName, line, column: field };
  const stray = error.code === 'InvalidQuotes' ? strayQuote(text, open) : -1;
  if (error.code === 'MissingQuotes' || (error.code === 'InvalidQuotes' && (stray < 0 || linesBetween(open, stray) > 0))) {
    return new SaplingError('UNCLOSED_QUOTE', `${at(fileName, line, field)}: a quoted field starts here but its closing quote is missing`, location);
  }
  if (error.code === 'InvalidQuotes') {
    return new SaplingError('BAD_INPUT', `${at(fileName, line, field)}: a quote inside a quoted field must be doubled ("")`, location);
  }
  return new SaplingError('BAD_INPUT', `${at(fileName, line)}: ${error.message}`, location);
}

/** The first quote from `from` on that is not a doubled (escaped) quote, or −1. */
function strayQuote(text: string, from: number): number {
  let p = text.indexOf('"', from);
  while (p >= 0 && text[p + 1] === '"') p = text.indexOf('"', p + 2);
  return p;
}

/** 1-based field of position `index` in the record starting at `start` (delimiters inside quotes do not count). */
function fieldAt(text: string, start: number, index: number, delimiter: string): number {
  let field = 1;
  let quoted = false;
  for (let p = start; p < index; p++) {
    const ch = text[p];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) field++;
  }
  return field;
}
