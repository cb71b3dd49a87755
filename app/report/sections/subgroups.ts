/**
 * Subgroups: per chosen column, per group and model — rows, selection rate, accuracy, true and false
 * positive rates (regression: mean absolute error) — and the gap between the groups large enough to compare.
 */
import { MIN_GAP_ROWS } from '../../explain/subgroups.js';
import type { SubgroupReport } from '../../result/explain.js';
import { fmt, fmtCount } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { capped, esc, raw, table } from '../html.js';

/** A column with thousands of values (an id) would print thousands of rows per model. */
const MAX_GROUPS = 20;
const MAX_COLUMNS = 5;
const MAX_NAME = 60;

export const subgroupsSection: ReportSection = {
  id: 'subgroups',
  title: 'Subgroups',
  analyses: ['subgroup table'],
  caveats: () => [
    `Subgroup rates on small groups are noisy: gaps are computed only over groups with at least ${MIN_GAP_ROWS} rows, and even then a gap of a few points can be chance. A gap shows a difference in outcomes on this file; whether it is unfair depends on the decision and the law, which this report cannot judge. Removing a column from the features does not remove its information when other columns correlate with it.`,
  ],
  render({ result }) {
    const reports = result.subgroups ?? [];
    if (reports.length === 0) return null;
    const columns = capped(reports, MAX_COLUMNS);
    return [
      `<p>Per group of each chosen column, how every model's out-of-fold predictions fall. “Gap” is the largest minus the smallest value over groups with at least ${MIN_GAP_ROWS} rows.</p>`,
      ...columns.shown.map((s) => renderColumn(s, (id) => result.models.find((m) => m.id === id)?.label ?? id)),
      columns.note,
    ].join('\n');
  },
};

function renderColumn(s: SubgroupReport, label: (id: string) => string): string {
  const classification = s.positiveClass !== undefined;
  const keys = classification ? ['selectionRate', 'accuracy', 'tpr', 'fpr'] : ['mae'];
  const header = classification
    ? ['model', 'group', 'rows', 'selection rate', 'accuracy', 'TPR', 'FPR']
    : ['model', 'group', 'rows', 'MAE'];
  const rows: (string | ReturnType<typeof raw>)[][] = [];
  let hidden = 0;
  for (const m of s.models) {
    // Past the cap, the largest groups stay — listed in the column's own order (binned numbers stay in order).
    const kept = new Set([...m.groups].sort((a, b) => b.count - a.count).slice(0, MAX_GROUPS));
    hidden = Math.max(hidden, m.groups.length - kept.size);
    for (const g of m.groups.filter((x) => kept.has(x))) {
      const small = g.count < MIN_GAP_ROWS ? ' (few rows)' : '';
      rows.push([
        label(m.model),
        `${clip(g.group, MAX_NAME)}${small}`,
        fmtCount(g.count),
        ...keys.map((k) => fmt(g[k as keyof typeof g] as number | undefined, 3)),
      ]);
    }
    rows.push([label(m.model), raw(`<b>gap</b>`), '', ...keys.map((k) => raw(`<b>${esc(fmt(m.gaps[k], 3))}</b>`))]);
  }
  return [
    `<h3>By ${esc(clip(s.column, MAX_NAME))}${classification ? ` — “selected” = predicted ${esc(s.positiveClass)}` : ''}</h3>`,
    table(header, rows, { numeric: header.map((_, j) => j > 1) }),
    hidden > 0
      ? `<p class="note">… and ${hidden} smaller groups per model, not shown (the JSON result lists them all).</p>`
      : '',
    classification
      ? '<p class="note">TPR: share of the rows actually in that class that the model selected; FPR: share of the other rows it selected anyway.</p>'
      : '',
  ].join('\n');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
