import type { DatasetInfo, RecentFile, SampleInfo } from '../../../../app/ipc/contract.js';
import type { DatasetProfile } from '../../../../app/data/profile.js';
import { isLeakageWarning } from '../../lib/columns.js';
import { fmtCount } from '../../lib/format.js';
import { SourcePanel } from './SourcePanel.js';
import { TargetPanel } from './TargetPanel.js';
import { ColumnsTable } from './ColumnsTable.js';
import { PreviewTable } from './PreviewTable.js';
import { ChecksPanel, type TargetConfirmation } from './ChecksPanel.js';
import { EncodingPanel } from './EncodingPanel.js';
import { isEncodingGuessWarning, type EncodingName } from '../../../../app/data/text-input.js';

interface Props {
  busy: boolean;
  samples: readonly SampleInfo[];
  recent: readonly RecentFile[];
  dataset: DatasetInfo | null;
  target: string;
  targetProfile: DatasetProfile | null;
  profiling: boolean;
  included: ReadonlySet<string>;
  selectedRow: number | null;
  hasRun: boolean;
  onOpenFile: () => void;
  onLoadSample: (name: string) => void;
  onLoadPath: (file: RecentFile) => void;
  onChooseTarget: (name: string) => void;
  onToggleColumn: (name: string, on: boolean) => void;
  onPickRow: (row: number) => void;
  onNext: () => void;
  /** Why the target cannot be trained yet (undefined = it can). */
  targetProblem?: string;
  confirmed: TargetConfirmation | null;
  onConfirmTarget: (nearConstant: boolean) => void;
  onExclude: (columns: readonly string[]) => void;
  /** Opens the current file again with another text encoding. */
  onReopen: (encoding: EncodingName) => void;
}

export function DataScreen(props: Props) {
  const { dataset, busy } = props;
  const source = (
    <SourcePanel
      busy={busy}
      samples={props.samples}
      recent={props.recent}
      onOpenFile={props.onOpenFile}
      onLoadSample={props.onLoadSample}
      onLoadPath={props.onLoadPath}
    />
  );
  if (dataset === null) {
    return (
      <div className="screen" data-testid="screen-data">
        <h1 tabIndex={-1}>Data</h1>
        <p className="lead">
          Start with a table: open a CSV file of yours, drop one onto this window, or try a bundled sample. Sapling
          profiles every column, then trains small explainable models on it so you can judge whether a decision needs
          anything bigger.
        </p>
        {source}
      </div>
    );
  }
  const profile = props.targetProfile?.target?.name === props.target ? props.targetProfile : dataset.profile;
  // The encoding guess has its own notice with the choice of another encoding (EncodingPanel).
  const warnings = profile.warnings.filter((w) => !isEncodingGuessWarning(w));
  const leaks = warnings.filter(isLeakageWarning);
  const others = warnings.filter((w) => !isLeakageWarning(w));
  return (
    <div className="screen" data-testid="screen-data">
      <div className="screen-head">
        <div>
          <h1 tabIndex={-1}>Data</h1>
          <p className="dataset-title" data-testid="dataset-title">
            <strong>{dataset.fileName}</strong> · {fmtCount(dataset.rows)} rows · {dataset.columnNames.length} columns
          </p>
        </div>
        <div className="head-actions">
          <button type="button" className="button secondary" onClick={props.onOpenFile} disabled={busy}>
            Open another file…
          </button>
          <button
            type="button"
            className="button primary"
            onClick={props.onNext}
            disabled={busy || props.target === '' || props.targetProblem !== undefined}
            title={props.targetProblem}
            data-testid="to-models"
          >
            Continue to Models →
          </button>
        </div>
      </div>

      {dataset.path !== undefined && (
        <EncodingPanel key={dataset.datasetId} dataset={dataset} busy={busy} onReopen={props.onReopen} />
      )}

      <ChecksPanel
        target={props.target}
        fileProfile={dataset.profile}
        targetProfile={profile}
        confirmed={props.confirmed}
        included={props.included}
        busy={busy}
        onConfirm={props.onConfirmTarget}
        onExclude={props.onExclude}
      />

      {warnings.length > 0 && (
        <section
          className={`warnings${leaks.length > 0 ? ' has-leak' : ''}`}
          aria-labelledby="warnings-heading"
          data-testid="data-warnings"
        >
          <h2 id="warnings-heading">
            {leaks.length > 0 ? 'Check these before trusting any score' : 'Notes on this file'}
          </h2>
          <ul>
            {leaks.map((w) => (
              <li key={w} className="leak">
                <strong>Possible leakage:</strong> {w}
              </li>
            ))}
            {others.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}

      <div className="data-grid">
        <TargetPanel
          columns={dataset.columnNames}
          target={props.target}
          profile={props.targetProfile}
          profiling={props.profiling}
          busy={busy}
          onChoose={props.onChooseTarget}
        />
        <ColumnsTable
          columns={dataset.profile.columns}
          target={props.target}
          included={props.included}
          warnings={warnings}
          busy={busy}
          onToggle={props.onToggleColumn}
        />
      </div>

      <section className="card" aria-labelledby="preview-heading">
        <div className="card-head">
          <h2 id="preview-heading">Rows</h2>
          <span className="muted">
            {props.hasRun
              ? 'Click a row to inspect every model’s prediction for it.'
              : 'Click a row to select it for the Inspect step.'}
            {props.selectedRow !== null && ` Selected: row ${props.selectedRow + 1}.`}
          </span>
        </div>
        <PreviewTable
          datasetId={dataset.datasetId}
          rows={dataset.rows}
          columns={dataset.columnNames}
          target={props.target}
          selectedRow={props.selectedRow}
          hasRun={props.hasRun}
          onPickRow={props.onPickRow}
        />
      </section>

      <details className="card another">
        <summary>Load a different dataset</summary>
        {source}
      </details>
    </div>
  );
}
