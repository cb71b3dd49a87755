/**
 * The LLM's standing in the recommendation: "the LLM scored X on its 200 sampled rows at Y per 1,000; the tree is
 * within / outside its interval". Fair only on the same rows, so the recommended model's accuracy is taken from its
 * out-of-fold predictions on exactly the rows the LLM answered (an invalid or failed answer is wrong for the LLM).
 */
import type { LlmModelRow } from '../result/compare.js';
import type { LlmStanding, Recommendation } from '../result/answer.js';
import { fmtCount, fmtSig as sig } from '../util/format.js';

export function llmStanding(
  recommendation: Pick<Recommendation, 'modelId' | 'label'>,
  rows: readonly LlmModelRow[],
  /** The recommended model's out-of-fold class codes (NaN where none), and the true codes. */
  predictions: { readonly oof: Float64Array; readonly truth: Int32Array },
  /** The dataset rows the LLM answered (the same for every LLM row: the variants reuse the plain prompt's rows). */
  asked: readonly number[],
): LlmStanding | undefined {
  const scored = rows.filter((r) => r.pooledAccuracy && Number.isFinite(r.pooledAccuracy.value));
  if (scored.length === 0 || asked.length === 0) return undefined;
  // The plain prompt, unless a variant scored higher on the same rows.
  const best = scored.reduce((a, b) => (b.pooledAccuracy!.value > a.pooledAccuracy!.value ? b : a));
  const pooled = best.pooledAccuracy!;
  const right = asked.filter((r) => predictions.oof[r] === predictions.truth[r]).length;
  const modelAccuracy = right / asked.length;
  const [lo, hi] = pooled.ci95;
  const position = modelAccuracy > hi ? 'above' : modelAccuracy < lo ? 'below' : 'within';
  const where =
    position === 'within'
      ? "within the LLM's interval: on these rows the two cannot be told apart"
      : `${position} the LLM's interval`;
  const money = best.costPer1000 > 0 ? ` at ${sig(best.costPer1000)} per 1,000 predictions` : '';
  return {
    llmId: best.id,
    label: best.label,
    rows: pooled.n,
    accuracy: pooled.value,
    ci95: [lo, hi],
    costPer1000: best.costPer1000,
    modelAccuracy,
    position,
    text:
      `${best.label} scored ${sig(pooled.value)} accuracy on its ${fmtCount(pooled.n)} sampled rows ` +
      `(95% interval ${sig(lo)}–${sig(hi)})${money}; ${recommendation.label} scored ${sig(modelAccuracy)} on the same rows: ${where}.`,
  };
}
