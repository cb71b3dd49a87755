/** Confusion matrices (classification): where each model's errors fall, summed over the test folds. */
import { fmtCount } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { esc, table } from '../html.js';
import { trainedModels } from '../../evaluate/model-rows.js';

/** Beyond this many classes a matrix is unreadable on paper (and large): say so instead. */
const MAX_CLASSES = 12;

export const confusionSection: ReportSection = {
  id: 'confusion',
  title: 'Confusion matrices',
  render({ result }) {
    const classes = result.dataset.classes;
    if (result.dataset.task !== 'classification' || !classes) return null;
    if (classes.length > MAX_CLASSES)
      return `<p class="note">${classes.length} classes: confusion matrices are left out of the report (the run record and the JSON result hold them).</p>`;
    return trainedModels(result)
      .filter((m) => m.confusionMatrix)
      .map(
        (m) =>
          `<h3>${esc(m.label)}</h3>${table(
            ['true ↓ / predicted →', ...classes],
            m.confusionMatrix!.map((row, i) => [classes[i], ...row.map(fmtCount)]),
            { numeric: [false, ...classes.map(() => true)] },
          )}`,
      )
      .join('\n');
  },
};
