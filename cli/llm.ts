/**
 * The LLM baseline on the command line: `sapling compare … --llm-model NAME [--llm-base-url URL]`.
 * The API key comes only from the environment (SAPLING_LLM_API_KEY) — a flag value would land in shell
 * history and process listings. The estimate is printed before the first request.
 */
import { dirname, join } from 'node:path';
import type { CompareResult } from '../app/result/compare.js';
import { defaultDeps } from '../app/llm/client.js';
import type { FetchLike } from '../app/llm/client.js';
import { LLM_DEFAULTS, LLM_PROVIDERS, llmSettings } from '../app/settings/llm.js';
import type { LlmProvider, LlmSettings } from '../app/settings/llm.js';
import { LLM_FIELDS, type LlmFieldKey, type LlmFieldSpec, type LlmFlag } from '../app/settings/llm-fields.js';
import type { LlmRuntime } from '../app/llm/evaluate.js';
import type { LlmEstimate, LlmVariantResult, SynthesisResult } from '../app/result/llm.js';
import { fmt, fmtCount, fmtMs, fmtPercent } from '../app/util/format.js';
import { SaplingError } from '../app/util/errors.js';
import { DirectoryCache } from '../io/llm-cache.js';
import { formatTable } from './format.js';

export const LLM_KEY_ENV = 'SAPLING_LLM_API_KEY';

/** Flags without limits: the connection, the cache, and switches. The rest come from LLM_FIELDS. */
const OTHER_FLAGS = {
  'llm-model': { type: 'string', usage: 'NAME', help: 'the model to ask; turns the LLM baseline on' },
  'llm-provider': { type: 'string', usage: LLM_PROVIDERS.join('|'), help: 'the wire format (default openai)' },
  'llm-base-url': { type: 'string', usage: 'URL', help: "the server's API base URL (default the provider's)" },
  'llm-cache': { type: 'string', usage: 'DIR', help: 'a response cache folder: repeated questions are not re-sent' },
  'llm-plain': { type: 'boolean', usage: '', help: 'do not ask for JSON-schema answers' },
  'llm-no-logprobs': { type: 'boolean', usage: '', help: 'do not ask for token log-probabilities' },
  'llm-retrieved': {
    type: 'boolean',
    usage: '',
    help: "also ask with each row's examples retrieved by a small tree (needs --llm-shots ≥ 1)",
  },
} as const;

type Flagged = { [K in LlmFieldKey]: (typeof LLM_FIELDS)[K] extends { flag: LlmFlag } ? K : never }[LlmFieldKey];
const FLAGGED = (Object.keys(LLM_FIELDS) as LlmFieldKey[]).filter((key): key is Flagged => 'flag' in LLM_FIELDS[key]);
const flagOf = (key: Flagged): LlmFlag => LLM_FIELDS[key].flag;

type TableFlagName = (typeof LLM_FIELDS)[Flagged]['flag']['name'];

export const LLM_OPTIONS = {
  ...Object.fromEntries(Object.entries(OTHER_FLAGS).map(([name, { type }]) => [name, { type }])),
  ...Object.fromEntries(FLAGGED.map((key) => [flagOf(key).name, { type: 'string' }])),
} as { readonly [K in keyof typeof OTHER_FLAGS]: { readonly type: (typeof OTHER_FLAGS)[K]['type'] } } & {
  readonly [N in TableFlagName]: { readonly type: 'string' };
};

type LlmFlags = Readonly<Record<string, string | boolean | string[] | undefined>>;

export const LLM_USAGE = `[--llm-model NAME …]  an LLM next to the trees (see "LLM baseline" below; key from ${LLM_KEY_ENV})`;

