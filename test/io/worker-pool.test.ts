import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setEngineRunner } from '../../app/engine/parallel.js';
import { MODELS } from '../../app/registry/models.js';
import type { ModelFactory, Params } from '../../app/models/estimator.js';
import type { FeatureMatrix, Target } from '../../app/models/matrix.js';
import { createRng } from '../../app/util/random.js';
import { createWorkerPool, type WorkerPool } from '../../io/worker-pool.js';
import { rejectsWith } from '../app/models/check-estimator.js';
import { gaussian } from '../app/models/fixtures.js';

const engineBoostFactory = MODELS.boost;
const engineForestFactory = MODELS.forest;
const engineTreeFactory = MODELS.tree;

/** 6,000 rows × 20 features (over the size at which a single tree or boosting fit moves to a worker), some missing. */
function data(): { X: FeatureMatrix; y: Target } {
  const rng = createRng(21);
  const n = 6000;
  const p = 20;
  const X = new Float64Array(n * p);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) X[i * p + j] = rng.next() < 0.02 ? NaN : gaussian(rng);
    const x = X.subarray(i * p, i * p + 3);
    codes[i] = (x[0] || 0) * (x[1] || 0) + Math.sin(x[2] || 0) + 0.3 * gaussian(rng) > 0 ? 1 : 0;
  }
  return {
    X: { rows: n, cols: p, data: X, featureNames: Array.from({ length: p }, (_, j) => `x${j}`) },
    y: { task: 'classification', codes, classes: ['a', 'b'] },
  };
}

const pools: WorkerPool[] = [];
after(async () => {
  setEngineRunner(undefined);
  await Promise.all(pools.map((p) => p.close()));
});

async function fitWith(
  runner: WorkerPool | undefined,
  factory: ModelFactory,
  params: Params,
  X: FeatureMatrix,
  y: Target,
): Promise<string> {
  setEngineRunner(runner);
  try {
    return JSON.stringify((await factory.create('classification', params).fit(X, y, { seed: 5 })).toJSON());
  } finally {
    setEngineRunner(undefined);
  }
}

describe('engine on worker threads', () => {
  const { X, y } = data();
  const one = createWorkerPool(1);
  const two = createWorkerPool(2);
  pools.push(one, two);

  for (const [factory, params] of [
    [engineForestFactory, { trees: 12, maxDepth: 8, oobScore: true }],
    [MODELS['extra-trees'], { trees: 12, maxDepth: 8 }],
    [engineTreeFactory, { maxDepth: 8 }],
    [engineBoostFactory, { rounds: 15, subsample: 0.7, colsample: 0.5 }],
  ] as const) {
    test(`${factory.id}: bit-identical model JSON in the main thread, on 1 worker and on 2 workers`, async () => {
      const inThread = await fitWith(undefined, factory, params, X, y);
      assert.equal(await fitWith(one, factory, params, X, y), inThread);
      assert.equal(await fitWith(two, factory, params, X, y), inThread);
    });
  }

  test('forest on the pool: progress per tree, and a cancel stops it soon; the pool keeps working', async () => {
    setEngineRunner(two);
    try {
      const controller = new AbortController();
      const seen: number[] = [];
      const fit = engineForestFactory.create('classification', { trees: 400 }).fit(X, y, {
        seed: 1,
        signal: controller.signal,
        onProgress: (f) => {
          seen.push(f);
          if (f >= 0.01) controller.abort();
        },
      });
      await rejectsWith(fit, 'CANCELLED');
      assert.ok(seen.length >= 2 && seen.at(-1)! < 0.5, `${seen.at(-1)}`);
      assert.ok(seen.every((f, i) => i === 0 || f >= seen[i - 1]));
      // The pool is still usable.
      const model = await engineForestFactory.create('classification', { trees: 4 }).fit(X, y, { seed: 1 });
      assert.equal(model.predict(X).length, X.rows);
    } finally {
      setEngineRunner(undefined);
    }
  });

  test('boosting on the pool: progress per round from the worker, and cancel between rounds', async () => {
    setEngineRunner(two);
    try {
      const seen: number[] = [];
      await engineBoostFactory
        .create('classification', { rounds: 5 })
        .fit(X, y, { seed: 1, onProgress: (f) => seen.push(f) });
      assert.deepEqual(seen, [0, 0.2, 0.4, 0.6, 0.8, 1, 1]);
      const controller = new AbortController();
      const progress: number[] = [];
      const fit = engineBoostFactory.create('classification', { rounds: 5000, learningRate: 0.01 }).fit(X, y, {
        seed: 1,
        signal: controller.signal,
        onProgress: (f) => {
          progress.push(f);
          if (f > 0) controller.abort();
        },
      });
      await rejectsWith(fit, 'CANCELLED');
      assert.ok(progress.at(-1)! < 0.1);
    } finally {
      setEngineRunner(undefined);
    }
  });

  test('an already-aborted signal never starts work', async () => {
    setEngineRunner(two);
    try {
      const controller = new AbortController();
      controller.abort();
      await rejectsWith(
        engineForestFactory.create('classification').fit(X, y, { seed: 1, signal: controller.signal }),
        'CANCELLED',
      );
    } finally {
      setEngineRunner(undefined);
    }
  });
});
