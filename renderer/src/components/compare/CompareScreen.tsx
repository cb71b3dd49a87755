import type { ModelExportFormat } from '../../../../app/ipc/contract.js';
import type { RowId } from '../../../../app/result/pre-trained.js';
import { useState, type ReactNode } from 'react';
import type { ModelCurves, RunInfo } from '../../../../app/ipc/contract.js';
import {
  CLASSIFICATION_METRICS,
  METRIC_LABELS,
  REGRESSION_METRICS,
  metricDirection,
  type MetricName,
} from '../../../../app/evaluate/metrics.js';
import { cliCommand, type CliSettings } from '../../lib/cli-command.js';
import { fmtCount } from '../../lib/format.js';
import { Leaderboard } from './Leaderboard.js';
import { TradeoffChart } from './TradeoffChart.js';
import { ImportanceChart } from './ImportanceChart.js';
import { ConfusionMatrices } from './ConfusionMatrices.js';
import { CurvesPanel } from './CurvesPanel.js';
import { AgreementView, SubgroupsTable, Verdicts } from './ExplanationsPanel.js';
import { CalibrationChart } from './CalibrationChart.js';
import { LlmResults } from '../llm/LlmResults.js';
import { RecommendationBanner } from './RecommendationBanner.js';
import { AgreementHeatmap } from './AgreementHeatmap.js';
import { ThresholdPanel } from './ThresholdPanel.js';
import type { Thresholds } from '../../state/use-thresholds.js';
import { llmRows, trainedModels } from '../../../../app/evaluate/model-rows.js';
import { ExternalResults } from './ExternalResults.js';

/**
 * The screen's sections in the order they mount after a run (state/use-reveal.ts: one commit per task, so the
 * page never freezes while the whole screen mounts): 1 the head, recommendation, leaderboard and warnings; 2 the
 * verdicts and agreement; 3 the threshold and LLM results; 4 the trade-off chart; 5 importances; 6 agreement
 * and calibration charts; 7 subgroups and confusion matrices; 8 the curves and the CLI line.
 */
export const COMPARE_SECTIONS = 8;

interface Props {
  /** How many sections are on screen (all of them unless a new run is being revealed). */
  shown?: number;
  run: RunInfo;
  curves: ReadonlyMap<string, ModelCurves>;
  cli: CliSettings | null;
  onInspect: () => void;
  /** Saves the result as JSON through the native save dialog. */
  onExport: () => void;
  /** Saves the explanation report (HTML or PDF) through the native save dialog. */
  onExportReport?: (format: 'html' | 'pdf') => void;
  /** "Export the recommended model" from the recommendation banner (JSON, ONNX or SQL). */
  onExportModel?: (modelId: RowId, format: ModelExportFormat) => void;
  busy?: boolean;
  /** Shown below the results (the run log). */
  footer?: ReactNode;
  /** Takes the user to the LLM form (Models), prefilled, when this run had no LLM. */
  onAddLlm?: () => void;
  /** The decision thresholds chosen on the slider (the report export carries them). */
  thresholds: Thresholds;
}

