/**
 * One question to the LLM through the response cache: the reply from the cache when it holds the exact request, else
 * from the endpoint (then cached, with the key redacted from the text). Shared by the baseline run and the
 * contamination check so that every request Sapling sends is cached, replayable and redacted the same way.
 */
import type { CacheEntry, ResponseCache } from './cache.js';
import type { LlmClient } from './client.js';
import { LlmGaveUp } from './client.js';
import type { LlmSettings } from '../settings/llm.js';
import type { ChatRequest } from './wire.js';

export interface Question {
  readonly key: string;
  readonly request: ChatRequest;
  /** The determinism probe's second asking (its own cache entry). */
  readonly repeat?: number;
}

export type Asked = { readonly entry: CacheEntry; readonly cached: boolean } | { readonly gaveUp: string };

/** Refusals (401, 404…), the budget and cancel throw; a request that kept failing transiently returns `gaveUp`. */
export async function askCached(
  client: LlmClient,
  cache: ResponseCache,
  settings: Pick<LlmSettings, 'provider' | 'model'>,
  question: Question,
  signal: AbortSignal | undefined,
): Promise<Asked> {
  const hit = await cache.get(question.key);
  if (hit) return { entry: hit, cached: true };
  try {
    const call = await client.complete(question.request, signal);
    const entry: CacheEntry = {
      key: question.key,
      provider: settings.provider,
      model: settings.model,
      request: question.request,
      ...(question.repeat ? { repeat: question.repeat } : {}),
      reply: { ...call.reply, text: client.redact(call.reply.text) },
      latencyMs: call.latencyMs,
    };
    await cache.set(entry);
    return { entry, cached: false };
  } catch (error) {
    if (!(error instanceof LlmGaveUp)) throw error;
    return { gaveUp: error.message };
  }
}
