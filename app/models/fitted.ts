/**
 * The FittedModel every Sapling model returns. A model supplies only its core (how to turn rows
 * into class probabilities or values, its importance and its learned state); input checks,
 * argmax, the regression/classification split and JSON framing live here, once.
 */
import { SaplingError } from '../util/errors.js';
import type { FitNote, FittedModel, ModelId, Params, SerializedModel } from './estimator.js';
import type { FeatureMatrix, Target, Task } from './matrix.js';
import { checkPredictData } from './validate.js';

export interface ModelCore {
  /** Row-major rows × width: class probabilities (width = classes.length) or values (width 1). */
  predictMatrix(X: FeatureMatrix): Float64Array;
  importance(): Float64Array | undefined;
  /** Model-specific learned state, plain JSON. */
  state(): Record<string, unknown>;
  /** True if the model takes NaN as a missing value at prediction (the tree engine); others refuse NaN. */
  readonly acceptsMissing?: boolean;
}

export interface ModelHeader {
  readonly id: ModelId;
  readonly task: Task;
  readonly params: Params;
  readonly seed: number;
  readonly featureNames: readonly string[];
  readonly classes?: readonly string[];
  readonly notes: readonly FitNote[];
}

/** The header of a model just fitted on X and y (names and classes copied, so later edits to the inputs cannot leak in). */
export function fittedHeader(
  id: ModelId,
  params: Params,
  seed: number,
  X: FeatureMatrix,
  y: Target,
  notes: readonly FitNote[],
): ModelHeader {
  return {
    id,
    task: y.task,
    params,
    seed,
    featureNames: [...X.featureNames],
    ...(y.task === 'classification' ? { classes: [...y.classes] } : {}),
    notes,
  };
}

/** The predicted class code of each row of rows × k probabilities (ties go to the lowest code). */
export function classCodes(proba: Float64Array, rows: number, k: number): Float64Array {
  const codes = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    codes[i] = best;
  }
  return codes;
}

export class Fitted implements FittedModel {
  readonly id: ModelId;
  readonly task: Task;
  readonly featureNames: readonly string[];
  readonly classes?: readonly string[];
  readonly notes: readonly FitNote[];

  constructor(
    private readonly header: ModelHeader,
    protected readonly core: ModelCore,
  ) {
    this.id = header.id;
    this.task = header.task;
    this.featureNames = header.featureNames;
    if (header.classes !== undefined) this.classes = header.classes;
    this.notes = header.notes;
  }

  predict(X: FeatureMatrix): Float64Array {
    checkPredictData(X, this.featureNames.length, this.core.acceptsMissing === true);
    const out = this.core.predictMatrix(X);
    if (this.task === 'regression') return out;
    return classCodes(out, X.rows, this.classes!.length);
  }

  predictProba(X: FeatureMatrix): Float64Array {
    if (this.task !== 'classification') {
      throw new SaplingError(
        'BAD_INPUT',
        `predictProba needs a classification model; this ${this.id} model does regression`,
      );
    }
    checkPredictData(X, this.featureNames.length, this.core.acceptsMissing === true);
    return this.core.predictMatrix(X);
  }

  impurityImportance(): Float64Array | undefined {
    return this.core.importance()?.slice();
  }

  toJSON(): SerializedModel {
    const h = this.header;
    return {
      id: h.id,
      task: h.task,
      params: { ...h.params },
      seed: h.seed,
      featureNames: [...h.featureNames],
      ...(h.classes === undefined ? {} : { classes: [...h.classes] }),
      state: { notes: h.notes.map((n) => n.message), ...this.core.state() },
    };
  }
}
