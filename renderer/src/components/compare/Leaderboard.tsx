import type { ModelResult } from '../../../../app/result/compare.js';
import type { LlmResult } from '../../../../app/result/llm.js';
import { METRIC_LABELS, metricDirection, type MetricName } from '../../../../app/evaluate/metrics.js';
import { modelColor } from '../../lib/colors.js';
import { fmt, fmtBytes, fmtCount, fmtMeanCi, fmtMs, fmtSeconds, metricDigits } from '../../lib/format.js';
import { rankModels } from '../../../../app/evaluate/ranking.js';

interface Props {
  models: readonly ModelResult[];
  metrics: readonly MetricName[];
  metric: MetricName;
  /** The LLM baseline, ranked with the models (scored on its sample of the same test folds). */
  llm?: LlmResult;
}

/** One leaderboard line: a trained model, or the LLM (no training, no model file). */
interface Row {
  readonly id: string;
  readonly label: string;
  readonly metrics: ModelResult['metrics'];
  readonly trainMetrics: ModelResult['trainMetrics'] | null;
  readonly fitSeconds: number;
  readonly latencyP50: number;
  readonly latencyP95: number;
  readonly rowsPerSecond: number;
  readonly sizeBytes: number;
  readonly note?: string;
}

function rowsOf(models: readonly ModelResult[], llm: LlmResult | undefined): Row[] {
  const rows: Row[] = models.map((m) => ({
    id: m.id,
    label: m.label,
    metrics: m.metrics,
    trainMetrics: m.trainMetrics,
    fitSeconds: m.timing.fitSecondsMean,
    latencyP50: m.timing.predictRowMsP50,
    latencyP95: m.timing.predictRowMsP95,
    rowsPerSecond: m.timing.rowsPerSecond,
    sizeBytes: m.sizeBytes,
  }));
  if (llm) {
    rows.push({
      id: 'llm',
      label: llm.label,
      metrics: llm.metrics,
      trainMetrics: null,
      fitSeconds: NaN,
      latencyP50: llm.timing.latencyMsP50,
      latencyP95: llm.timing.latencyMsP95,
      rowsPerSecond: llm.timing.rowsPerSecond,
      sizeBytes: NaN,
      note: `on ${fmtCount(llm.sampleRows)} sampled test rows`,
    });
  }
  return rows;
}

/** Best first on the selected metric; every metric as mean ± half its 95% interval over folds. */
export function Leaderboard({ models, metrics, metric, llm }: Props) {
  const ranked = rankModels(rowsOf(models, llm), metric, metricDirection(metric));
  const others = metrics.filter((m) => m !== metric);
  return (
    <div className="table-scroll">
      <table className="table leaderboard" data-testid="leaderboard">
        <caption className="sr-only">Leaderboard sorted by {METRIC_LABELS[metric]}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Model</th>
            <th scope="col" className="num selected-metric">
              {METRIC_LABELS[metric]}
              <span className="th-sub">
                {metricDirection(metric) === 'higher' ? 'higher is better' : 'lower is better'}
              </span>
            </th>
            {others.map((m) => (
              <th scope="col" className="num" key={m}>
                {METRIC_LABELS[m]}
              </th>
            ))}
            <th
              scope="col"
              className="num"
              title={`Training-fold ${METRIC_LABELS[metric]} minus test-fold ${METRIC_LABELS[metric]}: a large gap means overfitting`}
            >
              Gap
              <span className="th-sub">train − test</span>
            </th>
            <th scope="col" className="num">
              Fit
              <span className="th-sub">per fold</span>
            </th>
            <th scope="col" className="num">
              Latency
              <span className="th-sub">per row</span>
            </th>
            <th scope="col" className="num">
              Rows/s
            </th>
            <th scope="col" className="num">
              Size
            </th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((m, i) => (
            <tr key={m.id} data-testid="leaderboard-row" data-model-id={m.id}>
              <td className="num rank">{i + 1}</td>
              <th scope="row" className="model-cell">
                <span className="swatch" style={{ background: modelColor(m.id) }} aria-hidden="true" />
                {m.label}
                {m.note && <span className="th-sub">{m.note}</span>}
              </th>
              <td className="num selected-metric" data-metric={metric}>
                {fmtMeanCi(m.metrics[metric], metric)}
              </td>
              {others.map((name) => (
                <td className="num" key={name} data-metric={name}>
                  <MeanCi model={m} metric={name} />
                </td>
              ))}
              <td className="num" data-testid="gap">
                {fmt((m.trainMetrics?.[metric]?.mean ?? NaN) - (m.metrics[metric]?.mean ?? NaN), metricDigits(metric))}
              </td>
              <td className="num">{fmtSeconds(m.fitSeconds)}</td>
              <td className="num">
                <span className="mean-ci">
                  {fmtMs(m.latencyP50)}
                  <span className="ci">p95 {fmtMs(m.latencyP95)}</span>
                </span>
              </td>
              <td className="num">{m.id === 'llm' ? fmt(m.rowsPerSecond, 1) : fmtCount(m.rowsPerSecond)}</td>
              <td className="num">{fmtBytes(m.sizeBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Mean on one line, ± below, so many metric columns fit at 1280 px. */
function MeanCi({ model, metric }: { model: Pick<ModelResult, 'metrics'>; metric: string }) {
  const text = fmtMeanCi(model.metrics[metric], metric);
  const [mean, half] = text.split(' ± ');
  return (
    <span className="mean-ci" title={text}>
      {mean}
      {half !== undefined && <span className="ci">± {half}</span>}
    </span>
  );
}
