/**
 * The comparison result: what `sapling compare --json` writes and what the desktop app, reports and
 * audit records read. Everything except `timing` follows from data + settings + seed, so two runs with
 * the same inputs produce identical JSON apart from the `timing` blocks.
 */
import type { CalibrationSection, ShapSection, SubgroupReport, Verdict } from './explain.js';
import type { ExternalResult } from './external.js';
import type { ModelId, Params } from '../models/estimator.js';
import type { Task } from '../models/matrix.js';
import type { CascadeResult, DistilledResult, LlmResult } from './llm.js';
import type { PromptVariantKind } from '../settings/llm.js';
import type { ImportanceEntry, Summary } from './summary.js';
import type { BaselineResult, ClassReport, ModelSize, Recommendation } from './answer.js';
import type { ProtectedColumn } from '../data/protected.js';
import type { PreTrainedId, PreTrainedInfo, RowId } from './pre-trained.js';

export type { ImportanceEntry, Summary };

export const RESULT_FORMAT = 'sapling-compare';
export const RESULT_VERSION = 1;

/**
 * The leaderboard while a comparison runs (progress events): each model whose folds are all scored, in the order
 * they finished. Explanations, verdicts and the recommendation come only with the finished result.
 */
export interface PartialLeaderboard {
  readonly task: Task;
  readonly primaryMetric: string;
  readonly models: readonly ModelResult[];
  /** How many models the run trains. */
  readonly of: number;
}

export interface ModelResult {
  /** The model's id, or `file:<name>` for a pre-trained model file. */
  readonly id: RowId;
  readonly label: string;
  readonly params: Params;
  /** Test-fold metrics. */
  readonly metrics: Readonly<Record<string, Summary>>;
  /** Training-fold metrics: compare with `metrics` for the generalization gap. Absent for a pre-trained model (no training fold). */
  readonly trainMetrics?: Readonly<Record<string, Summary>>;
  /** A pre-trained model file scored as it is on every held-out fold (not refitted): what it is and where it came from. */
  readonly preTrained?: PreTrainedInfo;
  /** Per-fold test metrics, in fold order. */
  readonly folds: readonly Readonly<Record<string, number>>[];
  /** Classification: summed over test folds; rows = true class, columns = predicted. */
  readonly confusionMatrix?: readonly (readonly number[])[];
  /** Classification: per-class recall/precision, MCC; binary: PR AUC and the decision-threshold curve (out-of-fold). */
  readonly classReport?: ClassReport;
  readonly sizeBytes: number;
  /** What a reader has to read: leaves (rules) of the tree(s) or non-zero coefficients (first fold's model). */
  readonly size?: ModelSize;
  readonly importance: {
    /** Score drop on held-out rows when the feature is shuffled (mean, std over folds × repeats). */
    readonly permutation: readonly ImportanceEntry[];
    readonly permutationMetric: string;
    /** Training-set impurity decrease; biased towards many-valued features. Null where the model has none. */
    readonly impurity: readonly ImportanceEntry[] | null;
    /** What impurity importance is and is not, for readers of the JSON. */
    readonly impurityNote: string;
  };
  /** How the model was trained, e.g. on a capped subsample. */
  readonly notes: readonly string[];
  readonly timing: {
    readonly fitSecondsMean: number;
    readonly fitSeconds: readonly number[];
    readonly predictRowMsP50: number;
    readonly predictRowMsP95: number;
    readonly latencyCalls: number;
    readonly rowsPerSecond: number;
  };
}

/**
 * The LLM (plain prompt, or one prompt variant) as a leaderboard row. Its scores come from the rows it was asked about
 * — a seeded sample of the same test folds — so `scoredRows` and the pooled interval travel with it. Its full detail
 * stays in `CompareResult.llm` (and `llm.variants[]`).
 */
