/**
 * The LLM baseline, judged like the trees: the same folds, the same metrics (metrics.ts, stats.ts),
 * on a seeded stratified sample of each test fold, with k-shot examples from the training fold only.
 * Adds what only an LLM has: invalid answers (scored as wrong, never guessed), tokens, money, a
 * determinism probe, and the response cache.
 */
import type { Dataset } from '../data/dataset.js';
import type { Summary } from '../evaluate/result.js';
import { brier, CLASSIFICATION_METRICS, computeMetrics, logLoss, REGRESSION_METRICS, rocAuc } from '../evaluate/metrics.js';
import type { Fold } from '../evaluate/splits.js';
import { percentile, summarize } from '../evaluate/stats.js';
import type { Target } from '../models/matrix.js';
import { selectTarget } from '../models/matrix.js';
import { cancelled, SaplingError } from '../util/errors.js';
import { createRng, deriveSeed, shuffleInPlace } from '../util/random.js';
import { classProbabilities, parseAnswer } from './answer.js';
import type { CacheEntry, ResponseCache } from './cache.js';
import { cacheKey, MemoryCache } from './cache.js';
import type { ClientDeps } from './client.js';
import { Budget, estimateTokens, LlmClient, LlmGaveUp, requestTokens } from './client.js';
import type { LlmSettings } from './config.js';
import { mapLimit } from './pool.js';
import type { PromptContext } from './prompt.js';
import { answerSchema, buildMessages } from './prompt.js';
import type { LlmEstimate, LlmResult } from './result.js';
import type { LlmFoldSample } from './sample.js';
import { sampleFolds } from './sample.js';
import type { ChatRequest } from './wire.js';

/** What the run needs besides plain settings; never written into any result. */
export interface LlmRuntime {
  readonly apiKey?: string;
  readonly deps: ClientDeps;
  /** Defaults to an in-memory cache (no reuse across runs). */
  readonly cache?: ResponseCache;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number, message: string) => void;
  /** Shown the estimate before any request; returning false cancels the run (e.g. the user declined the cost). */
  readonly confirm?: (estimate: LlmEstimate) => boolean | Promise<boolean>;
}

export interface LlmInputs {
  readonly dataset: Dataset;
  readonly targetName: string;
  readonly target: Target;
  readonly features: readonly string[];
  readonly folds: readonly Fold[];
}

/** One asked row. `answer` is a class code / number, or null when invalid or failed. */
export interface LlmRowAnswer {
  readonly row: number;
  readonly fold: number;
  readonly text: string;
  readonly answer: number | null;
  readonly failed: boolean;
  readonly proba: Float64Array | null;
  readonly latencyMs: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly cached: boolean;
}

export interface LlmRun {
  readonly result: LlmResult;
  readonly answers: readonly LlmRowAnswer[];
  readonly samples: readonly LlmFoldSample[];
}

interface Planned {
  readonly row: number;
  readonly fold: number;
  readonly request: ChatRequest;
  readonly key: string;
}

const TOP_LOGPROBS = 5;

export function promptContext(inputs: LlmInputs, settings: LlmSettings): PromptContext {
  return {
    dataset: inputs.dataset,
    targetName: inputs.targetName,
    target: inputs.target,
    features: inputs.features,
    template: settings.template,
    instructions: settings.instructions,
    structured: settings.structuredOutput,
  };
}

/** Longest answer as the model would write it, in tokens: the output side of estimates and budgets. */
function answerTokens(ctx: PromptContext): number {
  const target = ctx.target;
  const longest = target.task === 'classification' ? target.classes.reduce((a, b) => (b.length > a.length ? b : a), '') : '-1234567.89';
  return estimateTokens(ctx.structured ? JSON.stringify({ answer: longest }) : longest);
}

function plan(inputs: LlmInputs, settings: LlmSettings, samples: readonly LlmFoldSample[]): Planned[] {
  const ctx = promptContext(inputs, settings);
  const out: Planned[] = [];
  const maxTokens = answerTokens(ctx) + 8;
  for (const s of samples) {
    for (const row of s.rows) {
      const request: ChatRequest = {
        messages: buildMessages(ctx, row, s.shotRows),
        temperature: settings.temperature,
        seed: settings.seed,
        maxTokens,
        ...(settings.structuredOutput ? { schema: answerSchema(inputs.target) } : {}),
        topLogprobs: settings.logprobs && inputs.target.task === 'classification' ? TOP_LOGPROBS : 0,
      };
      out.push({ row, fold: s.fold, request, key: cacheKey({ provider: settings.provider, model: settings.model, request }) });
    }
  }
  return out;
}

