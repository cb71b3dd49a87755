/**
 * The LLM baseline, judged like the trees: the same folds, the same metrics (metrics.ts, stats.ts),
 * on a seeded stratified sample of each test fold, with k-shot examples from the training fold only.
 * Adds what only an LLM has: invalid answers (scored as wrong, never guessed), tokens, money, a
 * determinism probe, and the response cache.
 */
import { r2 } from '../evaluate/metrics.js';
import type { Target } from '../models/matrix.js';
import { selectTarget } from '../models/matrix.js';
import type { LlmEstimate, LlmResult, LlmRowAnswer, LlmVariantResult } from '../result/llm.js';
import type { LlmSettings } from '../settings/llm.js';
import { SaplingError } from '../util/errors.js';
import { classProbabilities, parseAnswer } from './answer.js';
import type { Question } from './ask.js';
import { askCached } from './ask.js';
import type { CacheEntry, ResponseCache } from './cache.js';
import { cacheKey, MemoryCache } from './cache.js';
import type { ClientDeps } from './client.js';
import { Budget, LlmClient } from './client.js';
import type { ContaminationResult } from './contamination.js';
import { summarizeContamination } from './contamination.js';
import type { LlmInputs } from './inputs.js';
import { mapLimit } from './pool.js';
import type { Planned } from './run-plan.js';
import { allRequests, estimateFrom, helpFor, planRun, reasonRequest, SELF_REPORTED_NOTE } from './run-plan.js';
import type { LlmFoldSample } from './sample.js';
import { summarizeRun } from './summarize.js';
import type { SynthesisAsked } from './synthetic-result.js';
import { askForSynthesis } from './synthetic-result.js';
import { costOf, variantResult } from './variant-result.js';

export { answerTokenLimit, promptContext, REASON_QUESTION, SELF_REPORTED_NOTE } from './run-plan.js';
export { wilson } from './summarize.js';
export type { LlmInputs, LlmRowAnswer };

/** What the run needs besides plain settings; never written into any result. */
export interface LlmRuntime {
  readonly apiKey?: string;
  readonly deps: ClientDeps;
  /** Defaults to an in-memory cache (no reuse across runs). */
  readonly cache?: ResponseCache;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number, message: string) => void;
}

export interface LlmRun {
  readonly result: LlmResult;
  readonly answers: readonly LlmRowAnswer[];
  readonly samples: readonly LlmFoldSample[];
  /** Every response-cache key whose reply the run used (sorted): what a replay needs from the cache. */
  readonly cacheKeys: readonly string[];
  /** The checked synthetic rows per training fold (null unless `synthesizeRows` > 0); compare/ re-scores the trees. */
  readonly synthetic: SynthesisAsked | null;
}

export async function estimateLlmRun(
  inputs: LlmInputs,
  settings: LlmSettings,
  cache: ResponseCache = new MemoryCache(),
): Promise<LlmEstimate> {
  return estimateFrom(planRun(inputs, settings, await helpFor(inputs, settings)), inputs, settings, cache);
}

