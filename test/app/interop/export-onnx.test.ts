/**
 * Every exported model family on every sample dataset: the ONNX file, run by ONNX Runtime (onnxruntime-node,
 * its bundled linux-x64 library), gives Sapling's predictions and probabilities to 1e-6.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { cellText, columnByName, type Dataset } from '../../../app/data/dataset.js';
import { pipelineToOnnx } from '../../../app/interop/onnx/export-onnx.js';
import { rawInputs } from '../../../app/interop/scoring.js';
import type { TrainedPipeline } from '../../../app/pipeline/pipeline.js';
import { assertClose, EXPORTED_MODELS, SAMPLES, trainSample } from '../../helpers/samples.js';

/** The raw columns as ONNX inputs: numbers as double (NaN missing), text and yes/no as strings ("" missing). */
export function onnxFeeds(pipeline: TrainedPipeline, dataset: Dataset): Record<string, ort.Tensor> {
  const n = dataset.rowCount;
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of rawInputs(pipeline.preprocessor)) {
    const column = columnByName(dataset, input.name)!;
    feeds[input.name] =
      input.kind === 'number' && column.storage === 'number'
        ? new ort.Tensor('float64', Float64Array.from(column.values), [n, 1])
        : new ort.Tensor(
            'string',
            Array.from({ length: n }, (_, i) => cellText(column, i)),
            [n, 1],
          );
  }
  return feeds;
}

describe('ONNX export → ONNX Runtime equals Sapling', () => {
  for (const { file, target } of SAMPLES) {
    for (const model of EXPORTED_MODELS) {
      test(`${model} on ${file}`, async () => {
        const { pipeline, dataset, predictions } = await trainSample(file, target, model);
        const bytes = pipelineToOnnx(pipeline, `${file}.json`, 'test');
        const session = await ort.InferenceSession.create(bytes);
        const out = await session.run(onnxFeeds(pipeline, dataset));
        if (predictions.labels) {
          assert.deepEqual(Array.from(out.prediction.data as string[]), predictions.labels);
          assertClose(out.probabilities.data as Float64Array, predictions.proba!, 1e-6, 'probabilities');
        } else {
          assertClose(out.prediction.data as Float64Array, predictions.values, 1e-6, 'prediction');
        }
      });
    }
  }
});
