/**
 * One rank-agreement grid (app/explain/agreement-grid.ts) as a compact heatmap: rows × pairs, each cell Spearman ρ
 * shaded with the matrices' one scale (heatShade), Kendall τ in its tooltip; cells below DISAGREE_BELOW are marked
 * for the eye and for assistive technology ("low agreement").
 */
import type { ReactNode } from 'react';
import type { AgreementGrid } from '../../../../app/explain/agreement-grid.js';
import { DISAGREE_BELOW } from '../../../../app/explain/agreement.js';
import { heatShade } from '../../lib/colors.js';
import { fmt } from '../../lib/format.js';

export function AgreementGridTable(props: {
  readonly testId: string;
  readonly caption: string;
  readonly corner: string;
  readonly grid: AgreementGrid;
  readonly rowLabel: (key: string) => ReactNode;
  readonly pairLabel: (pair: readonly [string, string]) => string;
}) {
  const { grid } = props;
  if (grid.rows.length === 0 || grid.columns.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="heatmap" data-testid={props.testId}>
        <caption className="muted small">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.corner}</th>
            {grid.columns.map((pair) => (
              <th scope="col" key={pair.join('~')}>
                {props.pairLabel(pair)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row, i) => (
            <tr key={row}>
              <th scope="row">{props.rowLabel(row)}</th>
              {grid.cells[i].map((c, j) => {
                const shade = heatShade(c === null ? null : c.spearman);
                const low = c !== null && c.spearman < DISAGREE_BELOW;
                return (
                  <td
                    key={grid.columns[j].join('~')}
                    style={{ background: shade.fill, color: shade.text }}
                    className={low ? 'low-agreement' : undefined}
                    title={
                      c === null
                        ? 'not available for this model'
                        : `${props.pairLabel(grid.columns[j])}: Spearman ρ ${fmt(c.spearman, 2)}, Kendall τ ${fmt(c.kendall, 2)}${low ? ' — low agreement' : ''}`
                    }
                    data-testid="agreement-grid-cell"
                  >
                    {c === null ? '—' : fmt(c.spearman, 2)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
