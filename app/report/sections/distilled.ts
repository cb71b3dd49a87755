/**
 * The distilled tree: a shallow decision tree trained on the LLM's answers — a readable surrogate of what
 * the LLM does — with its fidelity (how often it agrees with the LLM on rows it did not learn from).
 */
import { fmt, fmtCount } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { capped, esc, list } from '../html.js';

const MAX_RULES = 64;

export const distilledSection: ReportSection = {
  id: 'distilled',
  title: 'Distilled tree: the LLM as readable rules',
  analyses: ['distilled tree of the LLM'],
  caveats: ({ result }) =>
    result.distilled && !('skipped' in result.distilled)
      ? [
          `The distilled tree imitates the LLM's answers on ${fmtCount(result.distilled.rows)} rows; where its fidelity is below 1 it describes the LLM only approximately, and it shows which rules reproduce the answers, not the LLM's reasoning.`,
        ]
      : [],
  render({ result }) {
    const d = result.distilled;
    if (!d) return null;
    if ('skipped' in d) return `<p>Not computed: ${esc(d.skipped)}</p>`;
    const { shown, note } = capped(d.rules, MAX_RULES);
    return [
      `<p>A decision tree of depth at most ${d.maxDepth}, trained to reproduce the LLM's answers (not the true labels). <b>Fidelity ${esc(fmt(d.fidelity, 3))}</b>: on held-out sampled rows it gave the LLM's answer this often (per fold: ${esc(d.foldFidelity.map((f) => fmt(f, 3)).join(', '))}). The rules below are the final tree, trained on all ${fmtCount(d.rows)} valid LLM answers.</p>`,
      list(shown.map((r) => r)),
      note,
    ].join('\n');
  },
};
