/**
 * The LLM's part of a comparison: run the baseline on the comparison's own folds, then the two
 * collaboration patterns that need both sides — the cascade (tree first, LLM for the unsure rows) and
 * the distilled surrogate tree. Called by runComparison after the tree models; returns the optional
 * result fields it adds.
 */
import type { ModelArtifacts } from '../evaluate/compare.js';
import type { ModelId } from '../models/estimator.js';
import { cascadeCurve } from './cascade.js';
import type { LlmSettings } from './config.js';
import { distillLlm } from './distill.js';
import type { LlmInputs, LlmRowAnswer, LlmRuntime } from './evaluate.js';
import { evaluateLlm } from './evaluate.js';
import type { CascadeResult, DistilledResult, LlmResult } from './result.js';

export interface LlmSection {
  readonly llm: LlmResult;
  readonly cascade?: CascadeResult;
  readonly distilled?: DistilledResult | { readonly skipped: string };
  readonly answers: readonly LlmRowAnswer[];
}

/** The tree-side model the cascade routes from: the decision tree if it ran, else the first model with probabilities. */
export function cascadeModel(models: ReadonlyMap<ModelId, ModelArtifacts>): ModelId | undefined {
  if (models.get('tree')?.oofProba) return 'tree';
  for (const [id, a] of models) if (a.oofProba) return id;
  return undefined;
}

export async function runLlmSection(inputs: LlmInputs, settings: LlmSettings, runtime: LlmRuntime, models: ReadonlyMap<ModelId, ModelArtifacts>): Promise<LlmSection> {
  const run = await evaluateLlm(inputs, settings, runtime);
  const { target } = inputs;
  let cascade: CascadeResult | undefined;
  const routeFrom = cascadeModel(models);
  if (target.task === 'classification' && routeFrom !== undefined) {
    const a = models.get(routeFrom)!;
    cascade = cascadeCurve({ model: routeFrom, predictions: a.oofPredictions, proba: a.oofProba!, classes: target.classes.length }, run.answers, target.codes, run.result.estimatedCostPer1000);
  }
  const distilled = await distillLlm(inputs, run.answers, settings.seed, runtime.signal);
  return { llm: run.result, ...(cascade ? { cascade } : {}), distilled, answers: run.answers };
}
