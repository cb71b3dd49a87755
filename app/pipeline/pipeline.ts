/**
 * A trained pipeline = the fitted preprocessor + the fitted model + what the target means.
 * It is the unit `sapling train` saves and `sapling predict` loads, and what a fold trains in `compare`.
 */
import { Pacer } from '../models/pacer.js';
import type { Dataset } from '../data/dataset.js';
import type { FittedModel, ModelId, Params, SerializedModel } from '../models/estimator.js';
import type { FeatureMatrix, Target, Task } from '../models/matrix.js';
import { selectTarget } from '../models/matrix.js';
import { getModelFactory } from '../registry/models.js';
import type { PreprocessorState } from './preprocess.js';
import { featureGroups, fitPreprocessor, transform } from './preprocess.js';

export const MODEL_FILE_FORMAT = 'sapling-model';
export const MODEL_FILE_VERSION = 1;

export interface TrainedPipeline {
  readonly target: { readonly name: string; readonly task: Task; readonly classes?: readonly string[] };
  readonly features: readonly string[];
  readonly preprocessor: PreprocessorState;
  readonly model: FittedModel;
}

export interface FitPipelineOptions {
  readonly modelId: ModelId;
  readonly params?: Params;
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

/** Fit preprocessing and model on `rows` of the dataset (all rows when omitted). */
export async function fitPipeline(
  dataset: Dataset,
  targetName: string,
  target: Target,
  features: readonly string[],
  rows: Int32Array,
  options: FitPipelineOptions,
): Promise<{ pipeline: TrainedPipeline; X: FeatureMatrix }> {
  const factory = getModelFactory(options.modelId);
  const estimator = factory.create(target.task, options.params);
  // A pause after each phase: at 1M rows each is a second of work, and a cancel or progress event waits behind it.
  const pacer = new Pacer(options.signal);
  const preprocessor = fitPreprocessor(dataset, features, rows, factory.description.encoding);
  await pacer.pause();
  const X = transform(preprocessor, dataset, rows);
  const y = selectTarget(target, rows);
  await pacer.pause();
  const model = await estimator.fit(X, y, {
    seed: options.seed,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const classes = target.task === 'classification' ? target.classes : undefined;
  return { pipeline: { target: { name: targetName, task: target.task, classes }, features, preprocessor, model }, X };
}

/**
 * Per matrix column, the index into `features` of the source feature it encodes. A pipeline fitted in a comparison
 * reads exactly the comparison's features (identity); a pre-trained model may read fewer, or in another order.
 */
export function featureGroupsIn(pipeline: TrainedPipeline, features: readonly string[]): Int32Array {
  const groups = featureGroups(pipeline.preprocessor);
  if (pipeline.features === features) return groups;
  const index = pipeline.features.map((name) => features.indexOf(name));
  return groups.map((g) => index[g]);
}

/**
 * The JSON written by `sapling train`. Only facts that follow from data + seed go in, so it is reproducible byte for
 * byte. Reading one back — with every consistency check — is model-file.ts (pipelineFromJSON).
 */
export interface ModelFile {
  readonly format: typeof MODEL_FILE_FORMAT;
  readonly version: number;
  readonly trainedOn: { readonly fileName: string; readonly sha256: string; readonly rows: number };
  readonly target: TrainedPipeline['target'];
  readonly features: readonly string[];
  readonly preprocessor: PreprocessorState;
  readonly model: SerializedModel;
}

export function pipelineToJSON(pipeline: TrainedPipeline, trainedOn: ModelFile['trainedOn']): ModelFile {
  return {
    format: MODEL_FILE_FORMAT,
    version: MODEL_FILE_VERSION,
    trainedOn,
    target: pipeline.target,
    features: pipeline.features,
    preprocessor: pipeline.preprocessor,
    model: pipeline.model.toJSON(),
  };
}

export interface Predictions {
  /** Class label or value per row, as text for classification. */
  readonly labels: readonly string[] | null;
  readonly values: Float64Array;
  /** Row-major rows × classes (classification only). */
  readonly proba: Float64Array | null;
}

/** Score every row of a dataset with a trained pipeline. */
export function predictDataset(pipeline: TrainedPipeline, dataset: Dataset): Predictions {
  const X = transform(pipeline.preprocessor, dataset);
  const values = pipeline.model.predict(X);
  if (pipeline.target.task === 'classification') {
    const classes = pipeline.target.classes ?? [];
    return { labels: Array.from(values, (c) => classes[c]), values, proba: pipeline.model.predictProba(X) };
  }
  return { labels: null, values, proba: null };
}
