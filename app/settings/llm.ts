/**
 * What an LLM baseline run is configured with. Everything here is plain data that may be written into
 * the comparison JSON — so it never holds the API key (that travels separately, see LlmRuntime in
 * evaluate.ts) and the base URL is stored with any user:password part removed.
 */
import { SaplingError } from '../util/errors.js';
import { LLM_FIELDS, type LlmFieldKey, type TemplateKind } from './llm-fields.js';

export const LLM_PROVIDERS = ['openai', 'ollama'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export { TEMPLATE_KINDS, type TemplateKind } from './llm-fields.js';

/** USD (or any currency) per one million tokens; user-editable because prices change and differ per provider. */
export interface Prices {
  readonly inputPer1M: number;
  readonly outputPer1M: number;
}

export interface LlmSettings {
  readonly provider: LlmProvider;
  readonly baseUrl: string;
  readonly model: string;
  /** Cap on test rows sent to the LLM per run, spread over the test folds (seeded, stratified). */
  readonly sampleRows: number;
  /** k-shot examples per prompt, drawn (seeded, stratified) from the training fold only. 0 = zero-shot. */
  readonly shots: number;
  readonly template: TemplateKind;
  /**
   * The prompt around the serialized row; placeholders {task} {row} {target} {classes}. Editable so an
   * analyst can phrase the question in their domain's words; the default works for any table.
   */
  readonly instructions: string;
  readonly temperature: number;
  readonly seed: number;
  /** Ask the provider to constrain the answer to a JSON schema (OpenAI response_format / Ollama format). */
  readonly structuredOutput: boolean;
  /** Ask for token log-probabilities (for class probabilities, ROC AUC, log loss). */
  readonly logprobs: boolean;
  readonly prices: Prices;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Longest wait a server's Retry-After may impose; longer requests are shortened to this. */
  readonly retryAfterCapMs: number;
  readonly concurrency: number;
  /** Budget per run: HTTP requests (retries included) and estimated cost. The run stops with LLM_BUDGET when either would be exceeded. */
  readonly maxRequests: number;
  readonly maxCost: number;
  /** Rows asked a second time (recorded as their own cache entries) to measure how often the model gives the same answer twice. 0 = no probe. */
  readonly probeRows: number;
  /** Rows for the LLM's permutation importance: costs rows × features extra requests (shown in the estimate). 0 = none. */
  readonly importanceRows: number;
  /** Rows whose answer is followed by "why?": the model's own reasons, reported as self-reported and unverified. 0 = none. */
  readonly reasonRows: number;
  /**
   * Contamination check (contamination.ts): trials of row completion and of feature completion, plus one header test.
   * 0 = no check. Costs 2 × trials + 1 requests, counted in the estimate.
   */
  readonly contaminationTrials: number;
  /**
   * Prompt variants measured on exactly the same sampled rows as the plain prompt (variants.ts): 'retrieved' — each
   * row's examples are the training-fold rows that share its leaf in a small tree fitted on that fold; 'columns' — the
   * prompt holds only the `variantColumns` columns a small tree found most important on the training fold.
   */
  readonly variants: readonly PromptVariantKind[];
  readonly variantColumns: number;
  /**
   * Synthetic training rows the LLM writes per training fold (synthesize.ts), from that fold's training rows only;
   * the trees are re-scored with them next to real-only. 0 = off. Costs ceil(rows / 10) requests per fold.
   */
  readonly synthesizeRows: number;
  /** Assumed seconds per request, for the time estimate before a run. */
  readonly secondsPerRequestGuess: number;
}

export const PROMPT_VARIANTS = ['retrieved', 'columns'] as const;
export type PromptVariantKind = (typeof PROMPT_VARIANTS)[number];

/** Whether a whole number lies within a limit of the LLM settings table (LLM_FIELDS, llm-fields.ts). */
export function withinLimit(limit: { readonly min: number; readonly max: number }, value: number): boolean {
  return Number.isInteger(value) && value >= limit.min && value <= limit.max;
}

export const DEFAULT_INSTRUCTIONS = '{task}\n\n{row}\n\nWhat is the {target}? Answer with exactly one of: {classes}.';

export const LLM_DEFAULTS: Omit<LlmSettings, 'provider' | 'baseUrl' | 'model'> = {
  sampleRows: 200,
  shots: 0,
  template: 'text',
  instructions: DEFAULT_INSTRUCTIONS,
  temperature: 0,
  seed: 42,
  structuredOutput: true,
  logprobs: true,
  prices: { inputPer1M: 0, outputPer1M: 0 },
  timeoutMs: 30_000,
  maxRetries: 3,
  retryAfterCapMs: 20_000,
  concurrency: 4,
  maxRequests: 2_000,
  maxCost: 5,
  probeRows: 10,
  importanceRows: 0,
  reasonRows: 0,
  contaminationTrials: 0,
  variants: [],
  variantColumns: 5,
  synthesizeRows: 0,
  secondsPerRequestGuess: 1,
};

export const DEFAULT_BASE_URL: Readonly<Record<LlmProvider, string>> = {
  openai: 'https://api.openai.com/v1',
  ollama: 'http://127.0.0.1:11434',
};

/** Full settings from the fields a user gave; validates ranges and strips credentials from the URL. */
export function llmSettings(
  given: Partial<LlmSettings> & { readonly model: string; readonly provider?: LlmProvider },
): LlmSettings {
  const provider = given.provider ?? 'openai';
  if (!LLM_PROVIDERS.includes(provider))
    throw new SaplingError(
      'BAD_PARAMETER',
      `the LLM provider must be one of ${LLM_PROVIDERS.join(', ')}, got '${String(provider)}'`,
    );
  if (!given.model || given.model.trim() === '') throw new SaplingError('BAD_PARAMETER', 'the LLM model name is empty');
  const s: LlmSettings = {
    ...LLM_DEFAULTS,
    ...given,
    provider,
    baseUrl: cleanBaseUrl(given.baseUrl ?? DEFAULT_BASE_URL[provider]),
    model: given.model.trim(),
  };
  // Limits and messages come from the one table (llm-fields.ts); prices are the two fields of `prices`.
  const values: Record<LlmFieldKey, unknown> = { ...s, ...s.prices };
  for (const key of Object.keys(LLM_FIELDS) as LlmFieldKey[]) {
    const spec = LLM_FIELDS[key];
    if (!spec.schema.safeParse(values[key]).success) check(false, spec.label, spec.message, values[key]);
  }
  for (const v of s.variants)
    check(PROMPT_VARIANTS.includes(v), 'prompt variant', `one of ${PROMPT_VARIANTS.join(', ')}`, v);
  check(new Set(s.variants).size === s.variants.length, 'prompt variants', 'listed once each', s.variants.join(','));
  return s;
}

function check(ok: boolean, what: string, expected: string, got: unknown): void {
  if (!ok) throw new SaplingError('BAD_PARAMETER', `LLM ${what} must be ${expected}, got ${String(got)}`);
}

/** True for hosts that never leave this machine (a local Ollama or llama.cpp server). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * An API key travels only over TLS, or to this machine: over plain http:// anyone on the path could read it.
 * Throws BAD_PARAMETER naming the fix; without a key, http:// to any host is allowed (nothing secret is sent).
 */
export function checkKeyTransport(baseUrl: string, apiKey: string | undefined): void {
  if (!apiKey) return;
  const url = new URL(baseUrl);
  if (url.protocol === 'https:' || isLoopbackHost(url.hostname)) return;
  throw new SaplingError(
    'BAD_PARAMETER',
    `refusing to send the API key over plain http:// to ${url.host}; use https:// (or a server on this machine)`,
  );
}

/** The origin (scheme, host, port) a saved API key belongs to: the key is sent to this origin only. */
export function keyOrigin(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

/** http(s) only; a user:password part is removed (it would otherwise land in the JSON result); no trailing slash. */
export function cleanBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SaplingError('BAD_PARAMETER', `the LLM base URL is not a URL: '${raw.replace(/\/\/[^@/]*@/, '//')}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SaplingError(
      'BAD_PARAMETER',
      `the LLM base URL must start with http:// or https://, got ${url.protocol}`,
    );
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}
