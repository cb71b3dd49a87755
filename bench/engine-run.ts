/**
 * One Sapling measurement for `npm run bench` (bench/engine.ts), in its own process so its peak RSS is
 * its own: reads the train and test CSVs with Sapling's CSV reader, fits one engine model `repeats`
 * times on `workers` threads, and prints one JSON line (the same fields as bench/reference.py).
 *
 * Usage: node --import tsx bench/engine-run.ts --train a.csv --test b.csv --model tree|forest|boost --workers N --repeats K
 */
import { parseArgs } from 'node:util';
import { readCsv } from '../app/data/read-csv.js';
import type { Dataset } from '../app/data/dataset.js';
import { setEngineRunner } from '../app/engine/parallel.js';
import { isEngineModel } from '../app/engine/fitted.js';
import { getModelFactory } from '../app/registry/models.js';
import type { FeatureMatrix, Target } from '../app/models/matrix.js';
import type { Params } from '../app/models/estimator.js';
import { openFileChunks } from '../io/files.js';
import { createWorkerPool } from '../io/worker-pool.js';

/** The benchmark's model settings, shared with the report (mirrors bench/reference.py). */
export const BENCH_PARAMS: Readonly<Record<'tree' | 'forest' | 'boost', Params>> = {
  tree: { maxDepth: 10 },
  forest: { trees: 100, maxFeatures: 'sqrt', maxDepth: 10 },
  boost: {
    rounds: 100,
    maxDepth: 6,
    maxLeaves: 0,
    learningRate: 0.1,
    l2: 1,
    minChildWeight: 1,
    minSamplesLeaf: 1,
    earlyStopping: 'off',
  },
};

async function load(path: string): Promise<{ X: FeatureMatrix; y: Int32Array }> {
  const { chunks, fileName } = await openFileChunks(path);
  const dataset: Dataset = await readCsv(chunks, { fileName });
  const features = dataset.columns.filter((c) => c.name !== 'y');
  const label = dataset.columns.find((c) => c.name === 'y');
  if (!label || label.storage !== 'number') throw new Error(`${path}: no numeric y column`);
  const n = dataset.rowCount;
  const p = features.length;
  const data = new Float64Array(n * p);
  features.forEach((c, j) => {
    if (c.storage !== 'number') throw new Error(`${path}: column ${c.name} is not numeric`);
    for (let i = 0; i < n; i++) data[i * p + j] = c.values[i];
  });
  return { X: { rows: n, cols: p, data, featureNames: features.map((c) => c.name) }, y: Int32Array.from(label.values) };
}

/** Timed single-row calls (µs each: many calls make a stable median on a busy machine). */
const CALLS = 2000;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      model: { type: 'string' },
      workers: { type: 'string' },
      repeats: { type: 'string' },
    },
  });
  const model = values.model as 'tree' | 'forest' | 'boost';
  const workers = Number(values.workers ?? 1);
  const repeats = Number(values.repeats ?? 3);
  const train = await load(values.train!);
  const test = await load(values.test!);
  const rssAfterLoadMb = process.resourceUsage().maxRSS / 1024;
  const y: Target = { task: 'classification', codes: train.y, classes: ['0', '1'] };
  const pool = workers > 1 ? createWorkerPool(workers) : undefined;
  setEngineRunner(pool);
  try {
    const factory = getModelFactory(model);
    const fits: number[] = [];
    let fitted;
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      fitted = await factory.create('classification', BENCH_PARAMS[model]).fit(train.X, y, { seed: 42 });
      fits.push((performance.now() - started) / 1000);
    }
    if (!fitted || !isEngineModel(fitted)) throw new Error('no engine model');
    const pred = fitted.predict(test.X);
    let hits = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === test.y[i]) hits++;

    // Single-row latency through the public API (validation included), as compare measures it …
    const cols = test.X.cols;
    const one: { rows: number; cols: number; data: Float64Array; featureNames: readonly string[] } = {
      rows: 1,
      cols,
      data: test.X.data.subarray(0, cols),
      featureNames: test.X.featureNames,
    };
    const time = (call: (i: number) => void): number[] => {
      for (let i = 0; i < 200; i++) call(i);
      const t: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const row = i % test.X.rows;
        const s = performance.now();
        call(row);
        t.push(performance.now() - s);
      }
      return t.sort((a, b) => a - b);
    };
    const api = time((i) => {
      one.data = test.X.data.subarray(i * cols, (i + 1) * cols);
      fitted.predict(one);
    });
    // … and through the allocation-free path.
    const out = new Float64Array(2);
    const direct = time((i) => fitted.predictRowInto(test.X.data, i * cols, out));
    const batch: number[] = [];
    for (let r = 0; r < 3; r++) {
      const s = performance.now();
      fitted.predict(test.X);
      batch.push(test.X.rows / ((performance.now() - s) / 1000));
    }
    process.stdout.write(
      `${JSON.stringify({
        fitSeconds: fits,
        accuracy: hits / pred.length,
        rowP50Ms: api[CALLS >> 1],
        rowP95Ms: api[Math.floor(CALLS * 0.95)],
        rowDirectP50Ms: direct[CALLS >> 1],
        rowsPerSecond: median(batch),
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        rssAfterLoadMb,
        nodes: fitted.ensemble.treeStart[fitted.ensemble.trees],
      })}\n`,
    );
  } finally {
    setEngineRunner(undefined);
    await pool?.close();
  }
}

if (process.argv[1]?.endsWith('engine-run.ts')) await main();
