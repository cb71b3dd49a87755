import { useEffect, useState } from 'react';
import type { DecisionCardView } from '../../../../app/ipc/contract.js';
import type { ModelDecision } from '../../../../app/result/explain.js';
import { modelColor } from '../../lib/colors.js';
import { fmt, fmtPercent, fmtShort, shownValue } from '../../lib/format.js';
import { LlmColumn, LlmExchange, LlmNotAskedLine } from './LlmDecision.js';

interface Props {
  card: DecisionCardView;
  busy: boolean;
  /** Ask every model again with these values (the file's row with the user's edits). */
  onWhatIf: (values: Record<string, string>) => void;
}

/**
 * The per-decision card: every model's decision on one row with its top signed reasons, the tree's path, the
 * nearest counterfactual, the LLM baseline's stored answer (when the run had one), and a what-if editor that asks every
 * model again.
 */
export function DecisionCard({ card, busy, onWhatIf }: Props) {
  // The inputs show numbers rounded (0.038075906433423026 reads 0.03808); a field the user leaves alone still
  // sends the file's own value, so "Ask every model" without edits answers exactly as the card does.
  const shown = (f: string) => shownValue(card.values[f] ?? '');
  const initial = () => Object.fromEntries(card.features.map((f) => [f, shown(f)]));
  const [draft, setDraft] = useState<Record<string, string>>(initial);
  // A new card (another row, or the answer to a what-if) resets the form to its values.
  useEffect(() => setDraft(initial()), [card]);
  const isEdited = (f: string) => draft[f] !== shown(f);
  const changed = card.features.filter(isEdited);
  // Only features can be edited (the target and excluded columns are not model inputs); a value still as shown
  // goes back as the file wrote it.
  const ask = (values: Readonly<Record<string, string>>) =>
    onWhatIf(
      Object.fromEntries(
        card.features.map((f) => {
          const v = values[f] ?? '';
          return [f, v === shown(f) ? (card.values[f] ?? '') : v];
        }),
      ),
    );
  const classification = card.models.some((m) => m.probabilities !== null);
  const llm = card.llm?.asked ? card.llm : null;
  // The disagreement line names every distinct decision, the LLM's too when it counts (asked, no what-if shown).
  const decisions = [
    ...card.models.map((m) => m.prediction),
    ...(llm && !llm.stale ? [llm.prediction ?? 'an invalid LLM answer'] : []),
  ];
  return (
    <section
      className="card decision-card"
      aria-labelledby="decision-heading"
      data-testid="decision-card"
      data-disagree={card.disagree}
      data-edited={card.edited.join(',')}
    >
      <div className="card-head">
        <h2 id="decision-heading">Per-decision card: row {card.row + 1}</h2>
        <span className="muted small">
          Models of fold {card.fold + 1}, which never saw this row. Reasons are exact SHAP values: each pushes the model
          from its average output towards this decision (+) or away from it (−).
        </span>
      </div>
      {card.edited.length > 0 && (
        <p className="whatif-banner" role="status" data-testid="whatif-banner">
          What-if:{' '}
          {card.edited
            .map((f) => `${f} = ${card.values[f] === '' ? 'missing' : shownValue(card.values[f])}`)
            .join(', ')}{' '}
          (the file says otherwise).
        </p>
      )}
      {card.disagree && (
        <p className="disagree" role="status" data-testid="card-disagreement">
          ⚠ The models disagree: {[...new Set(decisions)].join(' vs. ')}.
        </p>
      )}
      <div className="decision-grid">
        {card.models.map((m) => (
          <ModelColumn key={m.id} decision={m} classification={classification} />
        ))}
        {llm && <LlmColumn llm={llm} classification={classification} />}
      </div>
      {llm && <LlmExchange llm={llm} />}
      {card.llm && <LlmNotAskedLine llm={card.llm} />}
      {card.counterfactuals.length > 0 && (
        <div className="counterfactuals" data-testid="counterfactuals">
          <h3>What would change the decision?</h3>
          <ul>
            {card.counterfactuals.map(({ modelId, counterfactual: c }) => {
              const label = card.models.find((m) => m.id === modelId)?.label ?? modelId;
              return (
                <li key={modelId} data-testid="counterfactual" data-model-id={modelId}>
                  {c === null ? (
                    <>{label}: no change of one or two features (among values seen in training) flips its decision.</>
                  ) : (
                    <>
                      {label} would say <strong>{c.to}</strong> (p = {fmt(c.probability, 2)}) instead of {c.from} if{' '}
                      {c.changes
                        .map(
                          (ch) =>
                            `${ch.feature} were ${shownValue(ch.to)} instead of ${ch.from === '' ? 'missing' : shownValue(ch.from)}`,
                        )
                        .join(' and ')}
                      .{' '}
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          ask({ ...card.values, ...Object.fromEntries(c.changes.map((ch) => [ch.feature, ch.to])) })
                        }
                        disabled={busy}
                      >
                        Try it
                      </button>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <form
        className="whatif"
        aria-labelledby="whatif-heading"
        onSubmit={(e) => {
          e.preventDefault();
          ask(draft);
        }}
      >
        <h3 id="whatif-heading">What if? Edit values and ask every model again</h3>
        <div className="whatif-grid">
          {card.features.map((f) => {
            const id = `whatif-${f.replace(/[^A-Za-z0-9_-]/g, '_')}`;
            const choices = card.choices[f];
            return (
              <div className={`field${isEdited(f) ? ' edited' : ''}`} key={f}>
                <label htmlFor={id}>{f}</label>
                {choices ? (
                  <select
                    id={id}
                    value={draft[f] ?? ''}
                    onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
                    data-testid="whatif-input"
                    data-feature={f}
                  >
                    <option value="">(missing)</option>
                    {[...new Set([...choices, ...(draft[f] ? [draft[f]] : [])])].map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    type="text"
                    inputMode="decimal"
                    value={draft[f] ?? ''}
                    onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
                    data-testid="whatif-input"
                    data-feature={f}
                  />
                )}
              </div>
            );
          })}
        </div>
        <div className="whatif-actions">
          <button
            type="submit"
            className="button primary"
            disabled={busy || changed.length === 0}
            data-testid="whatif-apply"
          >
            Ask every model{changed.length > 0 ? ` (${changed.length} change${changed.length === 1 ? '' : 's'})` : ''}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy || card.edited.length === 0}
            onClick={() => onWhatIf({})}
            data-testid="whatif-reset"
          >
            Back to the file’s values
          </button>
        </div>
      </form>
    </section>
  );
}

function ModelColumn({ decision: m, classification }: { decision: ModelDecision; classification: boolean }) {
  const max = Math.max(1e-12, ...m.reasons.map((r) => Math.abs(r.contribution)));
  return (
    <div
      className="decision-model"
      data-testid="decision-model"
      data-model-id={m.id}
      data-prediction={m.prediction}
      data-score={m.score}
    >
      <h3>
        <span className="swatch" style={{ background: modelColor(m.id) }} aria-hidden="true" />
        {m.label}
      </h3>
      <p className="decision-outcome">
        <strong data-testid="decision-prediction">
          {classification ? m.prediction : fmtShort(Number(m.prediction))}
        </strong>
        {classification && <span className="muted"> · {fmtPercent(m.score, 1)}</span>}
      </p>
      <p className="muted small">
        Reasons add up to the {m.explains}
        {m.units === 'log-odds'
          ? ' (log-odds: boosting and logistic regression are explained before their link function)'
          : ''}
        : average {fmt(m.baseValue, 3)} → this row {fmt(m.value, 3)}.
      </p>
      <ol className="reasons" aria-label={`${m.label}: top reasons`}>
        {m.reasons.map((r) => (
          <li
            key={r.feature}
            className={r.contribution >= 0 ? 'plus' : 'minus'}
            data-testid="reason"
            data-feature={r.feature}
            data-contribution={r.contribution}
          >
            <span className="reason-text">
              {r.feature} = {r.value === '' ? <em>missing</em> : shownValue(r.value)}
            </span>
            <span className="reason-bar" aria-hidden="true">
              <span style={{ width: `${(Math.abs(r.contribution) / max) * 100}%` }} />
            </span>
            <span className="reason-value">
              {r.contribution >= 0 ? '+' : '−'}
              {fmt(Math.abs(r.contribution), 3)}
            </span>
          </li>
        ))}
      </ol>
      {m.path && (
        <p className="decision-path small" data-testid="decision-path">
          <span className="muted">Path: </span>
          <span className="path-text">{m.path}</span>
        </p>
      )}
    </div>
  );
}
