/** The leaderboard: every metric as mean ± half the 95% interval over folds, best first by the primary metric. */
import { METRIC_LABELS, type MetricName } from '../../evaluate/metrics.js';
import { rankModels } from '../../evaluate/ranking.js';
import type { CompareResult, LlmModelRow, ModelResult, Summary } from '../../result/compare.js';
import { isTrainedModel, trainedModels } from '../../evaluate/model-rows.js';
import { fmt, fmtCount, fmtMeanCi } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { esc, table } from '../html.js';
import { modelColor } from '../../models/catalog/index.js';
import { intervalPlot } from '../svg.js';

const CLASSIFICATION = ['accuracy', 'balancedAccuracy', 'f1Macro', 'rocAuc', 'logLoss', 'brier'];
const REGRESSION = ['r2', 'rmse', 'mae'];

export function metricLabel(name: string): string {
  return METRIC_LABELS[name as MetricName] ?? name;
}

/** Best first; a model whose primary metric is undefined goes last. Lower is better for errors, higher for scores. */
export function ranked(models: readonly ModelResult[], primary: string): ModelResult[] {
  return rankModels(models, primary);
}

/** A leaderboard row: a tree model, or the LLM scored on its sample of the same test folds (no training metrics). */
export interface Entry {
  readonly id: string;
  readonly label: string;
  readonly metrics: Readonly<Record<string, Summary>>;
  readonly trainMetrics?: Readonly<Record<string, Summary>>;
  readonly llm: boolean;
  /** A pre-trained model file, scored as it is (not refitted). */
  readonly preTrained?: boolean;
}

/** Every row of `models[]` — the trained models and the LLM's rows, each labelled with its sample size — best first. */
export function rankedEntries(result: CompareResult): Entry[] {
  const entries: Entry[] = result.models.map((m) =>
    isTrainedModel(m)
      ? {
          id: m.id,
          label: m.label,
          metrics: m.metrics,
          ...(m.trainMetrics ? { trainMetrics: m.trainMetrics } : {}),
          llm: false,
          ...(m.preTrained ? { preTrained: true } : {}),
        }
      : { id: m.id, label: llmRowLabel(m), metrics: m.metrics, llm: true },
  );
  // A stable sort: an LLM row (listed after the models) goes after the models it ties with.
  return rankModels(entries, result.primaryMetric);
}

/** An LLM row's name with the number of rows its score is on. */
export function llmRowLabel(row: Pick<LlmModelRow, 'label' | 'scoredRows'>): string {
  return `${row.label} (n = ${fmtCount(row.scoredRows)})`;
}

export const leaderboardSection: ReportSection = {
  id: 'leaderboard',
  title: 'Leaderboard',
  analyses: ['leaderboard with intervals'],
  render({ result }) {
    const metrics = (result.dataset.task === 'classification' ? CLASSIFICATION : REGRESSION).filter((m) =>
      result.models.some((r) => r.metrics[m]),
    );
    const primary = result.primaryMetric;
    const models = rankedEntries(result);
    const holdout = result.settings.holdout !== undefined;
    const rows = models.map((m, i) => [
      String(i + 1),
      m.label,
      ...metrics.map((name) => fmtMeanCi(m.metrics[name], name)),
      m.trainMetrics
        ? fmt((m.trainMetrics[primary]?.mean ?? NaN) - (m.metrics[primary]?.mean ?? NaN), 3)
        : m.preTrained
          ? '— (pre-trained)'
          : '— (not trained)',
    ]);
    const preTrained = trainedModels(result).filter((m) => m.preTrained);
    const llm = result.llm;
    const pooled = llm?.pooledAccuracy;
    const chart = intervalPlot(
      models.map((m) => ({
        label: m.label,
        color: modelColor(m.id),
        mean: m.metrics[primary]?.mean ?? NaN,
        lo: m.metrics[primary]?.ci95[0] ?? NaN,
        hi: m.metrics[primary]?.ci95[1] ?? NaN,
      })),
      `${metricLabel(primary)} on held-out rows${holdout ? '' : ' (dot: mean over folds; line: 95% interval)'}`,
      `${metricLabel(primary)} by model`,
    );
    return [
      table(['#', 'model', ...metrics.map(metricLabel), `gap (train − test ${metricLabel(primary)})`], rows, {
        numeric: [true, false, ...metrics.map(() => true), true],
      }),
      `<p class="note">${holdout ? 'One holdout split: no interval can be estimated.' : '± is half the 95% Student-t interval of the mean over folds.'} All scores of models trained in this run are on rows they did not train on; the gap compares with its own training rows (a large gap means overfitting).</p>`,
      ...preTrained.map(
        (m) =>
          `<p class="note"><strong>${esc(m.label)}</strong>: ${esc(m.preTrained!.note)}. The model file (SHA-256 ${esc(m.preTrained!.sha256)}) was scored as it is on each held-out fold, not refitted${m.preTrained!.importedFrom ? `; imported from ${esc(m.preTrained!.importedFrom.fileName)} (${esc(m.preTrained!.importedFrom.format)})` : ''}.${m.preTrained!.overlap === 'same-file' ? ` It says it was trained on ${esc(m.preTrained!.trainedOn.fileName)}, which is this data: its scores are on rows it was trained on, and it is never recommended.` : ''}</p>`,
      ),
      llm
        ? `<p class="note">${esc(llm.label)} answered ${fmtCount(llm.sampleRows)} sampled test rows of the same folds (${llm.folds.map((f) => f.rows.length).join(' + ')} per fold), not every row: its interval is wider for that reason.${pooled ? ` Pooled over the sample its accuracy is ${fmt(pooled.value, 3)}, 95% Wilson interval ${fmt(pooled.ci95[0], 3)}–${fmt(pooled.ci95[1], 3)} (n = ${fmtCount(pooled.n)}).` : ''} Invalid answers count as wrong.</p>`
        : '',
      `<figure>${chart}<figcaption>${metricLabel(primary)} per model, best first.</figcaption></figure>`,
    ].join('\n');
  },
};
