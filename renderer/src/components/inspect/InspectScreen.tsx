import { useEffect, useState } from 'react';
import type { DecisionCardView, InspectResult, RunInfo } from '../../../../app/ipc/contract.js';
import { DecisionCard } from './DecisionCard.js';
import { classColor, modelColor } from '../../lib/colors.js';
import { fmtCount, fmtPercent, fmtShort } from '../../lib/format.js';
import { TreeView } from './TreeView.js';

interface Props {
  run: RunInfo;
  rows: number;
  /** 0-based row selected (from the Data preview or here). */
  row: number | null;
  result: InspectResult | null;
  loading: boolean;
  onInspect: (row: number) => void;
  /** The per-decision card for the shown row (null while it is computed). */
  card: DecisionCardView | null;
  explaining: boolean;
  onWhatIf: (values: Record<string, string>) => void;
}

/** One row, every model: predictions and probabilities side by side with the actual value, and the tree's path. */
export function InspectScreen({ run, rows, row, result, loading, onInspect, card, explaining, onWhatIf }: Props) {
  const [text, setText] = useState(row !== null ? String(row + 1) : '1');
  useEffect(() => {
    if (row !== null) setText(String(row + 1));
  }, [row]);
  const n = Number(text);
  const valid = Number.isInteger(n) && n >= 1 && n <= rows;
  const go = (r: number) => {
    setText(String(r + 1));
    onInspect(r);
  };
  const shown = result !== null && result.row === row ? result : null;
  const classes = run.result.dataset.classes ?? [];
  const classification = run.result.dataset.task === 'classification';
  return (
    <div className="screen" data-testid="screen-inspect">
      <div className="screen-head">
        <div>
          <h1 tabIndex={-1}>Inspect</h1>
          <p className="dataset-title">
            What each model says about one row of <strong>{run.result.dataset.fileName}</strong>, from the fold in which
            that row was held out.
          </p>
        </div>
      </div>
      <form
        className="card row-picker"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onInspect(n - 1);
        }}
      >
        <div className="field inline">
          <label htmlFor="inspect-row">Row number</label>
          <input
            id="inspect-row"
            type="number"
            min={1}
            max={rows}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="inspect-row-help"
            aria-invalid={!valid || undefined}
            data-testid="inspect-row"
          />
          <span className="help" id="inspect-row-help">
            1 to {fmtCount(rows)}, as numbered in the Data step’s table (you can also click a row there).
          </span>
        </div>
        <button type="submit" className="button primary" disabled={!valid || loading} data-testid="inspect-go">
          Inspect
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={row === null || row <= 0 || loading}
          onClick={() => row !== null && go(row - 1)}
        >
          ← Previous
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={row === null || row >= rows - 1 || loading}
          onClick={() => go((row ?? -1) + 1)}
        >
          Next →
        </button>
      </form>

      {shown === null && !loading && (
        <div className="empty">
          <p>Pick a row: type its number and press Inspect, or click a row in the Data step’s table.</p>
        </div>
      )}
      {loading && <p className="muted">Asking every model about row {row !== null ? row + 1 : ''}…</p>}

      {shown && (
        <>
          <Predictions result={shown} classes={classes} classification={classification} />
          {card !== null && card.row === shown.row ? (
            <DecisionCard card={card} busy={explaining} onWhatIf={onWhatIf} />
          ) : (
            explaining && <p className="muted">Explaining every model’s decision…</p>
          )}
          {shown.tree ? (
            <section className="card" aria-label="Decision tree">
              <TreeView nodes={shown.tree.nodes} path={shown.tree.path} values={shown.values} />
            </section>
          ) : (
            <p className="muted">The decision tree was not among the trained models, so there is no tree to draw.</p>
          )}
          <details className="card row-values">
            <summary>All values of row {shown.row + 1}</summary>
            <dl className="values-grid">
              {Object.entries(shown.values).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v === '' ? <span className="muted">missing</span> : v}</dd>
                </div>
              ))}
            </dl>
          </details>
        </>
      )}
    </div>
  );
}

function Predictions({
  result,
  classes,
  classification,
}: {
  result: InspectResult;
  classes: readonly string[];
  classification: boolean;
}) {
  const distinct = new Set(result.predictions.map((p) => p.prediction));
  const disagree = classification && distinct.size > 1;
  const numeric = result.predictions.map((p) => Number(p.prediction));
  const actualNum = Number(result.actual);
  const spread = !classification && numeric.every(Number.isFinite) ? Math.max(...numeric) - Math.min(...numeric) : NaN;
  return (
    <section className="card" aria-labelledby="predictions-heading" data-testid="predictions" data-disagree={disagree}>
      <div className="card-head">
        <h2 id="predictions-heading">Row {result.row + 1}</h2>
        <span className="muted">
          actual <code>{result.actual === '' ? 'missing' : result.actual}</code> · tested in fold {result.fold + 1}
        </span>
      </div>
      {disagree && (
        <p className="disagree" role="status" data-testid="disagreement">
          ⚠ The models disagree on this row: {[...distinct].join(' vs. ')}.
        </p>
      )}
      {!classification && Number.isFinite(spread) && (
        <p className="muted">Predictions differ by up to {fmtShort(spread)} between models.</p>
      )}
      <table className="table predictions-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Prediction</th>
            <th scope="col">{classification ? 'Probabilities' : 'Error (prediction − actual)'}</th>
            <th scope="col">Right?</th>
          </tr>
        </thead>
        <tbody>
          {result.predictions.map((p) => {
            const right = classification ? p.prediction === result.actual : undefined;
            return (
              <tr key={p.modelId} data-testid="prediction-row" data-model-id={p.modelId}>
                <th scope="row" className="model-cell">
                  <span className="swatch" style={{ background: modelColor(p.modelId) }} aria-hidden="true" />
                  {p.label}
                </th>
                <td className="prediction" data-testid="prediction-value">
                  {classification ? p.prediction : fmtShort(Number(p.prediction))}
                </td>
                <td>
                  {classification ? (
                    p.proba ? (
                      <ProbaBars proba={p.proba} classes={classes} predicted={p.prediction} />
                    ) : (
                      <span className="muted">—</span>
                    )
                  ) : Number.isFinite(actualNum) ? (
                    fmtShort(Number(p.prediction) - actualNum)
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {right === undefined ? (
                    ''
                  ) : right ? (
                    <span className="ok">✓ right</span>
                  ) : (
                    <span className="wrong">✗ wrong</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function ProbaBars({
  proba,
  classes,
  predicted,
}: {
  proba: Readonly<Record<string, number>>;
  classes: readonly string[];
  predicted: string;
}) {
  const labels = classes.length > 0 ? classes.filter((c) => c in proba) : Object.keys(proba);
  const top = labels.length > 6 ? [...labels].sort((a, b) => proba[b] - proba[a]).slice(0, 6) : labels;
  return (
    <div className="proba" aria-label="Class probabilities">
      {top.map((c) => {
        return (
          <div key={c} className={`proba-row${c === predicted ? ' predicted' : ''}`}>
            <span className="proba-label" title={c}>
              {c}
            </span>
            <span className="proba-track">
              <span
                className="proba-fill"
                style={{ width: `${proba[c] * 100}%`, background: classColor(classes, c) }}
              />
            </span>
            <span className="proba-value">{fmtPercent(proba[c], 0)}</span>
          </div>
        );
      })}
    </div>
  );
}
