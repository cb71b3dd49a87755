/** A prompt variant's result: its own metrics (summarized like the plain prompt's) plus the pairing with the plain prompt. */
import type { Target } from '../models/matrix.js';
import type { LlmSettings, PromptVariantKind } from '../settings/llm.js';
import type { LlmRowAnswer } from '../result/llm.js';
import type { LlmResult, LlmVariantResult } from '../result/llm.js';
import type { FoldHelp } from './variants.js';
import { mcnemar, VARIANT_LABELS } from './variants.js';

/** What these answers' tokens cost at the configured prices. */
export function costOf(answers: readonly LlmRowAnswer[], settings: Pick<LlmSettings, 'prices'>): number {
  const tokensIn = answers.reduce((a, r) => a + r.tokensIn, 0);
  const tokensOut = answers.reduce((a, r) => a + r.tokensOut, 0);
  return (tokensIn * settings.prices.inputPer1M + tokensOut * settings.prices.outputPer1M) / 1e6;
}

export function variantResult(
  kind: PromptVariantKind,
  result: LlmResult,
  plain: readonly LlmRowAnswer[],
  variant: readonly LlmRowAnswer[],
  target: Target,
  helps: ReadonlyMap<number, FoldHelp>,
): LlmVariantResult {
  const {
    variants: _v,
    contamination: _c,
    determinism: _d,
    importance: _i,
    selfReported: _s,
    estimate: _e,
    ...rest
  } = result;
  let vsPlain: LlmVariantResult['vsPlain'] = null;
  if (target.task === 'classification') {
    let b = 0;
    let c = 0;
    // plan.rows and each variant's rows are built in the same order: answer i is the same dataset row in both.
    plain.forEach((a, i) => {
      const truth = target.codes[a.row];
      const plainRight = a.answer === truth;
      const variantRight = variant[i].answer === truth;
      if (plainRight && !variantRight) b++;
      if (!plainRight && variantRight) c++;
    });
    vsPlain = { ...mcnemar(b, c), accuracyDelta: plain.length === 0 ? NaN : (c - b) / plain.length };
  }
  const folds = [...helps.values()];
  const description =
    kind === 'retrieved'
      ? `Each row's ${result.settings.shots} examples are training-fold rows in the same leaf of a depth-6 tree fitted on that fold, instead of random ones.`
      : `The prompt holds only the ${folds[0]?.columns.length ?? 0} columns a depth-6 tree found most important on each training fold (permutation importance).`;
  return {
    ...rest,
    id: `llm:${kind}`,
    label: `${result.label} + ${VARIANT_LABELS[kind]}`,
    variant: kind,
    description,
    ...(kind === 'columns' ? { columns: folds.map((h) => ({ fold: h.fold, columns: h.columns })) } : {}),
    vsPlain,
  };
}
