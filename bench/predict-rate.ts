/**
 * Batch prediction rate of the engine (issue 14's ≥ 250,000 rows/s target: forest of 100 trees, booster of 100
 * rounds, 20 features), in process CPU time, with what bounds it: tree nodes visited per row and the ensemble's
 * bytes (a row's walk is a chain of dependent loads: each node's address comes from the previous one). Next to it,
 * in the same run and alternating, the walk before issue 14's lane walk (bench/row-walk.ts: one row at a time,
 * branching), with the outputs checked equal.
 *
 *   node --import tsx bench/predict-rate.ts [--train 100000] [--test 20000]
 *
 * Models: the engine benchmark's parameters (forest depth 10, booster depth 6) and the compare defaults (fully
 * grown forest, default booster).
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { MODELS } from '../app/registry/models.js';
import type { Params } from '../app/models/estimator.js';
import type { FeatureMatrix, Target } from '../app/models/matrix.js';
import { isEngineModel } from '../app/engine/fitted.js';
import { goesLeft, predictBatch } from '../app/engine/ensemble.js';
import { rowWalkPredictor } from './row-walk.js';
import { BENCH_PARAMS } from './engine-run.js';
import { FEATURES, generate } from './engine-data.js';

const { values } = parseArgs({ options: { train: { type: 'string' }, test: { type: 'string' } } });
const nTrain = Number(values.train ?? 100_000);
const nTest = Number(values.test ?? 20_000);
const all = generate(nTrain + nTest);
const names = Array.from({ length: FEATURES }, (_, j) => `x${j}`);
const X: FeatureMatrix = {
  rows: nTrain,
  cols: FEATURES,
  data: all.data.subarray(0, nTrain * FEATURES),
  featureNames: names,
};
const y: Target = { task: 'classification', codes: all.label.subarray(0, nTrain), classes: ['0', '1'] };
const T: FeatureMatrix = { rows: nTest, cols: FEATURES, data: all.data.slice(nTrain * FEATURES), featureNames: names };
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const cases: [string, 'forest' | 'boost', Params][] = [
  ['forest, bench params (100 trees, depth 10)', 'forest', BENCH_PARAMS.forest],
  ['booster, bench params (100 rounds, depth 6)', 'boost', BENCH_PARAMS.boost],
  ['forest, compare defaults (100 fully grown trees)', 'forest', {}],
  ['booster, compare defaults', 'boost', {}],
];
for (const [label, id, params] of cases) {
  const model = await MODELS[id].create('classification', params).fit(X, y, { seed: 1 });
  if (!isEngineModel(model)) throw new Error('not an engine model');
  const e = model.ensemble;
  let visits = 0;
  for (let i = 0; i < 2000; i++)
    for (let t = 0; t < e.trees; t++) {
      // nodes visited on the row's path, leaf included
      let node = e.treeStart[t];
      let d = 1;
      while (e.left[node] >= 0) {
        node = goesLeft(e, node, T.data[i * FEATURES + e.feature[node]]) ? e.left[node] : e.right[node];
        d++;
      }
      visits += d;
    }
  const before = rowWalkPredictor(e, 2);
  const now = (): Float64Array => predictBatch(e, T.data, T.rows, 2);
  const a = before(T.data, T.rows);
  const b = now();
  if (a.some((v, i) => !Object.is(v, b[i]))) throw new Error(`${label}: the two walks disagree`);
  const rate = (predict: () => unknown): number => {
    predict(); // warm up
    let rows = 0;
    const started = cpu();
    while (cpu() - started < 1) {
      predict();
      rows += T.rows;
    }
    return rows / (cpu() - started);
  };
  const rates = { before: [] as number[], now: [] as number[] };
  for (let r = 0; r < 3; r++) {
    rates.before.push(rate(() => before(T.data, T.rows)));
    rates.now.push(rate(now));
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[1];
  const perRow = visits / 2000;
  const nodes = e.feature.length;
  const fmt = (r: number): string => Math.round(r).toLocaleString('en-US');
  console.log(
    `${label}: ${fmt(median(rates.now))} rows/s (CPU, median of 3), before ${fmt(median(rates.before))} ` +
      `(${(median(rates.now) / median(rates.before)).toFixed(2)}×); ${nodes.toLocaleString('en-US')} nodes, ` +
      `${((nodes * 16) / 1e6).toFixed(1)} MB packed; ~${Math.round(perRow)} node visits per row → ` +
      `${(1e9 / median(rates.now) / perRow).toFixed(1)} ns per visit (before ${(1e9 / median(rates.before) / perRow).toFixed(1)})`,
  );
}