export interface LlmModelRow {
  readonly id: 'llm' | `llm:${PromptVariantKind}`;
  readonly kind: 'llm';
  readonly label: string;
  /** Per fold on that fold's sampled rows, summarized over folds: the same metrics as the trees. */
  readonly metrics: Readonly<Record<string, Summary>>;
  readonly folds: readonly Readonly<Record<string, number>>[];
  /** Sampled test rows the LLM answered: its scores are on these rows only. */
  readonly scoredRows: number;
  /** Accuracy pooled over the sampled rows with its Wilson 95% interval (classification). */
  readonly pooledAccuracy?: { readonly value: number; readonly ci95: readonly [number, number]; readonly n: number };
  readonly invalidAnswerRate: number;
  /** At the configured prices, from the counted tokens. */
  readonly costPer1000: number;
  /** Per request to the endpoint (cache replays count with the latency they had when first asked). */
  readonly timing: {
    readonly predictRowMsP50: number;
    readonly predictRowMsP95: number;
    readonly rowsPerSecond: number;
  };
  /** One sentence: where the score comes from (what a reader must know before comparing it with the trees). */
  readonly note: string;
}

/** A row of `models[]`: a trained model, or the LLM / one of its prompt variants. */
export type ModelRow = ModelResult | LlmModelRow;

export interface CompareResult {
  readonly format: typeof RESULT_FORMAT;
  readonly version: number;
  readonly sapling: string;
  readonly dataset: {
    readonly fileName: string;
    readonly sha256: string;
    /** Rows used (after dropping rows with a missing target). */
    readonly rows: number;
    readonly rowsInFile: number;
    readonly columns: number;
    readonly target: string;
    readonly task: Task;
    readonly classes?: readonly string[];
    readonly features: readonly string[];
  };
  readonly settings: {
    readonly folds?: number;
    readonly holdout?: number;
    readonly seed: number;
    readonly models: readonly ModelId[];
    /** Pre-trained model files scored as they are (`file:` in --models): their rows' ids, in the order given. */
    readonly preTrained?: readonly PreTrainedId[];
    readonly permutationRepeats: number;
    readonly excluded: readonly string[];
    /** Repeated k-fold: how many times the k folds were redrawn (absent = once). */
    readonly repeats?: number;
    /** Region of practical equivalence for the verdicts, in primary-metric units. */
    readonly rope?: number;
    readonly calibrate?: 'isotonic' | 'platt';
    readonly subgroups?: readonly string[];
    /** The target was near-constant and the user confirmed it. */
    readonly confirmTarget?: boolean;
  };
  /** The metric models are ranked and recommended by (accuracy, balancedAccuracy or r2; app/answer/primary-metric.ts). */
  readonly primaryMetric: string;
  /** Why that metric, in one sentence. */
  readonly primaryMetricReason?: string;
  /** Which model to use and why (app/answer/recommend.ts); absent only when no model produced a score. */
  readonly recommendation?: Recommendation;
  /** Columns that look like protected attributes (app/data/protected.ts); subgroup results default to them. */
  readonly protectedColumns?: readonly ProtectedColumn[];
  readonly warnings: readonly string[];
  /** Majority class / mean, on the same folds: the row every model must beat. Never recommended. */
  readonly baseline?: BaselineResult;
  /** Every trained model, then (when an LLM ran) the LLM and its prompt variants (`kind: 'llm'`). */
  readonly models: readonly ModelRow[];
  /** `--test-file`: every model trained on all rows and scored on another file, with a shift check (external.ts). */
  readonly external?: ExternalResult;
  /** Global SHAP per model and the agreement between importance methods and models (app/explain). */
  readonly shap?: ShapSection;
  /** Every pair of models on the same folds: corrected resampled t-test and probability of practical equivalence. */
  readonly verdicts?: readonly Verdict[];
  /** Classification: reliability bins, ECE and Brier per model, optionally recalibrated. */
  readonly calibration?: CalibrationSection;
  /** Per chosen column: per group and model, count, selection rate, accuracy, TPR/FPR and the gaps. */
  readonly subgroups?: readonly SubgroupReport[];
  /** The LLM baseline on a sample of the same test folds (absent when no LLM was configured). */
  readonly llm?: LlmResult;
  /** Tree-first routing swept over confidence thresholds, on the LLM's rows: one curve per model with class probabilities. */
  readonly cascade?: readonly CascadeResult[];
  /** A shallow tree trained on the LLM's answers: fidelity and rules. */
  readonly distilled?: DistilledResult | { readonly skipped: string };
}
