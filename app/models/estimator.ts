/**
 * The one contract every model in Sapling honours — scikit-learn's estimator contract in TypeScript.
 *
 * - Constructing an Estimator does no work: it only stores its parameters, as given.
 * - `fit` takes the data and an explicit seed and returns a new FittedModel; it never mutates X or y.
 * - A FittedModel predicts, gives class probabilities that sum to 1, and serializes to JSON such that
 *   `fromJSON(toJSON())` predicts bit-identically.
 * - Long fits honour `signal` (AbortSignal) and report `onProgress(fraction)`.
 *
 * `test/app/models/check-estimator.ts` turns this contract into tests run on every model.
 */
import type { ModelId } from './catalog/index.js';
import type { FeatureMatrix, Target, Task } from './matrix.js';

/** Model ids and their order come from the catalog (app/models/catalog/index.ts). */
export { MODEL_IDS, type ModelId } from './catalog/index.js';

import type { ModelDescription } from './describe.js';
import type { Params } from './params.js';
export type { ParamValue, Params } from './params.js';

export interface FitOptions {
  /** Every random choice inside fit derives from this seed. */
  readonly seed: number;
  readonly signal?: AbortSignal;
  /** Fraction done in [0, 1]. */
  readonly onProgress?: (fraction: number) => void;
}

/** What a model tells the user about how it was trained (e.g. "trained on a 2,000-row subsample"). */
export interface FitNote {
  readonly message: string;
}

export interface Estimator {
  readonly id: ModelId;
  /** Parameters as given, merged with defaults. */
  readonly params: Params;
  fit(X: FeatureMatrix, y: Target, options: FitOptions): Promise<FittedModel>;
}

export interface SerializedModel {
  readonly id: ModelId;
  readonly task: Task;
  readonly params: Params;
  readonly seed: number;
  readonly featureNames: readonly string[];
  /** Class labels (classification only), in code order. */
  readonly classes?: readonly string[];
  /** Model-specific learned state; plain JSON. */
  readonly state: unknown;
}

export interface FittedModel {
  readonly id: ModelId;
  readonly task: Task;
  readonly featureNames: readonly string[];
  readonly classes?: readonly string[];
  readonly notes: readonly FitNote[];
  /** Classification: class codes (as numbers); regression: values. One per row of X. */
  predict(X: FeatureMatrix): Float64Array;
  /** Classification only: row-major rows × classes.length, each row sums to 1. */
  predictProba(X: FeatureMatrix): Float64Array;
  /** Normalized (sums to 1) impurity-based importance per feature, from the training data; undefined where the model has none. */
  impurityImportance(): Float64Array | undefined;
  toJSON(): SerializedModel;
}

/** Builds an Estimator from user parameters (validating them) and restores fitted models (see learner.ts). */
export interface ModelFactory {
  readonly id: ModelId;
  readonly label: string;
  /** What the model says about itself (app/models/catalog/<id>.ts). */
  readonly description: ModelDescription<ModelId>;
  readonly defaults: Params;
  /** Parameter docs shown by the CLI and UI. */
  readonly paramHelp: Readonly<Record<string, string>>;
  create(task: Task, params?: Params): Estimator;
  fromJSON(json: SerializedModel): FittedModel;
}
