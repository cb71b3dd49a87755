/**
 * The decision threshold (two classes): how precision, recall and balanced accuracy of the recommended model move
 * as the probability needed to answer the rarer class changes (out-of-fold, classReport.thresholds), with the
 * default 0.5 and the threshold of best balanced accuracy marked — the same numbers the desktop's slider shows.
 */
import { bestBalanced, DEFAULT_THRESHOLD, pointAt, thresholdModel } from '../../answer/threshold.js';
import { trainedModels } from '../../evaluate/model-rows.js';
import type { ThresholdPoint } from '../../result/answer.js';
import { fmtSig } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { esc, table } from '../html.js';
import { lineChart } from '../svg.js';

export const thresholdSection: ReportSection = {
  id: 'decision-threshold',
  title: 'Decision threshold',
  render({ result }) {
    const model = thresholdModel(trainedModels(result), result.recommendation?.modelId);
    if (!model) return null;
    const report = model.classReport!;
    const points = report.thresholds!;
    const positive = report.positiveClass ?? '';
    const line = (label: string, pick: (p: ThresholdPoint) => number, color: string, dashed = false) => ({
      label,
      color,
      dashed,
      points: points.map((p) => ({ x: p.threshold, y: pick(p) })),
    });
    const at = pointAt(points, DEFAULT_THRESHOLD);
    const best = bestBalanced(points);
    const marks = (p: ThresholdPoint, label: string, color: string) => ({
      label,
      color,
      pointsOnly: true,
      points: [p.precision, p.recall, p.balancedAccuracy].map((y) => ({ x: p.threshold, y })),
    });
    const chart = lineChart(
      [
        line('balanced accuracy', (p) => p.balancedAccuracy, '#0f172a'),
        line('precision', (p) => p.precision, '#475569', true),
        line('recall', (p) => p.recall, '#94a3b8'),
        marks(at, `default ${DEFAULT_THRESHOLD}`, '#0f172a'),
        marks(best, `best balanced ${fmtSig(best.threshold, 2)}`, '#b45309'),
      ],
      `P('${positive}') needed to answer '${positive}'`,
      'out-of-fold score',
      `${model.label}: precision, recall and balanced accuracy by threshold`,
      { fixed: { x: [0, 1], y: [0, 1] }, width: 640, height: 300, legendWidth: 190 },
    );
    const row = (name: string, p: ThresholdPoint) => [
      name,
      fmtSig(p.threshold, 2),
      fmtSig(p.precision, 3),
      fmtSig(p.recall, 3),
      fmtSig(p.accuracy, 3),
      fmtSig(p.balancedAccuracy, 3),
    ];
    return (
      `<p>${esc(model.label)} answers '${esc(positive)}' when its probability is at least the threshold. Lowering ` +
      `it catches more '${esc(positive)}' rows (recall) at the price of more false alarms (precision). The ` +
      `desktop app has a slider for the same curve.</p><figure>${chart}</figure>` +
      table(
        ['', 'threshold', 'precision', 'recall', 'accuracy', 'balanced accuracy'],
        [row('default', at), row('best balanced accuracy', best)],
        { numeric: [false, true, true, true, true, true] },
      )
    );
  },
};
