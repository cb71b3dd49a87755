/**
 * LLM-written training rows: how many were asked, written, rejected (by reason) and added per training fold, what
 * they cost, and each tree model's score on the same untouched test folds with and without them.
 */
import { fmt, fmtCount } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { esc, table } from '../html.js';
import { metricLabel } from './leaderboard.js';

const points = (x: number): string => (Number.isNaN(x) ? '—' : `${x >= 0 ? '+' : ''}${fmt(x * 100, 1)}`);

export const synthesisSection: ReportSection = {
  id: 'llm-synthetic-rows',
  title: 'LLM-written training rows',
  caveats: ({ result }) =>
    result.llm?.synthesis
      ? [
          `The synthetic rows were checked against each training fold's columns (types, ranges, categories) and against every real row, but not for realism: a row can be valid and still unlike any real case. Their effect is measured on ${result.llm.synthesis.folds.length} folds, so its interval is wide.`,
        ]
      : [],
  render({ result }) {
    const s = result.llm?.synthesis;
    if (!s) return null;
    const reasons = Object.entries(s.invalidReasons)
      .map(([reason, n]) => `${reason}: ${fmtCount(n)}`)
      .join(', ');
    return [
      `<p>${esc(s.message)}.</p>`,
      `<p>For each training fold the LLM was shown the columns' types and value ranges and a few of that fold's training rows (never a test row) and asked for ${fmtCount(s.rowsPerFold)} new rows${s.folds[0]?.class !== undefined ? ' of the fold\u2019s least frequent class' : ''}. Each row was checked against the fold's schema and dropped if it repeated another synthetic row or any real row of the file; the rest were added to that fold's training rows only. Every tree model was then trained again and scored on the same held-out rows as on the leaderboard.</p>`,
      table(
        ['fold', 'class', 'asked', 'written', 'invalid', 'duplicates', 'added', 'failed requests'],
        s.folds.map((f) => [
          String(f.fold + 1),
          f.class ?? '—',
          fmtCount(f.asked),
          fmtCount(f.received),
          fmtCount(f.invalid),
          fmtCount(f.duplicates),
          fmtCount(f.added),
          fmtCount(f.failedRequests),
        ]),
        { numeric: [true, false, true, true, true, true, true, true] },
      ),
      `<p class="note">${esc(`Invalid rows by reason: ${reasons || 'none'}. Requests ${fmtCount(s.requests)} (${fmtCount(s.cachedResponses)} replies from the response cache); tokens ${fmtCount(s.tokensIn)} in, ${fmtCount(s.tokensOut)} out; writing the rows costs ${fmt(s.cost, 4)} at the configured prices (this run paid ${fmt(s.runCost, 4)}).`)}</p>`,
      s.effects.length === 0
        ? '<p>No synthetic row passed the checks, so no model was trained again.</p>'
        : table(
            [
              'model',
              `${metricLabel(s.effects[0].metric)}, real rows only`,
              'with synthetic rows',
              'difference, points (95% interval over folds)',
            ],
            s.effects.map((e) => [
              e.label,
              fmt(e.real, 3),
              fmt(e.synthetic, 3),
              `${points(e.delta.mean)} (${points(e.delta.ci95[0])} to ${points(e.delta.ci95[1])})`,
            ]),
            { numeric: [false, true, true, true] },
          ),
    ].join('\n');
  },
};
