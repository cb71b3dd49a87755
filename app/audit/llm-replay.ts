/**
 * Reproducing a run that included the LLM. The tree models are re-run and must match number for number;
 * the LLM cannot be re-run that way (an endpoint's answers change over time), so it is either replayed
 * from the run's response cache — every reply exactly as recorded, zero requests — or, with `--live`,
 * asked again, and the difference is reported as drift rather than as a failure to reproduce.
 */
import type { CompareResult } from '../result/compare.js';
import { parseAnswer } from '../llm/answer.js';
import type { CacheEntry, ResponseCache } from '../llm/cache.js';
import type { LlmRowAnswer } from '../llm/evaluate.js';
import type { Target } from '../models/matrix.js';
import { SaplingError } from '../util/errors.js';
import { trainedModels } from '../evaluate/model-rows.js';

/**
 * A replay: the recorded cache, read-only, where a missing entry is an error naming its key. Never a
 * silent re-ask — a replay that quietly asked the endpoint would "reproduce" with new answers.
 */
export class ReplayCache implements ResponseCache {
  /** The recorded replies served (distinct keys: the estimate before the run reads them too). */
  readonly served = new Set<string>();
  constructor(
    private readonly recorded: ResponseCache,
    private readonly where: string,
  ) {}

  async get(key: string): Promise<CacheEntry | undefined> {
    const entry = await this.recorded.get(key);
    if (!entry)
      throw new SaplingError(
        'BAD_INPUT',
        `the LLM response cache ${this.where} has no entry ${key}: the run's reply to that request cannot be replayed (restore the entry, or use --live to ask the endpoint again)`,
      );
    this.served.add(key);
    return entry;
  }

  async set(): Promise<void> {
    throw new SaplingError('BAD_INPUT', 'a replay never writes to the response cache');
  }
}

/** The recorded keys the cache does not hold, in the record's order. */
export async function missingEntries(cache: ResponseCache, keys: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const key of keys) if (!(await cache.get(key))) missing.push(key);
  return missing;
}

/** What the LLM side reports about how its replies were obtained (requests sent, cache hits, money spent now): a replay changes these and nothing else. */
export function withoutFetchFacts(result: CompareResult): unknown {
  if (!result.llm) return result;
  const { requests: _requests, cachedResponses: _cached, runCost: _cost, estimate, determinism, ...llm } = result.llm;
  const { cachedRequests: _cachedRequests, cost: _estimatedCost, minutes: _minutes, ...plan } = estimate;
  const probe = determinism ? (({ fromCache: _fromCache, ...rest }) => rest)(determinism) : null;
  // Each prompt variant was fetched too: how its replies were obtained is not part of what it measured.
  const variants = llm.variants?.map(({ requests: _r, cachedResponses: _c, runCost: _rc, ...variant }) => variant);
  const synthesis = llm.synthesis
    ? (({ requests: _r, cachedResponses: _c, runCost: _rc, ...rest }) => rest)(llm.synthesis)
    : undefined;
  return {
    ...result,
    llm: {
      ...llm,
      estimate: plan,
      determinism: probe,
      ...(variants ? { variants } : {}),
      ...(synthesis ? { synthesis } : {}),
    },
  };
}

/** The tree models' side of a result: everything but the LLM, what is built from its answers (cascade, distilled tree, verdicts against it), and its warnings. */
export function treeSide(result: CompareResult): unknown {
  const { llm, cascade: _cascade, distilled: _distilled, verdicts, ...rest } = result;
  const prefix = llm ? `${llm.label}: ` : undefined;
  return {
    ...rest,
    models: trainedModels(result),
    ...(verdicts ? { verdicts: verdicts.filter((v) => v.a !== 'llm' && v.b !== 'llm') } : {}),
    warnings: result.warnings.filter((w) => prefix === undefined || !w.startsWith(prefix)),
  };
}

export interface MetricDrift {
  readonly metric: string;
  readonly recorded: number;
  readonly now: number;
  readonly difference: number;
}

export interface LlmDrift {
  /** Rows whose recorded answer could be compared (its cache entry was there). */
  readonly rows: number;
  readonly changed: number;
  /** changed / rows (NaN when no row could be compared). */
  readonly changedShare: number;
  /** Rows asked now whose recorded reply is not in the cache (no cache folder, or entries missing). */
  readonly unrecorded: number;
  /** Mean over folds of each metric, recorded → now. */
  readonly metrics: readonly MetricDrift[];
}

/**
 * Drift between the recorded LLM run and a live re-ask of the same requests: per row, the answer parsed from the
 * recorded reply against the answer now (an invalid answer is its own value, so valid → invalid counts as a change).
 */
export async function llmDrift(
  recorded: CompareResult['llm'],
  now: CompareResult['llm'],
  answers: readonly LlmRowAnswer[],
  target: Target,
  recordedCache: ResponseCache | undefined,
): Promise<LlmDrift> {
  let rows = 0;
  let changed = 0;
  let unrecorded = 0;
  for (const answer of answers) {
    const entry = recordedCache ? await recordedCache.get(answer.key) : undefined;
    if (!entry) {
      unrecorded++;
      continue;
    }
    rows++;
    const before = parseAnswer(entry.reply.text, target);
    const after = answer.failed ? null : answer.answer;
    if (before !== after) changed++;
  }
  const metrics: MetricDrift[] = [];
  if (recorded && now) {
    for (const [metric, summary] of Object.entries(recorded.metrics)) {
      const current = now.metrics[metric];
      if (!current) continue;
      metrics.push({ metric, recorded: summary.mean, now: current.mean, difference: current.mean - summary.mean });
    }
    metrics.push({
      metric: 'invalidAnswerRate',
      recorded: recorded.invalidAnswerRate,
      now: now.invalidAnswerRate,
      difference: now.invalidAnswerRate - recorded.invalidAnswerRate,
    });
  }
  return { rows, changed, changedShare: rows === 0 ? NaN : changed / rows, unrecorded, metrics };
}