/** The `--llm-*` lines of `--help`: flag, placeholder, help and (for limited ones) what is valid and the default. */
export function llmHelp(): string {
  const rows: [string, string][] = [
    ...Object.entries(OTHER_FLAGS).map(([name, f]): [string, string] => [`--${name} ${f.usage}`.trimEnd(), f.help]),
    ...FLAGGED.map((key): [string, string] => {
      const spec: LlmFieldSpec = LLM_FIELDS[key];
      const flag = flagOf(key);
      const fallback = defaultOf(key);
      return [
        `--${flag.name} ${flag.placeholder}`,
        `${spec.help} (${spec.message}${fallback !== undefined ? `; default ${fallback}` : ''})`,
      ];
    }),
  ];
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `  The API key comes only from the environment variable ${LLM_KEY_ENV} (a flag would land in shell history).`,
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
  ].join('\n');
}

/** The default as the flag reads it (seconds for --llm-timeout), for --help. */
function defaultOf(key: Flagged): string | undefined {
  // No default shown where the flag itself is the switch (--llm-columns K) or the text is long.
  if (key === 'instructions' || key === 'variantColumns') return undefined;
  const value = key === 'inputPer1M' || key === 'outputPer1M' ? LLM_DEFAULTS.prices[key] : LLM_DEFAULTS[key];
  return String(typeof value === 'number' ? value / (flagOf(key).scale ?? 1) : value);
}

export const LLM_HINT = `LLM baseline: not configured — add --llm-model NAME (and --llm-base-url URL; key from ${LLM_KEY_ENV}) to put an LLM next to the trees.`;

/**
 * Settings from the flags, or undefined when no LLM was asked for. `wanted` = 'llm' was listed in --models.
 * A refused value names the flag and says what is valid, with the table's message (`--llm-shots must be a whole
 * number from 0 to 64, got '99'`).
 */
export function llmFromFlags(flags: LlmFlags, wanted: boolean, seed: number): LlmSettings | undefined {
  const model = flags['llm-model'];
  if (typeof model !== 'string') {
    const stray = Object.keys(LLM_OPTIONS).find((k) => flags[k] !== undefined);
    if (wanted || stray)
      throw new SaplingError(
        'BAD_PARAMETER',
        `${wanted ? "--models includes 'llm'" : `--${stray} was given`} but no --llm-model NAME`,
      );
    return undefined;
  }
  const provider = (flags['llm-provider'] as string | undefined) ?? 'openai';
  if (!(LLM_PROVIDERS as readonly string[]).includes(provider))
    throw new SaplingError('BAD_PARAMETER', `--llm-provider must be ${LLM_PROVIDERS.join(' or ')}, got '${provider}'`);
  const fields: Partial<Record<Flagged, unknown>> = {};
  for (const key of FLAGGED) {
    const flag = flagOf(key);
    const raw = flags[flag.name];
    if (typeof raw !== 'string') continue;
    const value = flag.kind === 'number' ? (raw.trim() === '' ? NaN : Number(raw) * (flag.scale ?? 1)) : raw;
    if (!LLM_FIELDS[key].schema.safeParse(value).success)
      throw new SaplingError('BAD_PARAMETER', `--${flag.name} must be ${LLM_FIELDS[key].message}, got '${raw}'`);
    fields[key] = value;
  }
  const { inputPer1M, outputPer1M, ...rest } = fields;
  return llmSettings({
    ...(rest as Partial<LlmSettings>),
    seed,
    variants: [
      ...(flags['llm-retrieved'] ? (['retrieved'] as const) : []),
      ...(fields.variantColumns !== undefined ? (['columns'] as const) : []),
    ],
    prices: { inputPer1M: (inputPer1M as number) ?? 0, outputPer1M: (outputPer1M as number) ?? 0 },
    structuredOutput: !flags['llm-plain'],
    logprobs: !flags['llm-no-logprobs'],
    model,
    provider: provider as LlmProvider,
    ...(typeof flags['llm-base-url'] === 'string' ? { baseUrl: flags['llm-base-url'] } : {}),
  });
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
    ...(typeof flags['llm-cache'] === 'string' ? { cache: new DirectoryCache(flags['llm-cache']) } : {}),
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
    `  latency per row p50 ${fmtMs(llm.timing.latencyMsP50)}, p95 ${fmtMs(llm.timing.latencyMsP95)}; ${fmt(llm.timing.rowsPerSecond, 1)} rows/s at concurrency ${s.concurrency}` +
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
