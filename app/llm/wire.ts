/**
 * The two wire formats: OpenAI-compatible chat completions (OpenAI, Azure OpenAI, vLLM, llama.cpp
 * server, LM Studio, Ollama's /v1) and Ollama's native /api/chat. Each turns one ChatRequest into a
 * URL + JSON body and reads the reply back into one ChatReply; the HTTP work (timeouts, retries) is
 * in client.ts and is the same for both.
 */
import type { LlmProvider } from '../settings/llm.js';
import type { ChatMessage } from '../result/llm.js';

export type { ChatMessage };

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly temperature: number;
  readonly seed: number;
  readonly maxTokens: number;
  /** JSON schema the answer must follow, where the provider can enforce one. */
  readonly schema?: Readonly<Record<string, unknown>>;
  /** Top log-probabilities wanted per generated token (0 = none). */
  readonly topLogprobs: number;
}

export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
  /** The most likely alternatives at this position, the token itself included. */
  readonly top: readonly { readonly token: string; readonly logprob: number }[];
}

export interface ChatReply {
  readonly text: string;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** Per generated token, when the server returned log-probabilities. */
  readonly logprobs: readonly TokenLogprob[] | null;
  /**
   * Why generation stopped, as the server said ('stop', 'length', …), or null when it did not say. 'length' means the
   * reply was cut at max_tokens: an answer that then fails to parse was truncated, not wrong-headed.
   */
  readonly finishReason?: string | null;
}

export class WireError extends Error {}

export function requestUrl(provider: LlmProvider, baseUrl: string): string {
  return provider === 'openai' ? `${baseUrl}/chat/completions` : `${baseUrl}/api/chat`;
}

export function requestBody(provider: LlmProvider, model: string, request: ChatRequest): Record<string, unknown> {
  const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
  if (provider === 'openai') {
    return {
      model,
      messages,
      temperature: request.temperature,
      seed: request.seed,
      max_tokens: request.maxTokens,
      ...(request.topLogprobs > 0 ? { logprobs: true, top_logprobs: request.topLogprobs } : {}),
      ...(request.schema
        ? {
            response_format: {
              type: 'json_schema',
              json_schema: { name: 'answer', strict: true, schema: request.schema },
            },
          }
        : {}),
    };
  }
  return {
    model,
    messages,
    stream: false,
    options: { temperature: request.temperature, seed: request.seed, num_predict: request.maxTokens },
    ...(request.topLogprobs > 0 ? { logprobs: true, top_logprobs: request.topLogprobs } : {}),
    ...(request.schema ? { format: request.schema } : {}),
  };
}

/** Reads a parsed JSON reply; throws WireError when it is not the shape the provider documents. */
export function parseReply(provider: LlmProvider, json: unknown): ChatReply {
  const body = record(json, 'reply');
  if (provider === 'openai') {
    const choices = body.choices;
    if (!Array.isArray(choices) || choices.length === 0) throw new WireError('the reply has no choices');
    const choice = record(choices[0], 'choices[0]');
    const message = record(choice.message, 'choices[0].message');
    const usage = body.usage === undefined ? {} : record(body.usage, 'usage');
    const lp =
      choice.logprobs && typeof choice.logprobs === 'object'
        ? (choice.logprobs as Record<string, unknown>).content
        : undefined;
    return {
      text: typeof message.content === 'string' ? message.content : '',
      tokensIn: count(usage.prompt_tokens),
      tokensOut: count(usage.completion_tokens),
      logprobs: Array.isArray(lp) ? lp.map(tokenLogprob) : null,
      finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
    };
  }
  const message = record(body.message, 'message');
  return {
    text: typeof message.content === 'string' ? message.content : '',
    tokensIn: count(body.prompt_eval_count),
    tokensOut: count(body.eval_count),
    logprobs: Array.isArray(body.logprobs) ? body.logprobs.map(tokenLogprob) : null,
    // Ollama says done_reason 'length' when num_predict ran out.
    finishReason: typeof body.done_reason === 'string' ? body.done_reason : null,
  };
}

function tokenLogprob(raw: unknown): TokenLogprob {
  const t = record(raw, 'logprobs entry');
  const top = Array.isArray(t.top_logprobs) ? t.top_logprobs.map((x) => record(x, 'top_logprobs entry')) : [];
  return {
    token: String(t.token ?? ''),
    logprob: Number(t.logprob),
    top: top
      .map((x) => ({ token: String(x.token ?? ''), logprob: Number(x.logprob) }))
      .filter((x) => Number.isFinite(x.logprob)),
  };
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new WireError(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}
