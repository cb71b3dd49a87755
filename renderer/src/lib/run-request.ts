/**
 * Turns the Models screen's inputs into a `runCompare` request (and its CLI equivalent), or the list of
 * problems to fix first. Pure: no React, no bridge.
 */
import { changedParams, parseParamInput, type ParamValue } from './params.js';
import type { CliSettings } from './cli-command.js';
import type { Request } from '../../../app/ipc/contract.js';
import { SETTINGS, type CompareSettings } from '../../../app/settings/compare.js';

export interface ModelDefaults {
  readonly id: string;
  readonly label: string;
  readonly defaults: Readonly<Record<string, ParamValue>>;
}

/** The settings typed into the Models screen as text (checked against the schema when the run is built). */
type TextSetting = 'folds' | 'holdout' | 'seed' | 'repeats' | 'rope' | 'subgroups';

/**
 * The Models screen's form: its fields are the settings of the one schema (app/settings/compare.ts), as text the
 * user types, plus the model choice. Limits and messages are the schema's, so the form refuses what the CLI and
 * the IPC boundary refuse, with the same words.
 */
export type SettingsInput = {
  readonly selected: Readonly<Record<string, boolean>>;
  /** Raw input text per model and parameter. */
  readonly params: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly split: 'folds' | 'holdout';
  readonly task: 'auto' | NonNullable<CompareSettings['task']>;
  readonly calibrate?: 'none' | NonNullable<CompareSettings['calibrate']>;
} & { readonly [K in 'folds' | 'holdout' | 'seed']: string } & {
  /** Optional (absent = the schema's default: 1 repeat, rope 0.01, no subgroups). Subgroups are comma-separated. */
  readonly [K in 'repeats' | 'rope' | 'subgroups']?: string;
};

/** The form's values, with the defaults of the schema (app/settings/compare.ts). */
export const DEFAULT_FORM: Omit<SettingsInput, 'selected' | 'params'> = {
  split: 'folds',
  folds: SETTINGS.folds.default,
  holdout: '0.2',
  seed: SETTINGS.seed.default,
  task: 'auto',
  repeats: SETTINGS.repeats.default,
  rope: SETTINGS.rope.default,
  calibrate: 'none',
  subgroups: '',
};

/** What the renderer sends: the runCompare request without the ids main and the worker add. */
export type CompareRequestBody = Omit<Request<'runCompare'>, 'operationId' | 'datasetId' | 'llm'>;

/** A model file opened for the comparison: its grant's token and its name (the CLI line says `file:<name>`). */
export interface ModelFileRef {
  readonly token: string;
  readonly fileName: string;
}

export interface BuiltRequest {
  readonly body?: CompareRequestBody;
  readonly cli?: CliSettings;
  /** Keyed by input: 'models', 'folds', 'holdout', 'seed', 'target', or `${model}.${param}`. */
  readonly problems: Readonly<Record<string, string>>;
}

