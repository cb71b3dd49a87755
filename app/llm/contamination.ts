/**
 * Has the LLM memorised this file? Before trusting an LLM's score on a public dataset, three tests from
 * Bordt et al., "Elephants Never Forget" (2024; their tabmemcheck package), asked of the same endpoint:
 *
 * - header test: the file's header and first rows, then "continue" — are the next rows reproduced verbatim?
 * - row completion: some consecutive rows from a seeded place in the file — is the next row reproduced verbatim?
 * - feature completion: one row with its most distinctive column left out — is that value reproduced exactly?
 *
 * Rows are compared cell by cell on the parsed values (so "1.50" and "1.5" match), never by fuzzy similarity.
 * The verdict rule (documented in the README): any test with ≥ 10% exact matches (and at least 2) means the model
 * reproduces rows of this file — its accuracy here overstates what it would do on new data; fewer matches mean no
 * evidence, which cannot prove the model has not seen the file. Feature completion is judged against a baseline: how
 * often always answering the column's most frequent value would be right.
 */
import type { Column, Dataset } from '../data/dataset.js';
import { cellText } from '../data/dataset.js';
import type { ContaminationResult, ContaminationTest, ContaminationTestName } from '../result/llm.js';
import { createRng, deriveSeed } from '../util/random.js';
import { estimateTokens } from './client.js';
import type { ChatRequest } from './wire.js';

export type { ContaminationResult, ContaminationTest, ContaminationTestName };

export interface ContaminationQuestion {
  readonly test: ContaminationTestName;
  readonly request: ChatRequest;
  /** Rows whose cells the reply should reproduce (header/row), or the one row whose `column` value it should give. */
  readonly expectRows: readonly number[];
  readonly column?: string;
}

const SYSTEM =
  'You are an autocomplete bot for tabular datasets. You will be prompted with parts of a tabular dataset. ' +
  'Complete it exactly as it continues in the dataset, with no explanation.';
const HEADER_ROWS = 5;
const HEADER_CONTINUATION = 5;
const CONTEXT_ROWS = 5;
const STREAM = 0xc0a7;
/** The verdict's threshold: the share of exact reproductions no honest model gets on unseen rows by chance. */
export const MEMORISED_RATE = 0.1;

/** A row as the file's line would read: its cells joined by the file's delimiter (quoted when they contain it). */
export function rowLine(dataset: Dataset, row: number): string {
  const d = dataset.source.delimiter;
  return dataset.columns.map((c) => quote(cellText(c, row), d)).join(d);
}

function headerLine(dataset: Dataset): string {
  const d = dataset.source.delimiter;
  return dataset.columns.map((c) => quote(c.name, d)).join(d);
}

function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || text.includes('"') ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The column least guessable by chance: the most distinct values among the non-identifier features. */
function distinctiveColumn(dataset: Dataset, exclude: string): Column | undefined {
  let best: Column | undefined;
  let bestCount = 1;
  for (const column of dataset.columns) {
    if (column.name === exclude) continue;
    const values = new Set<string>();
    for (let r = 0; r < dataset.rowCount; r++) values.add(cellText(column, r));
    if (values.size > bestCount) {
      best = column;
      bestCount = values.size;
    }
  }
  return best;
}

function request(user: string, seed: number, maxTokens: number): ChatRequest {
  return {
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: user },
    ],
    temperature: 0,
    seed,
    maxTokens,
    topLogprobs: 0,
  };
}

/** Room for the expected text plus a little (the client's ~4 characters per token estimate). */
const tokensFor = (text: string): number => estimateTokens(text) + 16;

/** Every question the check will ask, planned up front (so the estimate counts exactly these). */
export function planContamination(
  dataset: Dataset,
  targetName: string,
  trials: number,
  seed: number,
): ContaminationQuestion[] {
  const n = dataset.rowCount;
  const questions: ContaminationQuestion[] = [];
  if (n < HEADER_ROWS + HEADER_CONTINUATION || trials <= 0) return questions;
  const lines = (from: number, to: number): string[] =>
    Array.from({ length: to - from }, (_, i) => rowLine(dataset, from + i));
  // Header test: the top of the file.
  const expect = Array.from({ length: HEADER_CONTINUATION }, (_, i) => HEADER_ROWS + i);
  questions.push({
    test: 'header',
    request: request(
      `${[headerLine(dataset), ...lines(0, HEADER_ROWS)].join('\n')}\n`,
      seed,
      tokensFor(expect.map((r) => rowLine(dataset, r)).join('\n')),
    ),
    expectRows: expect,
  });
  const rng = createRng(deriveSeed(seed, STREAM));
  // Row completion: CONTEXT_ROWS consecutive rows at seeded places, then the next row.
  for (let t = 0; t < trials; t++) {
    const next = CONTEXT_ROWS + rng.int(n - CONTEXT_ROWS);
    questions.push({
      test: 'row',
      request: request(
        `${[headerLine(dataset), ...lines(next - CONTEXT_ROWS, next)].join('\n')}\n`,
        seed,
        tokensFor(rowLine(dataset, next)),
      ),
      expectRows: [next],
    });
  }
  // Feature completion: one row, its most distinctive column left for the model to fill in.
  const column = distinctiveColumn(dataset, targetName);
  if (column) {
    const others = dataset.columns.filter((c) => c !== column);
    for (let t = 0; t < trials; t++) {
      const row = rng.int(n);
      const given = others.map((c) => `${c.name} = ${cellText(c, row)}`).join(', ');
      questions.push({
        test: 'feature',
        request: request(
          `Feature names: ${dataset.columns.map((c) => c.name).join(', ')}\nFeature values: ${given}, ${column.name} =`,
          seed,
          tokensFor(cellText(column, row)),
        ),
        expectRows: [row],
        column: column.name,
      });
    }
  }
  return questions;
}

