/**
 * The LLM baseline on the command line: `sapling compare … --llm-model NAME [--llm-base-url URL]`.
 * The API key comes only from the environment (SAPLING_LLM_API_KEY) — a flag value would land in shell
 * history and process listings. The estimate is printed before the first request.
 */
import { dirname, join } from 'node:path';
import type { CompareResult } from '../app/result/compare.js';
import { defaultDeps } from '../app/llm/client.js';
import type { FetchLike } from '../app/llm/client.js';
import { LLM_PROVIDERS, llmSettings, TEMPLATE_KINDS } from '../app/settings/llm.js';
import type { LlmProvider, LlmSettings, TemplateKind } from '../app/settings/llm.js';
import type { LlmRuntime } from '../app/llm/evaluate.js';
import type { LlmEstimate, LlmVariantResult, SynthesisResult } from '../app/result/llm.js';
import { fmt, fmtCount, fmtPercent } from '../app/util/format.js';
import { SaplingError } from '../app/util/errors.js';
import { DirectoryCache } from '../io/llm-cache.js';
import { parseNumber } from './args.js';
import { formatTable } from './format.js';

export const LLM_KEY_ENV = 'SAPLING_LLM_API_KEY';

export const LLM_USAGE =
  `[--llm-model NAME [--llm-provider ${LLM_PROVIDERS.join('|')}] [--llm-base-url URL] [--llm-sample 200] [--llm-shots 0] [--llm-template ${TEMPLATE_KINDS.join('|')}] [--llm-instructions TEXT] ` +
  `[--llm-price-in USD] [--llm-price-out USD] [--llm-max-cost USD] [--llm-max-requests N] [--llm-timeout SECONDS] [--llm-concurrency N] [--llm-probe N] [--llm-importance ROWS] [--llm-reasons ROWS] [--llm-cache DIR] [--llm-plain] [--llm-no-logprobs] [--llm-contamination TRIALS] [--llm-retrieved] [--llm-columns K] [--llm-synthesize ROWS]]\n` +
  `  LLM: key from the environment variable ${LLM_KEY_ENV}; prices are per 1M input/output tokens`;

export const LLM_OPTIONS = {
  'llm-model': { type: 'string' },
  'llm-provider': { type: 'string' },
  'llm-base-url': { type: 'string' },
  'llm-sample': { type: 'string' },
  'llm-shots': { type: 'string' },
  'llm-template': { type: 'string' },
  'llm-instructions': { type: 'string' },
  'llm-price-in': { type: 'string' },
  'llm-price-out': { type: 'string' },
  'llm-max-cost': { type: 'string' },
  'llm-max-requests': { type: 'string' },
  'llm-timeout': { type: 'string' },
  'llm-concurrency': { type: 'string' },
  'llm-probe': { type: 'string' },
  'llm-importance': { type: 'string' },
  'llm-reasons': { type: 'string' },
  'llm-cache': { type: 'string' },
  'llm-plain': { type: 'boolean' },
  'llm-no-logprobs': { type: 'boolean' },
  'llm-contamination': { type: 'string' },
  'llm-retrieved': { type: 'boolean' },
  'llm-columns': { type: 'string' },
  'llm-synthesize': { type: 'string' },
} as const;

