import { useState, type ReactNode } from 'react';
import type { ModelResult, ModelRow } from '../../../../app/result/compare.js';
import { isTrainedModel } from '../../../../app/evaluate/model-rows.js';
import { METRIC_LABELS, metricDirection, type MetricName } from '../../../../app/evaluate/metrics.js';
import { modelColor } from '../../lib/colors.js';
import { fmt, fmtBytes, fmtCount, fmtMeanCi, fmtMs, fmtSeconds, metricDigits } from '../../lib/format.js';
import { rankModels } from '../../../../app/evaluate/ranking.js';
import type { BaselineResult } from '../../../../app/result/answer.js';
import { sizeText, type ModelSize } from '../../../../app/answer/size.js';

interface Props {
  /** The trained models and the LLM's rows (ranked with them, scored on its sample of the same test folds). */
  models: readonly ModelRow[];
  metrics: readonly MetricName[];
  metric: MetricName;
  /** Majority class / mean on the same folds: shown in its place, labelled, never ranked as a model. */
  baseline?: BaselineResult;
  /** Shown on the line of the "All columns" toggle, before it (Compare puts its heading and "Rank by" there). */
  head?: ReactNode;
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
  /** Leaves (rules) or coefficients, in words, and what else describes the size (trees, depth). */
  readonly size: string;
  readonly sizeDetail?: string;
  readonly note?: string;
  /** A pre-trained model file scored as it is (not refitted): what the row must say. */
  readonly preTrained?: string;
}

function rowsOf(models: readonly ModelRow[]): Row[] {
  return models.map((m) =>
    isTrainedModel(m)
      ? {
          id: m.id,
          label: m.label,
          metrics: m.metrics,
          trainMetrics: m.trainMetrics ?? null,
          // A pre-trained model is not fitted in the run: no fit time.
          fitSeconds: m.preTrained ? NaN : m.timing.fitSecondsMean,
          latencyP50: m.timing.predictRowMsP50,
          latencyP95: m.timing.predictRowMsP95,
          rowsPerSecond: m.timing.rowsPerSecond,
          sizeBytes: m.sizeBytes,
          ...sizeCells(m.size),
          ...(m.preTrained
            ? {
                preTrained: `pre-trained file, scored as it is (not refitted): ${m.preTrained.overlap === 'same-file' ? 'trained on this very file, so its scores are not held-out' : 'may have seen these rows'}`,
              }
            : {}),
        }
      : {
          id: m.id,
          label: m.label,
          metrics: m.metrics,
          trainMetrics: null,
          fitSeconds: NaN,
          latencyP50: m.timing.predictRowMsP50,
          latencyP95: m.timing.predictRowMsP95,
          rowsPerSecond: m.timing.rowsPerSecond,
          sizeBytes: NaN,
          size: '—',
          note: `on ${fmtCount(m.scoredRows)} sampled test rows${m.pooledAccuracy ? ` (accuracy ${fmt(m.pooledAccuracy.value)}, 95% interval ${fmt(m.pooledAccuracy.ci95[0])}–${fmt(m.pooledAccuracy.ci95[1])})` : ''}; ${fmt(m.costPer1000, 4)} per 1,000 predictions`,
        },
  );
}

/** The metrics shown without "All columns": the ones a reader compares first. */
const KEY_METRICS: readonly string[] = ['accuracy', 'balancedAccuracy', 'rocAuc', 'r2', 'rmse', 'mae'];

/**
 * Best first on the selected metric; every metric as mean ± half its 95% interval over folds. The baseline row is
 * placed where its score falls, labelled and unnumbered. By default only the key columns are shown so the table fits
 * a 1024 px window; "All columns" adds the other metrics, fit time, throughput and file size.
 */
