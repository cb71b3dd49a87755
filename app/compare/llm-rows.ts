/**
 * The LLM and its prompt variants as rows of `models[]`, next to the trained models: the same metrics, summarized
 * the same way, but scored on the rows the LLM was asked about (a seeded sample of the same test folds) — which each
 * row says, with its size and the pooled interval. The detail (prompt, tokens, cache, variants' pairing) stays in
 * `CompareResult.llm`.
 */
import type { LlmModelRow } from '../result/compare.js';
import type { LlmResult, LlmVariantResult } from '../result/llm.js';
import { fmtCount } from '../util/format.js';

function row(r: LlmResult | LlmVariantResult): LlmModelRow {
  return {
    id: r.id,
    kind: 'llm',
    label: r.label,
    metrics: r.metrics,
    folds: r.foldMetrics,
    scoredRows: r.sampleRows,
    ...(r.pooledAccuracy ? { pooledAccuracy: r.pooledAccuracy } : {}),
    invalidAnswerRate: r.invalidAnswerRate,
    costPer1000: r.estimatedCostPer1000,
    timing: {
      predictRowMsP50: r.timing.latencyMsP50,
      predictRowMsP95: r.timing.latencyMsP95,
      rowsPerSecond: r.timing.rowsPerSecond,
    },
    note: `Scored on the ${fmtCount(r.sampleRows)} test rows it was asked about (a seeded sample of the same folds), not on every test row; invalid answers count as wrong.`,
  };
}

/** The plain prompt's row, then one per prompt variant. */
export function llmModelRows(llm: LlmResult): LlmModelRow[] {
  return [row(llm), ...(llm.variants ?? []).map(row)];
}
