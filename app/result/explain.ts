/**
 * The shapes of everything app/explain puts into results and IPC answers (CompareResult sections, the
 * per-decision card). Types only, importing nothing with code behind it, so the renderer can read them
 * without pulling in the models.
 */
import type { ImportanceEntry } from './summary.js';
import type { ChatMessage } from './llm.js';
import type { RowId } from './pre-trained.js';

/** What attributions add up to: class probability, raw margin (log-odds), or the target's value. */
export type ShapUnits = 'probability' | 'log-odds' | 'value';

export type ImportanceMethod = 'shap' | 'permutation' | 'impurity';

export interface RankPair {
  readonly a: string;
  readonly b: string;
  readonly spearman: number;
  readonly kendall: number;
}

export interface AgreementSection {
  /** Per model, each pair of methods. */
  readonly methods: readonly { readonly model: string; readonly pairs: readonly RankPair[] }[];
  /** Per method, each pair of models. */
  readonly models: readonly { readonly method: ImportanceMethod; readonly pairs: readonly RankPair[] }[];
  readonly notes: readonly string[];
}

export interface ShapSection {
  /** At most this many held-out rows per fold were explained. */
  readonly rowsPerFold: number;
  readonly note: string;
  readonly models: readonly {
    readonly id: RowId;
    readonly method: 'tree-shap' | 'linear-shap';
    readonly units: ShapUnits;
    /** Held-out rows per fold explained for this model (fewer for costly models). */
    readonly rowsPerFold: number;
    /** Mean |SHAP| per feature (mean, std over folds). */
    readonly meanAbs: readonly ImportanceEntry[];
  }[];
  readonly agreement: AgreementSection;
}

export interface PairedTest {
  /** Mean of (a − b) over the splits. */
  readonly meanDifference: number;
  readonly splits: number;
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value of the corrected resampled t-test. */
  readonly p: number;
  /** Posterior probabilities (Bayesian correlated t-test). */
  readonly probabilities: { readonly aBetter: number; readonly equivalent: number; readonly bBetter: number };
}

export interface Verdict extends PairedTest {
  /** `a` scored higher on average. */
  /** A model, or 'llm' for the LLM baseline (compared on the rows it was asked about). */
  readonly a: RowId | 'llm';
  readonly b: RowId | 'llm';
  readonly metric: string;
  readonly rope: number;
  /** Plain-language verdict, e.g. "Random forest beats Decision tree on accuracy by 2.1 points (p = 0.012)". */
  readonly text: string;
}

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean predicted probability in the bin (NaN if empty). */
  readonly meanPredicted: number;
  /** Observed frequency of the event in the bin (NaN if empty). */
  readonly observed: number;
}

export interface CalibrationSummary {
  /** What is on the x axis: "P(good)" or "confidence in the predicted class". */
  readonly event: string;
  readonly bins: readonly ReliabilityBin[];
  readonly ece: number;
  readonly brier: number;
  readonly rows: number;
}

export type CalibrationMethod = 'isotonic' | 'platt';

export interface ModelCalibration {
  readonly id: RowId;
  readonly raw: CalibrationSummary;
  /** After cross-fitted isotonic or Platt recalibration (when asked for; two classes only). */
  readonly calibrated?: CalibrationSummary;
}

export interface CalibrationSection {
  readonly method?: CalibrationMethod;
  readonly note: string;
  readonly models: readonly ModelCalibration[];
}

export interface GroupMetrics {
  readonly group: string;
  readonly count: number;
  /** Classification: share of rows predicted as the positive class. */
  readonly selectionRate?: number;
  readonly accuracy?: number;
  readonly tpr?: number;
  readonly fpr?: number;
  /** Regression: mean absolute error. */
  readonly mae?: number;
}

export interface SubgroupReport {
  readonly column: string;
  /** Classification: the class counted as "selected" / positive. */
  readonly positiveClass?: string;
  readonly models: readonly {
    readonly model: string;
    readonly groups: readonly GroupMetrics[];
    /** Largest minus smallest value across groups with enough rows, per metric. */
    readonly gaps: Readonly<Record<string, number>>;
  }[];
}

export interface Reason {
  readonly feature: string;
  /** The row's value of the feature, as text ('' = missing). */
  readonly value: string;
  /** Signed: positive pushes towards the explained outcome. */
  readonly contribution: number;
}

export interface ModelDecision {
  readonly id: RowId;
  readonly label: string;
  /** Predicted class label, or the predicted value as text. */
  readonly prediction: string;
  /** Classification: probability of each class. */
  readonly probabilities: Readonly<Record<string, number>> | null;
  /** Probability of the predicted class, or the predicted value. */
  readonly score: number;
  readonly units: ShapUnits;
  /** What the contributions add up to, in words: "probability of 'good'", "log-odds of 'good'", "predicted Price". */
  readonly explains: string;
  readonly baseValue: number;
  /** baseValue + Σ contributions. */
  readonly value: number;
  /** Per source feature, in feature order. */
  readonly contributions: Readonly<Record<string, number>>;
  /** The `top` largest |contributions|, signed, largest first. */
  readonly reasons: readonly Reason[];
  /** The decision tree's path for this row, as one rule (only the `tree` model). */
  readonly path: string | null;
}

export interface Change {
  readonly feature: string;
  readonly from: string;
  readonly to: string;
}

export interface Counterfactual {
  readonly model: string;
  readonly from: string;
  readonly to: string;
  readonly changes: readonly Change[];
  /** Σ per-feature distances (IQR units for numbers, 1 per category change). */
  readonly distance: number;
  /** Probability of the new class after the change. */
  readonly probability: number;
}

/**
 * The LLM baseline's answer on the per-decision card, when the comparison ran one. The LLM answers a sample
 * of the test rows, so a row may not have been asked; and a what-if edit does not ask it again (that would
 * cost money): then `stale` says the answer is for the file's values.
 */
export type LlmDecision = LlmAnswered | LlmNotAsked;

export interface LlmAnswered {
  readonly asked: true;
  readonly label: string;
  /** The fold whose training rows gave the prompt's examples. */
  readonly fold: number;
  /** Predicted class label, or the number as text; null = an invalid answer (or none after all retries): scored as wrong, never guessed. */
  readonly prediction: string | null;
  /** No answer at all after every retry (then `answer` is ''). */
  readonly failed: boolean;
  /** Classification with usable token log-probabilities: probability of each class. */
  readonly probabilities: Readonly<Record<string, number>> | null;
  /** Probability of the predicted class, when both exist. */
  readonly score: number | null;
  /** As measured when the answer was first fetched (null when it failed). */
  readonly latencyMs: number | null;
  /** Replayed from the response cache in this run. */
  readonly cached: boolean;
  /** The exact conversation sent: system line, the k examples, then the row. */
  readonly messages: readonly ChatMessage[];
  /** The model's reply as received (with the API key redacted, should a server echo it). */
  readonly answer: string;
  /** The model's own reason, when the run asked this row "why?": self-reported, not verified. */
  readonly selfReported: { readonly reason: string; readonly note: string } | null;
  /** The card shows a what-if edit: this answer is for the file's values; the LLM was not asked again. */
  readonly stale: boolean;
}

export interface LlmNotAsked {
  readonly asked: false;
  readonly label: string;
  /** "The LLM was asked about 200 sampled test rows; this row was not one of them." */
  readonly note: string;
}
