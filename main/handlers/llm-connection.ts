/** "Test connection": one tiny request with the saved settings, no retries, a short timeout; the answer or the error, key redacted. */
import { Budget, defaultDeps, LlmClient, type FetchLike } from '../../app/llm/client.js';
import type { LlmSettings } from '../../app/settings/llm.js';
import { SaplingError } from '../../app/util/errors.js';
import { fmtMs } from '../../app/util/format.js';

export async function testLlmConnection(
  settings: LlmSettings,
  apiKey: string | undefined,
  fetchImpl: FetchLike = fetch as unknown as FetchLike,
): Promise<{ ok: boolean; message: string; latencyMs: number }> {
  const quick: LlmSettings = {
    ...settings,
    maxRetries: 0,
    timeoutMs: Math.min(settings.timeoutMs, 15_000),
    maxRequests: 1,
    maxCost: Number.MAX_VALUE,
  };
  const client = new LlmClient(quick, apiKey, defaultDeps(fetchImpl), new Budget(quick));
  try {
    const call = await client.complete({
      messages: [{ role: 'user', content: 'Reply with the word OK.' }],
      temperature: 0,
      seed: 0,
      maxTokens: 5,
      topLogprobs: 0,
    });
    const text = call.reply.text.trim().slice(0, 80);
    return {
      ok: true,
      message: `${settings.model} answered “${text}” in ${fmtMs(call.latencyMs)}`,
      latencyMs: call.latencyMs,
    };
  } catch (error) {
    if (error instanceof SaplingError) return { ok: false, message: error.message, latencyMs: NaN };
    throw error;
  }
}
