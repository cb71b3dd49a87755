/** `compare --test-file`: each model's score on the other file next to its cross-validated score, and the shift check. */
import type { CompareResult } from '../app/result/compare.js';
import { metricLabel, type MetricName } from '../app/evaluate/metrics.js';
import { fmt, fmtCount } from '../app/util/format.js';
import { formatTable } from './format.js';

export function renderExternal(result: CompareResult): string[] {
  const ext = result.external;
  if (!ext) return [];
  const metric = metricLabel(ext.metric as MetricName);
  return [
    '',
    `on ${ext.fileName} (${fmtCount(ext.rows)} rows; every model trained on all ${fmtCount(result.dataset.rows)} rows of ${result.dataset.fileName}${result.settings.preTrained ? '; pre-trained files scored as they are' : ''}):`,
    formatTable(
      ['model', `${metric} (cross-validated)`, `${metric} (${ext.fileName})`, 'drop'],
      ext.models.map((m) => [m.label, fmt(m.crossValidated), fmt(m.metrics[ext.metric]), fmt(m.drop)]),
      [false, true, true, true],
    ),
    `shift check: ${ext.shift.message}`,
    ...ext.warnings.map((w) => `  ${w}`),
  ];
}
