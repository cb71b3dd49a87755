/**
 * The LLM baseline, judged like the trees: the same folds, the same metrics (metrics.ts, stats.ts),
 * on a seeded stratified sample of each test fold, with k-shot examples from the training fold only.
 * Adds what only an LLM has: invalid answers (scored as wrong, never guessed), tokens, money, a
 * determinism probe, and the response cache.
 */
import type { Summary } from '../result/summary.js';
import {
  brier,
  CLASSIFICATION_METRICS,
  computeMetrics,
  logLoss,
  r2,
  REGRESSION_METRICS,
  rocAuc,
} from '../evaluate/metrics.js';
import { percentile, summarize } from '../evaluate/stats.js';
import type { Target } from '../models/matrix.js';
import { selectTarget } from '../models/matrix.js';
import { SaplingError } from '../util/errors.js';
import { createRng, deriveSeed, shuffleInPlace } from '../util/random.js';
import { classProbabilities, parseAnswer } from './answer.js';
import type { CacheEntry, ResponseCache } from './cache.js';
import { cacheKey, MemoryCache } from './cache.js';
import type { ClientDeps } from './client.js';
import type { Question } from './ask.js';
import { askCached } from './ask.js';
import type { ContaminationQuestion, ContaminationResult } from './contamination.js';
import { planContamination, summarizeContamination } from './contamination.js';
import type { PromptVariantKind } from '../settings/llm.js';
import type { FoldHelp } from './variants.js';
import { treeHelp } from './variants.js';
import { costOf, variantResult } from './variant-result.js';
import type { LlmVariantResult } from '../result/llm.js';
import { Budget, estimateTokens, LlmClient, requestTokens } from './client.js';
import type { LlmSettings } from '../settings/llm.js';
import { mapLimit } from './pool.js';
import type { PromptContext, RowSwap } from './prompt.js';
import { answerSchema, buildMessages } from './prompt.js';
import type { LlmEstimate, LlmResult, LlmRowAnswer } from '../result/llm.js';
import type { LlmFoldSample } from './sample.js';
import { sampleFolds } from './sample.js';
import type { ChatRequest } from './wire.js';
import type { LlmInputs } from './inputs.js';

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
}

interface Planned {
  readonly row: number;
  readonly fold: number;
  readonly request: ChatRequest;
  /** Cache key: the request, plus `repeat` for the determinism probe's second asking. */
  readonly key: string;
  readonly repeat?: number;
}

/** Everything a run will ask, planned up front so the estimate counts exactly these requests. */
interface RunPlan {
  readonly samples: readonly LlmFoldSample[];
  /** One request per sampled test row. */
  readonly rows: readonly Planned[];
  /** The determinism probe: some of `rows` asked a second time (own cache keys). */
  readonly probe: readonly { readonly first: Planned; readonly again: Planned }[];
  /** Permutation importance: per feature, the importance rows with that feature's values shuffled among them. */
  readonly importance: { readonly base: readonly Planned[]; readonly byFeature: readonly (readonly Planned[])[] };
  /** Rows whose answer is followed by "why?" (the follow-up request depends on the answer, so it is built at run time). */
  readonly reasons: readonly Planned[];
  /** Prompt variants (variants.ts): the same sampled rows, asked with tree-retrieved examples or tree-chosen columns. */
  readonly variants: readonly { readonly kind: PromptVariantKind; readonly rows: readonly Planned[] }[];
  readonly helps: ReadonlyMap<number, FoldHelp>;
  /** The contamination check's questions (none unless `contaminationTrials` > 0). */
  readonly contamination: readonly (ContaminationQuestion & Question)[];
}

export const REASON_QUESTION = 'In one or two sentences, why did you give that answer?';
export const SELF_REPORTED_NOTE =
  'Self-reported by the model, not verified: a stated reason need not reflect how the answer was produced.';
const REASON_MAX_TOKENS = 120;

