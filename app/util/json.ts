/**
 * JSON from files Sapling did not write itself (model files, projects, run-log lines): JSON.parse with a
 * nesting limit. V8's JSON.parse reads any depth, but everything after it that walks a value recursively
 * (JSON.stringify, canonical JSON for the run log's hashes, zod, structuredClone) overflows the stack on a
 * value nested 100,000 deep. No file Sapling writes nests deeper than about 15 levels, so a limit checked
 * before parsing — by a plain loop over the text, never recursion — turns such a file into one clear error
 * naming the file, line and column, and makes every later walk safe.
 */
import { SaplingError, type SaplingErrorCode } from './errors.js';

/** Deeper than any Sapling file (a run record with its result is about 12 levels), far below any stack limit. */
export const MAX_JSON_DEPTH = 64;

export interface JsonReadOptions {
  /** Error code for a file that is not valid JSON or nests too deep (BAD_MODEL_FILE for model files). */
  readonly code?: SaplingErrorCode;
  readonly maxDepth?: number;
  /** Line number of the text's first line in its file (a run-log line), for the error's location. */
  readonly firstLine?: number;
}

/**
 * Parse `text` (from `fileName`) as JSON; a syntax error or nesting deeper than maxDepth is a SaplingError
 * naming the file, and for nesting the line and column where the limit was passed.
 */
export function parseJsonFile(text: string, fileName: string, options: JsonReadOptions = {}): unknown {
  const code = options.code ?? 'BAD_INPUT';
  const deep = tooDeepAt(text, options.maxDepth ?? MAX_JSON_DEPTH);
  if (deep !== undefined) {
    const { line, column } = lineAndColumn(text, deep);
    const at = line + (options.firstLine ?? 1) - 1;
    throw new SaplingError(
      code,
      `${fileName} line ${at}, column ${column}: the JSON nests deeper than ${options.maxDepth ?? MAX_JSON_DEPTH} levels; no Sapling file does, so it was not read`,
      { file: fileName, line: at, column },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SaplingError(
      code,
      `${fileName}: not valid JSON (${text.trim() === '' ? 'it is empty' : (error as Error).message})`,
      { file: fileName },
    );
  }
}

/** Index of the bracket that opens level maxDepth + 1, or undefined. Brackets inside strings do not count. */
function tooDeepAt(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > maxDepth) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return undefined;
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: index - start + 1 };
}
