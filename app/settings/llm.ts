/**
 * What an LLM baseline run is configured with. Everything here is plain data that may be written into
 * the comparison JSON — so it never holds the API key (that travels separately, see LlmRuntime in
 * evaluate.ts) and the base URL is stored with any user:password part removed.
 */
import { SaplingError } from '../util/errors.js';

export const LLM_PROVIDERS = ['openai', 'ollama'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export const TEMPLATE_KINDS = ['text', 'list', 'json'] as const;
/** Row serialization: TabLLM's "The <column> is <value>." sentences (best in their study), a bullet list, or a JSON object. */
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

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

/**
 * Ranges of the whole-number settings a user types (CLI flags, the desktop's LLM form): llmSettings checks them and
 * the desktop form reads the same numbers, so the two cannot disagree. `off` = the value that turns an option off.
 */
export const LLM_LIMITS = {
  sampleRows: { min: 1, max: 100_000 },
  shots: { min: 0, max: 64 },
  contaminationTrials: { min: 0, max: 200, off: 0 },
  variantColumns: { min: 1, max: 1000 },
  synthesizeRows: { min: 0, max: 5000, off: 0 },
} as const;

/** Whether a whole number lies within a limit of LLM_LIMITS. */
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
  if (!TEMPLATE_KINDS.includes(s.template))
    throw new SaplingError(
      'BAD_PARAMETER',
      `the LLM template must be one of ${TEMPLATE_KINDS.join(', ')}, got '${String(s.template)}'`,
    );
  if (!s.instructions.includes('{row}'))
    throw new SaplingError('BAD_PARAMETER', 'the LLM instructions must contain {row}, where the serialized row goes');
  check(
    withinLimit(LLM_LIMITS.sampleRows, s.sampleRows),
    'sample rows',
    `a whole number from 1 to ${LLM_LIMITS.sampleRows.max}`,
    s.sampleRows,
  );
  check(withinLimit(LLM_LIMITS.shots, s.shots), 'shots', 'a whole number from 0 to 64', s.shots);
  check(s.temperature >= 0 && s.temperature <= 2, 'temperature', 'between 0 and 2', s.temperature);
  check(Number.isInteger(s.seed) && s.seed >= 0, 'seed', 'a whole number ≥ 0', s.seed);
  check(
    s.prices.inputPer1M >= 0 && s.prices.outputPer1M >= 0,
    'prices',
    'non-negative',
    `${s.prices.inputPer1M}/${s.prices.outputPer1M}`,
  );
  check(s.timeoutMs >= 1 && s.timeoutMs <= 600_000, 'timeout', 'between 1 ms and 10 minutes', s.timeoutMs);
  check(
    Number.isInteger(s.maxRetries) && s.maxRetries >= 0 && s.maxRetries <= 10,
    'retries',
    'a whole number from 0 to 10',
    s.maxRetries,
  );
  check(s.retryAfterCapMs >= 0, 'Retry-After cap', 'non-negative', s.retryAfterCapMs);
  check(
    Number.isInteger(s.concurrency) && s.concurrency >= 1 && s.concurrency <= 64,
    'concurrency',
    'a whole number from 1 to 64',
    s.concurrency,
  );
  check(Number.isInteger(s.maxRequests) && s.maxRequests >= 1, 'max requests', 'a whole number ≥ 1', s.maxRequests);
  check(s.maxCost >= 0, 'max cost', 'non-negative', s.maxCost);
  check(Number.isInteger(s.probeRows) && s.probeRows >= 0, 'probe rows', 'a whole number ≥ 0', s.probeRows);
  check(
    Number.isInteger(s.importanceRows) && s.importanceRows >= 0,
    'importance rows',
    'a whole number ≥ 0',
    s.importanceRows,
  );
  check(Number.isInteger(s.reasonRows) && s.reasonRows >= 0, 'reason rows', 'a whole number ≥ 0', s.reasonRows);
  check(
    withinLimit(LLM_LIMITS.contaminationTrials, s.contaminationTrials),
    'contamination trials',
    'a whole number from 0 to 200',
    s.contaminationTrials,
  );
  for (const v of s.variants)
    check(PROMPT_VARIANTS.includes(v), 'prompt variant', `one of ${PROMPT_VARIANTS.join(', ')}`, v);
  check(new Set(s.variants).size === s.variants.length, 'prompt variants', 'listed once each', s.variants.join(','));
  check(
    withinLimit(LLM_LIMITS.variantColumns, s.variantColumns),
    'variant columns',
    'a whole number from 1 to 1000',
    s.variantColumns,
  );
  check(
    withinLimit(LLM_LIMITS.synthesizeRows, s.synthesizeRows),
    'synthetic rows',
    `a whole number from 0 to ${LLM_LIMITS.synthesizeRows.max}`,
    s.synthesizeRows,
  );
  return s;
}

function check(ok: boolean, what: string, expected: string, got: unknown): void {
  if (!ok) throw new SaplingError('BAD_PARAMETER', `LLM ${what} must be ${expected}, got ${String(got)}`);
}

/** http(s) only; a user:password part is removed (it would otherwise land in the JSON result); no trailing slash. */
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
