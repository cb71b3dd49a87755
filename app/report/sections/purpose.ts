/** Purpose and data: what was compared, on which file (fingerprint), and what the data looks like. */
import { fmtCount, fmtPercent } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { capped, definitionList, esc, list, raw, table } from '../html.js';

const MAX_COLUMNS = 200;
const MAX_WARNINGS = 50;

export const purposeSection: ReportSection = {
  id: 'purpose-and-data',
  title: 'Purpose and data',
  render({ result, profile, run }) {
    const d = result.dataset;
    const classification = d.task === 'classification';
    const split =
      result.settings.holdout !== undefined
        ? `a holdout split (${fmtPercent(result.settings.holdout, 0)} of rows held out)`
        : `${result.settings.folds}-fold cross-validation`;
    const parts = [
      `<p>This report compares ${result.models.length} model${result.models.length === 1 ? '' : 's'} on the question “predict <b>${esc(d.target)}</b> (${esc(d.task)})” ` +
        `from ${d.features.length} feature column${d.features.length === 1 ? '' : 's'} of <b>${esc(d.fileName)}</b>. Every model was trained and scored on exactly the same rows ` +
        `(${esc(split)}, seed ${result.settings.seed}), with preprocessing fitted inside each training fold. It answers: is a small, explainable tree model good enough ` +
        `for this decision, and what does each model rely on?</p>`,
      definitionList([
        ['File', d.fileName],
        ['SHA-256 (fingerprint)', raw(`<code>${esc(d.sha256)}</code>`)],
        ...(run ? ([['Size', `${fmtCount(run.record.dataset.bytes)} bytes`]] as const) : []),
        [
          'Rows used',
          `${fmtCount(d.rows)} of ${fmtCount(d.rowsInFile)} in the file${d.rows < d.rowsInFile ? ' (rows with a missing target dropped)' : ''}`,
        ],
        ['Columns', `${d.columns} (${d.features.length} used as features)`],
        ['Target', `${d.target} — ${d.task}${classification ? `, ${d.classes?.length ?? 0} classes` : ''}`],
        ...(result.settings.excluded.length
          ? ([['Excluded by the user', result.settings.excluded.join(', ')]] as const)
          : []),
      ]),
    ];
    const balance = profile?.target?.classBalance;
    if (balance && balance.length > 0) {
      const { shown, note } = capped(balance, 50);
      parts.push(
        '<h3>Class balance</h3>',
        table(
          ['class', 'rows', 'share'],
          shown.map((c) => [c.label, fmtCount(c.count), fmtPercent(c.fraction)]),
          { numeric: [false, true, true] },
        ),
        note,
      );
    }
    const columns = profile?.columns ?? run?.record.dataset.columns;
    if (columns) {
      const { shown, note } = capped(columns, MAX_COLUMNS);
      const role = (name: string): string =>
        name === d.target ? 'target' : d.features.includes(name) ? 'feature' : 'not used';
      parts.push(
        '<h3>Columns</h3>',
        table(
          ['column', 'type', 'role', 'missing'],
          shown.map((c) => [c.name, c.type, role(c.name), fmtCount(c.missing)]),
          { numeric: [false, false, false, true] },
        ),
        note,
      );
    }
    const warnings = (profile?.warnings ?? []).map((w) => w.message);
    if (warnings.length > 0) {
      const { shown, note } = capped(warnings, MAX_WARNINGS);
      parts.push('<h3>Data profile warnings</h3>', list(shown), note);
    }
    return parts.join('\n');
  },
};
