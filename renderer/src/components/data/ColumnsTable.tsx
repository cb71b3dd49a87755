import type { ColumnProfile } from '../../../../app/data/profile.js';
import type { Warning } from '../../../../app/util/warnings.js';
import { autoExcludedReason, isLeakageWarning, warningsAbout } from '../../lib/columns.js';
import { fmtCount, fmtPercent } from '../../lib/format.js';
import { ColumnSparkline } from './Sparkline.js';

interface Props {
  columns: readonly ColumnProfile[];
  target: string;
  included: ReadonlySet<string>;
  warnings: readonly Warning[];
  busy: boolean;
  onToggle: (name: string, on: boolean) => void;
}

const TYPE_LABELS: Record<string, string> = {
  numeric: 'number',
  boolean: 'yes/no',
  categorical: 'category',
  identifier: 'identifier',
  constant: 'constant',
};

/** Per column: use it or not, type, missing share, distinct values, distribution, and why it is flagged. */
export function ColumnsTable({ columns, target, included, warnings, busy, onToggle }: Props) {
  const used = columns.filter((c) => c.name !== target && included.has(c.name)).length;
  return (
    <section className="card" aria-labelledby="columns-heading">
      <div className="card-head">
        <h2 id="columns-heading">Columns</h2>
        <span className="muted" data-testid="features-used">
          {used} of {columns.length - 1} used as features
        </span>
      </div>
      <div className="table-scroll columns-scroll">
        <table className="table columns-table">
          <thead>
            <tr>
              <th scope="col">Use</th>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Missing
              </th>
              <th scope="col" className="num">
                Distinct
              </th>
              <th scope="col">Distribution</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => {
              const isTarget = c.name === target;
              const auto = autoExcludedReason(c);
              const notes = isTarget ? [] : warningsAbout(c.name, warnings);
              const leak = notes.some(isLeakageWarning);
              const id = `use-${cssId(c.name)}`;
              return (
                <tr
                  key={c.name}
                  className={`${isTarget ? 'target-row' : ''}${leak ? ' leak-row' : ''}`}
                  data-column={c.name}
                >
                  <td>
                    <input
                      id={id}
                      type="checkbox"
                      checked={!isTarget && auto === undefined && included.has(c.name)}
                      disabled={busy || isTarget || auto !== undefined}
                      onChange={(e) => onToggle(c.name, e.target.checked)}
                      aria-label={`Use ${c.name} as a feature`}
                    />
                  </td>
                  <th scope="row" className="col-name">
                    <label htmlFor={id} title={c.name}>
                      {c.name}
                    </label>
                    {isTarget && <span className="badge">target</span>}
                  </th>
                  <td>
                    <span className={`type type-${c.type}`}>{TYPE_LABELS[c.type] ?? c.type}</span>
                  </td>
                  <td className={`num${c.missingFraction > 0.2 ? ' warn-text' : ''}`}>
                    {c.missing === 0 ? '—' : fmtPercent(c.missingFraction)}
                  </td>
                  <td className="num">{fmtCount(c.distinct)}</td>
                  <td>
                    <ColumnSparkline column={c} />
                  </td>
                  <td className="notes">
                    {isTarget && <span>predicted, not used as a feature</span>}
                    {auto && <span>{auto}</span>}
                    {notes
                      .filter((n) => auto === undefined || isLeakageWarning(n))
                      .map((n) => (
                        <span key={n.message} className={isLeakageWarning(n) ? 'leak-note' : ''}>
                          {isLeakageWarning(n) ? '⚠ ' : ''}
                          {n.message}
                        </span>
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function cssId(name: string): string {
  return Array.from(name, (ch) => (/[A-Za-z0-9_-]/.test(ch) ? ch : `_${ch.codePointAt(0)?.toString(16)}`)).join('');
}
