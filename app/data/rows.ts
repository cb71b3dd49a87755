/**
 * Splits a stream of CSV text into records, adding what papaparse does not give: the physical line
 * where each record starts (a quoted newline makes a record span lines), clear errors for broken
 * quotes, and windows of ~1 M characters so that no more than that is held as one string.
 *
 * Text arrives in pieces; each window runs up to the last line break received. Quote-free records
 * (nearly all of a numeric file) go to the sink's fast path; from the first line holding a quote, the
 * rest of the window goes to papaparse, which alone knows quoted fields. A record still open at the
 * end of a window (a quoted newline) is kept and parsed again with more text.
 */
import Papa from 'papaparse';
import { SaplingError } from '../util/errors.js';

export type Newline = '\n' | '\r\n' | '\r';

export interface RecordSink {
  /** A record split into untrimmed fields, starting on 1-based `line`. May throw (a SaplingError): parsing stops. */
  record(fields: readonly string[], line: number): void;
  /** Whether plainRecord may be used (the header is known). */
  readonly ready: boolean;
  /** The record text[start, end) (line break excluded), which has no quote character. */
  plainRecord(text: string, start: number, end: number, line: number): void;
}

const WINDOW_CHARS = 1 << 20;

/** `file line 3` / `file line 3, field 2`: the prefix of every parse error message. */
export function at(file: string, line: number, field?: number): string {
  return field === undefined ? `${file} line ${line}` : `${file} line ${line}, field ${field}`;
}

/** papaparse's own line-break guess (on a sample), fixed for the whole file so every window agrees. */
export function guessNewline(text: string, delimiter: string): Newline {
  const { linebreak } = Papa.parse(text.slice(0, 64 * 1024), { delimiter, preview: 1 }).meta;
  return linebreak === '\r' || linebreak === '\r\n' ? linebreak : '\n';
}

/** How many times `char` occurs in `text`. */
export function countChar(text: string, char: string): number {
  let n = 0;
  for (let p = text.indexOf(char); p >= 0; p = text.indexOf(char, p + 1)) n++;
  return n;
}

export class RecordSplitter {
  /** Text not yet parsed; starts at a record boundary. */
  private buffer = '';
  /** Line of buffer[0]. */
  private line = 1;
  /** '\n' characters already parsed, when lines are counted by '\r' (else line − 1). */
  private crFileLineFeeds = 0;
  /** Parse once the buffer holds this much: a window, or twice a record that did not fit. */
  private parseAt = WINDOW_CHARS;
  private readonly breakChar: string;

  constructor(
    private readonly delimiter: string,
    private readonly newline: Newline,
    private readonly fileName: string,
    private readonly sink: RecordSink,
  ) {
    // '\n' ends a line in both '\n' and '\r\n' files.
    this.breakChar = newline === '\r' ? '\r' : '\n';
  }

  /** '\n' characters in all the text pushed so far (ENCODING errors count lines by them). */
  lineFeeds(): number {
    return (this.breakChar === '\n' ? this.line - 1 : this.crFileLineFeeds) + countChar(this.buffer, '\n');
  }

  /** Adds text; parses the complete records once a window is full, and everything when `final`. */
  push(text: string, final: boolean): void {
    if (!final && this.buffer.length + text.length < this.parseAt) {
      this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
      return;
    }
    let from = 0;
    if (this.buffer.length > 0) {
      // The carried partial record is completed with the new text up to its first line break, as a
      // small window of its own: joining it to the whole new text would copy ~1 M characters per window.
      const lineBreak = final ? -1 : text.indexOf(this.newline);
      const headEnd = lineBreak + this.newline.length;
      const head = this.buffer + (lineBreak < 0 ? text : text.slice(0, headEnd));
      this.buffer = '';
      const stop = lineBreak < 0 ? 0 : this.window(head, 0, false);
      if (stop < head.length)
        text = head.slice(stop) + (lineBreak < 0 ? '' : text.slice(headEnd)); // a quoted record goes on
      else from = headEnd;
    }
    const stop = this.window(text, from, final);
    this.buffer = text.slice(stop);
  }

