/**
 * The decision threshold (two classes): how precision, recall and balanced accuracy of a model move as the
 * probability needed to answer the rarer class changes (out-of-fold, classReport.thresholds), with the default 0.5,
 * the threshold of best balanced accuracy and — when the user chose one on the desktop's slider or with
 * `compare --threshold` — the chosen threshold marked. The same numbers the desktop's slider shows.
 * Drawn for the recommended model and for every model whose threshold was chosen.
 */
import { bestBalanced, DEFAULT_THRESHOLD, pointAt, thresholdModel } from '../../answer/threshold.js';
import { trainedModels } from '../../evaluate/model-rows.js';
import { modelColor } from '../../models/catalog/index.js';
import type { ThresholdPoint } from '../../result/answer.js';
import type { ModelResult } from '../../result/compare.js';
import { fmtSig } from '../../util/format.js';
import { CHART_INK } from '../../util/palette.js';
import type { ReportSection } from '../context.js';
import { esc, table } from '../html.js';
import { lineChart } from '../svg.js';

export const thresholdSection: ReportSection = {
  id: 'decision-threshold',
  title: 'Decision threshold',
  render({ result, thresholds = [] }) {
    const models = trainedModels(result);
    const first = thresholdModel(models, result.recommendation?.modelId);
    if (!first) return null;
    const chosen = new Map(thresholds.map((t) => [t.modelId, t.threshold]));
    const shown = [first, ...models.filter((m) => m !== first && chosen.has(m.id))];
    const intro =
      `<p>A model answers its rarer class when its probability is at least the threshold. Lowering it catches more ` +
      `of those rows (recall) at the price of more false alarms (precision). ` +
      (chosen.size > 0
        ? `The thresholds chosen in the desktop app (or with <code>--threshold</code>) are marked “chosen”.</p>`
        : `No threshold was chosen for this report (the desktop app's slider or <code>--threshold</code> sets one): ` +
          `the default and the best balanced accuracy are shown.</p>`);
    // In print the intro stays on the page of the first model's chart (the heading then stays with both).
    const [head, ...rest] = shown.map((m) => modelBlock(m, chosen.get(m.id)));
    return `<div class="keep">${intro}${head}</div>${rest.join('')}`;
  },
};

function modelBlock(model: ModelResult, chosen: number | undefined): string {
  const report = model.classReport!;
  const points = report.thresholds!;
  const positive = report.positiveClass ?? '';
  const line = (label: string, pick: (p: ThresholdPoint) => number, color: string, dashed = false) => ({
    label,
    color,
    dashed,
    points: points.map((p) => ({ x: p.threshold, y: pick(p) })),
  });
  const marks = (p: ThresholdPoint, label: string, color: string) => ({
    label,
    color,
    pointsOnly: true,
    points: [p.precision, p.recall, p.balancedAccuracy].map((y) => ({ x: p.threshold, y })),
  });
  const at = pointAt(points, DEFAULT_THRESHOLD);
  const best = bestBalanced(points);
  const picked = chosen === undefined ? undefined : pointAt(points, chosen);
  const chart = lineChart(
    [
      line('balanced accuracy', (p) => p.balancedAccuracy, CHART_INK.text),
      line('precision', (p) => p.precision, CHART_INK.strong, true),
      line('recall', (p) => p.recall, CHART_INK.soft),
      marks(at, `default ${DEFAULT_THRESHOLD}`, CHART_INK.text),
      marks(best, `best balanced ${fmtSig(best.threshold, 2)}`, CHART_INK.strong),
      // The chosen point in the model's own colour, as the desktop draws its slider's line.
      ...(picked ? [marks(picked, `chosen ${fmtSig(picked.threshold, 2)}`, modelColor(model.id))] : []),
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
    `<h3>${esc(model.label)}: answers '${esc(positive)}' at ${picked ? `the chosen threshold ${esc(fmtSig(picked.threshold, 2))}` : `the default ${DEFAULT_THRESHOLD}`}</h3>` +
    `<figure>${chart}</figure>` +
    table(
      ['', 'threshold', 'precision', 'recall', 'accuracy', 'balanced accuracy'],
      [row('default', at), ...(picked ? [row('chosen', picked)] : []), row('best balanced accuracy', best)],
      { numeric: [false, true, true, true, true, true] },
    )
  );
}
