/**
 * Checks before training: which column to propose as the target (never chosen silently — the user
 * confirms), and which targets to refuse.
 *
 * - Single class: nothing to predict; training is blocked.
 * - Near-constant (≥ 95% of rows in one class): a model "98% accurate" by always answering the majority;
 *   never proposed, and training needs an explicit confirmation.
 * - Proposal (docs/answer.md): among the other columns that can be a target (not an identifier or
 *   constant; text with at most 20 values, or numbers), the highest score wins: +3 for a name word that
 *   names an outcome (OUTCOME_WORDS; +2 for WEAKER_OUTCOME_WORDS such as 'price'), +1 for the last column,
 *   +1 for two values whose rarer one holds at least 5% of rows; ties go to the column further right.
 *   Generic words (GENERIC_WORDS: 'class', 'type', 'label' …) count fully only when they are the whole name or
 *   its first word ('Class', 'target_income'); inside a longer name they usually describe the row rather than
 *   name the answer (ames' 'MS_SubClass' is a dwelling code, 'Bldg_Type' a building kind), so there they add
 *   only +1 — less than a named outcome such as 'Sale_Price'.
 */
import type { ColumnType } from './dataset.js';
import { nameWords } from './protected.js';
import { MAX_INTEGER_CLASSES } from './target.js';

/** Share of rows in one class from which a target counts as near-constant. */
export const NEAR_CONSTANT_SHARE = 0.95;

/** Name words that say "this is what we want to predict" (+3). */
export const OUTCOME_WORDS: readonly string[] = [
  'target',
  'label',
  'class',
  'outcome',
  'y',
  'status',
  'deny',
  'denied',
  'default',
  'churn',
  'churned',
  'survived',
  'approved',
  'approval',
  'fraud',
  'diagnosis',
  'species',
];

/** Name words that often, not always, name an outcome (+2): a price is as often an input as the answer. */
export const WEAKER_OUTCOME_WORDS: readonly string[] = [
  'price',
  'quality',
  'grade',
  'risk',
  'result',
  'response',
  'decision',
  'spam',
  'sales',
  'type',
];

/** Words that name "a kind of something" as often as "the answer": full score only as the whole name or first word. */
export const GENERIC_WORDS: readonly string[] = [
  'target',
  'label',
  'class',
  'outcome',
  'y',
  'type',
  'result',
  'response',
  'grade',
  'quality',
];

/** Score of a column name as an outcome, and the word that earned it (undefined: no outcome word). */
export function outcomeNameScore(
  name: string,
): { readonly score: number; readonly word: string; readonly qualified: boolean } | undefined {
  const words = nameWords(name);
  const word = words.find((w) => OUTCOME_WORDS.includes(w)) ?? words.find((w) => WEAKER_OUTCOME_WORDS.includes(w));
  if (!word) return undefined;
  const full = OUTCOME_WORDS.includes(word) ? 3 : 2;
  const qualified = GENERIC_WORDS.includes(word) && words.length > 1 && words[0] !== word;
  return { score: qualified ? 1 : full, word, qualified };
}

export interface ClassCount {
  readonly label: string;
  readonly count: number;
}

export type TargetVerdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'near-constant'; readonly message: string; readonly share: number }
  | { readonly kind: 'single-class'; readonly message: string };

/** From the class balance of a classification target. */
export function checkTargetBalance(name: string, balance: readonly ClassCount[]): TargetVerdict {
  const present = balance.filter((c) => c.count > 0);
  if (present.length <= 1)
    return {
      kind: 'single-class',
      message: `target '${name}' has a single class${present.length === 1 ? ` ('${present[0].label}')` : ''}: there is nothing to predict, so it cannot be trained`,
    };
  const total = present.reduce((s, c) => s + c.count, 0);
  const top = present.reduce((a, b) => (b.count > a.count ? b : a));
  const share = top.count / total;
  if (share >= NEAR_CONSTANT_SHARE)
    return {
      kind: 'near-constant',
      share,
      message:
        `target '${name}' is nearly constant: ${(100 * share).toFixed(1)}% of rows are '${top.label}', so always ` +
        `answering '${top.label}' is ${(100 * share).toFixed(1)}% accurate; confirm that this is the column to predict`,
    };
  return { kind: 'ok' };
}

/** What the proposal reads of a column (a profile.ts ColumnProfile has it; kept structural so profile.ts can use this file). */
export interface ColumnSummary {
  readonly name: string;
  readonly type: ColumnType;
  readonly missing: number;
  readonly distinct: number;
  readonly topCategories?: readonly { readonly value: string; readonly count: number }[];
}

export interface TargetProposal {
  /** null when no column can be a target. */
  readonly column: string | null;
  readonly reason: string;
  /** Columns passed over because they are near-constant or single-class, with why. */
  readonly refused: readonly { readonly column: string; readonly reason: string }[];
}

export function proposeTarget(columns: readonly ColumnSummary[], rows: number): TargetProposal {
  const refused: { column: string; reason: string }[] = [];
  let best: { column: ColumnSummary; score: number; reasons: string[] } | undefined;
  columns.forEach((c, index) => {
    if (c.type === 'identifier' || c.type === 'constant' || c.distinct <= 1) return;
    const isClass = c.type === 'categorical' || c.type === 'boolean' || c.distinct <= MAX_INTEGER_CLASSES;
    if (c.type === 'categorical' && c.distinct > MAX_INTEGER_CLASSES) return;
    const present = rows - c.missing;
    const top = c.topCategories?.[0];
    if (isClass && top && present > 0) {
      const check = checkTargetBalance(
        c.name,
        (c.topCategories ?? [])
          .concat(
            c.distinct > (c.topCategories?.length ?? 0)
              ? [{ value: '…', count: present - c.topCategories!.reduce((s, t) => s + t.count, 0) }]
              : [],
          )
          .map((t) => ({ label: t.value, count: t.count })),
      );
      if (check.kind !== 'ok') {
        refused.push({ column: c.name, reason: check.message });
        return;
      }
    }
    const reasons: string[] = [];
    let score = 0;
    const named = outcomeNameScore(c.name);
    if (named) {
      score += named.score;
      reasons.push(
        named.qualified
          ? `has '${named.word}' in its name (a weak hint: inside a longer name it usually describes the row)`
          : `is named like an outcome ('${named.word}')`,
      );
    }
    if (index === columns.length - 1) {
      score += 1;
      reasons.push('is the last column');
    }
    if (c.distinct === 2 && c.topCategories && c.topCategories.length === 2 && present > 0) {
      const minority = c.topCategories[1];
      const share = minority.count / present;
      if (share >= 0.05) {
        score += 1;
        reasons.push(`has two values with a plausible balance (${(100 * share).toFixed(1)}% '${minority.value}')`);
      }
    }
    if (!best || score >= best.score) best = { column: c, score, reasons };
  });
  if (!best)
    return { column: null, reason: 'no column can be a target (all are identifiers, constant or nearly so)', refused };
  const r = best.reasons;
  const why =
    r.length === 0
      ? 'is the right-most column that can be predicted'
      : r.length === 1
        ? r[0]
        : `${r.slice(0, -1).join(', ')} and ${r[r.length - 1]}`;
  return { column: best.column.name, reason: `'${best.column.name}' ${why}`, refused };
}
