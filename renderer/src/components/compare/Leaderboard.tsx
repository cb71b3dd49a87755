import type { ModelResult } from '../../../../app/evaluate/result.js';
import { METRIC_LABELS, metricDirection, type MetricName } from '../../../../app/evaluate/metrics.js';
import { modelColor } from '../../lib/colors.js';
import { fmt, fmtBytes, fmtCount, fmtMeanCi, fmtMs, fmtSeconds, metricDigits } from '../../lib/format.js';
import { rankModels } from '../../lib/ranking.js';

interface Props {
  models: readonly ModelResult[];
  metrics: readonly MetricName[];
  metric: MetricName;
}

/** Best first on the selected metric; every metric as mean ± half its 95% interval over folds. */
export function Leaderboard({ models, metrics, metric }: Props) {
  const ranked = rankModels(models, metric, metricDirection(metric));
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
              <span className="th-sub">{metricDirection(metric) === 'higher' ? 'higher is better' : 'lower is better'}</span>
            </th>
            {others.map((m) => (
              <th scope="col" className="num" key={m}>
                {METRIC_LABELS[m]}
              </th>
            ))}
            <th scope="col" className="num" title={`Training-fold ${METRIC_LABELS[metric]} minus test-fold ${METRIC_LABELS[metric]}: a large gap means overfitting`}>
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
                {fmt((m.trainMetrics[metric]?.mean ?? NaN) - (m.metrics[metric]?.mean ?? NaN), metricDigits(metric))}
              </td>
              <td className="num">{fmtSeconds(m.timing.fitSecondsMean)}</td>
              <td className="num">
                <span className="mean-ci">
                  {fmtMs(m.timing.predictRowMsP50)}
                  <span className="ci">p95 {fmtMs(m.timing.predictRowMsP95)}</span>
                </span>
              </td>
              <td className="num">{fmtCount(m.timing.rowsPerSecond)}</td>
              <td className="num">{fmtBytes(m.sizeBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Mean on one line, ± below, so many metric columns fit at 1280 px. */
function MeanCi({ model, metric }: { model: ModelResult; metric: string }) {
  const text = fmtMeanCi(model.metrics[metric], metric);
  const [mean, half] = text.split(' ± ');
  return (
    <span className="mean-ci" title={text}>
      {mean}
      {half !== undefined && <span className="ci">± {half}</span>}
    </span>
  );
}