export function Leaderboard({ models, metrics, metric, baseline, head }: Props) {
  const [showAll, setShowAll] = useState(false);
  const base: Row[] = baseline
    ? [
        {
          id: baseline.id,
          label: baseline.label,
          metrics: baseline.metrics,
          trainMetrics: null,
          fitSeconds: NaN,
          latencyP50: NaN,
          latencyP95: NaN,
          rowsPerSecond: NaN,
          sizeBytes: NaN,
          size: '—',
          note: baseline.rule,
        },
      ]
    : [];
  const ranked = rankModels([...rowsOf(models), ...base], metric, metricDirection(metric));
  const others = metrics.filter((m) => m !== metric && (showAll || KEY_METRICS.includes(m)));
  let rank = 0;
  return (
    <div className="leaderboard-wrap">
      <div className="leaderboard-tools">
        {head}
        <label className="small all-columns">
          <input
            type="checkbox"
            checked={showAll}
            onChange={(e) => setShowAll(e.target.checked)}
            data-testid="leaderboard-all-columns"
          />{' '}
          All columns
        </label>
      </div>
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
              {showAll && (
                <th scope="col" className="num">
                  Fit
                  <span className="th-sub">per fold</span>
                </th>
              )}
              <th scope="col" className="num" title="Median single-row prediction latency (p95 below)">
                Latency
                <span className="th-sub">per row</span>
              </th>
              {showAll && (
                <th scope="col" className="num">
                  Rows/s
                </th>
              )}
              <th
                scope="col"
                className="num"
                title="What a reader has to read: leaves (one rule each) or non-zero coefficients"
              >
                Size
                <span className="th-sub">leaves / coef.</span>
              </th>
              {showAll && (
                <th scope="col" className="num" title="The saved model file">
                  File
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {ranked.map((m) => {
              const isBaseline = m.id === 'baseline';
              if (!isBaseline) rank++;
              return (
                <tr
                  key={m.id}
                  data-testid={isBaseline ? 'baseline-row' : 'leaderboard-row'}
                  data-model-id={m.id}
                  className={isBaseline ? 'baseline-row' : undefined}
                >
                  <td className="num rank">{isBaseline ? '' : rank}</td>
                  <th scope="row" className="model-cell">
                    {!isBaseline && (
                      <span className="swatch" style={{ background: modelColor(m.id) }} aria-hidden="true" />
                    )}
                    {m.label}
                    {/* One line, cut with an ellipsis if long (the whole rule on hover): the board stays short. */}
                    {m.note && (
                      <span className="th-sub row-note" title={m.note}>
                        {m.note}
                      </span>
                    )}
                    {m.preTrained && (
                      <span className="th-sub pre-trained-note" data-testid="pre-trained-note">
                        {m.preTrained}
                      </span>
                    )}
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
                    {fmt(
                      (m.trainMetrics?.[metric]?.mean ?? NaN) - (m.metrics[metric]?.mean ?? NaN),
                      metricDigits(metric),
                    )}
                  </td>
                  {showAll && <td className="num">{fmtSeconds(m.fitSeconds)}</td>}
                  <td className="num">
                    <span className="mean-ci">
                      {fmtMs(m.latencyP50)}
                      <span className="ci">p95 {fmtMs(m.latencyP95)}</span>
                    </span>
                  </td>
                  {showAll && (
                    <td className="num">{m.id === 'llm' ? fmt(m.rowsPerSecond, 1) : fmtCount(m.rowsPerSecond)}</td>
                  )}
                  <td className="num" data-testid="size">
                    <span className="mean-ci">
                      {m.size}
                      {m.sizeDetail && <span className="ci">{m.sizeDetail}</span>}
                    </span>
                  </td>
                  {showAll && <td className="num">{fmtBytes(m.sizeBytes)}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** "5,496 leaves" over "10 trees" (or "depth 6"): two short lines instead of one wide cell. */
function sizeCells(size: ModelSize | undefined): { size: string; sizeDetail?: string } {
  if (!size) return { size: '—' };
  if (size.measure === 'coefficients') return { size: sizeText(size) };
  const leaves = `${size.count.toLocaleString('en-US')} lea${size.count === 1 ? 'f' : 'ves'}`;
  if ((size.trees ?? 1) > 1) return { size: leaves, sizeDetail: `${size.trees!.toLocaleString('en-US')} trees` };
  return size.depth !== undefined ? { size: leaves, sizeDetail: `depth ${size.depth}` } : { size: leaves };
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
