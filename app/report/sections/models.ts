/** Models and settings: every model with its full parameters, the split and the seeds. */
import { deriveSeed } from '../../util/random.js';
import type { ReportSection } from '../context.js';
import { definitionList, esc, list, table } from '../html.js';
import { trainedModels } from '../../evaluate/model-rows.js';

export const modelsSection: ReportSection = {
  id: 'models-and-settings',
  title: 'Models and settings',
  render({ result, run }) {
    const s = result.settings;
    const folds = s.holdout !== undefined ? 1 : (s.folds ?? 0);
    const foldSeeds =
      run?.record.models?.[0]?.foldSeeds ?? Array.from({ length: folds }, (_, i) => deriveSeed(s.seed, i));
    const rows = trainedModels(result).map((m) => [
      m.label,
      m.id,
      Object.entries(m.params)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ') || '(defaults)',
    ]);
    const notes = trainedModels(result).flatMap((m) => m.notes.map((n) => `${m.label}: ${n}`));
    return [
      definitionList([
        [
          'Evaluation',
          s.holdout !== undefined
            ? `holdout: ${s.holdout} of the rows held out once`
            : `${s.folds}-fold cross-validation${result.dataset.task === 'classification' ? ' (stratified by class)' : ''}`,
        ],
        ['Seed', String(s.seed)],
        ['Fold seeds (model fitting)', foldSeeds.join(', ')],
        [
          'Permutation importance',
          `${s.permutationRepeats} shuffles per feature per fold, scored by ${trainedModels(result)[0]?.importance.permutationMetric ?? result.primaryMetric}`,
        ],
        ['Primary metric', result.primaryMetric],
      ]),
      table(['model', 'id', 'parameters (all, including defaults)'], rows),
      notes.length ? `<h3>How models were trained</h3>${list(notes)}` : '',
      `<p class="note">Run record: ${run ? `the exact row indices of every fold are stored in run ${esc(run.hash.slice(0, 12))} of ${esc(run.log)}.` : 'this run was not logged, so its exact folds are not stored (they follow from the seed).'}</p>`,
    ].join('\n');
  },
};
