/**
 * SHAP's part of the feature-importance section (one concept, one home: importance.ts calls these):
 * mean |SHAP| per model next to permutation and impurity importance, the agreement view's rank
 * correlations between methods and between models, its notes, and the method's caveats.
 */
import type { CompareResult } from '../../result/compare.js';
import type { ShapSection } from '../../result/explain.js';
import { fmt } from '../../util/format.js';
import { capped, esc, list, table } from '../html.js';
import { modelColor } from '../../models/catalog/index.js';
import { barChart } from '../svg.js';
import { heatShade } from '../../util/palette.js';
import { DISAGREE_BELOW } from '../../explain/agreement.js';
import {
  METHOD_HEADING,
  methodAgreementGrid,
  modelAgreementGrid,
  type AgreementGrid,
} from '../../explain/agreement-grid.js';

const UNIT_LABEL: Readonly<Record<string, string>> = {
  probability: 'probability',
  'log-odds': 'log-odds',
  value: 'target units',
};
const MAX_NOTES = 30;
const MAX_PAIRS = 60;

export function shapCaveats(result: CompareResult): string[] {
  const shap = result.shap;
  if (!shap) return [];
  const treeShap = shap.models.filter((m) => m.method === 'tree-shap');
  const logOdds = shap.models.filter((m) => m.units === 'log-odds');
  const label = modelLabel(result);
  return [
    ...(treeShap.length
      ? [
          `SHAP values for ${treeShap.map((m) => label(m.id)).join(', ')} are exact path-dependent TreeSHAP: the "absent feature" is integrated out along the tree's own training-row splits (cover), so correlated features share credit the way the trees split, not as an interventional or causal effect.`,
        ]
      : []),
    ...(logOdds.length
      ? [
          `SHAP for ${logOdds.map((m) => label(m.id)).join(', ')} is in log-odds (the model's raw margin), not probability: its magnitudes cannot be compared with the probability-unit models; compare ranks, as the agreement table does.`,
        ]
      : []),
    `Global SHAP is the mean |SHAP| over a sample of held-out rows (at most ${fmt(shap.rowsPerFold, 0)} per fold${
      shap.models.some((m) => m.rowsPerFold < shap.rowsPerFold)
        ? `, fewer for costly models: ${shap.models
            .filter((m) => m.rowsPerFold < shap.rowsPerFold)
            .map((m) => `${label(m.id)} ${m.rowsPerFold}`)
            .join(', ')}`
        : ''
    }), not all rows; it says how much a feature moves the prediction, not whether it causes the outcome.`,
  ];
}

/** One bar chart of mean |SHAP| per model, in the units its attributions add up to. */
export function shapCharts(result: CompareResult, top: number): string {
  const shap = result.shap;
  if (!shap) return '';
  const label = modelLabel(result);
  return shap.models
    .map((m) => {
      const bars = [...m.meanAbs].sort((a, b) => b.mean - a.mean).slice(0, top);
      return `<figure>${barChart(
        bars.map((e) => ({ label: e.feature, value: e.mean, spread: e.std })),
        `${label(m.id)}: mean |SHAP|`,
        `mean |SHAP| (${UNIT_LABEL[m.units] ?? m.units})`,
        modelColor(m.id),
      )}<figcaption>${esc(label(m.id))} (${esc(m.rowsPerFold)} rows per fold)</figcaption></figure>`;
    })
    .join('');
}

/** Mean |SHAP| per feature and model, in the order the caller lists the features. */
export function shapTable(result: CompareResult, features: readonly string[]): string {
  const shap = result.shap as ShapSection;
  const label = modelLabel(result);
  return table(
    ['feature', ...shap.models.map((m) => `${label(m.id)} (mean |SHAP|, ${UNIT_LABEL[m.units] ?? m.units})`)],
    features.map((f) => [
      f,
      ...shap.models.map((m) => {
        const e = m.meanAbs.find((x) => x.feature === f);
        return e ? `${fmt(e.mean, 4)} ± ${fmt(e.std, 4)}` : '—';
      }),
    ]),
    { numeric: [false, ...shap.models.map(() => true)] },
  );
}

/**
 * One rank-agreement grid as a shaded table (the desktop's AgreementGridTable in HTML): rows × pairs, Spearman ρ
 * in each cell on the matrices' one scale, Kendall τ in its tooltip, low agreement underlined. At most MAX_PAIRS
 * columns, so a run of many models keeps a small report.
 */
function gridTable(
  grid: AgreementGrid,
  corner: string,
  caption: string,
  rowLabel: (key: string) => string,
  pairLabel: (pair: readonly [string, string]) => string,
): string {
  if (grid.rows.length === 0 || grid.columns.length === 0) return '';
  const columns = capped(grid.columns, MAX_PAIRS);
  const head = columns.shown.map((pair) => `<th>${esc(pairLabel(pair))}</th>`).join('');
  const body = grid.rows
    .map((row, i) => {
      const cells = columns.shown.map((pair, j) => {
        const c = grid.cells[i][j];
        const shade = heatShade(c === null ? null : c.spearman);
        const low = c !== null && c.spearman < DISAGREE_BELOW;
        const title = c === null ? 'not available' : `Spearman ρ ${fmt(c.spearman, 2)}, Kendall τ ${fmt(c.kendall, 2)}`;
        return `<td class="heat${low ? ' low' : ''}" style="background:${shade.fill};color:${shade.text}" title="${esc(`${pairLabel(pair)}: ${title}`)}">${c === null ? '—' : esc(fmt(c.spearman, 2))}</td>`;
      });
      return `<tr><th>${esc(rowLabel(row))}</th>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table class="agreement"><caption>${esc(caption)}</caption><thead><tr><th>${esc(corner)}</th>${head}</tr></thead><tbody>${body}</tbody></table>${columns.note}`;
}

/** Rank correlations between methods (per model) and between models (per method), then the notes. */
export function agreementView(result: CompareResult): string {
  const shap = result.shap as ShapSection;
  const label = modelLabel(result);
  const method = (m: string) => METHOD_HEADING[m] ?? m;
  const notes = capped(shap.agreement.notes, MAX_NOTES);
  return [
    // Heading, intro and the first grid stay on one printed page (.keep): a heading alone at a page end reads badly.
    '<div class="keep"><h3>Do the methods and the models agree?</h3>',
    '<p>Rank correlation of the feature rankings (1 = same order, 0 = unrelated, −1 = reversed). High agreement between SHAP and permutation importance on held-out rows is what makes an explanation believable.</p>',
    gridTable(
      methodAgreementGrid(shap.agreement),
      'model',
      `Between methods, for one model (Spearman ρ; Kendall τ on hover; underlined below ${DISAGREE_BELOW})`,
      label,
      ([a, b]) => `${method(a)} ~ ${method(b)}`,
    ),
    '</div>',
    gridTable(
      modelAgreementGrid(shap.agreement),
      'method',
      `Between models, for one method (Spearman ρ; Kendall τ on hover; underlined below ${DISAGREE_BELOW})`,
      method,
      ([a, b]) => `${label(a)} ~ ${label(b)}`,
    ),
    notes.shown.length
      ? `<h3>Where they disagree</h3>${list(notes.shown)}${notes.note}`
      : '<p class="note">No feature moves far between methods: they tell the same story.</p>',
    `<p class="note">${esc(shap.note)}</p>`,
  ].join('\n');
}

function modelLabel(result: CompareResult): (id: string) => string {
  return (id) => result.models.find((m) => m.id === id)?.label ?? id;
}
