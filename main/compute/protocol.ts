/**
 * The typed messages between main and the compute worker. The worker holds the loaded datasets and the
 * finished runs (fold pipelines, out-of-fold predictions), keyed by datasetId / runId; main holds only ids.
 */
import type { RunRecord } from '../../app/audit/record.js';
import type { DatasetProfile } from '../../app/data/profile.js';
import type {
  DatasetInfo,
  DecisionCardView,
  InspectResult,
  IpcError,
  LlmEstimate,
  LlmPromptPreview,
  ModelCurves,
  Request,
  Result,
  RowsPage,
  RunInfo,
} from '../../app/ipc/contract.js';
import type { LlmSettings } from '../../app/settings/llm.js';

/** The LLM part of a runCompare call, added by main: settings, the key (main → worker only), the response cache folder. */
export interface LlmRunArgs {
  readonly settings: LlmSettings;
  readonly apiKey?: string;
  readonly cacheDir: string;
}

export interface LoadArgs {
  /** Absolute path of the CSV to read. */
  readonly path: string;
  /** Shown as DatasetInfo.path (user files); absent for bundled samples. */
  readonly showPath: boolean;
  /** The sample's usual target; guessed when absent. */
  readonly suggestedTarget?: string;
}

/** Every call the worker answers: its arguments and its result. */
export interface ComputeCalls {
  loadDataset: { args: LoadArgs; result: DatasetInfo };
  getRows: { args: Request<'getRows'>; result: RowsPage };
  profileTarget: { args: Request<'profileTarget'>; result: DatasetProfile };
  runCompare: {
    args: Omit<Request<'runCompare'>, 'operationId' | 'llm'> & { readonly llm?: LlmRunArgs };
    result: RunInfo;
  };
  previewLlmPrompt: { args: Request<'previewLlmPrompt'>; result: LlmPromptPreview };
  estimateLlm: {
    args: Request<'estimateLlm'> & { readonly llm: LlmSettings; readonly cacheDir: string };
    result: LlmEstimate;
  };
  getCurves: { args: Request<'getCurves'>; result: ModelCurves };
  inspectRow: { args: Request<'inspectRow'>; result: InspectResult };
  explainRow: { args: Request<'explainRow'>; result: DecisionCardView };
  /** The report's selected per-decision cards (app/report/cards.ts): the rows where the models disagree most. */
  reportCards: { args: { readonly runId: string; readonly count: number }; result: readonly DecisionCardView[] };
  /** Run records of comparisons that ended (completed, cancelled or failed) since the last call, oldest first. */
  takeRunRecords: { args: Record<string, never>; result: readonly FinishedRun[] };
}

/** A run's audit record; `runId` is set for completed runs (the id getCurves and inspectRow use). */
export interface FinishedRun {
  readonly runId?: string;
  readonly record: RunRecord;
}

export type ComputeMethod = keyof ComputeCalls;
export type ComputeArgs<M extends ComputeMethod> = ComputeCalls[M]['args'];
export type ComputeResult<M extends ComputeMethod> = ComputeCalls[M]['result'];

/** Progress of one operation, as the worker reports it (main adds the operationId). */
export interface WorkProgress {
  readonly fraction: number;
  readonly message: string;
  readonly done?: number;
  readonly total?: number;
}

export type ToWorker =
  | {
      readonly type: 'call';
      readonly id: number;
      readonly method: ComputeMethod;
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

export interface CallOptions {
  /** Makes the call cancellable with cancel(operationId). */
  readonly operationId?: string;
  readonly onProgress?: (progress: WorkProgress) => void;
}

/** What the compute worker is started with (its workerData). */
export interface ComputeWorkerData {
  /** Threads for the tree engine's pool; absent or 1: the engine trains inside the compute worker. */
  readonly engineThreads?: number;
  /** file: URL of the engine worker script (out/main/engine-worker.cjs); default: the TypeScript sources through tsx. */
  readonly engineWorker?: string;
}

/** Where heavy work runs: the worker thread in the app, the same thread in some tests. */
export interface ComputeBackend {
  call<M extends ComputeMethod>(
    method: M,
    args: ComputeArgs<M>,
    options?: CallOptions,
  ): Promise<Result<ComputeResult<M>>>;
  /** Aborts the running call with that operationId; false when there is none. */
  cancel(operationId: string): boolean;
  close(): Promise<void>;
}

export type { IpcError };
