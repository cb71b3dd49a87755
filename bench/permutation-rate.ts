/**
 * Permutation importance's re-prediction on one fold of a compare: fits a model on fold 1's training rows (as
 * compare does) and re-predicts its held-out rows with each feature shuffled `--repeats` times
 * (engine/permuted-predict.ts), printing CPU seconds and a fingerprint of all predictions.
 *
 *   node --import tsx bench/permutation-rate.ts [--file examples/credit_data.csv] [--target Status]
 *        [--models forest,boost] [--repeats 5] [--times 3]
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { makeFolds } from '../app/compare/folds.js';
import { readCsv } from '../app/data/read-csv.js';
import { featureColumns, prepareTarget } from '../app/data/target.js';
import { isEngineModel } from '../app/engine/fitted.js';
import { PermutedPredictor } from '../app/engine/permuted-predict.js';
import { isModelId } from '../app/models/catalog/index.js';
import { fitPipeline } from '../app/pipeline/pipeline.js';
import { transform } from '../app/pipeline/preprocess.js';
import { createRng, deriveSeed, shuffleInPlace } from '../app/util/random.js';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: 'examples/credit_data.csv' },
    target: { type: 'string', default: 'Status' },
    models: { type: 'string', default: 'forest,boost' },
    repeats: { type: 'string', default: '5' },
    times: { type: 'string', default: '3' },
  },
});
const input = await readCsv(new Uint8Array(await readFile(values.file)), { fileName: values.file });
const { dataset, target } = prepareTarget(input, values.target);
const features = featureColumns(dataset, values.target).map((c) => c.name);
const { folds } = makeFolds(target, dataset.rowCount, { target: values.target, seed: 0 });
const k = target.task === 'classification' ? target.classes.length : 1;
for (const id of values.models.split(',')) {
  if (!isModelId(id)) throw new Error(`unknown model '${id}'`);
  const { pipeline } = await fitPipeline(dataset, values.target, target, features, folds[0].train, {
    modelId: id,
    seed: deriveSeed(0, 0),
  });
  const model = pipeline.model;
  if (!isEngineModel(model)) throw new Error(`${id} is not an engine model`);
  const X = transform(pipeline.preprocessor, dataset, folds[0].test);
  const seconds: number[] = [];
  let fingerprint = '';
  for (let time = 0; time < Number(values.times); time++) {
    const hash = createHash('sha256');
    const rng = createRng(1);
    const started = process.cpuUsage();
    const predictor = new PermutedPredictor(model.ensemble, X.data, X.rows, k);
    const shuffled = X.data.slice();
    for (let f = 0; f < X.cols; f++) {
      for (let r = 0; r < Number(values.repeats); r++) {
        const order = shuffleInPlace(
          Int32Array.from({ length: X.rows }, (_, i) => i),
          rng,
        );
        for (let i = 0; i < X.rows; i++) shuffled[i * X.cols + f] = X.data[order[i] * X.cols + f];
        hash.update(new Uint8Array(predictor.predict(shuffled, [f]).buffer));
      }
      for (let i = 0; i < X.rows; i++) shuffled[i * X.cols + f] = X.data[i * X.cols + f];
    }
    const used = process.cpuUsage(started);
    seconds.push((used.user + used.system) / 1e6);
    fingerprint = hash.digest('hex').slice(0, 16);
  }
  seconds.sort((a, b) => a - b);
  console.log(
    `${id}: ${seconds[seconds.length >> 1].toFixed(3)} CPU s per fold (median of ${seconds.length}), predictions ${fingerprint}`,
  );
}
