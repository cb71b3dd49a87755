import { useSyncExternalStore } from 'react';
import { estimateRemainingSeconds } from '../lib/eta.js';
import { fmtCount, timeLeft } from '../lib/format.js';
import type { ProgressFeed } from '../state/use-busy.js';
import type { Busy } from '../types.js';

/** Progress of the running operation: bar, message, row counts, ETA and Cancel. Re-renders alone on each event. */
export function ProgressPanel({ busy, feed, onCancel }: { busy: Busy; feed: ProgressFeed; onCancel: () => void }) {
  const latest = useSyncExternalStore(feed.subscribe, feed.get);
  const p = latest?.event;
  const fraction = Math.min(1, Math.max(0, p?.fraction ?? 0));
  // A comparison says how long its measured work has left (app/compare/eta.ts) and nothing before it can tell;
  // loading a file reads at a steady rate, so elapsed / fraction is a fair estimate there.
  const eta =
    busy.kind === 'compare'
      ? p?.etaSeconds
      : latest
        ? estimateRemainingSeconds(busy.startedAt, { at: latest.at, fraction })
        : undefined;
  const counts =
    p?.done !== undefined
      ? p.total !== undefined
        ? `${fmtCount(p.done)} of ${fmtCount(p.total)} rows`
        : `${fmtCount(p.done)} rows`
      : undefined;
  return (
    <section className="progress-panel" aria-label="Progress" data-testid="progress" data-kind={busy.kind}>
      <div className="progress-head">
        <strong>{busy.label}</strong>
        <span className="progress-pct">{Math.round(fraction * 100)}%</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={busy.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        aria-valuetext={p?.message ?? 'starting'}
      >
        <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="progress-foot">
        <span className="progress-message" aria-live="polite">
          {busy.cancelling ? 'Cancelling…' : (p?.message ?? 'Starting…')}
        </span>
        {counts && <span className="progress-counts">{counts}</span>}
        {eta !== undefined && eta > 0 && (
          <span
            className="progress-eta"
            title={
              p?.etaUntimed
                ? 'Measured from the models under way; the models not started yet add to it'
                : 'Measured from the work done so far'
            }
          >
            {timeLeft(eta, p?.etaUntimed)}
          </span>
        )}
        {eta === undefined && busy.kind === 'compare' && p !== undefined && (
          <span className="progress-eta" title="The time left is measured from the folds that finish">
            time left: measuring…
          </span>
        )}
        <button
          type="button"
          className="button secondary"
          onClick={onCancel}
          disabled={busy.cancelling}
          data-testid="cancel"
        >
          {busy.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    </section>
  );
}