type LlmFlags = {
  readonly [K in keyof typeof LLM_OPTIONS]?: (typeof LLM_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

export const LLM_HINT = `LLM baseline: not configured — add --llm-model NAME (and --llm-base-url URL; key from ${LLM_KEY_ENV}) to put an LLM next to the trees.`;

/** Settings from the flags, or undefined when no LLM was asked for. `wanted` = 'llm' was listed in --models. */
export function llmFromFlags(flags: LlmFlags, wanted: boolean, seed: number): LlmSettings | undefined {
  const model = flags['llm-model'];
  if (model === undefined) {
    const stray = Object.keys(LLM_OPTIONS).find((k) => flags[k as keyof LlmFlags] !== undefined);
    if (wanted || stray)
      throw new SaplingError(
        'BAD_PARAMETER',
        `${wanted ? "--models includes 'llm'" : `--${stray} was given`} but no --llm-model NAME`,
      );
    return undefined;
  }
  const provider = flags['llm-provider'] ?? 'openai';
  if (!(LLM_PROVIDERS as readonly string[]).includes(provider))
    throw new SaplingError('BAD_PARAMETER', `--llm-provider must be ${LLM_PROVIDERS.join(' or ')}, got '${provider}'`);
  const template = flags['llm-template'] ?? 'text';
  if (!(TEMPLATE_KINDS as readonly string[]).includes(template))
    throw new SaplingError(
      'BAD_PARAMETER',
      `--llm-template must be one of ${TEMPLATE_KINDS.join(', ')}, got '${template}'`,
    );
  const whole = (flag: keyof LlmFlags, min: number) =>
    parseNumber(
      flags[flag] as string | undefined,
      `--${flag}`,
      (n) => Number.isInteger(n) && n >= min,
      `a whole number ≥ ${min}`,
    );
  const money = (flag: keyof LlmFlags) =>
    parseNumber(flags[flag] as string | undefined, `--${flag}`, (n) => n >= 0, 'a non-negative number');
  const timeout = parseNumber(
    flags['llm-timeout'],
    '--llm-timeout',
    (n) => n > 0 && n <= 600,
    'seconds between 0 and 600',
  );
  const given: Partial<LlmSettings> = {
    seed,
    ...defined('sampleRows', whole('llm-sample', 1)),
    ...defined('shots', whole('llm-shots', 0)),
    ...defined('concurrency', whole('llm-concurrency', 1)),
    ...defined('maxRequests', whole('llm-max-requests', 1)),
    ...defined('probeRows', whole('llm-probe', 0)),
    ...defined('importanceRows', whole('llm-importance', 0)),
    ...defined('reasonRows', whole('llm-reasons', 0)),
    ...defined('contaminationTrials', whole('llm-contamination', 0)),
    ...defined('variantColumns', whole('llm-columns', 1)),
    ...defined('synthesizeRows', whole('llm-synthesize', 0)),
    variants: [
      ...(flags['llm-retrieved'] ? (['retrieved'] as const) : []),
      ...(flags['llm-columns'] !== undefined ? (['columns'] as const) : []),
    ],
    ...defined('maxCost', money('llm-max-cost')),
    ...defined('timeoutMs', timeout === undefined ? undefined : timeout * 1000),
    ...defined('instructions', flags['llm-instructions']),
    prices: { inputPer1M: money('llm-price-in') ?? 0, outputPer1M: money('llm-price-out') ?? 0 },
    structuredOutput: !flags['llm-plain'],
    logprobs: !flags['llm-no-logprobs'],
  };
  return llmSettings({
    ...given,
    model,
    provider: provider as LlmProvider,
    template: template as TemplateKind,
    ...defined('baseUrl', flags['llm-base-url']),
  });
}

function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** The response cache of a logged run without --llm-cache: a folder next to the log. */
export const DEFAULT_LLM_CACHE = 'sapling-llm-cache';

export function defaultLlmCache(log: string): string {
  return join(dirname(log), DEFAULT_LLM_CACHE);
}

export function llmRuntime(flags: LlmFlags, env: NodeJS.ProcessEnv): Omit<LlmRuntime, 'signal' | 'onProgress'> {
  const key = env[LLM_KEY_ENV];
  return {
    ...(key ? { apiKey: key } : {}),
    deps: defaultDeps(fetch as unknown as FetchLike),
    ...(flags['llm-cache'] ? { cache: new DirectoryCache(flags['llm-cache']) } : {}),
  };
}

export function renderEstimate(e: LlmEstimate, s: LlmSettings): string {
  const money = `${fmt(e.cost, 4)} at ${s.prices.inputPer1M}/${s.prices.outputPer1M} per 1M tokens in/out`;
  return `LLM estimate (${s.provider} ${s.model}): ${fmtCount(e.requests)} requests (${fmtCount(e.cachedRequests)} cached), ~${fmtCount(e.tokensIn)} tokens in, ≤${fmtCount(e.tokensOut)} out, cost ${money}, ~${fmt(e.minutes, 1)} min; budget ${s.maxRequests} requests / ${s.maxCost}`;
}

/** The lines under the leaderboard: the LLM's own facts, the cascade curve, the distilled tree. */
export function renderLlmDetails(result: CompareResult): string[] {
  const llm = result.llm;
  if (!llm) return ['', LLM_HINT];
  const s = llm.settings;
  const lines = [
    '',
    `${llm.label} via ${s.provider} at ${s.baseUrl}: ${fmtCount(llm.sampleRows)} sampled test rows (${llm.folds.map((f) => f.rows.length).join(' + ')} per fold), ${s.shots}-shot, '${s.template}' template${s.structuredOutput ? ', JSON-schema answers' : ''}`,
  ];
  if (llm.pooledAccuracy)
    lines.push(
      `  accuracy on the sample ${fmt(llm.pooledAccuracy.value)} (95% interval ${fmt(llm.pooledAccuracy.ci95[0])}–${fmt(llm.pooledAccuracy.ci95[1])}, n = ${llm.pooledAccuracy.n})`,
    );
  lines.push(
    `  invalid answers ${llm.invalidAnswers}${llm.truncatedAnswers > 0 ? ` (${llm.truncatedAnswers} cut off at the token limit)` : ''}${llm.failedRows > 0 ? ` + ${llm.failedRows} failed requests` : ''} (${fmtPercent(llm.invalidAnswerRate)}, scored as wrong); probabilities: ${llm.probabilities}`,
    `  requests ${fmtCount(llm.requests)} (${fmtCount(llm.cachedResponses)} answers from the cache); tokens ${fmtCount(llm.tokensIn)} in / ${fmtCount(llm.tokensOut)} out; cost per 1,000 predictions ${fmt(llm.estimatedCostPer1000, 4)}; this run ${fmt(llm.runCost, 4)}`,
    `  latency per row p50 ${fmt(llm.timing.latencyMsP50, 0)} ms, p95 ${fmt(llm.timing.latencyMsP95, 0)} ms; ${fmt(llm.timing.rowsPerSecond, 1)} rows/s at concurrency ${s.concurrency}` +
      (llm.determinism
        ? `; determinism: ${fmtPercent(llm.determinism.agreement)} of ${llm.determinism.rows} re-asked rows got the same answer`
        : ''),
  );
  if (llm.contamination) lines.push(`  contamination check: ${llm.contamination.message}`);
  for (const v of llm.variants ?? []) lines.push(...renderVariant(v));
  if (llm.synthesis) lines.push(...renderSynthesis(llm.synthesis));
  if (llm.importance) {
    const top = [...llm.importance.permutation].sort((a, b) => b.mean - a.mean);
    lines.push(
      `  permutation importance (${llm.importance.metric} drop on ${llm.importance.rows} rows, one shuffle each): ${top.map((e) => `${e.feature} ${fmt(e.mean)}`).join(', ')}`,
    );
  }
  if (llm.selfReported) {
    lines.push('', `self-reported reasons (${llm.selfReported.note})`);
    for (const r of llm.selfReported.rows)
      lines.push(`  row ${r.row + 1} → ${r.answer}: “${r.reason.replace(/\s+/g, ' ')}”`);
  }
  if (result.cascade && result.cascade.length > 0) {
    const curves = result.cascade;
    const llmCost = curves[0].llmOnly.costPer1000;
    lines.push(
      '',
      `cascade on the ${curves[0].rows} sampled rows: the model answers when its top class probability ≥ threshold, the LLM answers the rest.`,
      `cells: accuracy (share sent to the LLM); cost per 1,000 predictions = share × ${fmt(llmCost, 4)} (the models' own cost counted as 0)`,
    );
    const cell = (accuracy: number, share: number): string => `${fmt(accuracy)} (${fmtPercent(share, 0)})`;
    const rows = [
      ['model only', ...curves.map((c) => cell(c.treeOnly.accuracy, 0))],
      ...curves[0].points
        .filter((p) => p.threshold > 0)
        .map((p, i) => [
          `≥ ${p.threshold.toFixed(2)}`,
          ...curves.map((c) => {
            const q = c.points.filter((x) => x.threshold > 0)[i];
            return cell(q.accuracy, q.llmShare);
          }),
        ]),
      ['LLM only', ...curves.map((c) => cell(c.llmOnly.accuracy, 1))],
    ];
    const labels = new Map(result.models.map((m) => [m.id, m.label]));
    lines.push(
      formatTable(['threshold', ...curves.map((c) => labels.get(c.model as never) ?? c.model)], rows, [
        false,
        ...curves.map(() => true),
      ]),
    );
  }
  if (result.distilled) {
    const d = result.distilled;
    if ('skipped' in d) lines.push('', `distilled tree: ${d.skipped}`);
    else
      lines.push(
        '',
        `distilled tree (depth ≤ ${d.maxDepth}, learned from ${d.rows} LLM answers): fidelity to the LLM on held-out rows ${fmt(d.fidelity)}`,
        ...d.rules.map((r) => `  ${r}`),
      );
  }
  return lines;
}

/** The synthetic rows' line and one line per tree model: its score with and without them on the same test folds. */
function renderSynthesis(s: SynthesisResult): string[] {
  const reasons = Object.entries(s.invalidReasons)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const points = (x: number) => `${x >= 0 ? '+' : ''}${fmt(x * 100, 1)}`;
  return [
    `  synthetic training rows (${fmtCount(s.rowsPerFold)} asked per training fold${s.folds[0]?.class !== undefined ? `, class '${s.folds[0].class}'` : ''}): ${s.message}`,
    `    requests ${fmtCount(s.requests)} (${fmtCount(s.cachedResponses)} from the cache); tokens ${fmtCount(s.tokensIn)} in / ${fmtCount(s.tokensOut)} out; this run ${fmt(s.runCost, 4)}${reasons ? `; invalid: ${reasons}` : ''}`,
    ...s.effects.map(
      (e) =>
        `    ${e.label}: ${e.metric} ${fmt(e.real)} real rows only → ${fmt(e.synthetic)} with synthetic rows, ${points(e.delta.mean)} points (95% CI ${points(e.delta.ci95[0])}…${points(e.delta.ci95[1])}, ${e.delta.n} folds)`,
    ),
  ];
}

/** A prompt variant's line: its accuracy with interval, tokens and cost, and the paired test against the plain prompt. */
function renderVariant(v: LlmVariantResult): string[] {
  const acc = v.pooledAccuracy;
  const paired = v.vsPlain
    ? `; vs the plain prompt on the same rows: ${v.vsPlain.accuracyDelta >= 0 ? '+' : ''}${fmt(v.vsPlain.accuracyDelta * 100, 1)} points (McNemar p = ${fmt(v.vsPlain.p, 3)}; ${v.vsPlain.c} rows only it got right, ${v.vsPlain.b} only the plain prompt)`
    : '';
  return [
    `  variant ${v.id} — ${v.description}`,
    `    ${acc ? `accuracy ${fmt(acc.value)} (95% interval ${fmt(acc.ci95[0])}–${fmt(acc.ci95[1])}, n = ${acc.n}), ` : ''}invalid ${fmtPercent(v.invalidAnswerRate)}, tokens ${fmtCount(v.tokensIn)} in, cost per 1,000 predictions ${fmt(v.estimatedCostPer1000, 4)}${paired}`,
    ...(v.columns
      ? [`    columns: ${v.columns.map((c) => `fold ${c.fold + 1}: ${c.columns.join(', ')}`).join('; ')}`]
      : []),
  ];
}
