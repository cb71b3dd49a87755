/**
 * The estimate before a comparison runs: the same target preparation, feature list and folds as
 * runComparison, so the rows, prompts and token counts are exactly those the run will send. Cheap —
 * no model is trained — so the CLI prints it and the desktop shows it before asking to go ahead.
 */
import type { Dataset } from '../data/dataset.js';
import { featureColumns, prepareTarget } from '../data/target.js';
import type { CompareSettings } from '../settings/compare.js';
import { makeFolds } from './folds.js';
import type { ResponseCache } from '../llm/cache.js';
import type { LlmSettings } from '../settings/llm.js';
import type { LlmInputs } from '../llm/evaluate.js';
import { estimateLlmRun } from '../llm/evaluate.js';
import type { LlmEstimate } from '../result/llm.js';

export function comparisonLlmInputs(input: Dataset, settings: CompareSettings): LlmInputs {
  const { dataset, target } = prepareTarget(input, settings.target, settings.task);
  const features = featureColumns(dataset, settings.target, [...(settings.exclude ?? [])]).map((c) => c.name);
  return {
    dataset,
    targetName: settings.target,
    target,
    features,
    folds: makeFolds(target, dataset.rowCount, settings).folds,
  };
}

export function estimateComparisonLlm(
  input: Dataset,
  settings: CompareSettings & { readonly llm: LlmSettings },
  cache?: ResponseCache,
): Promise<LlmEstimate> {
  return estimateLlmRun(comparisonLlmInputs(input, settings), settings.llm, cache);
}
