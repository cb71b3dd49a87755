import type { CompareResult } from '../../../../app/result/compare.js';
import { modelColor } from '../../lib/colors.js';
import { fmt, fmtCount } from '../../lib/format.js';
import { AgreementGridTable } from './AgreementGridTable.js';
import { METHOD_HEADING, methodAgreementGrid, modelAgreementGrid } from '../../../../app/explain/agreement-grid.js';

/** Verdict lines: is one model really better than another on the same folds? */
export function Verdicts({ result }: { result: CompareResult }) {
  const verdicts = result.verdicts ?? [];
  if (verdicts.length === 0) return null;
  const repeats = result.settings.repeats ? ` × ${result.settings.repeats} repeats` : '';
  return (
    <section className="card" aria-labelledby="verdicts-heading" data-testid="verdicts">
      <div className="card-head">
        <h2 id="verdicts-heading">Is one model really better?</h2>
        <span className="muted small">
          Corrected resampled t-test (Nadeau &amp; Bengio) and the probability of practical equivalence (Bayesian
          correlated t-test, Benavoli et al.) on the same {result.settings.folds ?? 1} folds{repeats}.
        </span>
      </div>
      <ul className="verdicts">
        {verdicts.map((v) => (
          <li key={`${v.a}-${v.b}`} data-testid="verdict" data-a={v.a} data-b={v.b} data-p={v.p}>
            {v.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Do the importance methods agree for each model, and do the models rely on the same features? */
export function AgreementView({ result }: { result: CompareResult }) {
  const shap = result.shap;
  if (!shap) return null;
  const label = (id: string) => result.models.find((m) => m.id === id)?.label ?? id;
  const top = 5;
  // SHAP explains a sample of each fold's held-out rows (fewer for costly models): at 1M rows, 20 of 200,000. The
  // table says how many, so a mean |SHAP| is not read as covering every row.
  const { rows } = result.dataset;
  const { folds, holdout } = result.settings;
  const heldOut = Math.round(holdout !== undefined ? rows * holdout : rows / (folds ?? 1));
  return (
    <section className="card" aria-labelledby="agreement-heading" data-testid="agreement">
      <div className="card-head">
        <h2 id="agreement-heading">Explanations: do the methods agree?</h2>
        <span className="muted small">{shap.note}</span>
      </div>
      <div className="agreement-grid">
        <div className="table-scroll">
          <table className="table">
            <caption className="muted small">Top features by mean |SHAP| on a sample of held-out rows</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Units</th>
                <th scope="col" className="num" title="Held-out rows explained per fold">
                  Rows
                </th>
                {Array.from({ length: top }, (_, i) => (
                  <th scope="col" key={i}>
                    #{i + 1}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shap.models.map((m) => {
                const sorted = [...m.meanAbs].sort((a, b) => b.mean - a.mean).slice(0, top);
                return (
                  <tr key={m.id} data-testid="shap-row" data-model-id={m.id}>
                    <th scope="row" className="model-cell">
                      <span className="swatch" style={{ background: modelColor(m.id) }} aria-hidden="true" />
                      {label(m.id)}
                    </th>
                    <td className="muted small">{m.units}</td>
                    <td
                      className="num muted small"
                      data-testid="shap-rows"
                      title={`${fmtCount(m.rowsPerFold)} of about ${fmtCount(heldOut)} held-out rows per fold`}
                    >
                      {fmtCount(m.rowsPerFold)} per fold
                    </td>
                    {sorted.map((e) => (
                      <td key={e.feature} title={`mean |SHAP| ${fmt(e.mean, 4)} ± ${fmt(e.std, 4)} over folds`}>
                        {e.feature} <span className="muted small">{fmt(e.mean, 3)}</span>
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <AgreementGridTable
          testId="agreement-methods"
          caption="Do the methods rank the features alike, per model? (Spearman ρ; Kendall τ on hover)"
          corner="Model"
          grid={methodAgreementGrid(shap.agreement)}
          rowLabel={(id) => (
            <>
              <span className="swatch" style={{ background: modelColor(id) }} aria-hidden="true" />
              {label(id)}
            </>
          )}
          pairLabel={([a, b]) => `${METHOD_HEADING[a] ?? a} ~ ${METHOD_HEADING[b] ?? b}`}
        />
        <AgreementGridTable
          testId="agreement-models"
          caption="Do the models rely on the same features, per method? (Spearman ρ; Kendall τ on hover)"
          corner="Method"
          grid={modelAgreementGrid(shap.agreement)}
          rowLabel={(m) => METHOD_HEADING[m] ?? m}
          pairLabel={([a, b]) => `${label(a)} ~ ${label(b)}`}
        />
      </div>
      {shap.agreement.notes.length > 0 && (
        <ul className="agreement-notes" data-testid="agreement-notes">
          {shap.agreement.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Per group of each chosen column and per model: rows, selection rate, accuracy, TPR, FPR, and the gaps. */
export function SubgroupsTable({ result }: { result: CompareResult }) {
  const reports = result.subgroups ?? [];
  if (reports.length === 0) return null;
  const label = (id: string) => result.models.find((m) => m.id === id)?.label ?? id;
  return (
    <section className="card" aria-labelledby="subgroups-heading" data-testid="subgroups">
      <div className="card-head">
        <h2 id="subgroups-heading">Subgroups</h2>
        <span className="muted small">Out-of-fold predictions per group; gaps over groups of at least 30 rows.</span>
      </div>
      {reports.map((r) => {
        const classification = r.positiveClass !== undefined;
        const keys = classification ? (['selectionRate', 'accuracy', 'tpr', 'fpr'] as const) : (['mae'] as const);
        const heads: Record<string, string> = {
          selectionRate: `selected (${r.positiveClass ?? ''})`,
          accuracy: 'accuracy',
          tpr: 'TPR',
          fpr: 'FPR',
          mae: 'MAE',
        };
        return (
          <div className="table-scroll" key={r.column}>
            <table className="table" data-testid="subgroup-table" data-column={r.column}>
              <caption className="muted small">By {r.column}</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Group</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  {keys.map((k) => (
                    <th scope="col" className="num" key={k}>
                      {heads[k]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.models.flatMap((m) => [
                  ...m.groups.map((g) => (
                    <tr key={`${m.model}-${g.group}`}>
                      <th scope="row">{label(m.model)}</th>
                      <td>{g.group}</td>
                      <td className="num">{g.count}</td>
                      {keys.map((k) => (
                        <td className="num" key={k}>
                          {fmt(g[k], 3)}
                        </td>
                      ))}
                    </tr>
                  )),
                  <tr key={`${m.model}-gap`} className="gap-row">
                    <th scope="row">{label(m.model)}</th>
                    <td>
                      <em>gap (max − min)</em>
                    </td>
                    <td />
                    {keys.map((k) => (
                      <td className="num" key={k}>
                        {fmt(m.gaps[k], 3)}
                      </td>
                    ))}
                  </tr>,
                ])}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