/** The cells of one line of the reply, split as the file's lines are (quotes honoured). */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/** A written value equals the cell: numbers by value, text exactly (case kept), missing as empty. */
function sameCell(column: Column, row: number, written: string): boolean {
  const truth = cellText(column, row);
  if (column.storage === 'number' && column.type !== 'boolean' && truth !== '' && written !== '')
    return Number(written) === Number(truth);
  return written === truth;
}

function sameRow(dataset: Dataset, row: number, line: string): boolean {
  const cells = splitLine(line, dataset.source.delimiter);
  return cells.length === dataset.columns.length && dataset.columns.every((c, i) => sameCell(c, row, cells[i]));
}

/** Scores one reply: how many of the expected rows (or the one value) it reproduces exactly. */
export function scoreReply(dataset: Dataset, question: ContaminationQuestion, reply: string): number {
  if (question.test === 'feature') {
    const column = dataset.columns.find((c) => c.name === question.column)!;
    const value = reply
      .trim()
      .split(/[\n,]/)[0]
      .trim()
      .replace(/^["']|["'.]$/g, '');
    return sameCell(column, question.expectRows[0], value) ? 1 : 0;
  }
  const lines = reply
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  // The i-th expected row must be the i-th line: a continuation, not a row found anywhere in the reply.
  return question.expectRows.filter((row, i) => lines[i] !== undefined && sameRow(dataset, row, lines[i])).length;
}

function majorityRate(dataset: Dataset, column: Column, rows: readonly number[]): number {
  const counts = new Map<string, number>();
  for (let r = 0; r < dataset.rowCount; r++)
    counts.set(cellText(column, r), (counts.get(cellText(column, r)) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return rows.length === 0 ? NaN : rows.filter((r) => cellText(column, r) === top).length / rows.length;
}

/** Turns the replies (null = the request failed) into the three tests and the verdict. */
export function summarizeContamination(
  dataset: Dataset,
  questions: readonly ContaminationQuestion[],
  replies: readonly (string | null)[],
): ContaminationResult {
  const tests: ContaminationTest[] = [];
  for (const test of ['header', 'row', 'feature'] as const) {
    const asked = questions.flatMap((q, i) => (q.test === test && replies[i] !== null ? [i] : []));
    if (asked.length === 0) continue;
    const trials = asked.reduce((a, i) => a + questions[i].expectRows.length, 0);
    const matches = asked.reduce((a, i) => a + scoreReply(dataset, questions[i], replies[i]!), 0);
    const entry: ContaminationTest = { test, trials, matches, rate: matches / trials };
    if (test === 'feature') {
      const column = dataset.columns.find((c) => c.name === questions[asked[0]].column)!;
      const rows = asked.map((i) => questions[i].expectRows[0]);
      tests.push({ ...entry, column: column.name, baselineRate: majorityRate(dataset, column, rows) });
    } else tests.push(entry);
  }
  const flagged = tests.filter(
    (t) => t.matches >= 2 && t.rate >= MEMORISED_RATE && (t.baselineRate === undefined || t.rate > t.baselineRate),
  );
  const describe = (t: ContaminationTest): string =>
    `${TEST_NAMES[t.test]} ${t.matches} of ${t.trials}${t.column ? ` (${t.column})` : ''}`;
  const message =
    flagged.length > 0
      ? `This LLM reproduces rows of this file verbatim (${flagged.map(describe).join('; ')}): its accuracy here overstates what it would do on new data.`
      : `No sign that this LLM memorised the file (${tests.map(describe).join('; ')} reproduced exactly); these tests cannot prove it never saw it.`;
  return {
    tests,
    verdict: flagged.length > 0 ? 'memorised' : 'no-evidence',
    message,
    requests: questions.length,
  };
}

export const TEST_NAMES: Readonly<Record<ContaminationTestName, string>> = {
  header: 'header test',
  row: 'row completion',
  feature: 'feature completion',
};
