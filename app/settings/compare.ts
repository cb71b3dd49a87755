/**
 * What a comparison is asked to do: the settings every entry point (CLI, desktop, project files, run records)
 * hands to runComparison (app/compare/run.ts), and their defaults.
 */
import type { ModelId, Params } from '../models/estimator.js';
import type { Task } from '../models/matrix.js';
import type { LlmSettings } from './llm.js';

/** The default model set is a catalog property (each model's `selectedByDefault`). */
export { DEFAULT_MODELS } from '../models/catalog/index.js';
export const DEFAULT_FOLDS = 5;

export interface CompareSettings {
  readonly target: string;
  readonly task?: Task;
  readonly models?: readonly ModelId[];
  readonly params?: Partial<Record<ModelId, Params>>;
  /** k for k-fold cross-validation (default 5). Ignored when `holdout` is set. */
  readonly folds?: number;
  /** Fraction of rows held out for a single train/test split. */
  readonly holdout?: number;
  readonly seed: number;
  readonly exclude?: readonly string[];
  readonly permutationRepeats?: number;
  readonly latencyCalls?: number;
  /** Repeated k-fold: redraw the k folds this many times (default 1); sharpens the verdicts. */
  readonly repeats?: number;
  /** Region of practical equivalence for the verdicts, in primary-metric units (default 0.01). */
  readonly rope?: number;
  /** Also report calibration after cross-fitted isotonic or Platt recalibration (two classes). */
  readonly calibrate?: 'isotonic' | 'platt';
  /** Columns whose groups get per-group metrics. */
  readonly subgroups?: readonly string[];
  /** Held-out rows per fold explained for the global SHAP importance (default 100). */
  readonly shapRows?: number;
  /** The LLM baseline (app/llm); absent = no LLM column. Plain data: the API key travels in CompareOptions.llm. */
  readonly llm?: LlmSettings;
}
