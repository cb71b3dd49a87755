/**
 * Turns the Models screen's inputs into a `runCompare` request (and its CLI equivalent), or the list of
 * problems to fix first. Pure: no React, no bridge.
 */
import { changedParams, parseParamInput, type ParamValue } from './params.js';
import type { CliSettings } from './cli-command.js';

export interface ModelDefaults {
  readonly id: string;
  readonly label: string;
  readonly defaults: Readonly<Record<string, ParamValue>>;
}

export interface SettingsInput {
  readonly selected: Readonly<Record<string, boolean>>;
  readonly params: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly split: 'folds' | 'holdout';
  readonly folds: string;
  readonly holdout: string;
  readonly seed: string;
  readonly task: 'auto' | 'classification' | 'regression';
  /** Explanations (optional; absent = the defaults: 1 repeat, rope 0.01, no recalibration, no subgroups). */
  readonly repeats?: string;
  readonly rope?: string;
  readonly calibrate?: 'none' | 'isotonic' | 'platt';
  /** Comma-separated column names. */
  readonly subgroups?: string;
}

export interface CompareRequestBody {
  readonly target: string;
  readonly task?: 'classification' | 'regression';
  readonly models: string[];
  readonly params: Record<string, Record<string, ParamValue>>;
  readonly exclude: string[];
  readonly folds?: number;
  readonly holdout?: number;
  readonly seed: number;
  readonly repeats?: number;
  readonly rope?: number;
  readonly calibrate?: 'isotonic' | 'platt';
  readonly subgroups?: string[];
  /** The user confirmed a near-constant target on the Data screen. */
  readonly confirmTarget?: boolean;
  /** Grants (tokens) of the model files scored as they are (pre-trained rows). */
  readonly modelFiles?: string[];
}

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
  if (input.split === 'folds') {
    folds = Number(input.folds.trim());
    if (input.folds.trim() === '' || !Number.isInteger(folds) || folds < 2 || folds > 20)
      problems.folds = 'a whole number from 2 to 20';
  } else {
    holdout = Number(input.holdout.trim());
    if (input.holdout.trim() === '' || !(holdout > 0 && holdout < 1))
      problems.holdout = 'a fraction between 0 and 1, e.g. 0.2';
  }
  const seed = Number(input.seed.trim());
  if (input.seed.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > 4294967295)
    problems.seed = 'a whole number from 0 to 4294967295';

  const explain = explainOptions(input, dataset.columns, problems);
  if (Object.keys(problems).length > 0) return { problems };
  const task = input.task === 'auto' ? undefined : input.task;
  const ids = chosen.map((m) => m.id);
  const body: CompareRequestBody = {
    target: dataset.target,
    ...(task ? { task } : {}),
    models: ids,
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
  const repeatsText = (input.repeats ?? '1').trim();
  const repeats = Number(repeatsText);
  if (repeatsText === '' || !Number.isInteger(repeats) || repeats < 1 || repeats > 20)
    problems.repeats = 'a whole number from 1 to 20';
  else if (repeats > 1 && input.split === 'holdout')
    problems.repeats = 'repeats need k-fold cross-validation, not a holdout';
  else if (repeats > 1) out.repeats = repeats;
  const ropeText = (input.rope ?? '0.01').trim();
  const rope = Number(ropeText);
  if (ropeText === '' || !(rope >= 0 && rope < 1))
    problems.rope = 'a margin from 0 to below 1, e.g. 0.01 = one accuracy point';
  else if (rope !== 0.01) out.rope = rope;
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
