/** Accuracy against latency and cost: what each model's score costs to compute and to keep. */
import { fmtBytes, fmtCount, fmtMs, fmtSeconds } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { table } from '../html.js';
import { scatterPlot } from '../svg.js';
import { metricLabel, ranked } from './leaderboard.js';

export const tradeoffSection: ReportSection = {
  id: 'accuracy-latency-cost',
  title: 'Accuracy, latency and cost',
  analyses: ['accuracy vs latency and cost'],
  render({ result }) {
    const primary = result.primaryMetric;
    const models = ranked(result.models, primary);
    const chart = scatterPlot(
      models.map((m) => ({ label: m.label, x: m.timing.predictRowMsP50, y: m.metrics[primary]?.mean ?? NaN, yLo: m.metrics[primary]?.ci95[0], yHi: m.metrics[primary]?.ci95[1] })),
      'median single-row prediction latency (ms)',
      metricLabel(primary),
      `${metricLabel(primary)} against latency`,
    );
    const rows = models.map((m) => [m.label, fmtSeconds(m.timing.fitSecondsMean), fmtMs(m.timing.predictRowMsP50), fmtMs(m.timing.predictRowMsP95), fmtCount(Math.round(m.timing.rowsPerSecond)), fmtBytes(m.sizeBytes)]);
    return [
      `<figure>${chart}<figcaption>Up and to the left is better. Latency is measured on this machine (${fmtCount(models[0]?.timing.latencyCalls ?? 0)} single-row calls), so compare models with each other, not with other machines.</figcaption></figure>`,
      table(['model', 'fit per fold', 'row latency p50', 'row latency p95', 'rows per second (batch)', 'model size'], rows, { numeric: [false, true, true, true, true, true] }),
      '<p class="note">Cost here is compute and storage: the tree models run locally and cost nothing per prediction. Model size is the saved model file (preprocessing + model) of the first fold.</p>',
    ].join('\n');
  },
};