export function CompareScreen({
  shown = COMPARE_SECTIONS,
  run,
  curves,
  cli,
  onInspect,
  onExport,
  onExportReport,
  onExportModel,
  busy = false,
  footer,
  onAddLlm,
  thresholds,
}: Props) {
  const result = run.result;
  const d = result.dataset;
  const classification = d.task === 'classification';
  const all: readonly MetricName[] = classification ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  const metrics = all.filter((m) => result.models.some((x) => x.metrics[m] !== undefined));
  const primary = (
    metrics.includes(result.primaryMetric as MetricName) ? result.primaryMetric : metrics[0]
  ) as MetricName;
  const [metric, setMetric] = useState<MetricName>(primary);
  const current = metrics.includes(metric) ? metric : primary;
  const split =
    result.settings.holdout !== undefined
      ? `holdout ${result.settings.holdout}`
      : `${result.settings.folds}-fold cross-validation`;
  const trained = trainedModels(result);
  const notes = trained.flatMap((m) =>
    m.notes.filter((n) => !result.warnings.some((w) => w.message.includes(n))).map((n) => `${m.label}: ${n}`),
  );
  const warnings = [...result.warnings.map((w) => w.message), ...notes];
  return (
    <div className="screen" data-testid="screen-compare" data-run-id={run.runId}>
      {/* Title and actions on one line, the run's summary under them: the answer starts higher at 1024×700. */}
      <div className="screen-head compare-head">
        <h1 tabIndex={-1}>Compare</h1>
        <div className="head-actions">
          <button
            type="button"
            className="button"
            onClick={onExport}
            data-testid="export-result"
            title="The same JSON document as sapling compare --json"
          >
            Export JSON…
          </button>
          {onExportReport && (
            <>
              <button
                type="button"
                className="button"
                onClick={() => onExportReport('html')}
                data-testid="export-report-html"
                title="A self-contained HTML report: data, models, leaderboard, charts, importances, limitations, environment"
              >
                Report (HTML)…
              </button>
              <button
                type="button"
                className="button"
                onClick={() => onExportReport('pdf')}
                data-testid="export-report-pdf"
                title="The same report as PDF"
              >
                Report (PDF)…
              </button>
            </>
          )}
          <button type="button" className="button primary" onClick={onInspect}>
            Inspect a row →
          </button>
        </div>
      </div>
      <p className="dataset-title run-summary" data-testid="run-summary">
        <strong>{d.fileName}</strong>: {fmtCount(d.rows)} rows
        {d.rows !== d.rowsInFile ? ` (of ${fmtCount(d.rowsInFile)})` : ''}, {d.features.length} features, target{' '}
        <code>{d.target}</code> ({d.task}
        {classification ? `, ${d.classes?.length ?? 0} classes` : ''}), {split}, seed {result.settings.seed}
      </p>

      <RecommendationBanner
        result={result}
        {...(onAddLlm ? { onAddLlm } : {})}
        {...(onExportModel ? { onExportModel } : {})}
        busy={busy}
      />

      <section className="card" aria-labelledby="leaderboard-heading">
        <Leaderboard
          models={result.models}
          metrics={metrics}
          metric={current}
          {...(result.baseline ? { baseline: result.baseline } : {})}
          head={
            <>
              <h2 id="leaderboard-heading">Leaderboard</h2>
              <div className="field inline">
                <label htmlFor="metric-select">Rank by</label>
                <select
                  id="metric-select"
                  value={current}
                  onChange={(e) => setMetric(e.target.value as MetricName)}
                  data-testid="metric-select"
                >
                  {metrics.map((m) => (
                    <option key={m} value={m}>
                      {METRIC_LABELS[m]} ({metricDirection(m)} is better)
                    </option>
                  ))}
                </select>
              </div>
            </>
          }
        />
        <p className="small muted leaderboard-notes">
          {result.primaryMetricReason && (
            <span data-testid="primary-metric-reason">Ranked by {result.primaryMetricReason}. </span>
          )}
          ± is half the 95% interval over folds. Latency: one row at a time.
        </p>
      </section>
      {warnings.length > 0 && (
        <section className="warnings" aria-labelledby="run-warnings" data-testid="run-warnings">
          <h2 id="run-warnings">Read before relying on these numbers</h2>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}

      {shown >= 2 && (
        <>
          {result.external && <ExternalResults external={result.external} trainedOn={d.fileName} />}
          <Verdicts result={result} />
          <AgreementHeatmap result={result} />
        </>
      )}
      {shown >= 3 && (
        <>
          <ThresholdPanel result={result} chosen={thresholds.chosen} onChoose={thresholds.choose} />
          <LlmResults result={result} />
        </>
      )}
      {shown >= 4 && (
        <div className="charts-row">
          <section className="card" aria-label="Accuracy against latency">
            <TradeoffChart models={trained} metric={current} llm={llmRows(result)} />
          </section>
        </div>
      )}
      {shown >= 5 && (
        <section className="card" aria-label="Feature importance">
          <ImportanceChart models={trained} />
        </section>
      )}
      {shown >= 6 && (
        <>
          <AgreementView result={result} />
          <CalibrationChart result={result} />
        </>
      )}
      {shown >= 7 && (
        <>
          <SubgroupsTable result={result} />
          {classification && d.classes && (
            <section className="card" aria-label="Confusion matrices">
              <ConfusionMatrices models={trained} classes={d.classes} />
            </section>
          )}
        </>
      )}
      {shown >= 8 && (
        <>
          <section className="card" aria-label={classification ? 'ROC curves' : 'Predicted against actual'}>
            <CurvesPanel models={trained} curves={curves} task={d.task} classes={d.classes ?? []} />
          </section>
          {cli && (
            <section className="card cli">
              <span className="muted small">Reproduce this run from a terminal (same seed, same numbers):</span>
              <code>{cliCommand(cli)}</code>
            </section>
          )}
        </>
      )}
      {footer}
    </div>
  );
}
