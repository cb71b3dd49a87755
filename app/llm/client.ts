/**
 * One HTTP client for both wire formats, owning what an interactive baseline needs and general-purpose
 * SDKs do not give by default (openai-node: 10-minute timeout, Retry-After without a cap, no budget):
 *
 * - a timeout per request (default 30 s);
 * - retries on 408/409/429/5xx, dropped connections, timeouts and unreadable replies, with exponential
 *   backoff min(0.5·2ⁿ, 8) s and jitter (×0.75–1.0), or the server's Retry-After / retry-after-ms when
 *   given — honoured, but never longer than `retryAfterCapMs`;
 * - a budget per run (HTTP requests and estimated cost), checked before every attempt;
 * - cancellation: the caller's AbortSignal aborts requests in flight and any backoff wait.
 *
 * The API key is sent only in the Authorization header. Every message this module produces passes
 * through `redact`, so a server that echoes the key back cannot put it into an error or a log.
 * Plain `fetch` (injected) rather than an SDK: the two formats are small, and we need the same retry,
 * budget and cancellation semantics for both.
 */
import { cancelled, SaplingError } from '../util/errors.js';
import { checkKeyTransport, type LlmSettings } from '../settings/llm.js';
import type { ChatReply, ChatRequest } from './wire.js';
import { parseReply, requestBody, requestUrl, WireError } from './wire.js';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface ClientDeps {
  readonly fetch: FetchLike;
  /** Waits `ms` (rejecting when `signal` aborts). Injected so tests do not wait for real backoff. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1), for jitter. */
  readonly random: () => number;
  readonly now: () => number;
}

export interface CompletedCall {
  readonly reply: ChatReply;
  /** HTTP attempts this call took (1 = no retry). */
  readonly attempts: number;
  /** Wall time of the successful attempt, in ms. */
  readonly latencyMs: number;
}

/** Counts spending across all calls of a run and stops the run before it would exceed its budget. */
export class Budget {
  requests = 0;
  tokensIn = 0;
  tokensOut = 0;
  constructor(private readonly settings: Pick<LlmSettings, 'maxRequests' | 'maxCost' | 'prices'>) {}

  cost(tokensIn: number, tokensOut: number): number {
    return (tokensIn * this.settings.prices.inputPer1M + tokensOut * this.settings.prices.outputPer1M) / 1e6;
  }

  get spent(): number {
    return this.cost(this.tokensIn, this.tokensOut);
  }

  /** Called before each HTTP attempt with that request's estimated tokens. */
  reserve(estimatedIn: number, estimatedOut: number): void {
    if (this.requests + 1 > this.settings.maxRequests) {
      throw new SaplingError(
        'LLM_BUDGET',
        `the LLM run reached its budget of ${this.settings.maxRequests} requests and stopped`,
      );
    }
    const next = this.spent + this.cost(estimatedIn, estimatedOut);
    if (next > this.settings.maxCost) {
      throw new SaplingError(
        'LLM_BUDGET',
        `the next LLM request would bring the estimated cost to ${next.toFixed(4)}, over the run's budget of ${this.settings.maxCost}; the run stopped`,
      );
    }
    this.requests++;
  }

  record(reply: ChatReply): void {
    this.tokensIn += reply.tokensIn;
    this.tokensOut += reply.tokensOut;
  }
}

/** Rough token count used for estimates and budget checks: ~4 characters per token (English text, common tokenizers). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function requestTokens(request: ChatRequest): number {
  return request.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
}

/** A request that kept failing in a way worth retrying (429, 5xx, timeouts, dropped connections) until the retries ran out. */
export class LlmGaveUp extends SaplingError {
  constructor(message: string) {
    super('LLM_REQUEST', message);
  }
}

const RETRY_STATUS = new Set([408, 409, 429]);

export class LlmClient {
  constructor(
    private readonly settings: LlmSettings,
    private readonly apiKey: string | undefined,
    private readonly deps: ClientDeps,
    private readonly budget: Budget,
  ) {}

