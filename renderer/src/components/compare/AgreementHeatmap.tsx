/**
 * How often each pair of models gives the same answer on held-out rows (result.predictionAgreement): one compact
 * heatmap, shaded like the report's (heatShade, app/util/palette.ts), each model named in its colour.
 */
import type { CompareResult } from '../../../../app/result/compare.js';
import { heatShade, modelColor } from '../../lib/colors.js';
import { fmtCount } from '../../lib/format.js';

export function AgreementHeatmap({ result }: { result: CompareResult }) {
  const a = result.predictionAgreement;
  if (!a) return null;
  const share = a.measure === 'same-class';
  const show = (v: number | null) => (v === null ? '—' : share ? `${Math.round(v * 100)}%` : v.toFixed(2));
  return (
    <section className="card" aria-labelledby="agreement-heatmap-heading" data-testid="agreement-heatmap">
      <div className="card-head">
        <h2 id="agreement-heatmap-heading">How often the models agree</h2>
        <span className="muted small">
          {share
            ? `Share of ${fmtCount(a.rows)} held-out rows with the same predicted class`
            : `Correlation of predictions on ${fmtCount(a.rows)} held-out rows`}
        </span>
      </div>
      <div className="table-scroll">
        <table className="heatmap">
          <thead>
            <tr>
              <th scope="col" />
              {a.labels.map((label, j) => (
                <th scope="col" key={a.ids[j]} title={label}>
                  <span className="swatch" style={{ background: modelColor(a.ids[j]) }} aria-hidden="true" />
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {a.matrix.map((row, i) => (
              <tr key={a.ids[i]}>
                <th scope="row">
                  <span className="swatch" style={{ background: modelColor(a.ids[i]) }} aria-hidden="true" />
                  {a.labels[i]}
                </th>
                {row.map((v, j) => {
                  const shade = heatShade(v);
                  return (
                    <td
                      key={a.ids[j]}
                      style={{ background: shade.fill, color: shade.text }}
                      title={`${a.labels[i]} and ${a.labels[j]}: ${show(v)}`}
                      data-testid="agreement-cell"
                    >
                      {show(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Models with the same score can still decide differently for the same row: a light square means the choice
        between them matters case by case.
      </p>
    </section>
  );
}
