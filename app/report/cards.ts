/**
 * The report's "selected per-decision cards": which rows to show, and their cards. A reader learns most
 * from the rows where the models disagree, so the pick is the held-out rows with the most distinct
 * predictions (the LLM's answer included, when it was asked about the row), then the widest spread of
 * class probabilities between the models — ties broken by row number, so the same run always picks the
 * same rows. When an LLM ran, only the rows it answered are candidates (their cards carry its answer).
 */
import { decisionCardFor } from '../explain/card.js';
import type { ComparisonArtifacts } from '../result/artifacts.js';
import type { CompareResult } from '../result/compare.js';
import type { DecisionCardView } from '../result/views.js';
import { trainedModels } from '../evaluate/model-rows.js';

export const DEFAULT_REPORT_CARDS = 3;
/** A card is ~3–10 KB of HTML (sections/cards.ts bounds it): more than this stops being a selection. */
export const MAX_REPORT_CARDS = 10;

export interface CardPick {
  /** Row of artifacts.dataset. */
  readonly row: number;
  readonly fold: number;
}

export function pickCardRows(result: CompareResult, artifacts: ComparisonArtifacts, count: number): CardPick[] {
  if (count <= 0 || trainedModels(result).length === 0) return [];
  const { target, folds } = artifacts;
  const models = trainedModels(result)
    .map((m) => artifacts.models.get(m.id))
    .filter((a) => a !== undefined);
  const llm = new Map<number, number | null>();
  for (const a of artifacts.llmAnswers ?? []) if (!llm.has(a.row)) llm.set(a.row, a.failed ? null : a.answer);
  const scored: { row: number; fold: number; distinct: number; spread: number }[] = [];
  for (const fold of folds) {
    for (const row of fold.test) {
      if (llm.size > 0 && !llm.has(row)) continue;
      const predictions = models.map((a) => a.oofPredictions[row]);
      if (predictions.some((p) => Number.isNaN(p))) continue;
      let distinct: number;
      let spread = 0;
      if (target.task === 'classification') {
        const labels = new Set<number | null>(predictions);
        if (llm.has(row)) labels.add(llm.get(row) ?? null);
        distinct = labels.size;
        const k = target.classes.length;
        for (let c = 0; c < k; c++) {
          const p = models.map((a) => (a.oofProba ? a.oofProba[row * k + c] : NaN)).filter(Number.isFinite);
          if (p.length > 1) spread = Math.max(spread, Math.max(...p) - Math.min(...p));
        }
      } else {
        distinct = 1;
        spread = Math.max(...predictions) - Math.min(...predictions);
      }
      scored.push({ row, fold: fold.index, distinct, spread });
    }
  }
  scored.sort((a, b) => b.distinct - a.distinct || b.spread - a.spread || a.row - b.row);
  return scored.slice(0, Math.min(count, MAX_REPORT_CARDS)).map(({ row, fold }) => ({ row, fold }));
}

/** The cards for the picked rows, each with its `top` reasons per model. */
export function reportCards(
  result: CompareResult,
  artifacts: ComparisonArtifacts,
  options: { count: number; top?: number },
): DecisionCardView[] {
  return pickCardRows(result, artifacts, options.count).map(({ row, fold }) =>
    decisionCardFor(result, artifacts, {
      fileRow: artifacts.fileRows[row],
      row,
      fold,
      edits: {},
      top: options.top ?? 3,
    }),
  );
}
