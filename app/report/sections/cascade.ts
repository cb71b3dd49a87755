/**
 * The cascade: a tree model answers when its top class probability reaches a threshold, the LLM answers
 * the rest. Swept over thresholds, it gives accuracy against cost per 1,000 predictions — next to the
 * tree alone and the LLM alone, so a reader sees whether a hybrid beats both.
 */
import { fmt, fmtPercent } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { capped, esc, table } from '../html.js';
import { modelColor } from '../../models/catalog/index.js';
import { lineChart } from '../svg.js';

const MAX_CURVES = 8;

export const cascadeSection: ReportSection = {
  id: 'cascade',
  title: 'Cascade: tree first, LLM for the rest',
  analyses: ['cascade (tree first, LLM for the rest)'],
  caveats: ({ result }) =>
    result.cascade && result.cascade.length > 0
      ? [
          `The cascade curve is computed on the LLM's ${result.cascade[0].rows} sampled rows only, with every threshold tried on the same rows: picking the best threshold from it is optimistic. Confirm a chosen threshold on new data. Its cost counts only the LLM's tokens (the tree models' cost is taken as 0).`,
        ]
      : [],
  render({ result }) {
    const curves = result.cascade ?? [];
    if (curves.length === 0) return null;
    const label = (id: string): string => result.models.find((m) => m.id === id)?.label ?? id;
    const { shown, note } = capped(curves, MAX_CURVES);
    const llmOnly = curves[0].llmOnly;
    const chart = lineChart(
      [
        ...shown.map((c) => ({
          label: label(c.model),
          points: c.points.map((p) => ({ x: p.costPer1000, y: p.accuracy })),
          color: modelColor(c.model),
        })),
        {
          label: 'LLM only',
          points: [{ x: llmOnly.costPer1000, y: llmOnly.accuracy }],
          pointsOnly: true,
          color: '#0f172a',
        },
      ],
      'cost per 1,000 predictions',
      'accuracy on the sampled rows',
      'Cascade: accuracy against cost',
    );
    const points = shown[0].points.filter((p) => p.threshold > 0);
    const cell = (accuracy: number, share: number, cost: number): string =>
      `${fmt(accuracy, 3)} · ${fmtPercent(share, 0)} · ${fmt(cost, 4)}`;
    const rows = [
      ['tree model only', ...shown.map((c) => cell(c.treeOnly.accuracy, 0, c.treeOnly.costPer1000))],
      ...points.map((p) => [
        `≥ ${p.threshold.toFixed(2)}`,
        ...shown.map((c) => {
          const q = c.points.find((x) => x.threshold === p.threshold);
          return q ? cell(q.accuracy, q.llmShare, q.costPer1000) : '—';
        }),
      ]),
      ['LLM only', ...shown.map((c) => cell(c.llmOnly.accuracy, 1, c.llmOnly.costPer1000))],
    ];
    const best = shown
      .map((c) => ({ c, p: [...c.points].sort((a, b) => b.accuracy - a.accuracy || a.costPer1000 - b.costPer1000)[0] }))
      .filter(({ c, p }) => p && p.accuracy > Math.max(c.treeOnly.accuracy, c.llmOnly.accuracy));
    return [
      `<p>On the ${curves[0].rows} rows the LLM answered: each model answers when its top class probability is at least the threshold, and passes the row to the LLM otherwise. Each line is one model handing its unsure rows to the LLM, one point per threshold, from “model only” (cost 0) towards “LLM only”.</p>`,
      `<figure>${chart}<figcaption>Up and to the left is better. ${
        best.length > 0
          ? esc(
              best
                .map(
                  ({ c, p }) =>
                    `${label(c.model)} → LLM at threshold ${p.threshold.toFixed(2)} beats both alone on these rows (accuracy ${fmt(p.accuracy, 3)}, ${fmtPercent(p.llmShare, 0)} of rows to the LLM; an optimistic pick, see Limitations)`,
                )
                .join('; '),
            )
          : 'No threshold beats both the model alone and the LLM alone on these rows.'
      }</figcaption></figure>`,
      table(['threshold', ...shown.map((c) => label(c.model))], rows, {
        numeric: [false, ...shown.map(() => true)],
        caption: 'accuracy · share of rows sent to the LLM · cost per 1,000 predictions',
      }),
      note,
    ].join('\n');
  },
};
