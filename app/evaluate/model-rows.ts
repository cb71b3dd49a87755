/**
 * `models[]` holds the trained models and, when an LLM ran, the LLM's rows (`kind: 'llm'`): the leaderboard and the
 * recommendation read every row; what needs a trained model (importance, size, artifacts, SHAP…) reads these.
 */
import type { CompareResult, LlmModelRow, ModelResult, ModelRow } from '../result/compare.js';

export function isTrainedModel(row: ModelRow): row is ModelResult {
  return !('kind' in row);
}

export function isLlmRow(row: ModelRow): row is LlmModelRow {
  return 'kind' in row && row.kind === 'llm';
}

/** The trained models of a result, in its order (the LLM's rows left out). */
export function trainedModels(result: Pick<CompareResult, 'models'>): ModelResult[] {
  return result.models.filter(isTrainedModel);
}

/** The LLM's rows of a result: the plain prompt, then its variants (none when no LLM ran). */
export function llmRows(result: Pick<CompareResult, 'models'>): LlmModelRow[] {
  return result.models.filter(isLlmRow);
}
