/**
 * Every sample dataset with its target, and a pipeline trained on it in-process — what the export round trips
 * (ONNX, SQL) score and compare. Forests and boosting are kept small so the suite stays quick; their structure
 * (many trees, category subsets, missing directions, softmax outputs) is what the exporters must get right.
 */
import { featureColumns, prepareTarget } from '../../app/data/target.js';
import type { Dataset } from '../../app/data/dataset.js';
import type { ModelId } from '../../app/models/estimator.js';
import { fitPipeline, predictDataset, type Predictions, type TrainedPipeline } from '../../app/pipeline/pipeline.js';
import { readCsvFile } from '../../io/read-csv-file.js';
import assert from 'node:assert/strict';

export const SAMPLES: readonly { readonly file: string; readonly target: string }[] = [
  { file: 'airquality', target: 'Ozone' },
  { file: 'ames', target: 'Sale_Price' },
  { file: 'breast_cancer', target: 'target' },
  { file: 'credit_data', target: 'Status' },
  { file: 'diabetes', target: 'target' },
  { file: 'glass', target: 'Type' },
  { file: 'iris', target: 'target' },
  { file: 'mtcars', target: 'mpg' },
  { file: 'penguins', target: 'species' },
  { file: 'sonar', target: 'Class' },
  { file: 'wine', target: 'target' },
];

export const EXPORTED_MODELS: readonly ModelId[] = ['tree', 'forest', 'extra-trees', 'boost', 'linear'];

const SMALL: Partial<Record<ModelId, Record<string, number>>> = {
  forest: { trees: 12 },
  'extra-trees': { trees: 12 },
  boost: { rounds: 25 },
};

const cache = new Map<string, Promise<Dataset>>();

export function sampleDataset(file: string): Promise<Dataset> {
  let d = cache.get(file);
  if (!d) cache.set(file, (d = readCsvFile(new URL(`../../examples/${file}.csv`, import.meta.url).pathname, {})));
  return d;
}

export interface TrainedSample {
  readonly pipeline: TrainedPipeline;
  /** The rows scored: the file minus rows whose target is missing. */
  readonly dataset: Dataset;
  readonly predictions: Predictions;
}

export async function trainSample(
  file: string,
  target: string,
  model: ModelId,
  params: Record<string, number> = SMALL[model] ?? {},
): Promise<TrainedSample> {
  const prepared = prepareTarget(await sampleDataset(file), target);
  const features = featureColumns(prepared.dataset, target).map((c) => c.name);
  const rows = Int32Array.from({ length: prepared.dataset.rowCount }, (_, i) => i);
  const { pipeline } = await fitPipeline(prepared.dataset, target, prepared.target, features, rows, {
    modelId: model,
    params,
    seed: 7,
  });
  return { pipeline, dataset: prepared.dataset, predictions: predictDataset(pipeline, prepared.dataset) };
}

/** Relative difference ≤ tol (absolute below 1) everywhere; returns the largest. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): number {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(d <= tol)) assert.fail(`${what}: value ${i} is ${actual[i]}, Sapling says ${expected[i]}`);
    worst = Math.max(worst, d);
  }
  return worst;
}