  /** Parses the complete records of text[from...] (all of it when `final`); returns where it stopped. */
  private window(text: string, from: number, final: boolean): number {
    let end = text.length;
    if (!final) {
      const cut = text.lastIndexOf(this.newline);
      if (cut < from) {
        this.parseAt = 2 * (text.length - from);
        return from;
      }
      end = cut + this.newline.length;
    }
    const quote = text.indexOf('"', from);
    let plainEnd = end;
    if (quote >= 0 && quote < end) {
      const lineBreak = text.lastIndexOf(this.newline, quote);
      plainEnd = lineBreak < from ? from : lineBreak + this.newline.length;
    }
    let pos = this.plain(text, from, plainEnd);
    if (pos < end) pos = this.quoted(text, pos, end, final);
    // No complete record in the window (one long quoted cell): wait for twice the text rather than re-parse at every piece.
    this.parseAt = pos === from ? 2 * (text.length - from) : WINDOW_CHARS;
    if (this.breakChar === '\r') this.crFileLineFeeds += countChar(text.slice(from, pos), '\n');
    return pos;
  }

  /** Records in text[pos, end), which has no quote; returns where it stopped (a lone '\n' in a CRLF file is papaparse's). */
  private plain(text: string, pos: number, end: number): number {
    const { sink, breakChar } = this;
    const crlf = this.newline === '\r\n';
    let line = this.line;
    while (pos < end) {
      let recordEnd = text.indexOf(breakChar, pos);
      let next: number;
      if (recordEnd < 0 || recordEnd >= end)
        recordEnd = next = end; // the last record, with no line break after it
      else {
        next = recordEnd + 1;
        if (crlf) {
          if (recordEnd === pos || text.charCodeAt(recordEnd - 1) !== 13) break;
          recordEnd--;
        }
      }
      if (sink.ready) sink.plainRecord(text, pos, recordEnd, line);
      else sink.record(text.slice(pos, recordEnd).split(this.delimiter), line);
      pos = next;
      line++;
    }
    this.line = line;
    return pos;
  }

  /** Records in text[from, end) through papaparse; returns where it stopped (before a record cut by the window's end). */
  private quoted(text: string, from: number, end: number, last: boolean): number {
    const { delimiter, newline, breakChar, fileName } = this;
    let line = this.line; // line of text[counted]
    let counted = from;
    const lineAt = (pos: number): number => {
      for (let p = text.indexOf(breakChar, counted); p >= 0 && p < pos; p = text.indexOf(breakChar, p + 1)) line++;
      counted = Math.max(counted, pos);
      return line;
    };
    let start = from; // start of the record being visited
    let failure: unknown;
    let cut = false; // a record runs past the end of the window
    Papa.parse<string[]>(text.slice(from, end), {
      delimiter,
      newline,
      step: (result, parser) => {
        try {
          const recordLine = lineAt(start);
          if (result.errors.length > 0) {
            // Windows end on a line break, so a record crossing the end is inside quotes: unclosed here, not in the file.
            if (!last && result.errors.every((e) => e.code === 'MissingQuotes')) {
              cut = true;
              parser.abort();
              return;
            }
            throw quoteError(text, start, recordLine, delimiter, breakChar, fileName, result.errors, from);
          }
          this.sink.record(result.data, recordLine);
          start = from + result.meta.cursor;
        } catch (e) {
          failure = e;
          parser.abort();
        }
      },
    });
    if (failure !== undefined) throw failure;
    const stop = cut ? start : end;
    this.line = lineAt(stop);
    return stop;
  }
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
  if (
    error.code === 'MissingQuotes' ||
    (error.code === 'InvalidQuotes' && (stray < 0 || linesBetween(open, stray) > 0))
  ) {
    return new SaplingError(
      'UNCLOSED_QUOTE',
      `${at(fileName, line, field)}: a quoted field starts here but its closing quote is missing`,
      location,
    );
  }
  if (error.code === 'InvalidQuotes') {
    return new SaplingError(
      'BAD_INPUT',
      `${at(fileName, line, field)}: a quote inside a quoted field must be doubled ("")`,
      location,
    );
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