/** The follow-up conversation: the row's conversation, the model's answer, then the question. Free text, no schema. */
function reasonRequest(first: ChatRequest, answerText: string): ChatRequest {
  return {
    messages: [
      ...first.messages,
      { role: 'assistant', content: answerText },
      { role: 'user', content: REASON_QUESTION },
    ],
    temperature: first.temperature,
    seed: first.seed,
    maxTokens: REASON_MAX_TOKENS,
    topLogprobs: 0,
  };
}

const TOP_LOGPROBS = 5;
const PROBE_STREAM = 0x9e0b;
const IMPORTANCE_STREAM = 0x1a7;
const REASON_STREAM = 0x2ea5;

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
function answerTokens(ctx: Pick<PromptContext, 'target' | 'structured'>): number {
  const target = ctx.target;
  const longest =
    target.task === 'classification'
      ? target.classes.reduce((a, b) => (b.length > a.length ? b : a), '')
      : '-1234567.89';
  return estimateTokens(ctx.structured ? JSON.stringify({ answer: longest }) : longest);
}

/**
 * max_tokens for an answer: the longest label's tokens plus room. Under a JSON schema the room is larger: a
 * constrained model may indent the object or add whitespace after it (seen with llama.cpp's server: every reply ended
 * with finish_reason "length" at label + 8 tokens, safe only because the overflow was whitespace after the brace).
 * A reply cut at the limit that does not parse is counted as truncated, apart from answers that are not a label.
 */
export function answerTokenLimit(ctx: Pick<PromptContext, 'target' | 'structured'>): number {
  return answerTokens(ctx) + (ctx.structured ? JSON_ANSWER_ROOM : TEXT_ANSWER_ROOM);
}
const TEXT_ANSWER_ROOM = 8;
const JSON_ANSWER_ROOM = 32;

/** `count` of the items in a seeded order (independent streams for the probe and the importance rows). */
function seededPick<T>(items: readonly T[], count: number, seed: number): T[] {
  const order = shuffleInPlace(Int32Array.from(items.keys()), createRng(seed));
  return Array.from(order.subarray(0, Math.min(count, items.length)), (i) => items[i]);
}

/** The small tree's help for the variants, fitted on each fold's training rows (none without variants). */
async function helpFor(inputs: LlmInputs, settings: LlmSettings, signal?: AbortSignal) {
  if (settings.variants.length === 0) return new Map<number, FoldHelp>();
  if (settings.variants.includes('retrieved') && settings.shots === 0)
    throw new SaplingError(
      'BAD_PARAMETER',
      "the retrieved-examples variant replaces the plain prompt's random examples with retrieved ones: give the plain prompt examples too (e.g. --llm-shots 4)",
    );
  const samples = sampleFolds(inputs.target, inputs.folds, settings.sampleRows, settings.shots, settings.seed);
  return treeHelp(inputs, samples, settings, signal);
}

