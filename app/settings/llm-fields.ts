/**
 * The LLM baseline's settings, each declared once: its zod schema (limits included), the one message every entry
 * point shows when a value is refused, its help text and, where the command line sets it, its flag. From this table
 * come `llmSettings()`'s checks (app/settings/llm.ts), the CLI's `--llm-*` flags and their `--help` lines
 * (cli/llm.ts), and the limits of the desktop's saved LLM settings (app/ipc/contract.ts) — the same refusal
 * everywhere, like the comparison's own SETTINGS (app/settings/compare.ts).
 *
 * Light on purpose (zod only) so the renderer can import it.
 */
import { z } from 'zod';

export const TEMPLATE_KINDS = ['text', 'list', 'json'] as const;
/** Row serialization: TabLLM's "The <column> is <value>." sentences (best in their study), a bullet list, or a JSON object. */
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/**
 * How the CLI reads a flag: a number (times `scale`, e.g. seconds → milliseconds) or a text. Flags that switch
 * something on or off (`--llm-plain`, `--llm-retrieved`) and the connection (`--llm-model`, `--llm-base-url`) are
 * declared in cli/llm.ts: they name no limits.
 */
export interface LlmFlag {
  readonly name: `llm-${string}`;
  readonly placeholder: string;
  readonly kind: 'number' | 'text';
  readonly scale?: number;
}

export interface LlmFieldSpec {
  readonly schema: z.ZodType;
  /** What a valid value is ("a whole number from 1 to 64"). */
  readonly message: string;
  /** How errors name it: "LLM <label> must be …". */
  readonly label: string;
  readonly help: string;
  readonly flag?: LlmFlag;
}

function whole(min: number, max: number) {
  const message = `a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  return {
    message,
    min,
    max,
    schema: z.number({ error: message }).int({ error: message }).min(min, message).max(max, message),
  };
}

function between(min: number, max: number, message: string) {
  return { message, schema: z.number({ error: message }).min(min, message).max(max, message) };
}

const templateMessage = `one of ${TEMPLATE_KINDS.join(', ')}`;
const instructionsMessage = 'a text of at most 20,000 characters containing {row}, where the serialized row goes';
const priceMessage = 'a price from 0 to 1,000,000 per million tokens';

/** Every LLM setting with limits, in the order `--help` lists them. Prices are the two fields of `prices`. */
export const LLM_FIELDS = {
  sampleRows: {
    ...whole(1, 100_000),
    label: 'sample rows',
    help: 'test rows the LLM answers per run, drawn (seeded, stratified) from the test folds',
    flag: { name: 'llm-sample', placeholder: 'N', kind: 'number' },
  },
  shots: {
    ...whole(0, 64),
    label: 'shots',
    help: "examples per prompt, from the row's own training fold only (0 = zero-shot)",
    flag: { name: 'llm-shots', placeholder: 'K', kind: 'number' },
  },
  template: {
    message: templateMessage,
    schema: z.enum(TEMPLATE_KINDS, { error: templateMessage }),
    label: 'template',
    help: 'how a row is written into the prompt: sentences, a list or a JSON object',
    flag: { name: 'llm-template', placeholder: TEMPLATE_KINDS.join('|'), kind: 'text' },
  },
  instructions: {
    message: instructionsMessage,
    schema: z
      .string({ error: instructionsMessage })
      .min(1, instructionsMessage)
      .max(20_000, instructionsMessage)
      .refine((s) => s.includes('{row}'), instructionsMessage),
    label: 'instructions',
    help: 'the prompt around the row; placeholders {task} {row} {target} {classes}',
    flag: { name: 'llm-instructions', placeholder: 'TEXT', kind: 'text' },
  },
  inputPer1M: {
    ...between(0, 1e6, priceMessage),
    label: 'input price',
    help: 'price per 1M input tokens (for the estimate, the budget and the cost columns)',
    flag: { name: 'llm-price-in', placeholder: 'USD', kind: 'number' },
  },
  outputPer1M: {
    ...between(0, 1e6, priceMessage),
    label: 'output price',
    help: 'price per 1M output tokens',
    flag: { name: 'llm-price-out', placeholder: 'USD', kind: 'number' },
  },
  maxCost: {
    ...between(0, 1e6, 'an amount from 0 to 1,000,000'),
    label: 'max cost',
    help: 'the run stops before its estimated cost would pass this',
    flag: { name: 'llm-max-cost', placeholder: 'USD', kind: 'number' },
  },
  maxRequests: {
    ...whole(1, 10_000_000),
    label: 'max requests',
    help: 'the run stops before it would send more HTTP requests than this (retries included)',
    flag: { name: 'llm-max-requests', placeholder: 'N', kind: 'number' },
  },
  timeoutMs: {
    ...between(1, 600_000, 'from 1 ms to 600 s'),
    label: 'timeout',
    help: 'seconds one request may take',
    flag: { name: 'llm-timeout', placeholder: 'SECONDS', kind: 'number', scale: 1000 },
  },
  concurrency: {
    ...whole(1, 64),
    label: 'concurrency',
    help: 'requests in flight at once',
    flag: { name: 'llm-concurrency', placeholder: 'N', kind: 'number' },
  },
  probeRows: {
    ...whole(0, 100_000),
    label: 'probe rows',
    help: 'rows asked twice to measure how often the model repeats its answer (0 = none)',
    flag: { name: 'llm-probe', placeholder: 'N', kind: 'number' },
  },
  importanceRows: {
    ...whole(0, 100_000),
    label: 'importance rows',
    help: "rows for the LLM's permutation importance: rows × features extra requests (0 = none)",
    flag: { name: 'llm-importance', placeholder: 'ROWS', kind: 'number' },
  },
  reasonRows: {
    ...whole(0, 100_000),
    label: 'reason rows',
    help: 'rows whose answer is followed by "why?" — self-reported, unverified reasons (0 = none)',
    flag: { name: 'llm-reasons', placeholder: 'ROWS', kind: 'number' },
  },
  contaminationTrials: {
    ...whole(0, 200),
    label: 'contamination trials',
    help: 'row and feature completions testing whether the LLM memorised this file (0 = no check)',
    flag: { name: 'llm-contamination', placeholder: 'TRIALS', kind: 'number' },
  },
  variantColumns: {
    ...whole(1, 1000),
    label: 'variant columns',
    help: 'also ask with only the K columns a small tree relies on most (a prompt variant)',
    flag: { name: 'llm-columns', placeholder: 'K', kind: 'number' },
  },
  synthesizeRows: {
    ...whole(0, 5000),
    label: 'synthetic rows',
    help: "rows the LLM writes per training fold (from that fold's rows only); the trees are re-scored with them (0 = off)",
    flag: { name: 'llm-synthesize', placeholder: 'ROWS', kind: 'number' },
  },
  temperature: { ...between(0, 2, 'between 0 and 2'), label: 'temperature', help: 'sampling temperature' },
  seed: { ...whole(0, 4294967295), label: 'seed', help: 'the seed sent with each request' },
  maxRetries: { ...whole(0, 10), label: 'retries', help: 'retries of a failed request' },
  retryAfterCapMs: {
    ...between(0, 600_000, 'between 0 and 10 minutes'),
    label: 'Retry-After cap',
    help: "the longest wait a server's Retry-After may impose",
  },
} as const satisfies Record<string, LlmFieldSpec>;

export type LlmFieldKey = keyof typeof LLM_FIELDS;
