/**
 * Forest fit scaling with worker threads (issue 14: at 1M rows, 2 workers should be ≥ 1.6× faster than 1):
 * fits the engine benchmark's forest (100 trees, depth 10, sqrt features) on the engine benchmark's synthetic data
 * in this thread ("0"), on a pool of 1 worker ("1") and on a pool of N workers, alternating, and prints wall-clock
 * and process CPU seconds (all threads) per fit. On a loaded machine the CPU seconds are the comparable number:
 * if N workers use more CPU for the same trees, the threads slow each other down.
 *
 *   node --import tsx bench/forest-scaling.ts [--rows 1000000] [--configs 0,1,2] [--repeats 1] [--trees 100]
 *
 * Data is generated in memory (no CSV), so only the fit is timed.
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { MODELS } from '../app/registry/models.js';
import { setEngineRunner } from '../app/engine/parallel.js';
import { engineData } from '../app/engine/fitted.js';
import type { FeatureMatrix, Target } from '../app/models/matrix.js';
import { createWorkerPool } from '../io/worker-pool.js';
import { BENCH_PARAMS } from './engine-run.js';
import { FEATURES, generate } from './engine-data.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    configs: { type: 'string' },
    repeats: { type: 'string' },
    trees: { type: 'string' },
  },
});
const rows = Number(values.rows ?? 1_000_000);
const configs = (values.configs ?? '0,2').split(',').map(Number);
const repeats = Number(values.repeats ?? 1);
const trees = Number(values.trees ?? 100);
const s = generate(rows);
const X: FeatureMatrix = {
  rows,
  cols: FEATURES,
  data: s.data,
  featureNames: Array.from({ length: FEATURES }, (_, j) => `x${j}`),
};
const y: Target = { task: 'classification', codes: s.label, classes: ['0', '1'] };
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** This (the main) thread's CPU seconds: binning, dispatch, assembly — the part no worker can share. */
const mainCpu = (): number => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1e6;
};
const pools = new Map(configs.filter((c) => c > 0).map((c) => [c, createWorkerPool(c)]));

async function fit(threads: number): Promise<{ wall: number; cpu: number; main: number; nodes: number }> {
  setEngineRunner(pools.get(threads));
  const c0 = cpu();
  const m0 = mainCpu();
  const t0 = performance.now();
  const model = await MODELS.forest.create('classification', { ...BENCH_PARAMS.forest, trees }).fit(X, y, { seed: 1 });
  const wall = (performance.now() - t0) / 1000;
  const used = cpu() - c0;
  return {
    wall,
    cpu: used,
    main: mainCpu() - m0,
    nodes: (model as unknown as { ensemble: { feature: Int32Array } }).ensemble.feature.length,
  };
}

// Warm the pools' workers (start-up is not part of a fit).
for (const pool of pools.values()) {
  setEngineRunner(pool);
  await MODELS.forest
    .create('classification', { trees: 4, maxDepth: 3 })
    .fit(
      { ...X, rows: 20_000, data: X.data.subarray(0, 20_000 * FEATURES) },
      { ...y, codes: s.label.subarray(0, 20_000) },
      { seed: 1 },
    );
}
console.log(
  `${rows.toLocaleString('en-US')} rows × ${FEATURES}, ${trees} trees; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
{
  const m0 = mainCpu();
  engineData(X, y, 255);
  console.log(`binning alone (main thread, part of every fit): ${(mainCpu() - m0).toFixed(2)} CPU s`);
}
for (let r = 0; r < repeats; r++)
  for (const threads of r % 2 === 0 ? configs : [...configs].reverse()) {
    const m = await fit(threads);
    console.log(
      `${threads === 0 ? 'this thread' : `pool of ${threads}`}: wall ${m.wall.toFixed(2)} s, CPU ${m.cpu.toFixed(2)} s (${(m.cpu / m.wall).toFixed(2)} cores), ` +
        `${threads === 0 ? 'all of it in the main thread' : `main thread ${m.main.toFixed(2)} s`}, ${m.nodes} nodes; load ${loadavg()[0].toFixed(1)}`,
    );
  }
for (const pool of pools.values()) await pool.close();
