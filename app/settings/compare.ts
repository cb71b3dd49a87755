/**
 * What a comparison is asked to do — the one settings schema. Each setting is declared once below: its zod schema
 * (limits included), its default and its help text. From this table come the CLI's flags and `--help`
 * (cli/settings-flags.ts), the IPC `runCompare` request (app/ipc/contract.ts), the project file's settings
 * (app/project/schema.ts), the run record's settings (app/audit/record.ts, RunSettings) and the desktop form's
 * checks (renderer/src/lib/run-request.ts). Every entry point therefore accepts the same values and refuses the
 * others with the same message (`SETTINGS[key].message`), prefixed with how it names the setting (`--folds`,
 * `runCompare: folds`, `settings.folds`).
 *
 * Light on purpose (zod and the model catalog only) so the renderer can import it.
 */
import { z } from 'zod';
import { MODEL_IDS, type ModelId } from '../models/catalog/index.js';
import type { Params } from '../models/estimator.js';
import type { LlmSettings } from './llm.js';

/** The default model set is a catalog property (each model's `selectedByDefault`). */
export { DEFAULT_MODELS } from '../models/catalog/index.js';
export const DEFAULT_FOLDS = 5;
export const DEFAULT_SEED = 42;
/** Region of practical equivalence for the verdicts (one accuracy point). */
export const DEFAULT_ROPE = 0.01;
/** Held-out rows per fold whose SHAP values make the global importance (seeded sample; all rows if fewer). */
export const DEFAULT_SHAP_ROWS = 100;
export const DEFAULT_PERMUTATION_REPEATS = 5;

/** How the CLI reads a setting's flag: a number, a word from a list, or a comma-separated list. */
export type FlagKind = 'number' | 'word' | 'list';

export interface SettingSpec {
  /** zod schema of the value as the core receives it; any failure reports `message`. */
  readonly schema: z.ZodType;
  /** What a valid value is, e.g. "a whole number from 2 to 20": the one message every entry point shows. */
  readonly message: string;
  readonly help: string;
  /** The value used when the setting is absent (documentation and the CLI's --help; the core applies it). */
  readonly default?: string;
  /** How the CLI reads it; absent = no CLI flag (set in project files and records only). */
  readonly flag?: { readonly kind: FlagKind; readonly placeholder: string };
  /** Sent by the desktop's runCompare request. */
  readonly ipc: boolean;
}

function wholeNumber(min: number, max: number) {
  const message = `a whole number from ${min} to ${max}`;
  return { message, schema: z.number({ error: message }).int({ error: message }).min(min, message).max(max, message) };
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const message = `one of ${values.join(', ')}`;
  return { message, schema: z.enum(values, { error: message }) };
}

function names(max: number, what: string) {
  const message = `a list of at most ${max.toLocaleString('en-US')} ${what}`;
  const name = z.string({ error: message }).min(1, message).max(1000, message);
  return { message, schema: z.array(name, { error: message }).max(max, message) };
}

const foldsRule = wholeNumber(2, 20);
const repeatsRule = wholeNumber(1, 20);
const seedRule = wholeNumber(0, 4294967295);
const holdoutMessage = 'a fraction between 0 and 1, e.g. 0.2';
const ropeMessage = 'a margin from 0 to below 1, e.g. 0.01 = one accuracy point';
const modelsMessage = `a list of 1 to ${MODEL_IDS.length} models from ${MODEL_IDS.join(', ')}`;
const targetMessage = 'a column name';

