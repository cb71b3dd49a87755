/**
 * Statistical verdicts: every pair of models on the same folds, as the plain lines the comparison wrote
 * ("Forest beats Tree …", "Forest ≈ Boost within 1 point …"), and the numbers behind each line.
 */
import { fmt } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { capped, list, table } from '../html.js';
import { metricLabel } from './leaderboard.js';

/** 12 models give 66 pairs; beyond this the lines stop being read. */
const MAX_PAIRS = 80;

export const verdictsSection: ReportSection = {
  id: 'verdicts',
  title: 'Statistical verdicts',
  analyses: ['statistical verdicts (paired tests between models)'],
  caveats: ({ result }) => [
    `The verdicts use the corrected resampled t-test (Nadeau & Bengio, 2003), which widens the interval for the overlap between cross-validation training sets; with ${result.settings.folds ?? 1} folds${result.settings.repeats ? ` × ${result.settings.repeats} repeats` : ''} it has few degrees of freedom, so small differences will not be significant. A p-value above 0.05 does not show that two models are equal; the probability of practical equivalence (within the margin) says that.`,
    ...(result.llm && !(result.verdicts ?? []).some((v) => v.a === ('llm' as string) || v.b === ('llm' as string))
      ? [
          'The LLM is not part of the paired verdicts: it answered a sample of the test rows, not every row of every fold. Compare it through its interval in the leaderboard.',
        ]
      : []),
  ],
  render({ result }) {
    const verdicts = result.verdicts ?? [];
    if (verdicts.length === 0) return null;
    const label = (id: string): string =>
      result.models.find((m) => m.id === id)?.label ?? (id === 'llm' && result.llm ? result.llm.label : id);
    const { shown, note } = capped(verdicts, MAX_PAIRS);
    const metric = metricLabel(verdicts[0].metric);
    const rope = verdicts[0].rope;
    return [
      `<p>Each pair of models was scored on the same ${result.settings.folds ?? 1} folds${result.settings.repeats ? ` × ${result.settings.repeats} repeats` : ''}; a difference counts when the corrected resampled t-test gives p &lt; 0.05. “≈” is the probability (Bayesian correlated t-test) that the two are within ${fmt(rope, 3)} ${metric} of each other — the margin of practical equivalence${result.settings.rope === undefined ? ' (default; set it with --rope)' : ''}.</p>`,
      list(shown.map((v) => v.text)),
      note,
      table(
        ['pair (a vs b)', `mean difference in ${metric} (a − b)`, 'p', 'P(a better)', 'P(equivalent)', 'P(b better)'],
        shown.map((v) => [
          `${label(v.a)} vs ${label(v.b)}`,
          fmt(v.meanDifference, 4),
          fmt(v.p, 3),
          fmt(v.probabilities.aBetter, 2),
          fmt(v.probabilities.equivalent, 2),
          fmt(v.probabilities.bBetter, 2),
        ]),
        { numeric: [false, true, true, true, true, true] },
      ),
    ].join('\n');
  },
};
