/**
 * A comparison's permutation importance and SHAP run as engine jobs on the worker pool, beside the fits
 * (app/compare/jobs.ts): the result must be the same document, bit for bit apart from timings, as in one thread; and a
 * cancel must stop jobs running on the workers.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComparison } from '../../app/compare/run.js';
import { setEngineRunner } from '../../app/engine/parallel.js';
import type { EngineFitted } from '../../app/engine/fitted.js';
import { offThread } from '../../app/compare/jobs.js';
import { SaplingError } from '../../app/util/errors.js';
import { createRng } from '../../app/util/random.js';
import { createWorkerPool } from '../../io/worker-pool.js';
import { makeDataset } from '../helpers/dataset.js';

function synthetic(n: number) {
  const rng = createRng(8);
  const columns: Record<string, number[] | string[]> = {};
  const a: number[] = [];
  const b: number[] = [];
  const c: string[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    a.push(rng.next() * 2 - 1);
    b.push(rng.next() < 0.05 ? NaN : rng.next());
    c.push(['u', 'v', 'w'][rng.int(3)]);
    y.push(a[i] + (c[i] === 'u' ? 0.3 : 0) + (rng.next() - 0.5) * 0.5 > 0 ? 'yes' : 'no');
  }
  Object.assign(columns, { a, b, c, y });
  return makeDataset(columns);
}

const strip = (r: unknown): unknown =>
  JSON.parse(JSON.stringify(r), (k, v: unknown) => (k === 'timing' ? undefined : v));

const pool = createWorkerPool(2);
after(async () => {
  setEngineRunner(undefined);
  await pool.close();
});

describe('comparison jobs on the worker pool', () => {
  test('the same result with two workers as in one thread (permutation importance, SHAP, rows)', async () => {
    const settings = {
      target: 'y',
      seed: 4,
      folds: 3,
      models: ['tree', 'forest', 'boost', 'linear'],
      params: { forest: { trees: 20 }, boost: { rounds: 15 } },
    } as const;
    const alone = await runComparison(synthetic(300), settings);
    setEngineRunner(pool);
    let pooled;
    try {
      pooled = await runComparison(synthetic(300), settings);
    } finally {
      setEngineRunner(undefined);
    }
    assert.deepEqual(strip(pooled.result), strip(alone.result));
    assert.ok(pooled.result.shap!.models.every((m) => m.meanAbs.some((e) => e.mean > 0)));
  });

  test('a cancel during the explanations stops the run', async () => {
    const controller = new AbortController();
    let explaining = false;
    setEngineRunner(pool);
    try {
      const run = runComparison(
        synthetic(400),
        { target: 'y', seed: 1, folds: 2, models: ['forest'], params: { forest: { trees: 80 } }, shapRows: 400 },
        {
          signal: controller.signal,
          onProgress: (p) => {
            if (!explaining && p.message.includes('SHAP')) {
              explaining = true;
              setTimeout(() => controller.abort(), 0);
            }
          },
        },
      );
      await assert.rejects(run, (e: unknown) => e instanceof SaplingError && e.code === 'CANCELLED');
      assert.ok(explaining);
    } finally {
      setEngineRunner(undefined);
    }
  });

  test('a job running on a worker stops at its next row when cancelled', async () => {
    // A forest of deep trees explained on 3,000 rows: seconds of work, far more than the cancel takes to arrive.
    const data = synthetic(3000);
    const { artifacts } = await runComparison(data, {
      target: 'y',
      seed: 1,
      holdout: 0.2,
      models: ['forest'],
      params: { forest: { trees: 200 } },
      permutationRepeats: 1,
      shapRows: 1,
    });
    const model = artifacts.models.get('forest')!.pipelines[0].model as EngineFitted;
    const rows = 3000;
    const X = new Float64Array(rows * model.featureNames.length).map((_, i) => (i % 7) / 7);
    const controller = new AbortController();
    setEngineRunner(pool);
    try {
      const job = offThread(
        'shap',
        {
          ensemble: model.ensemble,
          classes: 2,
          X: { data: X, rows, cols: model.featureNames.length },
          groups: Int32Array.from({ length: model.featureNames.length }, (_, j) => Math.min(j, 2)),
          featureCount: 3,
        },
        controller.signal,
      );
      controller.abort();
      await assert.rejects(job, (e: unknown) => e instanceof SaplingError && e.code === 'CANCELLED');
    } finally {
      setEngineRunner(undefined);
    }
  });
});
