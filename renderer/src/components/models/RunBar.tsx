/**
 * The Models screen's primary action, pinned to the bottom of the window (sticky) so "Train & compare" is
 * visible without scrolling, with what the run will do and, when something must be fixed first, what.
 */
import type { ReactNode } from 'react';
import { DEFAULT_FOLDS } from '../../../../app/settings/compare.js';
import type { BuiltRequest } from '../../lib/run-request.js';

export function RunBar({
  built,
  busy,
  onTrain,
  note,
}: {
  built: BuiltRequest;
  busy: boolean;
  onTrain: () => void;
  /** e.g. the confirmation before a paid LLM run. */
  note?: ReactNode;
}) {
  const problems = Object.entries(built.problems);
  const body = built.body;
  const fits = body ? (body.holdout !== undefined ? 1 : (body.folds ?? DEFAULT_FOLDS) * (body.repeats ?? 1)) : 0;
  return (
    <section className="run-bar" aria-label="Train" data-testid="run-bar">
      <div className="run-bar-text">
        {problems.length > 0 ? (
          <ul className="inline-error problem-list" data-testid="run-problems">
            {problems.map(([k, v]) => (
              <li key={k}>
                {k}: {v}
              </li>
            ))}
          </ul>
        ) : body ? (
          <span className="muted" data-testid="run-summary-line">
            {body.models.length} model{body.models.length === 1 ? '' : 's'} ·{' '}
            {body.holdout !== undefined
              ? `one holdout split (${body.holdout} of rows)`
              : `${body.folds ?? DEFAULT_FOLDS}-fold${(body.repeats ?? 1) > 1 ? ` × ${body.repeats} repeats` : ''}`}{' '}
            · {fits * body.models.length} fits in all
          </span>
        ) : null}
        {note}
      </div>
      <button
        type="button"
        className="button primary big"
        onClick={onTrain}
        disabled={busy || body === undefined}
        data-testid="train"
      >
        Train &amp; compare
      </button>
    </section>
  );
}
