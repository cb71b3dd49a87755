/**
 * The response cache: what was asked and what came back, keyed by (provider, model, exact messages,
 * parameters). Re-running a comparison costs nothing, and the cache doubles as the record an auditor
 * needs: every entry holds the full request and the reply verbatim. No base URL (it may name an
 * internal host) and never the API key — neither affects the answer the key stands for.
 *
 * The interface lives here; the on-disk store (one JSON file per key, written atomically) is io/llm-cache.ts.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { LlmProvider } from '../settings/llm.js';
import type { ChatReply, ChatRequest } from './wire.js';

export interface CachedRequest {
  readonly provider: LlmProvider;
  readonly model: string;
  readonly request: ChatRequest;
  /** 1 for the determinism probe's second asking of the same request (its own entry, so a re-run replays it too). */
  readonly repeat?: number;
}

export interface CacheEntry extends CachedRequest {
  readonly key: string;
  readonly reply: ChatReply;
  /** Latency when the reply was first obtained, ms. */
  readonly latencyMs: number;
}

export interface ResponseCache {
  get(key: string): Promise<CacheEntry | undefined>;
  set(entry: CacheEntry): Promise<void>;
}

/** JSON with object keys sorted, so equal requests always give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function cacheKey(entry: CachedRequest): string {
  return bytesToHex(
    sha256(
      utf8ToBytes(
        canonical({ provider: entry.provider, model: entry.model, request: entry.request, repeat: entry.repeat }),
      ),
    ),
  );
}

/** In memory: for tests and for runs without a cache folder (still avoids asking twice within one run). */
export class MemoryCache implements ResponseCache {
  readonly entries = new Map<string, CacheEntry>();
  async get(key: string): Promise<CacheEntry | undefined> {
    return this.entries.get(key);
  }
  async set(entry: CacheEntry): Promise<void> {
    this.entries.set(entry.key, entry);
  }
}
