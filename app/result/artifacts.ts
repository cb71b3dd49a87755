/**
 * What a comparison leaves behind besides its result document, as types: the folds, the fold models and the
 * out-of-fold predictions that the explanations, the per-decision card and the report read.
 */
import type { Dataset } from '../data/dataset.js';
import type { RowId } from './pre-trained.js';
import type { Target } from '../models/matrix.js';
import type { TrainedPipeline } from '../pipeline/pipeline.js';
import type { LlmRowAnswer } from './llm.js';

export interface Fold {
  /** 0-based fold number. */
  readonly index: number;
  /** Sorted ascending row indices. */
  readonly train: Int32Array;
  /** Sorted ascending row indices; every row is in exactly one fold's test set. */
  readonly test: Int32Array;
}

/** What a comparison leaves behind besides its JSON result: the fold models and out-of-fold predictions (desktop Inspect, curves). */
export interface ComparisonArtifacts {
  /** The dataset the folds index into (rows with a missing target dropped). */
  readonly dataset: Dataset;
  /** For each row of `dataset`, its 0-based data row in the file (PreparedTarget.fileRows). */
  readonly fileRows: Int32Array;
  readonly target: Target;
  readonly features: readonly string[];
  readonly folds: readonly Fold[];
  readonly models: ReadonlyMap<RowId, ModelArtifacts>;
  /** The LLM's answer per asked row (when an LLM ran). */
  readonly llmAnswers?: readonly LlmRowAnswer[];
  /** The response-cache keys the LLM run used (when an LLM ran): the run record lists them for replay. */
  readonly llmCacheKeys?: readonly string[];
}

export interface ModelArtifacts {
  /** One trained pipeline per fold, in fold order. */
  readonly pipelines: readonly TrainedPipeline[];
  /** Per dataset row, the prediction of the fold model that did not train on it (NaN where a row is in no test fold). */
  readonly oofPredictions: Float64Array;
  /** Row-major rows × classes (classification only). */
  readonly oofProba: Float64Array | null;
}
