/**
 * The model to keep: one pipeline fitted on every row with a target — what `sapling train` writes, and what the
 * desktop's "Export the recommended model" saves after a comparison (same settings, same seed, so the same bytes).
 */
import type { Warning } from '../util/warnings.js';
import type { Dataset } from '../data/dataset.js';
import { featureColumns, prepareTarget } from '../data/target.js';
import type { ModelId, Params } from '../models/estimator.js';
import type { FeatureMatrix, Task } from '../models/matrix.js';
import { fitPipeline, pipelineToJSON, type ModelFile, type TrainedPipeline } from './pipeline.js';

export interface TrainAllSettings {
  readonly target: string;
  readonly task?: Task;
  readonly exclude?: readonly string[];
  readonly modelId: ModelId;
  readonly params?: Params;
  readonly seed: number;
}

export interface TrainedOnAll {
  readonly pipeline: TrainedPipeline;
  /** The training matrix (its column names name the impurity importances). */
  readonly X: FeatureMatrix;
  readonly features: readonly string[];
  readonly rows: number;
  /** Warnings about the data and the target (rows dropped, …), as the comparison gives them. */
  readonly warnings: readonly Warning[];
  /** The model file, as `sapling train` writes it (one line of JSON and a newline). */
  readonly text: string;
  readonly file: ModelFile;
}

export async function trainOnAllRows(
  dataset: Dataset,
  settings: TrainAllSettings,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (fraction: number) => void } = {},
): Promise<TrainedOnAll> {
  const prepared = prepareTarget(dataset, settings.target, settings.task);
  const features = featureColumns(prepared.dataset, settings.target, [...(settings.exclude ?? [])]).map((c) => c.name);
  const rows = Int32Array.from({ length: prepared.dataset.rowCount }, (_, i) => i);
  const { pipeline, X } = await fitPipeline(prepared.dataset, settings.target, prepared.target, features, rows, {
    modelId: settings.modelId,
    ...(settings.params ? { params: settings.params } : {}),
    seed: settings.seed,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const file = pipelineToJSON(pipeline, {
    fileName: dataset.source.fileName,
    sha256: dataset.source.sha256,
    rows: rows.length,
  });
  return {
    pipeline,
    X,
    features,
    rows: rows.length,
    warnings: [...dataset.warnings, ...prepared.warnings],
    text: `${JSON.stringify(file)}\n`,
    file,
  };
}
