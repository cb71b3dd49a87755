/**
 * Entry of the compute worker thread (bundled to out/main/worker.cjs): serves main's calls on parentPort.
 * With `engineThreads` > 1 in its workerData, the tree engine trains on a pool of that many threads
 * (io/worker-pool.ts; `engineWorker` is the bundled engine worker script, the TypeScript sources otherwise).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setEngineRunner } from '../../app/engine/parallel.js';
import { createWorkerPool } from '../../io/worker-pool.js';
import { serveCompute } from '../compute/serve.js';
import type { ComputeWorkerData } from '../compute/protocol.js';

if (!parentPort) throw new Error('main/worker/worker.ts runs as a worker thread');
const options = (workerData ?? {}) as ComputeWorkerData;
if (options.engineThreads !== undefined && options.engineThreads > 1) {
  setEngineRunner(
    createWorkerPool(options.engineThreads, options.engineWorker ? { entry: new URL(options.engineWorker) } : {}),
  );
}
serveCompute(parentPort);
