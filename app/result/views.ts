/**
 * What the core computes for one screen of the desktop (and the report): a tree's nodes, and the per-decision card.
 * Types only; the IPC contract (app/ipc/contract.ts) sends them as they are.
 */
import type { RowId } from './pre-trained.js';
import type { Counterfactual, LlmDecision, ModelDecision } from './explain.js';

export interface TreeNodeView {
  /** Index of the node; the root is 0 and children come after their parent. */
  readonly id: number;
  /**
   * Split nodes: `feature`, then either a numeric test — rows with `feature <comparison> threshold` go left
   * (the tree engine uses ≤, ml-cart <; a threshold of Infinity sends every present value left) — or, for a
   * categorical feature, `leftCategories`: the categories that go left (the others go right).
   */
  readonly feature?: string;
  readonly threshold?: number;
  readonly comparison?: '<' | '≤';
  readonly leftCategories?: readonly string[];
  /**
   * Where a missing value (or a category the fold never saw) goes: left when true. Absent when the model
   * cannot see missing values (ml-cart: they were filled with the training fold's median / most frequent category).
   */
  readonly missingGoesLeft?: boolean;
  readonly left?: number;
  readonly right?: number;
  /** Leaves: the predicted label or value. */
  readonly prediction?: string;
  /** Training rows that reached the node (the fold's training rows, or the model's subsample). */
  readonly samples?: number;
  /** Classification leaves: the fraction of each class among those rows (what predictProba returns there). */
  readonly distribution?: Readonly<Record<string, number>>;
}

/**
 * The per-decision card (explainRow): every model's decision on one row — the file's values, or the user's
 * what-if edits of them — with signed reasons (SHAP per feature), the tree's path and the nearest
 * counterfactual for the tree and the forest. The models are those of the fold in which the row was held out.
 */
export interface DecisionCardView {
  /** 0-based data row of the file, as in getRows. */
  readonly row: number;
  readonly fold: number;
  /** The row's actual target value in the file ('' if missing). */
  readonly actual: string;
  /** The values the models were asked about (the file's, with the edits applied). */
  readonly values: Readonly<Record<string, string>>;
  /** Columns whose value differs from the file's. */
  readonly edited: readonly string[];
  /** The feature columns, in order: what a what-if can change. */
  readonly features: readonly string[];
  /** Text features: the categories seen in training (what a what-if may pick). */
  readonly choices: Readonly<Record<string, readonly string[]>>;
  readonly models: readonly ModelDecision[];
  /** Classification: the models (and the LLM, when it answered this row and no what-if edit is shown) do not all predict the same class. */
  readonly disagree: boolean;
  /** Smallest plausible change flipping the decision, for the tree and the forest (null: none within two features). */
  readonly counterfactuals: readonly { readonly modelId: RowId; readonly counterfactual: Counterfactual | null }[];
  /** The LLM baseline's stored answer for this row, or why there is none; absent when the comparison ran no LLM. Never carries the API key. */
  readonly llm?: LlmDecision;
}