function planRun(inputs: LlmInputs, settings: LlmSettings, helps: ReadonlyMap<number, FoldHelp>): RunPlan {
  const ctx = promptContext(inputs, settings);
  const maxTokens = answerTokenLimit(ctx);
  const samples = sampleFolds(inputs.target, inputs.folds, settings.sampleRows, settings.shots, settings.seed);
  const shotsOf = new Map(samples.map((s) => [s.fold, s.shotRows]));
  const ask = (
    row: number,
    fold: number,
    swap?: RowSwap,
    repeat?: number,
    variant?: { shots?: ArrayLike<number>; features?: readonly string[] },
  ): Planned => {
    const request: ChatRequest = {
      messages: buildMessages(
        variant?.features ? { ...ctx, features: variant.features } : ctx,
        row,
        variant?.shots ?? shotsOf.get(fold)!,
        swap,
      ),
      temperature: settings.temperature,
      seed: settings.seed,
      maxTokens,
      ...(settings.structuredOutput ? { schema: answerSchema(inputs.target) } : {}),
      topLogprobs: settings.logprobs && inputs.target.task === 'classification' ? TOP_LOGPROBS : 0,
    };
    return {
      row,
      fold,
      request,
      key: cacheKey({ provider: settings.provider, model: settings.model, request, ...(repeat ? { repeat } : {}) }),
      ...(repeat ? { repeat } : {}),
    };
  };
  const rows = samples.flatMap((s) => Array.from(s.rows, (row) => ask(row, s.fold)));
  const probe = seededPick(rows, settings.probeRows, deriveSeed(settings.seed, PROBE_STREAM)).map((first) => ({
    first,
    again: ask(first.row, first.fold, undefined, 1),
  }));
  const base = seededPick(rows, settings.importanceRows, deriveSeed(settings.seed, IMPORTANCE_STREAM));
  const byFeature =
    base.length < 2
      ? []
      : inputs.features.map((feature, f) => {
          // Each row gets this feature's value from another importance row (a seeded permutation); everything else stays.
          const perm = shuffleInPlace(
            Int32Array.from(base.keys()),
            createRng(deriveSeed(settings.seed, IMPORTANCE_STREAM, f)),
          );
          return base.map((p, i) => ask(p.row, p.fold, { feature, fromRow: base[perm[i]].row }));
        });
  const reasons = seededPick(rows, settings.reasonRows, deriveSeed(settings.seed, REASON_STREAM));
  const contamination = planContamination(
    inputs.dataset,
    inputs.targetName,
    settings.contaminationTrials,
    settings.seed,
  ).map((q) => ({ ...q, key: cacheKey({ provider: settings.provider, model: settings.model, request: q.request }) }));
  const variants = settings.variants.map((kind) => ({
    kind,
    rows: rows.map((p) => {
      const help = helps.get(p.fold)!;
      return ask(
        p.row,
        p.fold,
        undefined,
        undefined,
        kind === 'retrieved' ? { shots: help.shotsFor.get(p.row)! } : { features: help.columns },
      );
    }),
  }));
  return { samples, rows, probe, importance: { base, byFeature }, reasons, variants, helps, contamination };
}

function allRequests(plan: RunPlan): Question[] {
  return [
    ...plan.rows,
    ...plan.probe.map((p) => p.again),
    ...plan.importance.byFeature.flat(),
    ...plan.variants.flatMap((v) => v.rows),
    ...plan.contamination,
  ];
}

async function estimateFrom(
  plan: RunPlan,
  inputs: LlmInputs,
  settings: LlmSettings,
  cache: ResponseCache,
): Promise<LlmEstimate> {
  const outPer = answerTokens(promptContext(inputs, settings));
  const all = allRequests(plan);
  let cachedRequests = 0;
  let tokensIn = 0;
  let paidIn = 0;
  const seen = new Set<string>();
  for (const p of all) {
    const t = requestTokens(p.request);
    tokensIn += t;
    // A request planned twice (a permutation that left a row unchanged) is asked once and then answered from the cache.
    if (seen.has(p.key) || (await cache.get(p.key))) cachedRequests++;
    else paidIn += t;
    seen.add(p.key);
  }
  // Follow-up "why?" requests: the row's prompt, its answer and the question in, up to REASON_MAX_TOKENS out. Where the
  // answer is already cached the follow-up is known exactly, and may be cached too.
  let reasonIn = 0;
  let reasonPaid = 0;
  for (const p of plan.reasons) {
    const first = await cache.get(p.key);
    const follow = first ? reasonRequest(p.request, first.reply.text) : undefined;
    if (
      follow &&
      (await cache.get(cacheKey({ provider: settings.provider, model: settings.model, request: follow })))
    ) {
      cachedRequests++;
      tokensIn += requestTokens(follow);
      continue;
    }
    const t = follow ? requestTokens(follow) : requestTokens(p.request) + outPer + estimateTokens(REASON_QUESTION);
    reasonIn += t;
    reasonPaid++;
  }
  const paid = all.length + plan.reasons.length - cachedRequests - reasonPaid;
  return {
    requests: all.length + plan.reasons.length,
    cachedRequests,
    tokensIn: tokensIn + reasonIn,
    tokensOut: all.length * outPer + plan.reasons.length * REASON_MAX_TOKENS,
    cost:
      ((paidIn + reasonIn) * settings.prices.inputPer1M +
        (paid * outPer + reasonPaid * REASON_MAX_TOKENS) * settings.prices.outputPer1M) /
      1e6,
    minutes: ((paid + reasonPaid) * settings.secondsPerRequestGuess) / settings.concurrency / 60,
  };
}

