/**
 * The main-process side of the compute worker: a `worker_threads` Worker started on first use, calls
 * matched to answers by id, progress forwarded to the caller, cancel posted to the worker (which aborts the
 * call's AbortSignal inside the core). If the worker dies, every pending call resolves to INTERNAL and the
 * next call starts a fresh worker (its datasets are gone: later ids answer NOT_FOUND).
 */
import { Worker } from 'node:worker_threads';
import type { Result } from '../../app/ipc/contract.js';
import { INTERNAL_MESSAGE, describeError } from '../result.js';
import type { CallOptions, ComputeBackend, ComputeWorkerData, FromWorker, ToWorker } from './protocol.js';

export interface WorkerSpec {
  /** The worker script: out/main/worker.cjs in the app; a tsx bootstrap in tests (test/helpers/worker-bootstrap.mjs). */
  readonly url: URL;
  readonly execArgv?: string[];
  readonly workerData?: ComputeWorkerData;
  /** Where unexpected worker errors are logged (stacks stay in main). */
  readonly log?: (message: string) => void;
}

interface Pending {
  readonly resolve: (result: Result<unknown>) => void;
  readonly operationId?: string;
  readonly onProgress?: CallOptions['onProgress'];
}

export function createWorkerBackend(spec: WorkerSpec): ComputeBackend {
  const log = spec.log ?? ((message: string) => console.error(message));
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 1;

  function failAll(message: string): void {
    for (const p of pending.values()) p.resolve({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } });
    pending.clear();
    log(message);
  }

  function start(): Worker {
    const w = new Worker(spec.url, { execArgv: spec.execArgv ?? [], workerData: spec.workerData ?? {} });
    w.on('message', (message: FromWorker) => {
      const p = pending.get(message.id);
      if (message.type === 'progress') {
        p?.onProgress?.(message.progress);
        return;
      }
      if (message.internal !== undefined) log(`sapling: compute worker error\n${message.internal}`);
      pending.delete(message.id);
      if (pending.size === 0) w.unref();
      p?.resolve(message.result);
    });
    w.on('error', (error) => {
      if (worker === w) worker = undefined;
      failAll(`sapling: the compute worker crashed\n${describeError(error)}`);
    });
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = undefined;
      if (pending.size > 0) failAll(`sapling: the compute worker exited (code ${code}) with calls pending`);
    });
    return w;
  }

  return {
    call(method: string, args: unknown, options: CallOptions = {}): Promise<Result<unknown>> {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, {
          resolve,
          ...(options.operationId !== undefined ? { operationId: options.operationId } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
        w.ref(); // keep the process alive while a call is pending; unref'd when idle
        const message: ToWorker = {
          type: 'call',
          id,
          method,
          args,
          ...(options.operationId !== undefined ? { operationId: options.operationId } : {}),
        };
        try {
          w.postMessage(message);
        } catch (error) {
          // Arguments that cannot be cloned (a bug in main): answer now rather than leave the call pending.
          pending.delete(id);
          if (pending.size === 0) w.unref();
          log(`sapling: could not send ${method} to the compute worker\n${describeError(error)}`);
          resolve({ ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } });
        }
      });
    },
    cancel(operationId: string): boolean {
      const running = [...pending.values()].some((p) => p.operationId === operationId);
      if (running && worker) worker.postMessage({ type: 'cancel', operationId } satisfies ToWorker);
      return running;
    },
    async close(): Promise<void> {
      const w = worker;
      worker = undefined;
      if (pending.size > 0) failAll('sapling: the compute worker was closed with calls pending');
      if (w) await w.terminate();
    },
  };
}
