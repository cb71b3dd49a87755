/**
 * The messages between main and the compute worker — a transport only: what is called is the ComputeService's
 * public methods (main/compute/service.ts), through the generic proxy of main/compute/service-proxy.ts. The
 * worker holds the loaded datasets and the finished runs (fold pipelines, out-of-fold predictions), keyed by
 * datasetId / runId; main holds only ids.
 */
import type { IpcError, Result } from '../../app/ipc/contract.js';
import type { CallOptions, ServiceChannel, WorkProgress } from './service-proxy.js';

export type { CallOptions, WorkProgress };

export type ToWorker =
  | {
      readonly type: 'call';
      readonly id: number;
      /** A public method of ComputeService. */
      readonly method: string;
      readonly args: unknown;
      readonly operationId?: string;
    }
  | { readonly type: 'cancel'; readonly operationId: string };

export type FromWorker =
  | { readonly type: 'progress'; readonly id: number; readonly progress: WorkProgress }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly result: Result<unknown>;
      /** For unexpected errors: the stack, for main's log (the result carries only a generic message). */
      readonly internal?: string;
    };

/** What the compute worker is started with (its workerData). */
export interface ComputeWorkerData {
  /** Threads for the tree engine's pool; absent or 1: the engine trains inside the compute worker. */
  readonly engineThreads?: number;
  /** file: URL of the engine worker script (out/main/engine-worker.cjs); default: the TypeScript sources through tsx. */
  readonly engineWorker?: string;
}

/**
 * Where heavy work runs: the worker thread in the app. A channel for toService<ComputeClient> (calls by
 * method name, answered with Results), plus cancelling and shutting down.
 */
export interface ComputeBackend extends ServiceChannel {
  /** Aborts the running call with that operationId; false when there is none. */
  cancel(operationId: string): boolean;
  close(): Promise<void>;
}

export type { IpcError };