/** Every setting, in the order --help lists them. */
export const SETTINGS = {
  target: {
    schema: z.string({ error: targetMessage }).min(1, targetMessage).max(1000, targetMessage),
    message: targetMessage,
    help: 'the column to predict',
    flag: { kind: 'word', placeholder: '<col>' },
    ipc: true,
  },
  task: {
    ...oneOf(['classification', 'regression']),
    help: 'what kind of target; guessed from the column when absent',
    flag: { kind: 'word', placeholder: 'classification|regression' },
    ipc: true,
  },
  models: {
    schema: z.array(z.enum(MODEL_IDS, { error: modelsMessage }), { error: modelsMessage }).min(1, modelsMessage),
    message: modelsMessage,
    help: 'the models to compare (add llm for the LLM baseline)',
    flag: { kind: 'list', placeholder: 'a,b' },
    ipc: true,
  },
  folds: {
    ...foldsRule,
    help: 'k for k-fold cross-validation',
    default: String(DEFAULT_FOLDS),
    flag: { kind: 'number', placeholder: 'N' },
    ipc: true,
  },
  holdout: {
    schema: z.number({ error: holdoutMessage }).gt(0, holdoutMessage).lt(1, holdoutMessage),
    message: holdoutMessage,
    help: 'instead of folds: the fraction of rows held out for one train/test split',
    flag: { kind: 'number', placeholder: 'F' },
    ipc: true,
  },
  seed: {
    ...seedRule,
    help: 'every random choice (folds, models, samples) derives from it',
    default: String(DEFAULT_SEED),
    flag: { kind: 'number', placeholder: 'N' },
    ipc: true,
  },
  exclude: {
    ...names(10_000, 'column names'),
    help: 'columns never used as features',
    flag: { kind: 'list', placeholder: 'a,b' },
    ipc: true,
  },
  permutationRepeats: {
    ...wholeNumber(1, 100),
    help: 'shuffles per feature for permutation importance',
    default: String(DEFAULT_PERMUTATION_REPEATS),
    ipc: false,
  },
  repeats: {
    ...repeatsRule,
    help: 'repeated k-fold: redraw the folds this many times (sharper verdicts)',
    default: '1',
    flag: { kind: 'number', placeholder: 'N' },
    ipc: true,
  },
  rope: {
    schema: z.number({ error: ropeMessage }).min(0, ropeMessage).lt(1, ropeMessage),
    message: ropeMessage,
    help: 'the verdicts call two models equivalent within this margin of the primary metric',
    default: String(DEFAULT_ROPE),
    flag: { kind: 'number', placeholder: 'M' },
    ipc: true,
  },
  calibrate: {
    ...oneOf(['isotonic', 'platt']),
    help: 'also report calibration after cross-fitted recalibration (two classes)',
    flag: { kind: 'word', placeholder: 'isotonic|platt' },
    ipc: true,
  },
  subgroups: {
    ...names(20, 'column names'),
    help: 'columns whose groups get their own metrics (default: the columns that look like protected attributes)',
    flag: { kind: 'list', placeholder: 'a,b' },
    ipc: true,
  },
  confirmTarget: {
    schema: z.boolean({ error: 'true or false' }),
    message: 'true or false',
    help: 'train on a near-constant target (≥ 95% one class) anyway; without it such a target is refused',
    ipc: true,
  },
  shapRows: {
    ...wholeNumber(0, 100_000),
    help: 'held-out rows per fold explained for the global SHAP importance',
    default: String(DEFAULT_SHAP_ROWS),
    ipc: false,
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

/** The rules between settings, shared by every entry point (same wording). */
export const SPLIT_RULES = {
  foldsOrHoldout: 'use either folds or holdout, not both',
  repeatsNeedFolds: 'repeats repeats k-fold cross-validation; it cannot be used with a holdout',
} as const;

type Shape = { [K in SettingKey]: (typeof SETTINGS)[K]['schema'] };
const optionalShape = Object.fromEntries(
  Object.entries(SETTINGS).map(([key, spec]) => [key, spec.schema.optional()]),
) as unknown as { [K in SettingKey]: z.ZodOptional<Shape[K]> };

/** The settings' fields, each optional, for an entry point to build its request shape from. */
export function settingFields<K extends SettingKey>(keys: readonly K[]): { [P in K]: z.ZodOptional<Shape[P]> } {
  return Object.fromEntries(keys.map((k) => [k, optionalShape[k]])) as unknown as { [P in K]: z.ZodOptional<Shape[P]> };
}

/** Keys the desktop's runCompare request carries. */
export const IPC_SETTING_KEYS = (Object.keys(SETTINGS) as SettingKey[]).filter((k) => SETTINGS[k].ipc);

/** Adds the rules between settings to an object schema holding (some of) them. */
export function withSplitRules<T extends z.ZodType<{ folds?: number; holdout?: number; repeats?: number }>>(schema: T) {
  return schema
    .refine((s) => s.folds === undefined || s.holdout === undefined, {
      message: SPLIT_RULES.foldsOrHoldout,
      path: ['holdout'],
    })
    .refine((s) => s.repeats === undefined || s.repeats === 1 || s.holdout === undefined, {
      message: SPLIT_RULES.repeatsNeedFolds,
      path: ['repeats'],
    });
}

/** Checks one setting's value; the message is `SETTINGS[key].message` when it is refused. */
export function checkSetting(key: SettingKey, value: unknown): { ok: true } | { ok: false; message: string } {
  return SETTINGS[key].schema.safeParse(value).success ? { ok: true } : { ok: false, message: SETTINGS[key].message };
}

type ReadonlyArrays<T> = T extends readonly (infer U)[] ? readonly U[] : T;
/** Each setting's value, as its schema describes it. */
export type SettingValues = { readonly [K in SettingKey]: ReadonlyArrays<z.infer<Shape[K]>> };

/**
 * The settings the core runs a comparison with, derived from the table: `target` and `seed` always, the others
 * optional (runComparison applies the defaults), plus what no form edits — the model parameters (checked by each
 * model's own schema, app/registry/models.ts), the timing calls and the LLM baseline's settings (app/settings/llm.ts).
 */
export type CompareSettings = Pick<SettingValues, 'target' | 'seed'> &
  Partial<Omit<SettingValues, 'target' | 'seed'>> & {
    readonly params?: Partial<Record<ModelId, Params>>;
    /** Single-row latency calls (timing only; tests make it small). */
    readonly latencyCalls?: number;
    /** The LLM baseline; absent = no LLM column. Plain data: the API key travels in CompareOptions.llm. */
    readonly llm?: LlmSettings;
  };
