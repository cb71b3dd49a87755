/**
 * Quick / Standard / Thorough: named sets of values of the one settings schema (SETTINGS in ./compare.ts), so a
 * preset can only hold values every entry point accepts (test/app/settings/presets.test.ts checks them against
 * the schema) and says what it changes in the schema's own words. They trade time for sharper verdicts: the
 * number of fits per model is folds × repeats.
 */
import { DEFAULT_FOLDS, SETTINGS, type SettingValues } from './compare.js';

export type PresetId = 'quick' | 'standard' | 'thorough';

export interface Preset {
  readonly id: PresetId;
  readonly label: string;
  /** What it is for, in one sentence. */
  readonly purpose: string;
  readonly values: Pick<SettingValues, 'folds' | 'repeats'>;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'quick',
    label: 'Quick',
    purpose: 'a first look in seconds; verdicts are rougher',
    values: { folds: 3, repeats: 1 },
  },
  {
    id: 'standard',
    label: 'Standard',
    purpose: 'the default: 5-fold cross-validation',
    values: { folds: DEFAULT_FOLDS, repeats: 1 },
  },
  {
    id: 'thorough',
    label: 'Thorough',
    purpose: 'sharper verdicts between close models; takes about 6× as long as Standard',
    values: { folds: 10, repeats: 3 },
  },
];

/** Fits per model under a preset (the cost a user trades). */
export function fitsPerModel(preset: Preset): number {
  return preset.values.folds * preset.values.repeats;
}

export interface SettingChange {
  readonly key: keyof Preset['values'];
  /** The setting's help text from the schema, e.g. "k for k-fold cross-validation". */
  readonly what: string;
  readonly from: number | undefined;
  readonly to: number;
}

/** What applying `preset` changes in `current` (nothing when it is already in force). */
export function presetChanges(preset: Preset, current: Partial<Preset['values']>): SettingChange[] {
  return (Object.keys(preset.values) as (keyof Preset['values'])[])
    .filter((key) => current[key] !== preset.values[key])
    .map((key) => ({ key, what: SETTINGS[key].help, from: current[key], to: preset.values[key] }));
}

/** The preset the current values match exactly, if any. */
export function matchingPreset(current: Partial<Preset['values']>): Preset | undefined {
  return PRESETS.find((p) => presetChanges(p, current).length === 0);
}
