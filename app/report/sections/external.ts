/**
 * New data (`compare --test-file`): each model trained on all rows of the main file and scored on another file, next to
 * its cross-validated score, and the shift check that says how different the new rows are.
 */
import { metricLabel, type MetricName } from '../../evaluate/metrics.js';
import { fmt, fmtCount } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { esc, table } from '../html.js';

export const externalSection: ReportSection = {
  id: 'external-data',
  title: 'On new data',
  analyses: ['evaluation on another file'],
  caveats: ({ result }) =>
    result.external
      ? [
          `The score on ${result.external.fileName} comes from one model per kind trained on all rows; it has no interval over folds, and rows of the two files that are duplicates would make it optimistic. The shift check's forest (50 trees, 3 folds) shows that the files differ and in which columns, not why.`,
        ]
      : [],
  render({ result }) {
    const ext = result.external;
    if (!ext) return null;
    const metric = metricLabel(ext.metric as MetricName);
    return [
      `<p>Every model was trained on all ${fmtCount(result.dataset.rows)} rows of ${esc(result.dataset.fileName)}${result.settings.preTrained ? ' (pre-trained model files as they are)' : ''} and scored on the ${fmtCount(ext.rows)} rows of ${esc(ext.fileName)} (SHA-256 <code>${esc(ext.sha256.slice(0, 16))}…</code>).</p>`,
      table(
        ['model', `${metric}, cross-validated`, `${metric} on ${ext.fileName}`, 'drop'],
        ext.models.map((m) => [m.label, fmt(m.crossValidated, 3), fmt(m.metrics[ext.metric], 3), fmt(m.drop, 3)]),
        { numeric: [false, true, true, true] },
      ),
      '<h3>How different is the new file?</h3>',
      `<p class="${ext.shift.verdict === 'similar' ? 'note' : 'flag'}">${esc(ext.shift.message)}</p>`,
      table(
        ['column', 'share of the separating forest’s splits (impurity importance)'],
        ext.shift.columns.map((c) => [c.name, fmt(c.importance, 3)]),
        { numeric: [false, true] },
      ),
      ...ext.warnings.map((w) => `<p class="note">${esc(w)}</p>`),
    ].join('\n');
  },
};
