import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSetting, DEFAULT_FOLDS, SETTINGS } from '../../../app/settings/compare.js';
import { fitsPerModel, matchingPreset, PRESETS, presetChanges } from '../../../app/settings/presets.js';

test('every preset value is one the settings schema accepts', () => {
  for (const p of PRESETS)
    for (const [key, value] of Object.entries(p.values))
      assert.deepEqual(checkSetting(key as keyof typeof SETTINGS, value), { ok: true }, `${p.id}.${key}`);
});

test('Standard is the default; Quick is cheaper and Thorough dearer in fits per model', () => {
  const [quick, standard, thorough] = PRESETS;
  assert.equal(standard.values.folds, DEFAULT_FOLDS);
  assert.equal(standard.values.repeats, Number(SETTINGS.repeats.default));
  assert.ok(fitsPerModel(quick) < fitsPerModel(standard));
  assert.ok(fitsPerModel(thorough) > fitsPerModel(standard));
  assert.match(thorough.purpose, new RegExp(`${fitsPerModel(thorough) / fitsPerModel(standard)}×`));
});

test('a preset says what it changes, in the schema’s words, and nothing when already in force', () => {
  const thorough = PRESETS.find((p) => p.id === 'thorough')!;
  assert.deepEqual(presetChanges(thorough, { folds: 5, repeats: 1 }), [
    { key: 'folds', what: SETTINGS.folds.help, from: 5, to: 10 },
    { key: 'repeats', what: SETTINGS.repeats.help, from: 1, to: 3 },
  ]);
  assert.deepEqual(presetChanges(thorough, thorough.values), []);
  assert.equal(matchingPreset({ folds: 10, repeats: 3 })?.id, 'thorough');
  assert.equal(matchingPreset({ folds: 7, repeats: 1 }), undefined);
});
