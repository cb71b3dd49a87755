import type { DatasetProfile } from '../../../../app/data/profile.js';
import { classColor } from '../../lib/colors.js';
import { fmtCount, fmtPercent } from '../../lib/format.js';

interface Props {
  columns: readonly string[];
  target: string;
  profile: DatasetProfile | null;
  profiling: boolean;
  busy: boolean;
  onChoose: (name: string) => void;
}

/** The target column, its task and class balance. */
export function TargetPanel({ columns, target, profile, profiling, busy, onChoose }: Props) {
  const t = profile?.target?.name === target ? profile.target : undefined;
  const balance = t?.classBalance ?? [];
  // The profile lists classes in the target's class order: a class's colour is its place in that order.
  const classLabels = balance.map((c) => c.label);
  return (
    <section className="card target-card" aria-labelledby="target-heading">
      <h2 id="target-heading">What to predict</h2>
      <div className="field">
        <label htmlFor="target-select">Target column</label>
        <select
          id="target-select"
          value={target}
          onChange={(e) => onChoose(e.target.value)}
          disabled={busy}
          data-testid="target-select"
        >
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      {profiling && <p className="muted">Profiling the target…</p>}
      {!profiling && t && (
        <p className="target-task" data-testid="target-task">
          {t.task === 'classification' ? `Classification, ${balance.length} classes` : 'Regression (a number)'}
        </p>
      )}
      {!profiling && balance.length > 0 && (
        <div className="class-balance" aria-label="Class balance" data-testid="class-balance">
          {balance.slice(0, 12).map((c) => (
            <div className="balance-row" key={c.label}>
              <span className="balance-label" title={c.label}>
                {c.label}
              </span>
              <span className="balance-track">
                <span
                  className="balance-fill"
                  style={{ width: `${Math.max(1, c.fraction * 100)}%`, background: classColor(classLabels, c.label) }}
                />
              </span>
              <span className="balance-value">
                {fmtCount(c.count)} ({fmtPercent(c.fraction)})
              </span>
            </div>
          ))}
          {balance.length > 12 && <p className="muted small">…and {balance.length - 12} more classes</p>}
        </div>
      )}
    </section>
  );
}
