/** The folds every model is trained and scored on: one holdout split, or (repeated) (stratified) k-fold. */
import { holdout, kFold, stratifiedKFold } from '../evaluate/splits.js';
import type { Target } from '../models/matrix.js';
import type { Fold } from '../result/artifacts.js';
import { DEFAULT_FOLDS, SETTINGS, checkSetting, type CompareSettings } from '../settings/compare.js';
import { SaplingError } from '../util/errors.js';
import { deriveSeed } from '../util/random.js';

export function makeFolds(
  target: Target,
  rows: number,
  settings: CompareSettings,
): { folds: Fold[]; warnings: string[] } {
  if (settings.holdout !== undefined) {
    const labels = target.task === 'classification' ? target.codes : undefined;
    return { folds: [holdout(rows, settings.holdout, settings.seed, labels)], warnings: [] };
  }
  const k = settings.folds ?? DEFAULT_FOLDS;
  const repeats = settings.repeats ?? 1;
  if (!checkSetting('repeats', repeats).ok)
    throw new SaplingError('BAD_PARAMETER', `repeats must be ${SETTINGS.repeats.message}, got ${repeats}`);
  const folds: Fold[] = [];
  let warnings: string[] = [];
  for (let r = 0; r < repeats; r++) {
    // The first repeat uses the seed itself, so repeats = 1 gives exactly the plain k-fold split.
    const seed = r === 0 ? settings.seed : deriveSeed(settings.seed, 1000 + r);
    const drawn =
      target.task === 'classification'
        ? stratifiedKFold(target.codes, k, seed, target.classes)
        : { folds: kFold(rows, k, seed), warnings: [] };
    if (r === 0) warnings = drawn.warnings;
    for (const f of drawn.folds) folds.push({ ...f, index: r * k + f.index });
  }
  return { folds, warnings };
}
