/**
 * The LLM helping the small model (the survey's "data synthesis" role): per training fold the LLM is shown the
 * columns' types and value ranges and a few rows — all taken from that fold's training rows, never a test row — and
 * asked to write new rows, by default of the fold's minority class (regression: any target value). Questions are
 * planned here (so the estimate counts them and the response cache replays them); replies are checked against the
 * training fold's schema in synthetic-rows.ts, and compare/synthetic.ts re-scores the trees with them.
 */
import type { Column, Dataset } from '../data/dataset.js';
import { booleanLabel, columnByName } from '../data/dataset.js';
import type { Target } from '../models/matrix.js';
import type { Fold } from '../result/artifacts.js';
import type { LlmSettings } from '../settings/llm.js';
import { createRng, deriveSeed, shuffleInPlace } from '../util/random.js';
import type { Question } from './ask.js';
import { cacheKey } from './cache.js';
import { estimateTokens } from './client.js';
import type { LlmInputs } from './inputs.js';
import type { ChatRequest } from './wire.js';

/** Rows asked for in one request: small enough for any model's output limit, large enough to keep prompts few. */
export const SYNTHESIS_BATCH = 10;
/** Example rows shown per request (a new seeded draw per request, for variety). */
const EXAMPLES = 5;
/** Categories listed per column; a column with more lists its most frequent ones and says so. */
const LISTED_CATEGORIES = 40;
const STREAM = 0x5e7d;

/** One column as the training fold shows it: what a valid synthetic value of it is. */
export type ColumnSpec =
  | {
      readonly name: string;
      readonly kind: 'number';
      readonly integer: boolean;
      readonly min: number;
      readonly max: number;
      readonly missingAllowed: boolean;
    }
  | {
      readonly name: string;
      readonly kind: 'boolean';
      readonly labels: readonly [string, string];
      readonly missingAllowed: boolean;
    }
  | {
      readonly name: string;
      readonly kind: 'category';
      /** Codes into the dataset column's categories that occur in the training fold. */
      readonly allowed: ReadonlyMap<string, number>;
      readonly listed: readonly string[];
      readonly missingAllowed: boolean;
    };

/** What every synthetic row of one fold must satisfy: the features' specs and the target's. */
export interface FoldSchema {
  readonly fold: number;
  readonly features: readonly ColumnSpec[];
  readonly targetName: string;
  /** Classification: the one class asked for (code and label). Regression: the training fold's target range. */
  readonly target:
    | { readonly task: 'classification'; readonly code: number; readonly label: string }
    | { readonly task: 'regression'; readonly min: number; readonly max: number };
}

export interface SynthesisQuestion extends Question {
  readonly fold: number;
  readonly batch: number;
  /** Rows asked for in this request. */
  readonly count: number;
  /** Dataset rows shown as examples: always from this fold's training rows. */
  readonly exampleRows: readonly number[];
}

export interface SynthesisPlan {
  readonly schemas: ReadonlyMap<number, FoldSchema>;
  readonly questions: readonly SynthesisQuestion[];
}

