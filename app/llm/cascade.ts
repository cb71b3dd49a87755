/**
 * Cascade (routing): the tree model answers when its top class probability reaches a threshold, the
 * LLM answers the rest. Swept over thresholds on the rows the LLM was asked (each row scored by the
 * fold model that did not train on it), next to tree-only and LLM-only on the same rows, so an analyst
 * can see whether a hybrid beats both — and what it costs. The tree's own cost per prediction is
 * counted as zero (it is microseconds of local CPU; see the leaderboard's latency column).
 */
import type { LlmRowAnswer } from './evaluate.js';
import type { CascadeResult } from '../result/llm.js';

export const CASCADE_THRESHOLDS: readonly number[] = [
  0, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99, 1,
];

export interface TreeOutOfFold {
  readonly model: string;
  /** Per dataset row: out-of-fold predicted class code. */
  readonly predictions: Float64Array;
  /** Row-major rows × classes out-of-fold probabilities. */
  readonly proba: Float64Array;
  readonly classes: number;
}

export function cascadeCurve(
  tree: TreeOutOfFold,
  answers: readonly LlmRowAnswer[],
  truth: Int32Array,
  llmCostPer1000: number,
): CascadeResult {
  const k = tree.classes;
  const rows = answers.map((a) => {
    let confidence = 0;
    for (let c = 0; c < k; c++) confidence = Math.max(confidence, tree.proba[a.row * k + c]);
    return { confidence, treeRight: tree.predictions[a.row] === truth[a.row], llmRight: a.answer === truth[a.row] };
  });
  const n = rows.length;
  const share = (count: number): number => (n === 0 ? NaN : count / n);
  const cost = Number.isFinite(llmCostPer1000) ? llmCostPer1000 : 0;
  const points = CASCADE_THRESHOLDS.map((threshold) => {
    let right = 0;
    let toLlm = 0;
    for (const r of rows) {
      const useTree = r.confidence >= threshold;
      if (!useTree) toLlm++;
      if (useTree ? r.treeRight : r.llmRight) right++;
    }
    return { threshold, accuracy: share(right), llmShare: share(toLlm), costPer1000: share(toLlm) * cost };
  });
  return {
    model: tree.model,
    rows: n,
    treeOnly: { accuracy: share(rows.filter((r) => r.treeRight).length), costPer1000: 0 },
    llmOnly: { accuracy: share(rows.filter((r) => r.llmRight).length), costPer1000: cost },
    points,
  };
}