function probeRows(planned: readonly Planned[], settings: LlmSettings): Planned[] {
  const order = shuffleInPlace(Int32Array.from(planned.keys()), createRng(deriveSeed(settings.seed, 0x9e0b)));
  return Array.from(order.subarray(0, Math.min(settings.probeRows, planned.length)), (i) => planned[i]);
}

async function estimateFrom(planned: readonly Planned[], inputs: LlmInputs, settings: LlmSettings, cache: ResponseCache): Promise<LlmEstimate> {
  const outPer = answerTokens(promptContext(inputs, settings));
  let cachedRequests = 0;
  let tokensIn = 0;
  let uncachedIn = 0;
  for (const p of planned) {
    const t = requestTokens(p.request);
    tokensIn += t;
    if (await cache.get(p.key)) cachedRequests++;
    else uncachedIn += t;
  }
  let probeIn = 0;
  for (const p of probeRows(planned, settings)) {
    const t = requestTokens(p.request);
    tokensIn += t;
    if (await cache.get(cacheKey({ provider: settings.provider, model: settings.model, request: p.request, repeat: 1 }))) cachedRequests++;
    else probeIn += t;
  }
  const requests = planned.length + Math.min(settings.probeRows, planned.length);
  const paid = requests - cachedRequests;
  const cost = ((uncachedIn + probeIn) * settings.prices.inputPer1M + paid * outPer * settings.prices.outputPer1M) / 1e6;
  return {
    requests,
    cachedRequests,
    tokensIn,
    tokensOut: requests * outPer,
    cost,
    minutes: (paid * settings.secondsPerRequestGuess) / settings.concurrency / 60,
  };
}

/** The estimate shown before a run: requests, tokens, money and minutes (cached answers cost nothing). */
export async function estimateLlmRun(inputs: LlmInputs, settings: LlmSettings, cache: ResponseCache = new MemoryCache()): Promise<LlmEstimate> {
  const samples = sampleFolds(inputs.target, inputs.folds, settings.sampleRows, settings.shots, settings.seed);
  return estimateFrom(plan(inputs, settings, samples), inputs, settings, cache);
}

