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
  dataset: { readonly fileName: string; readonly target: string; readonly exclude: readonly string[] },
): BuiltRequest {
  const problems: Record<string, string> = {};
  const chosen = models.filter((m) => input.selected[m.id]);
  if (chosen.length === 0) problems.models = 'choose at least one model';
  if (dataset.target === '') problems.target = 'choose a target column on the Data screen';

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
    if (input.folds.trim() === '' || !Number.isInteger(folds) || folds < 2 || folds > 20) problems.folds = 'a whole number from 2 to 20';
  } else {
    holdout = Number(input.holdout.trim());
    if (input.holdout.trim() === '' || !(holdout > 0 && holdout < 1)) problems.holdout = 'a fraction between 0 and 1, e.g. 0.2';
  }
  const seed = Number(input.seed.trim());
  if (input.seed.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > 4294967295) problems.seed = 'a whole number from 0 to 4294967295';

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
  };
  const cli: CliSettings = {
    fileName: dataset.fileName,
    target: dataset.target,
    models: ids,
    ...(folds !== undefined ? { folds } : { holdout }),
    seed,
    ...(task ? { task } : {}),
    exclude: dataset.exclude,
    params: changed,
  };
  return { body, cli, problems };
}
