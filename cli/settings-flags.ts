/**
 * The comparison settings as command-line flags, generated from the one settings schema (app/settings/compare.ts):
 * each setting with a `flag` becomes `--<name>`, is read as a number, a word or a comma-separated list, and is checked
 * by the same zod schema the desktop and project files use — so the same value gets the same verdict and message.
 */
import {
  SETTINGS,
  SPLIT_RULES,
  type CompareSettings,
  type FlagKind,
  type SettingKey,
} from '../app/settings/compare.js';
import { SaplingError } from '../app/util/errors.js';
import { parseList } from './args.js';

type Flagged = { [K in SettingKey]: (typeof SETTINGS)[K] extends { flag: object } ? K : never }[SettingKey];

const FLAGGED = (Object.keys(SETTINGS) as SettingKey[]).filter(
  (key): key is Flagged => 'flag' in SETTINGS[key] && SETTINGS[key].flag !== undefined,
);

/** `--shap-rows` for the setting `shapRows`. */
const flagName = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** parseArgs options for every setting flag (all strings: the schema decides what they mean). */
export const SETTING_OPTIONS = Object.fromEntries(FLAGGED.map((key) => [flagName(key), { type: 'string' }])) as {
  readonly [K in Flagged]: { readonly type: 'string' };
};

/** The settings' lines of `--help`: flag, placeholder, help, what is valid, default. */
export function settingsHelp(): string {
  const rows = FLAGGED.map((key) => {
    const spec: { help: string; message: string; default?: string; flag: { placeholder: string } } = SETTINGS[key];
    const valid = `${spec.message}${spec.default !== undefined ? `; default ${spec.default}` : ''}`;
    return [`--${flagName(key)} ${spec.flag.placeholder}`, `${spec.help} (${valid})`];
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`).join('\n');
}

function read(kind: FlagKind, raw: string): unknown {
  if (kind === 'number') return raw.trim() === '' ? NaN : Number(raw);
  if (kind === 'list') return parseList(raw);
  return raw;
}

/**
 * The settings given on the command line, checked; a refused value throws BAD_PARAMETER with the setting's message
 * (`--folds must be a whole number from 2 to 20, got '25'`). `models` is left to the caller (it also accepts `llm`).
 */
export function settingsFromFlags(
  values: Readonly<Record<string, string | boolean | string[] | undefined>>,
): Partial<Omit<CompareSettings, 'models' | 'params' | 'llm' | 'latencyCalls'>> {
  const out: Record<string, unknown> = {};
  for (const key of FLAGGED) {
    const raw = values[flagName(key)];
    if (typeof raw !== 'string' || key === 'models') continue;
    const spec = SETTINGS[key];
    const value = read(spec.flag.kind, raw);
    if (!spec.schema.safeParse(value).success)
      throw new SaplingError('BAD_PARAMETER', `--${flagName(key)} must be ${spec.message}, got '${raw}'`);
    // An empty list is no list (`--exclude ''` = nothing excluded), as before the schema.
    if (!(Array.isArray(value) && value.length === 0)) out[key] = value;
  }
  if (out.folds !== undefined && out.holdout !== undefined)
    throw new SaplingError('BAD_PARAMETER', SPLIT_RULES.foldsOrHoldout);
  if (out.repeats !== undefined && out.repeats !== 1 && out.holdout !== undefined)
    throw new SaplingError('BAD_PARAMETER', SPLIT_RULES.repeatsNeedFolds);
  return out as Partial<CompareSettings>;
}
