/**
 * The answer's parts of a comparison result (app/answer/ computes them): which model to use and why, the
 * baseline row, per-class scores, and each model's size. Types only.
 */
import type { Summary } from './summary.js';

/** How much a reader has to read: leaves (= rules) of the tree(s), or non-zero coefficients. */
export interface ModelSize {
  /** What `count` counts: leaves (= rules) of the tree(s), or non-zero coefficients. */
  readonly measure: 'leaves' | 'coefficients';
  readonly count: number;
  /** Trees in the model (tree models). */
  readonly trees?: number;
  /** Deepest leaf (tree models). */
  readonly depth?: number;
}

export interface BaselineResult {
  readonly id: 'baseline';
  readonly label: string;
  /** What it predicts, in words: "always 'good', the training fold's most frequent class". */
  readonly rule: string;
  readonly metrics: Readonly<Record<string, Summary>>;
  /** Per-fold test metrics, in fold order (the same folds as the models'). */
  readonly folds: readonly Readonly<Record<string, number>>[];
  /** Classification: summed over the first repeat's test folds (rows = true class). */
  readonly confusionMatrix?: readonly (readonly number[])[];
}

export interface ClassScores {
  readonly label: string;
  /** True rows of the class. */
  readonly support: number;
  /** Share of the class's rows predicted as the class (NaN without rows). */
  readonly recall: number;
  /** Share of rows predicted as the class that are the class (NaN when never predicted). */
  readonly precision: number;
}

export interface ThresholdPoint {
  /** Predict the positive class when its probability is ≥ this. */
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly accuracy: number;
  readonly balancedAccuracy: number;
}

export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

export interface ClassReport {
  readonly perClass: readonly ClassScores[];
  /** Matthews correlation coefficient (multiclass: Gorodkin's R_K); 0 = no better than chance. */
  readonly mcc: number;
  /** Binary: the class the PR AUC and the curves are about (the rarer class; ties: the second). */
  readonly positiveClass?: string;
  /** Binary: average precision of the positive class (area under the precision–recall curve, as scikit-learn). */
  readonly prAuc?: number;
  /** Binary: thresholds 0.05, 0.10 … 0.95 on P(positive). */
  readonly thresholds?: readonly ThresholdPoint[];
  /** Binary: the ROC curve of the positive class (x = false positive rate, y = true positive rate), thinned. */
  readonly roc?: readonly CurvePoint[];
  /** Binary: the precision–recall curve of the positive class (x = recall, y = precision), thinned. */
  readonly pr?: readonly CurvePoint[];
}

export interface Alternative {
  readonly modelId: string;
  readonly label: string;
  readonly reason: string;
}

/**
 * Where the LLM stands against the recommended model, on the rows the LLM was asked about (classification): its
 * pooled accuracy with the Wilson interval, and the recommended model's out-of-fold accuracy on exactly those rows.
 */
export interface LlmStanding {
  /** The LLM row compared: the plain prompt, or the best prompt variant when one scored higher. */
  readonly llmId: string;
  readonly label: string;
  readonly rows: number;
  readonly accuracy: number;
  readonly ci95: readonly [number, number];
  readonly costPer1000: number;
  /** The recommended model's accuracy on the same rows. */
  readonly modelAccuracy: number;
  /** The recommended model's accuracy against the LLM's interval. */
  readonly position: 'above' | 'within' | 'below';
  readonly text: string;
}

export interface Recommendation {
  readonly modelId: string;
  readonly label: string;
  /** 'tie': the smallest of the models indistinguishable from the best; 'winner': the best by a clear margin. */
  readonly kind: 'tie' | 'winner' | 'only';
  readonly rule: string;
  /** One sentence each, with the numbers. The first is the answer itself. */
  readonly reasons: readonly string[];
  /** The other models worth considering (tied with the best, or the best when a smaller one was chosen). */
  readonly alternatives: readonly Alternative[];
  /** False when the recommended model does not beat the baseline significantly. */
  readonly beatsBaseline: boolean;
  /** Wall-clock comparisons (differ from run to run, like every `timing` block). */
  readonly timing: { readonly reasons: readonly string[] };
  /** When an LLM ran (classification): how it scored on its sampled rows against the recommended model there. */
  readonly llm?: LlmStanding;
}
