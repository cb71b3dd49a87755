/**
 * The fit stage alone, model by model, on the folds `sapling compare` uses (seed 0, 5 folds): each default
 * model is fitted on every training fold exactly as compare does (fitPipeline, fold seed), and its wall and
 * CPU seconds per fold are printed with a fingerprint (SHA-256 of the fitted model's JSON) so a faster fit
 * can be checked to be the same model.
 *
 *   node --import tsx bench/fit-folds.ts [--file examples/credit_data.csv] [--target Status]
 *        [--models tree,forest,boost,linear] [--repeats 3] [--workers 1] [--folds 5] [--trees N]
 *
 * Repeats go round all models in turn; the table shows each model's median over repeats of its per-fold mean
 * (the first repeat also fingerprints, so use ≥ 3 repeats for timings). `--folds 1` fits the first fold only
 * (a quick check, or one fit to profile with `node --cpu-prof`); `--trees N` overrides the forest's tree count.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { makeFolds } from '../app/compare/folds.js';
import { readCsv } from '../app/data/read-csv.js';
import { featureColumns, prepareTarget } from '../app/data/target.js';
import { DEFAULT_MODELS, isModelId, type ModelId } from '../app/models/catalog/index.js';
import { fitPipeline } from '../app/pipeline/pipeline.js';
import { deriveSeed } from '../app/util/random.js';
import { withEngineWorkers } from '../cli/workers.js';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: 'examples/credit_data.csv' },
    target: { type: 'string', default: 'Status' },
    models: { type: 'string' },
    repeats: { type: 'string', default: '3' },
    workers: { type: 'string', default: '1' },
    folds: { type: 'string' },
    trees: { type: 'string' },
  },
});
const models = (values.models?.split(',') ?? [...DEFAULT_MODELS]).map((id) => {
  if (!isModelId(id)) throw new Error(`unknown model '${id}'`);
  return id;
});
const repeats = Number(values.repeats);
const bytes = new Uint8Array(await readFile(values.file));
const input = await readCsv(bytes, { fileName: values.file });
const prepared = prepareTarget(input, values.target);
const dataset = prepared.dataset;
const target = prepared.target;
const features = featureColumns(dataset, values.target).map((c) => c.name);
const allFolds = makeFolds(target, dataset.rowCount, { target: values.target, seed: 0 }).folds;
const folds = allFolds.slice(0, Number(values.folds ?? allFolds.length));
const paramsOf = (id: ModelId): { params?: Record<string, number> } =>
  values.trees !== undefined && id === 'forest' ? { params: { trees: Number(values.trees) } } : {};

interface Timing {
  wall: number[];
  cpu: number[];
  fingerprint: string;
}

async function fitAll(id: ModelId, hashed: boolean): Promise<{ wall: number; cpu: number; fingerprint: string }> {
  const hash = createHash('sha256');
  let wall = 0;
  let cpu = 0;
  for (const fold of folds) {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const { pipeline } = await fitPipeline(dataset, values.target, target, features, fold.train, {
      modelId: id,
      seed: deriveSeed(0, fold.index),
      ...paramsOf(id),
    });
    const used = process.cpuUsage(cpu0);
    wall += (performance.now() - started) / 1000;
    cpu += (used.user + used.system) / 1e6;
    if (hashed) hash.update(JSON.stringify(pipeline.model.toJSON()));
  }
  return {
    wall: wall / folds.length,
    cpu: cpu / folds.length,
    fingerprint: hashed ? hash.digest('hex').slice(0, 16) : '',
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const timings = new Map<ModelId, Timing>();
await withEngineWorkers(Number(values.workers), async () => {
  for (let r = 0; r < repeats; r++) {
    for (const id of models) {
      // The fingerprint (serializing every fold's model) is taken on the first repeat only: its garbage would
      // otherwise land in the next fits' time.
      const t = await fitAll(id, r === 0);
      const seen = timings.get(id);
      const entry = seen ?? { wall: [], cpu: [], fingerprint: t.fingerprint };
      entry.wall.push(t.wall);
      entry.cpu.push(t.cpu);
      timings.set(id, entry);
    }
  }
});

console.log(
  `${values.file}: ${dataset.rowCount} rows × ${features.length} features, ${folds.length} folds, ` +
    `${values.workers} worker(s), medians of ${repeats}`,
);
console.log('| model | wall s per fold | CPU s per fold | fingerprint |');
console.log('|---|---:|---:|---|');
for (const [id, t] of timings)
  console.log(`| ${id} | ${median(t.wall).toFixed(3)} | ${median(t.cpu).toFixed(3)} | ${t.fingerprint} |`);
