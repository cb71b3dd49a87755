/**
 * The LLM side of `sapling reproduce`: replayed from the run's recorded response cache (nothing is sent), or with
 * --live asked again — the key only to an endpoint the user names (--endpoint), never to one a log names — and the
 * drift from the recorded answers shown.
 */
import { join } from 'node:path';
import { type SealedRecord } from '../app/audit/chain.js';
import { missingEntries, ReplayCache, type LlmDrift } from '../app/audit/llm-replay.js';
import type { CompareOptions } from '../app/compare/run.js';
import { MemoryCache, type ResponseCache } from '../app/llm/cache.js';
import { defaultDeps, type FetchLike } from '../app/llm/client.js';
import { cleanBaseUrl } from '../app/settings/llm.js';
import { SaplingError } from '../app/util/errors.js';
import { fmt, fmtPercent } from '../app/util/format.js';
import { DirectoryCache } from '../io/llm-cache.js';
import { LLM_KEY_ENV } from './llm.js';
import { resolveRecordedPath } from './run-log.js';
import { printErr } from './terminal.js';

/** How the LLM side of a run is reproduced: replayed from its cache folder, or (--live) asked again. */
export interface LlmPlan {
  readonly live: boolean;
  /** --endpoint: where --live asks instead of the recorded base URL (and the only place the key is sent). */
  readonly endpoint?: string;
  /** The recorded replies (absent only with --live and no cache folder known). */
  readonly folder?: string;
  readonly recorded?: ResponseCache;
  readonly runtime: NonNullable<CompareOptions['llm']>;
  readonly replay?: ReplayCache;
}

/** The API key for --live: only with --endpoint (named by the user), else none — with a warning saying why. */
function liveKey(sealed: SealedRecord, endpoint: string | undefined): string | undefined {
  const key = process.env[LLM_KEY_ENV];
  if (!key) return undefined;
  if (endpoint !== undefined) return key;
  const recorded = sealed.record.llm?.endpoint ?? sealed.record.settings.llm?.baseUrl ?? 'the recorded endpoint';
  printErr(
    `warning: ${LLM_KEY_ENV} is not sent to ${recorded}: that endpoint comes from the log, not from you. To send the key, name the endpoint: --endpoint ${recorded}\n`,
  );
  return undefined;
}

export async function llmPlan(
  sealed: SealedRecord,
  log: string,
  values: { 'llm-cache'?: string; live?: boolean; endpoint?: string },
): Promise<LlmPlan> {
  if (values.endpoint !== undefined && !values.live)
    throw new SaplingError('BAD_PARAMETER', '--endpoint names where --live asks the LLM again; add --live');
  const recordedFolder = sealed.record.llm?.cacheFolder;
  const folder =
    values['llm-cache'] ?? (recordedFolder !== undefined ? resolveRecordedPath(recordedFolder, log) : undefined);
  const recorded = folder !== undefined ? new DirectoryCache(folder) : undefined;
  if (values.live) {
    // Fresh answers: an empty in-memory cache (the recorded cache is only read, for the per-row comparison).
    // The key goes only to an endpoint the user named here: a log is a file anyone could have written, and the
    // endpoint it names could be theirs. Without --endpoint the recorded endpoint is asked without a key.
    const key = liveKey(sealed, values.endpoint);
    return {
      live: true,
      ...(values.endpoint !== undefined ? { endpoint: cleanBaseUrl(values.endpoint) } : {}),
      ...(folder !== undefined ? { folder, recorded } : {}),
      runtime: {
        ...(key ? { apiKey: key } : {}),
        deps: defaultDeps(fetch as unknown as FetchLike),
        cache: new MemoryCache(),
      },
    };
  }
  if (!recorded || folder === undefined) {
    throw new SaplingError(
      'BAD_PARAMETER',
      `run ${sealed.seq} asked the LLM but its record names no response cache folder: pass the folder with --llm-cache DIR, or --live to ask the endpoint again and see the drift`,
    );
  }
  const keys = sealed.record.llm?.cacheKeys ?? [];
  const missing = await missingEntries(recorded, keys);
  if (missing.length > 0) {
    throw new SaplingError(
      'BAD_INPUT',
      `the LLM response cache ${folder} lacks ${missing.length} of the ${keys.length} replies run ${sealed.seq} used, so its LLM answers cannot be replayed (nothing was asked again):\n` +
        missing
          .slice(0, 10)
          .map((key) => `  ${key} (${join(folder, `${key}.json`)})`)
          .join('\n') +
        (missing.length > 10 ? `\n  … and ${missing.length - 10} more` : '') +
        '\nrestore them (the cache is part of the audit record), point --llm-cache at a copy, or use --live to ask the endpoint again',
    );
  }
  const replay = new ReplayCache(recorded, folder);
  // A replay sends nothing: every request is answered from the recorded cache, and a missing entry stops the run (ReplayCache).
  const noRequests: FetchLike = () => Promise.reject(new SaplingError('BAD_INPUT', 'a replay sends no request'));
  return { live: false, folder, recorded, replay, runtime: { deps: defaultDeps(noRequests), cache: replay } };
}

export function renderDrift(drift: LlmDrift, endpoint: string, requests: number, folder: string | undefined): string[] {
  const lines = [
    `LLM drift (asked again at ${endpoint}, ${requests} requests): ` +
      (drift.rows > 0
        ? `${drift.changed} of ${drift.rows} rows (${fmtPercent(drift.changedShare)}) answered differently than recorded`
        : 'no recorded answer to compare row by row') +
      (drift.unrecorded > 0
        ? `; ${drift.unrecorded} rows had no recorded reply${folder === undefined ? ' (no cache folder: pass --llm-cache DIR)' : ` in ${folder}`}`
        : ''),
  ];
  for (const m of drift.metrics)
    lines.push(
      `  ${m.metric}: recorded ${fmt(m.recorded)}, now ${fmt(m.now)} (${m.difference >= 0 ? '+' : ''}${fmt(m.difference)})`,
    );
  return lines;
}
