/** Feature importance side by side: permutation importance per model (held-out rows), and one table across models. */
import { fmt } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { capped, esc, table } from '../html.js';
import { modelColor } from '../../models/catalog/index.js';
import { barChart } from '../svg.js';
import { metricLabel } from './leaderboard.js';
import { agreementView, shapCaveats, shapCharts, shapTable } from './shap.js';
import { trainedModels } from '../../evaluate/model-rows.js';

/** Bars per chart and rows in the table: wide data stays readable and the report small. */
const TOP_IN_CHART = 12;
const TOP_IN_TABLE = 40;

export const importanceSection: ReportSection = {
  id: 'feature-importance',
  title: 'Feature importance',
  analyses: ({ result }) => (result.shap ? ['feature importance', 'SHAP explanations'] : ['feature importance']),
  caveats: ({ result }) => [
    ...shapCaveats(result),
    'Permutation importance measures how much a model relies on a feature on held-out rows, not whether the feature causes the outcome. Correlated features share importance: shuffling one leaves its twin in place, so both can look unimportant. Values near zero or below are within noise.',
    ...(trainedModels(result).some((m) => m.importance.impurity)
      ? [
          'Impurity importance is computed on the training rows and favours features with many distinct values (and can credit features the model overfits on); prefer permutation importance or SHAP on held-out rows.',
        ]
      : []),
  ],
  render({ result }) {
    if (trainedModels(result).length === 0) return null;
    const metric = metricLabel(trainedModels(result)[0].importance.permutationMetric);
    const charts = trainedModels(result).map((m) => {
      const top = [...m.importance.permutation].sort((a, b) => b.mean - a.mean).slice(0, TOP_IN_CHART);
      return `<figure class="small">${barChart(
        top.map((e) => ({ label: e.feature, value: e.mean, spread: e.std })),
        `${m.label}: permutation importance`,
        `drop in ${metric}`,
        modelColor(m.id),
      )}<figcaption>${esc(m.label)}</figcaption></figure>`;
    });
    // Features ordered by their mean importance across models.
    const features = result.dataset.features;
    const meanAcross = (f: string): number => {
      const v = trainedModels(result).map((m) => m.importance.permutation.find((e) => e.feature === f)?.mean ?? 0);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    const order = [...features].sort((a, b) => meanAcross(b) - meanAcross(a));
    const { shown, note } = capped(order, TOP_IN_TABLE);
    const rows = shown.map((f) => [
      f,
      ...trainedModels(result).map((m) => {
        const e = m.importance.permutation.find((x) => x.feature === f);
        return e ? `${fmt(e.mean, 3)} ± ${fmt(e.std, 3)}` : '—';
      }),
      ...trainedModels(result)
        .filter((m) => m.importance.impurity)
        .map((m) => fmt(m.importance.impurity?.find((x) => x.feature === f)?.mean, 3)),
    ]);
    const impurityModels = trainedModels(result).filter((m) => m.importance.impurity);
    return [
      `<p>Permutation importance: how much ${esc(metric)} drops on held-out rows when one feature's values are shuffled (mean ± standard deviation over folds × repeats). Top ${TOP_IN_CHART} features per model.</p>`,
      `<div class="grid">${charts.join('')}</div>`,
      '<h3>All models, one table</h3>',
      table(
        [
          'feature',
          ...trainedModels(result).map((m) => `${m.label} (perm.)`),
          ...impurityModels.map((m) => `${m.label} (impurity)`),
        ],
        rows,
        {
          numeric: [false, ...trainedModels(result).map(() => true), ...impurityModels.map(() => true)],
        },
      ),
      note,
      impurityModels.length
        ? `<p class="note">Impurity columns: ${esc(impurityModels[0].importance.impurityNote)}.</p>`
        : '',
      ...(result.shap
        ? [
            '<h3>SHAP: how far each feature moves the prediction</h3>',
            `<p>Mean |SHAP| on held-out rows: the average size of a feature's contribution to one prediction, in the units the model's attributions add up to. Top ${TOP_IN_CHART} features per model.</p>`,
            `<div class="grid">${shapCharts(result, TOP_IN_CHART)}</div>`,
            shapTable(result, shown),
            note,
            agreementView(result),
          ]
        : []),
    ].join('\n');
  },
};
