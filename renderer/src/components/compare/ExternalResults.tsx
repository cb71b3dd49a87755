/**
 * On new data (--test-file): each model trained on all rows and scored on the other file, next to its cross-validated
 * score and the drop, and the shift check that says how different the other file is and in which columns.
 */
import { METRIC_LABELS, type MetricName } from '../../../../app/evaluate/metrics.js';
import type { ExternalResult } from '../../../../app/result/external.js';
import { modelColor } from '../../lib/colors.js';
import { fmt, fmtCount } from '../../lib/format.js';

const SHOWN_COLUMNS = 5;

export function ExternalResults({ external: ext, trainedOn }: { external: ExternalResult; trainedOn: string }) {
  const metric = METRIC_LABELS[ext.metric as MetricName] ?? ext.metric;
  return (
    <section className="card" aria-labelledby="external-heading" data-testid="external-results">
      <div className="card-head">
        <h2 id="external-heading">On new data: {ext.fileName}</h2>
        <span className="muted small">
          trained on all rows of {trainedOn}, scored on {fmtCount(ext.rows)} rows of {ext.fileName}
        </span>
      </div>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                {metric}, cross-validated
              </th>
              <th scope="col" className="num">
                {metric} on {ext.fileName}
              </th>
              <th scope="col" className="num">
                Drop
              </th>
            </tr>
          </thead>
          <tbody>
            {ext.models.map((m) => (
              <tr key={m.id} data-testid="external-row" data-model-id={m.id}>
                <th scope="row" className="model-cell">
                  <span className="swatch" style={{ background: modelColor(m.id) }} aria-hidden="true" />
                  {m.label}
                </th>
                <td className="num">{fmt(m.crossValidated)}</td>
                <td className="num">{fmt(m.metrics[ext.metric])}</td>
                <td className="num">{fmt(m.drop)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p
        className={`small${ext.shift.verdict === 'similar' ? '' : ' warning-text'}`}
        data-testid="external-shift"
        data-verdict={ext.shift.verdict}
      >
        {ext.shift.message}
        {ext.shift.columns.length > 0 &&
          ` Columns that tell the files apart most: ${ext.shift.columns
            .slice(0, SHOWN_COLUMNS)
            .map((c) => `${c.name} (${fmt(c.importance, 2)})`)
            .join(', ')}.`}
      </p>
      {ext.warnings.map((w) => (
        <p key={w} className="muted small">
          {w}
        </p>
      ))}
    </section>
  );
}
