/** Accuracy against latency and cost: what each model's score costs to compute and to keep — and, when it ran, what the LLM's costs. */
import { fmt, fmtBytes, fmtCount, fmtMs, fmtSeconds } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { esc, table } from '../html.js';
import { modelColor } from '../../models/catalog/index.js';
import { scatterPlot } from '../svg.js';
import { llmRowLabel, metricLabel, ranked } from './leaderboard.js';
import { llmRows, trainedModels } from '../../evaluate/model-rows.js';

export const tradeoffSection: ReportSection = {
  id: 'accuracy-latency-cost',
  title: 'Accuracy, latency and cost',
  analyses: ['accuracy vs latency and cost'],
  render({ result }) {
    const primary = result.primaryMetric;
    const models = ranked(trainedModels(result), primary);
    const llm = result.llm;
    // The LLM and each prompt variant: a point and a row each (cost per 1,000 from its own counted tokens).
    const llmModels = llmRows(result);
    const points = models.map((m) => ({
      label: m.label,
      color: modelColor(m.id),
      x: m.timing.predictRowMsP50,
      y: m.metrics[primary]?.mean ?? NaN,
      yLo: m.metrics[primary]?.ci95[0],
      yHi: m.metrics[primary]?.ci95[1],
    }));
    for (const row of llmModels) {
      const m = row.metrics[primary];
      points.push({
        label: llmRowLabel(row),
        color: modelColor('llm'),
        x: row.timing.predictRowMsP50,
        y: m?.mean ?? NaN,
        yLo: m?.ci95[0],
        yHi: m?.ci95[1],
      });
    }
    const chart = scatterPlot(
      points,
      'median single-row prediction latency (ms)',
      metricLabel(primary),
      `${metricLabel(primary)} against latency`,
    );
    const rows = models.map((m) => [
      m.label,
      fmtSeconds(m.timing.fitSecondsMean),
      fmtMs(m.timing.predictRowMsP50),
      fmtMs(m.timing.predictRowMsP95),
      fmtCount(Math.round(m.timing.rowsPerSecond)),
      fmtBytes(m.sizeBytes),
      '0 (runs locally)',
    ]);
    for (const row of llmModels)
      rows.push([
        llmRowLabel(row),
        '— (not trained)',
        fmtMs(row.timing.predictRowMsP50),
        fmtMs(row.timing.predictRowMsP95),
        `${fmt(row.timing.rowsPerSecond, 1)}${llm && llm.cachedResponses > 0 ? ' (with cache replays)' : ''}`,
        '—',
        fmt(row.costPer1000, 4),
      ]);
    return [
      `<figure>${chart}<figcaption>Up and to the left is better. Latency is measured on this machine (${fmtCount(models[0]?.timing.latencyCalls ?? 0)} single-row calls)${llm ? "; the LLM's is the time per request to its endpoint, with its 95% interval from its sample" : ''}, so compare models with each other, not with other machines.</figcaption></figure>`,
      table(
        [
          'model',
          'fit per fold',
          'row latency p50',
          'row latency p95',
          'rows per second (batch)',
          'model size',
          'cost per 1,000 predictions',
        ],
        rows,
        { numeric: [false, true, true, true, true, true, true] },
      ),
      `<p class="note">Cost here is compute and storage: the tree models run locally and cost nothing per prediction. Model size is the saved model file (preprocessing + model) of the first fold.${
        llm
          ? ` The LLM's cost per 1,000 predictions is from its counted tokens at the configured prices (${esc(fmt(llm.settings.prices.inputPer1M, 2))} per 1M input and ${esc(fmt(llm.settings.prices.outputPer1M, 2))} per 1M output tokens); its rows per second are at concurrency ${llm.settings.concurrency}.`
          : ''
      }</p>`,
    ].join('\n');
  },
};