export async function evaluateLlm(inputs: LlmInputs, settings: LlmSettings, runtime: LlmRuntime): Promise<LlmRun> {
  const { target } = inputs;
  const cache = runtime.cache ?? new MemoryCache();
  const plan = planRun(inputs, settings, await helpFor(inputs, settings, runtime.signal));
  const estimate = await estimateFrom(plan, inputs, settings, cache);

  const budget = new Budget(settings);
  const client = new LlmClient(settings, runtime.apiKey, runtime.deps, budget);
  const classes = target.task === 'classification' ? target.classes : [];
  const total = allRequests(plan).length + plan.reasons.length;
  let done = 0;
  const failures: string[] = [];
  const step = (message: string): void => {
    done++;
    runtime.onProgress?.(done / total, message);
  };

  /** The reply from the cache, or from the endpoint (then cached). A failure that outlived its retries costs this request, not the run. */
  const used = new Set<string>();
  // The same request planned twice (two rows that read alike, e.g. with only the tree-chosen columns) is sent once,
  // even when both are asked at the same time: the second waits for the first and counts as answered from the cache,
  // as the estimate said.
  const inflight = new Map<string, Promise<{ entry: CacheEntry; cached: boolean } | null>>();
  const ask = (p: Question): Promise<{ entry: CacheEntry; cached: boolean } | null> => {
    const pending = inflight.get(p.key);
    if (pending) return pending.then((got) => (got ? { ...got, cached: true } : null));
    const asked = (async () => {
      const got = await askCached(client, cache, settings, p, runtime.signal);
      if ('gaveUp' in got) {
        failures.push(got.gaveUp);
        return null;
      }
      used.add(p.key);
      return got;
    })();
    inflight.set(p.key, asked);
    return asked;
  };

  const started = runtime.deps.now();
  const answerRow = async (p: Planned): Promise<LlmRowAnswer> => {
    const got = await ask(p);
    if (!got)
      return {
        row: p.row,
        key: p.key,
        fold: p.fold,
        messages: p.request.messages,
        text: '',
        answer: null,
        failed: true,
        truncated: false,
        proba: null,
        latencyMs: NaN,
        tokensIn: 0,
        tokensOut: 0,
        cached: false,
      };
    const { entry, cached } = got;
    const answer = parseAnswer(entry.reply.text, target);
    return {
      row: p.row,
      key: p.key,
      fold: p.fold,
      messages: p.request.messages,
      text: client.redact(entry.reply.text),
      answer,
      failed: false,
      truncated: answer === null && entry.reply.finishReason === 'length',
      proba:
        target.task === 'classification' ? classProbabilities(entry.reply.text, entry.reply.logprobs, classes) : null,
      latencyMs: entry.latencyMs,
      tokensIn: entry.reply.tokensIn,
      tokensOut: entry.reply.tokensOut,
      cached,
    };
  };
  let asked = 0;
  const answers = await mapLimit(plan.rows, settings.concurrency, runtime.signal, async (p) => {
    const answer = await answerRow(p);
    step(`LLM: ${(++asked).toLocaleString('en-US')} of ${plan.rows.length.toLocaleString('en-US')} rows asked`);
    return answer;
  });
  if (answers.length > 0 && failures.length === answers.length)
    throw new SaplingError('LLM_REQUEST', `every LLM request failed; the last: ${failures[failures.length - 1]}`);
  const wallSeconds = (runtime.deps.now() - started) / 1000;
  const answerOf = new Map(plan.rows.map((p, i) => [p.key, answers[i]]));

  // Determinism probe: the same request asked a second time. Stored as its own cache entry (repeat 1), so the
  // first run really asks twice and a re-run replays both answers for free.
  let agree = 0;
  let probed = 0;
  let probeCached = 0;
  await mapLimit(plan.probe, settings.concurrency, runtime.signal, async ({ first, again }) => {
    const got = await ask(again);
    step(`LLM: determinism probe, ${plan.probe.length} rows asked again`);
    if (!got) return;
    probed++;
    if (got.cached) probeCached++;
    if (parseAnswer(got.entry.reply.text, target) === (answerOf.get(first.key)?.answer ?? null)) agree++;
  });

  // Permutation importance: the score on the importance rows, minus the score with one feature shuffled among them.
  const { base, byFeature } = plan.importance;
  let importance: LlmResult['importance'] = null;
  if (byFeature.length > 0) {
    const truth = selectTarget(
      target,
      Int32Array.from(base, (p) => p.row),
    );
    const baseScore = sampleScore(
      truth,
      base.map((p) => answerOf.get(p.key)?.answer ?? null),
    );
    const drops: number[] = [];
    for (const [f, planned] of byFeature.entries()) {
      const got = await mapLimit(planned, settings.concurrency, runtime.signal, async (p) => {
        const r = await ask(p);
        step(`LLM: permutation importance, feature ${f + 1} of ${byFeature.length}`);
        return r ? parseAnswer(r.entry.reply.text, target) : null;
      });
      drops.push(baseScore - sampleScore(truth, got));
    }
    importance = {
      rows: base.length,
      metric: target.task === 'classification' ? 'accuracy' : 'r2',
      permutation: inputs.features.map((feature, f) => ({ feature, mean: drops[f], std: NaN })),
    };
  }

  // Self-reported reasons: "why?" after the row's own answer. Shown apart from every measured number.
  const reasonRows: { row: number; answer: string; reason: string }[] = [];
  for (const p of plan.reasons) {
    const first = answerOf.get(p.key);
    if (!first || first.failed) continue;
    const request = reasonRequest(p.request, first.text);
    const got = await ask({
      request,
      key: cacheKey({ provider: settings.provider, model: settings.model, request }),
    });
    step(`LLM: asking ${plan.reasons.length} rows for the model's reasons`);
    if (!got) continue;
    const answer =
      first.answer === null
        ? '(invalid)'
        : target.task === 'classification'
          ? target.classes[first.answer]
          : String(first.answer);
    reasonRows.push({ row: p.row, answer, reason: client.redact(got.entry.reply.text).trim().slice(0, 1000) });
  }
  const selfReported = plan.reasons.length > 0 ? { note: SELF_REPORTED_NOTE, rows: reasonRows } : null;

  // Contamination check: has the model memorised this file? Asked last, after everything it could inflate.
  let contamination: ContaminationResult | undefined;
  if (plan.contamination.length > 0) {
    const replies = await mapLimit(plan.contamination, settings.concurrency, runtime.signal, async (q) => {
      const got = await ask(q);
      step(`LLM: contamination check, ${plan.contamination.length} questions`);
      return got ? got.entry.reply.text : null;
    });
    contamination = summarizeContamination(inputs.dataset, plan.contamination, replies);
  }

  // Prompt variants: the same rows again, each with the small tree's help; paired with the plain answers row by row.
  const variants: LlmVariantResult[] = [];
  for (const variant of plan.variants) {
    const vStarted = runtime.deps.now();
    const vAnswers = await mapLimit(variant.rows, settings.concurrency, runtime.signal, async (p) => {
      const answer = await answerRow(p);
      step(`LLM: prompt variant '${variant.kind}', ${variant.rows.length} rows`);
      return answer;
    });
    const vResult = summarizeRun(inputs, settings, plan.samples, vAnswers, {
      estimate,
      requests: vAnswers.filter((a) => !a.cached).length,
      runCost: costOf(
        vAnswers.filter((a) => !a.cached),
        settings,
      ),
      wallSeconds: (runtime.deps.now() - vStarted) / 1000,
      failures,
      determinism: null,
      importance: null,
      selfReported: null,
    });
    variants.push(variantResult(variant.kind, vResult, answers, vAnswers, target, plan.helps));
  }

  // Synthetic training rows: written from each fold's training rows, checked against its schema, deduplicated.
  const synthetic = await askForSynthesis(inputs, settings, plan.synthesis, {
    ask: async (q) => {
      const got = await ask(q);
      step(`LLM: writing synthetic training rows, ${plan.synthesis.questions.length} requests`);
      return got;
    },
    signal: runtime.signal,
  });

  const result = summarizeRun(inputs, settings, plan.samples, answers, {
    estimate,
    requests: budget.requests,
    runCost: budget.spent,
    wallSeconds,
    failures,
    determinism: probed > 0 ? { rows: probed, agreement: agree / probed, fromCache: probeCached } : null,
    importance,
    selfReported,
  });
  return {
    result: { ...result, ...(contamination ? { contamination } : {}), ...(variants.length > 0 ? { variants } : {}) },
    answers,
    samples: plan.samples,
    cacheKeys: [...used].sort(),
    synthetic,
  };
}

/** Accuracy (invalid answers wrong) or R² over the numeric answers. */
function sampleScore(truth: Target, answers: readonly (number | null)[]): number {
  if (truth.task === 'classification') return answers.filter((a, i) => a === truth.codes[i]).length / answers.length;
  const valid = answers.flatMap((a, i) => (a === null ? [] : [i]));
  return r2(
    Float64Array.from(valid, (i) => truth.values[i]),
    Float64Array.from(valid, (i) => answers[i]!),
  );
}
