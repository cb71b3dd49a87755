/**
 * The LLM baseline's part of the per-decision card: its stored answer for the row — label (or "invalid"),
 * class probability from the log-probabilities, latency, the exact prompt and the raw reply, and its
 * self-reported reason when the run asked for one. Nothing here asks the LLM: the answers come from the
 * comparison's run (artifacts.llmAnswers), so opening a card or editing a what-if never costs money.
 */
import type { ComparisonArtifacts } from '../result/artifacts.js';
import type { CompareResult } from '../result/compare.js';
import type { LlmDecision } from '../result/explain.js';

/** The LLM's decision on dataset row `row` (artifacts' numbering), or undefined when the comparison ran no LLM. */
export function llmDecision(
  result: CompareResult,
  artifacts: ComparisonArtifacts,
  row: number,
  stale: boolean,
): LlmDecision | undefined {
  const llm = result.llm;
  if (!llm || !artifacts.llmAnswers) return undefined;
  const found = artifacts.llmAnswers.find((a) => a.row === row);
  if (!found) {
    const n = llm.sampleRows.toLocaleString('en-US');
    return {
      asked: false,
      label: llm.label,
      note: `The LLM was asked about ${n} sampled test row${llm.sampleRows === 1 ? '' : 's'}; this row was not one of them.`,
    };
  }
  const { target } = artifacts;
  const prediction =
    found.answer === null
      ? null
      : target.task === 'classification'
        ? target.classes[found.answer]
        : String(found.answer);
  const probabilities =
    target.task === 'classification' && found.proba
      ? Object.fromEntries(target.classes.map((c, i) => [c, found.proba![i]]))
      : null;
  const reason = llm.selfReported?.rows.find((r) => r.row === row);
  return {
    asked: true,
    label: llm.label,
    fold: found.fold,
    prediction,
    failed: found.failed,
    probabilities,
    score: probabilities && prediction !== null ? probabilities[prediction] : null,
    latencyMs: Number.isFinite(found.latencyMs) ? found.latencyMs : null,
    cached: found.cached,
    messages: found.messages.map((m) => ({ role: m.role, content: m.content })),
    answer: found.text,
    selfReported: reason && llm.selfReported ? { reason: reason.reason, note: llm.selfReported.note } : null,
    stale,
  };
}

/**
 * Whether the LLM's answer sets it apart from the models (for classification only): a different label, or an invalid
 * answer — which is scored as wrong, so it never agrees. A stale answer (what-if) is not compared.
 */
export function llmDisagrees(decision: LlmDecision | undefined, predictions: readonly string[]): boolean {
  if (!decision?.asked || decision.stale) return false;
  return decision.prediction === null || predictions.some((p) => p !== decision.prediction);
}
