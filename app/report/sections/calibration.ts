/**
 * Calibration: does a predicted 80% come true 80% of the time? One reliability diagram per model (raw,
 * and recalibrated when the run asked for it), with the expected calibration error and the Brier score.
 */
import type { CalibrationSummary } from '../../result/explain.js';
import { fmt, fmtCount } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { capped, esc, table } from '../html.js';
import { modelColor } from '../../models/catalog/index.js';
import { lineChart } from '../svg.js';

/** Diagrams are ~4 KB each; a report with more models lists the rest in the table only. */
const MAX_DIAGRAMS = 12;

export const calibrationSection: ReportSection = {
  id: 'calibration',
  title: 'Calibration',
  analyses: ['calibration'],
  caveats: ({ result }) => [
    'Calibration is measured on out-of-fold probabilities in equal-width bins: bins with few rows are noisy, and the ECE depends on the number of bins. A well-calibrated model can still rank rows badly (see ROC AUC), and calibration on this file need not hold on another population.',
    ...(result.calibration?.method
      ? [
          `The ${result.calibration.method} recalibration is cross-fitted on the other folds' out-of-fold probabilities; the reported models themselves were not changed by it.`,
        ]
      : []),
  ],
  render({ result }) {
    const cal = result.calibration;
    if (!cal || cal.models.length === 0) return null;
    const label = (id: string): string => result.models.find((m) => m.id === id)?.label ?? id;
    const method = cal.method;
    const points = (s: CalibrationSummary): { x: number; y: number }[] =>
      s.bins.filter((b) => b.count > 0).map((b) => ({ x: b.meanPredicted, y: b.observed }));
    const { shown, note } = capped(cal.models, MAX_DIAGRAMS);
    const diagrams = shown.map((m) => {
      const color = modelColor(m.id);
      const series = [
        { label: 'raw', points: points(m.raw), color },
        ...(m.calibrated
          ? [{ label: method ?? 'recalibrated', points: points(m.calibrated), dashed: true, color: '#0f172a' }]
          : []),
      ];
      return `<figure>${lineChart(
        series,
        `mean predicted ${m.raw.event}`,
        'observed frequency',
        `${label(m.id)}: reliability diagram`,
        {
          fixed: { x: [0, 1], y: [0, 1] },
          diagonal: true,
          width: 420,
          height: 300,
          legendWidth: 100,
        },
      )}<figcaption>${esc(label(m.id))}: ECE ${fmt(m.raw.ece, 3)}${m.calibrated ? ` → ${fmt(m.calibrated.ece, 3)} after ${esc(method ?? 'recalibration')}` : ''}; dashed grey diagonal = perfect calibration.</figcaption></figure>`;
    });
    const header = ['model', 'rows', 'ECE', 'Brier', ...(method ? [`ECE (${method})`, `Brier (${method})`] : [])];
    const rows = cal.models.map((m) => [
      label(m.id),
      fmtCount(m.raw.rows),
      fmt(m.raw.ece, 3),
      fmt(m.raw.brier, 3),
      ...(method ? [fmt(m.calibrated?.ece, 3), fmt(m.calibrated?.brier, 3)] : []),
    ]);
    return [
      `<p>Each point is one bin of rows with similar predicted ${esc(cal.models[0].raw.event)}: its mean prediction (across) against how often the event happened (up). Points on the diagonal are honest probabilities. ECE is the row-weighted mean distance from the diagonal; Brier is the mean squared error of the probabilities (lower is better for both).</p>`,
      table(header, rows, { numeric: header.map((_, j) => j > 0) }),
      `<div class="grid">${diagrams.join('')}</div>`,
      note,
      `<p class="note">${esc(cal.note)}</p>`,
    ].join('\n');
  },
};
