/**
 * Everything an LLM run will ask, planned before the first request: the sampled rows' prompts, the determinism probe,
 * permutation-importance prompts, "why?" follow-ups, prompt variants and contamination questions — so the estimate
 * shown before a run counts exactly the requests the run sends.
 */
import type { LlmEstimate } from '../result/llm.js';
import type { LlmSettings, PromptVariantKind } from '../settings/llm.js';
import { SaplingError } from '../util/errors.js';
import { createRng, deriveSeed, shuffleInPlace } from '../util/random.js';
import type { Question } from './ask.js';
import type { ResponseCache } from './cache.js';
import { cacheKey } from './cache.js';
import { estimateTokens, requestTokens } from './client.js';
import type { ContaminationQuestion } from './contamination.js';
import { planContamination } from './contamination.js';
import type { LlmInputs } from './inputs.js';
import type { PromptContext, RowSwap } from './prompt.js';
import { answerSchema, buildMessages } from './prompt.js';
import type { LlmFoldSample } from './sample.js';
import { sampleFolds } from './sample.js';
import type { SynthesisPlan } from './synthesize.js';
import { planSynthesis } from './synthesize.js';
import type { FoldHelp } from './variants.js';
import { treeHelp } from './variants.js';
import type { ChatRequest } from './wire.js';

export interface Planned {
  readonly row: number;
  readonly fold: number;
  readonly request: ChatRequest;
  /** Cache key: the request, plus `repeat` for the determinism probe's second asking. */
  readonly key: string;
  readonly repeat?: number;
}

/** Everything a run will ask, planned up front so the estimate counts exactly these requests. */
export interface RunPlan {
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
  /** Synthetic training rows asked per training fold (none unless `synthesizeRows` > 0). */
  readonly synthesis: SynthesisPlan;
}

export const REASON_QUESTION = 'In one or two sentences, why did you give that answer?';
export const SELF_REPORTED_NOTE =
  'Self-reported by the model, not verified: a stated reason need not reflect how the answer was produced.';
const REASON_MAX_TOKENS = 120;

/** The follow-up conversation: the row's conversation, the model's answer, then the question. Free text, no schema. */
export function reasonRequest(first: ChatRequest, answerText: string): ChatRequest {
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
export function answerTokens(ctx: Pick<PromptContext, 'target' | 'structured'>): number {
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
export async function helpFor(inputs: LlmInputs, settings: LlmSettings, signal?: AbortSignal) {
  if (settings.variants.length === 0) return new Map<number, FoldHelp>();
  if (settings.variants.includes('retrieved') && settings.shots === 0)
    throw new SaplingError(
      'BAD_PARAMETER',
      "the retrieved-examples variant replaces the plain prompt's random examples with retrieved ones: give the plain prompt examples too (e.g. --llm-shots 4)",
    );
  const samples = sampleFolds(inputs.target, inputs.folds, settings.sampleRows, settings.shots, settings.seed);
  return treeHelp(inputs, samples, settings, signal);
}

export function planRun(inputs: LlmInputs, settings: LlmSettings, helps: ReadonlyMap<number, FoldHelp>): RunPlan {
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
  const synthesis = planSynthesis(inputs, settings);
  return { samples, rows, probe, importance: { base, byFeature }, reasons, variants, helps, contamination, synthesis };
}

export function allRequests(plan: RunPlan): Question[] {
  return [
    ...plan.rows,
    ...plan.probe.map((p) => p.again),
    ...plan.importance.byFeature.flat(),
    ...plan.variants.flatMap((v) => v.rows),
    ...plan.contamination,
    ...plan.synthesis.questions,
  ];
}

export async function estimateFrom(
  plan: RunPlan,
  inputs: LlmInputs,
  settings: LlmSettings,
  cache: ResponseCache,
): Promise<LlmEstimate> {
  const outPer = answerTokens(promptContext(inputs, settings));
  const all = allRequests(plan);
  // Synthesis replies are whole rows, not a label: their upper estimate is the request's own max_tokens.
  const synthesisOut = plan.synthesis.questions.reduce((a, q) => a + q.request.maxTokens, 0);
  const synthesisKeys = new Set(plan.synthesis.questions.map((q) => q.key));
  const outOf = (p: Question): number => (synthesisKeys.has(p.key) ? p.request.maxTokens : outPer);
  let paidOut = 0;
  let cachedRequests = 0;
  let tokensIn = 0;
  let paidIn = 0;
  const seen = new Set<string>();
  for (const p of all) {
    const t = requestTokens(p.request);
    tokensIn += t;
    // A request planned twice (a permutation that left a row unchanged) is asked once and then answered from the cache.
    if (seen.has(p.key) || (await cache.get(p.key))) cachedRequests++;
    else {
      paidIn += t;
      paidOut += outOf(p);
    }
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
    tokensOut:
      (all.length - plan.synthesis.questions.length) * outPer + synthesisOut + plan.reasons.length * REASON_MAX_TOKENS,
    cost:
      ((paidIn + reasonIn) * settings.prices.inputPer1M +
        (paidOut + reasonPaid * REASON_MAX_TOKENS) * settings.prices.outputPer1M) /
      1e6,
    minutes: ((paid + reasonPaid) * settings.secondsPerRequestGuess) / settings.concurrency / 60,
  };
}

/** The estimate shown before a run: requests, tokens, money and minutes (cached answers cost nothing). */