  /** Replaces every occurrence of the API key with '***'. */
  redact(text: string): string {
    return this.apiKey && this.apiKey.length > 0 ? text.split(this.apiKey).join('***') : text;
  }

  async complete(request: ChatRequest, signal?: AbortSignal): Promise<CompletedCall> {
    const { provider, model, baseUrl } = this.settings;
    checkKeyTransport(baseUrl, this.apiKey);
    const url = requestUrl(provider, baseUrl);
    const body = JSON.stringify(requestBody(provider, model, request));
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    const estimatedIn = requestTokens(request);
    let lastProblem: string | undefined;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw cancelled();
      this.budget.reserve(estimatedIn, request.maxTokens);
      const outcome = await this.attempt(url, headers, body, signal);
      if (outcome.kind === 'ok') {
        this.budget.record(outcome.reply);
        return { reply: outcome.reply, attempts: attempt + 1, latencyMs: outcome.latencyMs };
      }
      if (outcome.kind === 'fatal')
        throw new SaplingError('LLM_REQUEST', this.redact(`${provider} ${model} at ${url}: ${outcome.problem}`));
      lastProblem = outcome.problem;
      if (attempt >= this.settings.maxRetries) break;
      await this.deps.sleep(this.backoffMs(attempt, outcome.retryAfterMs), signal).catch(() => {
        throw cancelled();
      });
    }
    throw new LlmGaveUp(
      this.redact(
        `${provider} ${model} at ${url}: ${lastProblem ?? 'no attempt'} (gave up after ${this.settings.maxRetries + 1} attempts)`,
      ),
    );
  }

  /** Exponential backoff with jitter, or the server's wish, capped. */
  backoffMs(attempt: number, retryAfterMs: number | undefined): number {
    if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), this.settings.retryAfterCapMs);
    const base = Math.min(500 * 2 ** attempt, 8000);
    return base * (1 - 0.25 * this.deps.random());
  }

  private async attempt(
    url: string,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal | undefined,
  ): Promise<
    | { kind: 'ok'; reply: ChatReply; latencyMs: number }
    | { kind: 'retry'; problem: string; retryAfterMs?: number }
    | { kind: 'fatal'; problem: string }
  > {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.settings.timeoutMs);
    const onAbort = (): void => timeout.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const started = this.deps.now();
    try {
      const response = await this.deps.fetch(url, { method: 'POST', headers, body, signal: timeout.signal });
      const text = await response.text();
      if (response.status < 200 || response.status >= 300) {
        const problem = `HTTP ${response.status} ${response.statusText}${text ? `: ${snippet(text)}` : ''}`;
        if (RETRY_STATUS.has(response.status) || response.status >= 500)
          return { kind: 'retry', problem, retryAfterMs: retryAfter(response.headers, this.deps.now()) };
        return { kind: 'fatal', problem };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return { kind: 'retry', problem: `the reply is not JSON: ${snippet(text)}` };
      }
      try {
        return { kind: 'ok', reply: parseReply(this.settings.provider, json), latencyMs: this.deps.now() - started };
      } catch (error) {
        if (error instanceof WireError)
          return { kind: 'fatal', problem: `unexpected reply (${error.message}): ${snippet(text)}` };
        throw error;
      }
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      if (timeout.signal.aborted)
        return { kind: 'retry', problem: `no reply within ${(this.settings.timeoutMs / 1000).toFixed(1)} s` };
      return { kind: 'retry', problem: `connection failed: ${(error as Error).message}${causeOf(error)}` };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? ` (${cause.code ?? cause.message ?? ''})` : '';
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** retry-after-ms (OpenAI, Azure) or Retry-After in seconds or as an HTTP date. */
export function retryAfter(headers: { get(name: string): string | null }, now: number): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  if (raw.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Real timers and fetch: what the CLI and the desktop use. */
export function defaultDeps(fetchImpl: FetchLike): ClientDeps {
  return {
    fetch: fetchImpl,
    random: Math.random,
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(cancelled());
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(cancelled());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