/** The estimate shown before a run: requests, tokens, money and minutes (cached answers cost nothing). */
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
  const ask = async (p: Question): Promise<{ entry: CacheEntry; cached: boolean } | null> => {
    const got = await askCached(client, cache, settings, p, runtime.signal);
    if ('gaveUp' in got) {
      failures.push(got.gaveUp);
      return null;
    }
    used.add(p.key);
    return got;
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

interface RunFacts {
  readonly estimate: LlmEstimate;
  readonly requests: number;
  readonly runCost: number;
  readonly wallSeconds: number;
  readonly failures: readonly string[];
  readonly determinism: LlmResult['determinism'];
  readonly importance: LlmResult['importance'];
  readonly selfReported: LlmResult['selfReported'];
}

function summarizeRun(
  inputs: LlmInputs,
  settings: LlmSettings,
  samples: readonly LlmFoldSample[],
  answers: readonly LlmRowAnswer[],
  facts: RunFacts,
): LlmResult {
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
    const y = selectTarget(
      target,
      Int32Array.from(rows, (a) => a.row),
    );
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
      const m = computeMetrics(
        'regression',
        yValid,
        Float64Array.from(valid, (i) => rows[i].answer!),
      );
      foldMetrics.push(pick(m, REGRESSION_METRICS));
    }
  }
  const metricNames = target.task === 'classification' ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  const metrics = Object.fromEntries(metricNames.map((name) => [name, toSummary(foldMetrics.map((f) => f[name]))]));
  const invalid = answers.filter((a) => a.answer === null && !a.failed).length;
  const truncated = answers.filter((a) => a.truncated).length;
  if (truncated > 0)
    notes.push(
      `${truncated} of the ${invalid} invalid answers were cut off at the token limit (finish_reason "length"), not wrong labels`,
    );
  const failed = answers.filter((a) => a.failed).length;
  if (target.task === 'regression' && invalid + failed > 0)
    notes.push(
      `regression metrics cover the ${answers.length - invalid - failed} rows with a numeric answer; ${invalid + failed} rows had none`,
    );
  if (failed > 0)
    notes.push(`${failed} rows got no answer after all retries (scored as wrong); first: ${facts.failures[0]}`);
  let probabilities = 'available';
  if (target.task === 'regression') probabilities = 'not applicable (regression)';
  else if (!settings.logprobs) probabilities = 'unavailable: log-probabilities were not requested';
  else if (probaMissing)
    probabilities = `unavailable: ${answers.filter((a) => a.proba === null).length} of ${answers.length} answers came without usable token log-probabilities, so ROC AUC, log loss and Brier are not reported`;
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
    ...(target.task === 'classification'
      ? {
          pooledAccuracy: { value: n === 0 ? NaN : correct / n, ci95: wilson(correct, n), n },
          confusionMatrix: confusion,
        }
      : {}),
    probabilities,
    requests: facts.requests,
    cachedResponses: answers.filter((a) => a.cached).length,
    failedRows: failed,
    invalidAnswers: invalid,
    truncatedAnswers: truncated,
    invalidAnswerRate: n === 0 ? NaN : (invalid + failed) / n,
    tokensIn,
    tokensOut,
    runCost: facts.runCost,
    estimatedCostPer1000: answered.length === 0 ? NaN : (costAll / answered.length) * 1000,
    determinism: facts.determinism,
    importance: facts.importance,
    selfReported: facts.selfReported,
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
