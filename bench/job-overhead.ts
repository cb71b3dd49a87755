/**
 * What it costs to hand a fitted ensemble to an engine job on the worker pool (issue 14: a compare at 100k rows
 * posts each fold's fully grown forest, ~90 MB, to a permutation job and a SHAP job). Fits compare's default forest,
 * then runs tiny jobs (a few rows, so the job's own work is negligible) on a 2-worker pool and in this thread, and
 * prints process CPU seconds (all threads) and wall seconds per job: the difference is the cost of the hand-over.
 *
 *   node --import tsx bench/job-overhead.ts [--train 100000] [--jobs 10]
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { MODELS } from '../app/registry/models.js';
import { setEngineRunner } from '../app/engine/parallel.js';
import { isEngineModel } from '../app/engine/fitted.js';
import { offThread } from '../app/compare/jobs.js';
import type { FeatureMatrix, Target } from '../app/models/matrix.js';
import { createWorkerPool } from '../io/worker-pool.js';
import { FEATURES, generate } from './engine-data.js';

const { values } = parseArgs({ options: { train: { type: 'string' }, jobs: { type: 'string' } } });
const nTrain = Number(values.train ?? 100_000);
const jobs = Number(values.jobs ?? 10);
const s = generate(nTrain + 50);
const names = Array.from({ length: FEATURES }, (_, j) => `x${j}`);
const X: FeatureMatrix = {
  rows: nTrain,
  cols: FEATURES,
  data: s.data.subarray(0, nTrain * FEATURES),
  featureNames: names,
};
const y: Target = { task: 'classification', codes: s.label.subarray(0, nTrain), classes: ['0', '1'] };
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const pool = createWorkerPool(2);
setEngineRunner(pool);
const model = await MODELS.forest.create('classification', {}).fit(X, y, { seed: 1 });
if (!isEngineModel(model)) throw new Error('not an engine model');
const e = model.ensemble;
const test = { data: s.data.slice(nTrain * FEATURES), rows: 50, cols: FEATURES };
const groups = Int32Array.from({ length: FEATURES }, (_, j) => j);
const permutation = {
  ensemble: e,
  classes: 2,
  X: { ...test, rows: 20, data: test.data.subarray(0, 20 * FEATURES) },
  y: { codes: s.label.slice(nTrain, nTrain + 20) },
  groups,
  featureCount: FEATURES,
  repeats: 1,
  seed: 1,
};
const shap = {
  ensemble: e,
  classes: 2,
  X: { ...test, rows: 1, data: test.data.subarray(0, FEATURES) },
  groups,
  featureCount: FEATURES,
};
console.log(`forest: ${e.feature.length.toLocaleString('en-US')} nodes; load ${loadavg()[0].toFixed(1)}`);

async function measure(label: string, threads: number): Promise<void> {
  setEngineRunner(threads > 1 ? pool : undefined);
  await offThread('shap', shap); // warm-up (worker start, JIT)
  for (const [name, run] of [
    ['permutation', () => offThread('permutation', permutation)],
    ['shap', () => offThread('shap', shap)],
  ] as const) {
    const c0 = cpu();
    const t0 = performance.now();
    for (let j = 0; j < jobs; j++) await run();
    console.log(
      `${label} ${name}: ${((cpu() - c0) / jobs).toFixed(3)} CPU s per job, ${((performance.now() - t0) / 1000 / jobs).toFixed(3)} wall s`,
    );
  }
}
await measure('in this thread', 1);
await measure('on the pool', 2);
await pool.close();
