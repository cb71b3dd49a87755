/**
 * Verdicts between each model and the LLM baseline. The LLM answers only a seeded sample of each test
 * fold, so a fair pair compares both on exactly those rows: per fold, the model's out-of-fold accuracy
 * on the fold's sampled rows against the LLM's accuracy on the same rows (an invalid or failed answer is
 * wrong, as everywhere). The same corrected resampled t-test and equivalence probability as between the
 * models (verdict.ts), with the folds' test fraction: a conservative correction, since only a sample of
 * each test fold was scored. Classification only: an LLM's numeric answers have no per-row notion of
 * right, and R² on a few rows per fold is too unstable to test.
 */
import type { ComparisonArtifacts } from '../result/artifacts.js';
import type { ModelResult } from '../result/compare.js';
import { summarize } from '../evaluate/stats.js';
import type { LlmRowAnswer } from '../llm/evaluate.js';
import type { Verdict } from '../result/explain.js';
import { pairedTest } from '../explain/verdict.js';
import { verdictText } from './explanations.js';

export function llmVerdicts(
  models: readonly ModelResult[],
  artifacts: ComparisonArtifacts,
  answers: readonly LlmRowAnswer[],
  llmLabel: string,
  settings: { readonly testFraction: number; readonly rope: number },
): Verdict[] {
  const target = artifacts.target;
  if (target.task !== 'classification' || answers.length === 0) return [];
  const folds = [...new Set(answers.map((a) => a.fold))].sort((x, y) => x - y);
  const byFold = folds.map((f) => answers.filter((a) => a.fold === f));
  const llmScores = byFold.map((rows) => share(rows, (a) => !a.failed && a.answer === target.codes[a.row]));
  const out: Verdict[] = [];
  for (const m of models) {
    const oof = artifacts.models.get(m.id)?.oofPredictions;
    if (!oof) continue;
    const modelScores = byFold.map((rows) => share(rows, (a) => oof[a.row] === target.codes[a.row]));
    const modelFirst = summarize(modelScores).mean >= summarize(llmScores).mean;
    const [a, b] = modelFirst ? [modelScores, llmScores] : [llmScores, modelScores];
    const test = pairedTest(a, b, settings.testFraction, settings.rope);
    const [labelA, labelB] = modelFirst ? [m.label, llmLabel] : [llmLabel, m.label];
    out.push({
      a: modelFirst ? m.id : 'llm',
      b: modelFirst ? 'llm' : m.id,
      metric: 'accuracy',
      rope: settings.rope,
      ...test,
      text: `${verdictText(labelA, labelB, 'accuracy', settings.rope, test)} — on the LLM's ${answers.length} sampled rows`,
    });
  }
  return out;
}

function share<T>(items: readonly T[], ok: (item: T) => boolean): number {
  return items.length === 0 ? NaN : items.filter(ok).length / items.length;
}
