/**
 * The LLM's part of a comparison: run the baseline on the comparison's own folds, then the two
 * collaboration patterns that need both sides — the cascade (tree first, LLM for the unsure rows) and
 * the distilled surrogate tree. Called by runComparison after the tree models; returns the optional
 * result fields it adds.
 */
import type { ModelArtifacts } from '../result/artifacts.js';
import type { RowId } from '../result/pre-trained.js';
import { cascadeCurve } from '../llm/cascade.js';
import type { LlmSettings } from '../settings/llm.js';
import { distillLlm } from '../llm/distill.js';
import type { LlmInputs, LlmRowAnswer, LlmRuntime } from '../llm/evaluate.js';
import { evaluateLlm } from '../llm/evaluate.js';
import type { CascadeResult, DistilledResult, LlmResult } from '../result/llm.js';
import type { ModelResult } from '../result/compare.js';
import type { ModelId, Params } from '../models/estimator.js';
import { rescoreWithSynthetic } from './synthetic.js';

export interface LlmSection {
  readonly llm: LlmResult;
  readonly cascade?: readonly CascadeResult[];
  readonly distilled?: DistilledResult | { readonly skipped: string };
  readonly answers: readonly LlmRowAnswer[];
  /** The response-cache keys the run used (the audit record lists them; a replay needs exactly these). */
  readonly cacheKeys: readonly string[];
}

export async function runLlmSection(
  inputs: LlmInputs,
  settings: LlmSettings,
  runtime: LlmRuntime,
  models: ReadonlyMap<RowId, ModelArtifacts>,
  trees: {
    readonly results: readonly ModelResult[];
    readonly params?: Partial<Record<ModelId, Params>>;
    readonly seed: number;
  },
): Promise<LlmSection> {
  const run = await evaluateLlm(inputs, settings, runtime);
  // The trees again, trained with the LLM's synthetic rows added to each training fold (when asked for).
  const synthesis = run.synthetic
    ? await rescoreWithSynthetic(inputs, run.synthetic, trees.results, trees.params, trees.seed, runtime.signal)
    : undefined;
  const { target } = inputs;
  // One curve per tree-side model with class probabilities: which small model makes the best first stage is itself a finding
  // (an unpruned decision tree is 100% sure of every row and never defers).
  const cascade: CascadeResult[] = [];
  if (target.task === 'classification') {
    for (const [id, a] of models) {
      if (!a.oofProba) continue;
      cascade.push(
        cascadeCurve(
          { model: id, predictions: a.oofPredictions, proba: a.oofProba, classes: target.classes.length },
          run.answers,
          target.codes,
          run.result.estimatedCostPer1000,
        ),
      );
    }
  }
  const distilled = await distillLlm(inputs, run.answers, settings.seed, runtime.signal);
  return {
    llm: synthesis ? { ...run.result, synthesis } : run.result,
    ...(cascade.length > 0 ? { cascade } : {}),
    distilled,
    answers: run.answers,
    cacheKeys: run.cacheKeys,
  };
}