function specOf(column: Column, rows: Int32Array): ColumnSpec {
  let missing = false;
  if (column.storage === 'number') {
    let min = Infinity;
    let max = -Infinity;
    let integer = true;
    for (const r of rows) {
      const v = column.values[r];
      if (Number.isNaN(v)) {
        missing = true;
        continue;
      }
      if (v < min) min = v;
      if (v > max) max = v;
      if (!Number.isInteger(v)) integer = false;
    }
    if (column.type === 'boolean')
      return {
        name: column.name,
        kind: 'boolean',
        labels: [booleanLabel(column, 0), booleanLabel(column, 1)],
        missingAllowed: missing,
      };
    return { name: column.name, kind: 'number', integer, min, max, missingAllowed: missing };
  }
  const counts = new Map<number, number>();
  for (const r of rows) {
    const c = column.codes[r];
    if (c < 0) missing = true;
    else counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const byCount = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return {
    name: column.name,
    kind: 'category',
    allowed: new Map(byCount.map(([c]) => [column.categories[c], c])),
    listed: byCount.slice(0, LISTED_CATEGORIES).map(([c]) => column.categories[c]),
    missingAllowed: missing,
  };
}

/** The class a fold's synthetic rows are asked for: the training fold's least frequent class (ties: the first). */
function minorityCode(target: Extract<Target, { task: 'classification' }>, train: Int32Array): number {
  const counts = new Array<number>(target.classes.length).fill(0);
  for (const r of train) counts[target.codes[r]]++;
  let best = -1;
  counts.forEach((n, c) => {
    if (n > 0 && (best < 0 || n < counts[best])) best = c;
  });
  return best;
}

export function foldSchema(inputs: LlmInputs, fold: Fold): FoldSchema {
  const { dataset, target } = inputs;
  const features = inputs.features.map((name) => specOf(columnByName(dataset, name)!, fold.train));
  if (target.task === 'classification') {
    const code = minorityCode(target, fold.train);
    return {
      fold: fold.index,
      features,
      targetName: inputs.targetName,
      target: { ...target, code, label: target.classes[code] },
    };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const r of fold.train) {
    min = Math.min(min, target.values[r]);
    max = Math.max(max, target.values[r]);
  }
  return { fold: fold.index, features, targetName: inputs.targetName, target: { task: 'regression', min, max } };
}

/** A dataset row as the JSON object the prompt shows (and the model is asked to write): features, then the target. */
export function exampleObject(
  dataset: Dataset,
  inputs: Pick<LlmInputs, 'features' | 'targetName' | 'target'>,
  row: number,
) {
  const out: Record<string, string | number | null> = {};
  for (const name of inputs.features) {
    const column = columnByName(dataset, name)!;
    if (column.storage === 'category') out[name] = column.codes[row] < 0 ? null : column.categories[column.codes[row]];
    else if (Number.isNaN(column.values[row])) out[name] = null;
    else out[name] = column.type === 'boolean' ? booleanLabel(column, column.values[row]) : column.values[row];
  }
  const t = inputs.target;
  out[inputs.targetName] = t.task === 'classification' ? t.classes[t.codes[row]] : t.values[row];
  return out;
}

function describe(spec: ColumnSpec): string {
  const missing = spec.missingAllowed ? ' (or null when unknown)' : '';
  switch (spec.kind) {
    case 'number':
      return `- ${spec.name}: ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}${missing}`;
    case 'boolean':
      return `- ${spec.name}: one of ${JSON.stringify(spec.labels[0])}, ${JSON.stringify(spec.labels[1])}${missing}`;
    case 'category': {
      const more =
        spec.allowed.size > spec.listed.length
          ? ` (the most frequent ${spec.listed.length} of ${spec.allowed.size} values)`
          : '';
      return `- ${spec.name}: one of ${spec.listed.map((c) => JSON.stringify(c)).join(', ')}${more}${missing}`;
    }
  }
}

function prompt(schema: FoldSchema, examples: readonly Record<string, unknown>[], count: number): string {
  const t = schema.target;
  const targetLine =
    t.task === 'classification'
      ? `- ${schema.targetName}: always ${JSON.stringify(t.label)}`
      : `- ${schema.targetName}: a number from ${t.min} to ${t.max}`;
  const wanted = t.task === 'classification' ? ` with ${schema.targetName} = ${JSON.stringify(t.label)}` : '';
  return [
    'Columns of the table:',
    ...schema.features.map(describe),
    targetLine,
    '',
    'Example rows:',
    ...examples.map((e) => JSON.stringify(e)),
    '',
    `Write ${count} new rows${wanted}: realistic for this table, each different from the examples and from each other.`,
    'Answer with a JSON array of objects with exactly these keys and nothing else.',
  ].join('\n');
}

/** The synthesis requests of every fold: ceil(rowsPerFold / batch) per fold, each with its own seeded examples. */
export function planSynthesis(
  inputs: LlmInputs,
  settings: Pick<LlmSettings, 'synthesizeRows' | 'seed' | 'temperature' | 'provider' | 'model'>,
): SynthesisPlan {
  const schemas = new Map<number, FoldSchema>();
  const questions: SynthesisQuestion[] = [];
  if (settings.synthesizeRows === 0) return { schemas, questions };
  for (const fold of inputs.folds) {
    const schema = foldSchema(inputs, fold);
    schemas.set(fold.index, schema);
    // Examples of the asked class where it has any (classification), drawn from the fold's training rows only.
    const t = schema.target;
    const pool =
      t.task === 'classification' && inputs.target.task === 'classification'
        ? Array.from(fold.train).filter((r) => (inputs.target as { codes: Int32Array }).codes[r] === t.code)
        : Array.from(fold.train);
    const batches = Math.ceil(settings.synthesizeRows / SYNTHESIS_BATCH);
    for (let batch = 0; batch < batches; batch++) {
      const count = Math.min(SYNTHESIS_BATCH, settings.synthesizeRows - batch * SYNTHESIS_BATCH);
      const order = shuffleInPlace(
        Int32Array.from(pool.keys()),
        createRng(deriveSeed(settings.seed, STREAM, fold.index, batch)),
      );
      const exampleRows = Array.from(order.subarray(0, Math.min(EXAMPLES, pool.length)), (i) => pool[i]).sort(
        (a, b) => a - b,
      );
      const examples = exampleRows.map((r) => exampleObject(inputs.dataset, inputs, r));
      const longest = Math.max(16, ...examples.map((e) => estimateTokens(JSON.stringify(e))));
      const request: ChatRequest = {
        messages: [
          { role: 'system', content: 'You write realistic synthetic rows for a table, as JSON.' },
          { role: 'user', content: prompt(schema, examples, count) },
        ],
        temperature: settings.temperature,
        seed: settings.seed + batch,
        // Room for every row plus a margin: the model may space its JSON out. A reply cut short still yields the
        // rows it completed (the parser keeps whole objects only).
        maxTokens: Math.ceil(count * longest * 1.5) + 32,
        topLogprobs: 0,
      };
      questions.push({
        fold: fold.index,
        batch,
        count,
        exampleRows,
        request,
        key: cacheKey({ provider: settings.provider, model: settings.model, request }),
      });
    }
  }
  return { schemas, questions };
}