export async function evaluateLlm(inputs: LlmInputs, settings: LlmSettings, runtime: LlmRuntime): Promise<LlmRun> {
  const { target } = inputs;
  const cache = runtime.cache ?? new MemoryCache();
  const samples = sampleFolds(target, inputs.folds, settings.sampleRows, settings.shots, settings.seed);
  const planned = plan(inputs, settings, samples);
  const estimate = await estimateFrom(planned, inputs, settings, cache);
  if (runtime.confirm && !(await runtime.confirm(estimate))) throw cancelled();

  const budget = new Budget(settings);
  const client = new LlmClient(settings, runtime.apiKey, runtime.deps, budget);
  const classes = target.task === 'classification' ? target.classes : [];
  const toAnswer = (p: Planned, entry: Pick<CacheEntry, 'reply' | 'latencyMs'>, cached: boolean): LlmRowAnswer => ({
    row: p.row,
    fold: p.fold,
    text: client.redact(entry.reply.text),
    answer: parseAnswer(entry.reply.text, target),
    failed: false,
    proba: target.task === 'classification' ? classProbabilities(entry.reply.text, entry.reply.logprobs, classes) : null,
    latencyMs: entry.latencyMs,
    tokensIn: entry.reply.tokensIn,
    tokensOut: entry.reply.tokensOut,
    cached,
  });

  const started = runtime.deps.now();
  let done = 0;
  const failures: string[] = [];
  const total = planned.length + Math.min(settings.probeRows, planned.length);
  const answers = await mapLimit(planned, settings.concurrency, runtime.signal, async (p): Promise<LlmRowAnswer> => {
    const hit = await cache.get(p.key);
    let answer: LlmRowAnswer;
    if (hit) {
      answer = toAnswer(p, hit, true);
    } else {
      try {
        const call = await client.complete(p.request, runtime.signal);
        const entry: CacheEntry = { key: p.key, provider: settings.provider, model: settings.model, request: p.request, reply: { ...call.reply, text: client.redact(call.reply.text) }, latencyMs: call.latencyMs };
        await cache.set(entry);
        answer = toAnswer(p, entry, false);
      } catch (error) {
        // A transient failure that outlived its retries costs this row, not the run; refusals, budget and cancel stop the run.
        if (!(error instanceof LlmGaveUp)) throw error;
        failures.push(error.message);
        answer = { row: p.row, fold: p.fold, text: '', answer: null, failed: true, proba: null, latencyMs: NaN, tokensIn: 0, tokensOut: 0, cached: false };
      }
    }
    done++;
    runtime.onProgress?.(done / total, `LLM: ${done.toLocaleString('en-US')} of ${planned.length.toLocaleString('en-US')} rows asked`);
    return answer;
  });
  if (answers.length > 0 && failures.length === answers.length) throw new SaplingError('LLM_REQUEST', `every LLM request failed; the last: ${failures[failures.length - 1]}`);
  const wallSeconds = (runtime.deps.now() - started) / 1000;

  // Determinism probe: the same request asked a second time. Stored as its own cache entry (repeat 1), so the
  // first run really asks twice and a re-run replays both answers for free.
  const probe = probeRows(planned, settings);
  let agree = 0;
  let probed = 0;
  let probeCached = 0;
  const byKey = new Map(planned.map((p, i) => [p.key, answers[i]]));
  await mapLimit(probe, settings.concurrency, runtime.signal, async (p) => {
    const key = cacheKey({ provider: settings.provider, model: settings.model, request: p.request, repeat: 1 });
    try {
      let entry = await cache.get(key);
      if (entry) probeCached++;
      else {
        const call = await client.complete(p.request, runtime.signal);
        entry = { key, provider: settings.provider, model: settings.model, request: p.request, repeat: 1, reply: { ...call.reply, text: client.redact(call.reply.text) }, latencyMs: call.latencyMs };
        await cache.set(entry);
      }
      if (parseAnswer(entry.reply.text, target) === (byKey.get(p.key)?.answer ?? null)) agree++;
      probed++;
    } catch (error) {
      if (!(error instanceof LlmGaveUp)) throw error;
    }
    done++;
    runtime.onProgress?.(done / total, `LLM: determinism probe, ${done - planned.length} of ${probe.length} rows asked again`);
  });

  const result = summarizeRun(inputs, settings, samples, answers, {
    estimate,
    requests: budget.requests,
    runCost: budget.spent,
    wallSeconds,
    failures,
    determinism: probed > 0 ? { rows: probed, agreement: agree / probed, fromCache: probeCached } : null,
  });
  return { result, answers, samples };
}

interface RunFacts {
  readonly estimate: LlmEstimate;
  readonly requests: number;
  readonly runCost: number;
  readonly wallSeconds: number;
  readonly failures: readonly string[];
  readonly determinism: LlmResult['determinism'];
}