export function buildCompareRequest(
  input: SettingsInput,
  models: readonly ModelDefaults[],
  dataset: {
    readonly fileName: string;
    readonly target: string;
    readonly exclude: readonly string[];
    readonly columns?: readonly string[];
    /** Why the target cannot be trained yet (not confirmed, single class, near-constant unconfirmed). */
    readonly targetProblem?: string;
    readonly confirmTarget?: boolean;
  },
  modelFiles: readonly ModelFileRef[] = [],
): BuiltRequest {
  const problems: Record<string, string> = {};
  const chosen = models.filter((m) => input.selected[m.id]);
  if (chosen.length === 0 && modelFiles.length === 0) problems.models = 'choose at least one model';
  if (dataset.target === '') problems.target = 'choose a target column on the Data screen';
  else if (dataset.targetProblem !== undefined) problems.target = dataset.targetProblem;

  const params: Record<string, Record<string, ParamValue>> = {};
  const changed: Record<string, Record<string, ParamValue>> = {};
  for (const m of chosen) {
    const values: Record<string, ParamValue> = {};
    for (const [name, def] of Object.entries(m.defaults)) {
      const raw = input.params[m.id]?.[name];
      if (raw === undefined) {
        values[name] = def;
        continue;
      }
      const parsed = parseParamInput(raw, def);
      if (parsed.ok) values[name] = parsed.value;
      else problems[`${m.id}.${name}`] = parsed.message;
    }
    params[m.id] = values;
    const diff = changedParams(values, m.defaults);
    if (Object.keys(diff).length > 0) changed[m.id] = diff;
  }

  let folds: number | undefined;
  let holdout: number | undefined;
  if (input.split === 'folds') folds = checked('folds', input.folds, problems);
  else holdout = checked('holdout', input.holdout, problems);
  const seed = checked('seed', input.seed, problems) ?? 0;

  const explain = explainOptions(input, dataset.columns, problems);
  if (Object.keys(problems).length > 0) return { problems };
  const task = input.task === 'auto' ? undefined : input.task;
  const ids = chosen.map((m) => m.id);
  const body: CompareRequestBody = {
    target: dataset.target,
    ...(task ? { task } : {}),
    // The ids main listed (getCatalog); the IPC boundary checks them against the catalog again.
    models: ids as CompareRequestBody['models'],
    params,
    exclude: [...dataset.exclude],
    ...(folds !== undefined ? { folds } : { holdout }),
    seed,
    ...explain,
    ...(dataset.confirmTarget ? { confirmTarget: true } : {}),
    ...(modelFiles.length > 0 ? { modelFiles: modelFiles.map((f) => f.token) } : {}),
  };
  const cli: CliSettings = {
    fileName: dataset.fileName,
    target: dataset.target,
    models: [...ids, ...modelFiles.map((f) => `file:${f.fileName}`)],
    ...(folds !== undefined ? { folds } : { holdout }),
    seed,
    ...(task ? { task } : {}),
    exclude: dataset.exclude,
    params: changed,
    ...explain,
    ...(dataset.confirmTarget ? { confirmTarget: true } : {}),
  };
  return { body, cli, problems };
}

/** The explanation settings that differ from the defaults; problems keyed 'repeats', 'rope', 'subgroups'. */
function explainOptions(
  input: SettingsInput,
  columns: readonly string[] | undefined,
  problems: Record<string, string>,
) {
  const out: { repeats?: number; rope?: number; calibrate?: 'isotonic' | 'platt'; subgroups?: string[] } = {};
  const repeats = checked('repeats', input.repeats ?? SETTINGS.repeats.default, problems);
  if (repeats !== undefined && repeats > 1 && input.split === 'holdout')
    problems.repeats = 'repeats need k-fold cross-validation, not a holdout';
  else if (repeats !== undefined && repeats > 1) out.repeats = repeats;
  const rope = checked('rope', input.rope ?? SETTINGS.rope.default, problems);
  if (rope !== undefined && rope !== Number(SETTINGS.rope.default)) out.rope = rope;
  if (input.calibrate === 'isotonic' || input.calibrate === 'platt') out.calibrate = input.calibrate;
  const subgroups = (input.subgroups ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = columns ? subgroups.filter((s) => !columns.includes(s)) : [];
  if (unknown.length > 0) problems.subgroups = `no column named ${unknown.map((u) => `'${u}'`).join(', ')}`;
  else if (subgroups.length > 0) out.subgroups = subgroups;
  return out;
}

/** A number typed into the form, checked by its setting's schema; the setting's own message when refused. */
function checked(key: Exclude<TextSetting, 'subgroups'>, text: string, problems: Record<string, string>) {
  const value = text.trim() === '' ? NaN : Number(text.trim());
  if (SETTINGS[key].schema.safeParse(value).success) return value;
  problems[key] = SETTINGS[key].message;
  return undefined;
}