function summarizeRun(inputs: LlmInputs, settings: LlmSettings, samples: readonly LlmFoldSample[], answers: readonly LlmRowAnswer[], facts: RunFacts): LlmResult {
  const { target } = inputs;
  const notes: string[] = [];
  const foldMetrics: Record<string, number>[] = [];
  const k = target.task === 'classification' ? target.classes.length : 0;
  const confusion = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  const probaMissing = answers.some((a) => a.proba === null);
  let correct = 0;
  for (const s of samples) {
    const rows = answers.filter((a) => a.fold === s.fold);
    if (rows.length === 0) continue;
    const y = selectTarget(target, Int32Array.from(rows, (a) => a.row));
    if (y.task === 'classification') {
      // Invalid answers are one more label, "(invalid)", never equal to the truth: wrong for accuracy,
      // a miss for recall, and a label with F1 0 in the macro mean — as scikit-learn scores an out-of-set prediction.
      const predicted = Float64Array.from(rows, (a) => a.answer ?? k);
      const extended: Target = { task: 'classification', codes: y.codes, classes: [...y.classes, '(invalid)'] };
      const m: Record<string, number> = { ...computeMetrics('classification', extended, predicted) };
      rows.forEach((a, i) => {
        confusion[y.codes[i]][a.answer ?? k]++;
        if (a.answer === y.codes[i]) correct++;
      });
      if (!probaMissing) {
        const proba = new Float64Array(rows.length * k);
        rows.forEach((a, i) => proba.set(a.proba!, i * k));
        m.rocAuc = rocAuc(y.codes, proba, k);
        m.logLoss = logLoss(y.codes, proba, k);
        m.brier = brier(y.codes, proba, k);
      }
      foldMetrics.push(pick(m, CLASSIFICATION_METRICS));
    } else {
      const valid = rows.flatMap((a, i) => (a.answer === null ? [] : [i]));
      const yValid = selectTarget(y, valid);
      const m = computeMetrics('regression', yValid, Float64Array.from(valid, (i) => rows[i].answer!));
      foldMetrics.push(pick(m, REGRESSION_METRICS));
    }
  }
  const metricNames = target.task === 'classification' ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  const metrics = Object.fromEntries(metricNames.map((name) => [name, toSummary(foldMetrics.map((f) => f[name]))]));
  const invalid = answers.filter((a) => a.answer === null && !a.failed).length;
  const failed = answers.filter((a) => a.failed).length;
  if (target.task === 'regression' && invalid + failed > 0) notes.push(`regression metrics cover the ${answers.length - invalid - failed} rows with a numeric answer; ${invalid + failed} rows had none`);
  if (failed > 0) notes.push(`${failed} rows got no answer after all retries (scored as wrong); first: ${facts.failures[0]}`);
  let probabilities = 'available';
  if (target.task === 'regression') probabilities = 'not applicable (regression)';
  else if (!settings.logprobs) probabilities = 'unavailable: log-probabilities were not requested';
  else if (probaMissing) probabilities = `unavailable: ${answers.filter((a) => a.proba === null).length} of ${answers.length} answers came without usable token log-probabilities, so ROC AUC, log loss and Brier are not reported`;
  const tokensIn = answers.reduce((a, r) => a + r.tokensIn, 0);
  const tokensOut = answers.reduce((a, r) => a + r.tokensOut, 0);
  const answered = answers.filter((a) => !a.failed);
  const costAll = (tokensIn * settings.prices.inputPer1M + tokensOut * settings.prices.outputPer1M) / 1e6;
  const latencies = answered.map((a) => a.latencyMs);
  const { secondsPerRequestGuess: _guess, ...recorded } = settings;
  const n = answers.length;
  return {
    id: 'llm',
    label: `LLM (${settings.model})`,
    settings: recorded,
    sampleRows: n,
    folds: samples.map((s) => ({ fold: s.fold, rows: Array.from(s.rows), shotRows: Array.from(s.shotRows) })),
    metrics,
    foldMetrics,
    ...(target.task === 'classification' ? { pooledAccuracy: { value: n === 0 ? NaN : correct / n, ci95: wilson(correct, n), n }, confusionMatrix: confusion } : {}),
    probabilities,
    requests: facts.requests,
    cachedResponses: answers.filter((a) => a.cached).length,
    failedRows: failed,
    invalidAnswers: invalid,
    invalidAnswerRate: n === 0 ? NaN : (invalid + failed) / n,
    tokensIn,
    tokensOut,
    runCost: facts.runCost,
    estimatedCostPer1000: answered.length === 0 ? NaN : (costAll / answered.length) * 1000,
    determinism: facts.determinism,
    estimate: facts.estimate,
    notes,
    timing: {
      latencyMsP50: percentile(latencies, 50),
      latencyMsP95: percentile(latencies, 95),
      rowsPerSecond: facts.wallSeconds > 0 ? n / facts.wallSeconds : NaN,
      wallSeconds: facts.wallSeconds,
    },
  };
}

function pick(m: Record<string, number>, names: readonly string[]): Record<string, number> {
  return Object.fromEntries(names.map((name) => [name, m[name]]));
}

function toSummary(values: number[]): Summary {
  const s = summarize(values);
  return { mean: s.mean, std: s.std, ci95: [s.ci95[0], s.ci95[1]], n: s.n };
}

/** Wilson score interval for a proportion (95%): honest for small samples and proportions near 0 or 1. */
export function wilson(successes: number, n: number): [number, number] {
  if (n === 0) return [NaN, NaN];
  const z = 1.959963984540054;
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

