/**
 * The one contract between the desktop UI (renderer) and the Electron main process.
 *
 * Every channel is listed once here with its request schema (validated at runtime by main before any work)
 * and its response type. main/ registers one handler per channel, the preload exposes one function per
 * channel (no generic invoke), and the renderer calls `window.sapling.<channel>(request)`. The end-to-end
 * tests bind the same handlers to the page, so only the transport differs from the real app.
 *
 * Errors never cross as exceptions: every call resolves to a `Result`, whose error carries the SaplingError
 * code and location so the UI can name the file, line and column.
 */
import { z } from 'zod';
import type { DatasetProfile } from '../data/profile.js';
import type { CompareResult } from '../evaluate/result.js';
import type { ModelId, ParamValue } from '../models/estimator.js';
import type { SaplingErrorCode } from '../util/errors.js';

// ---------- shared value types ----------

export interface IpcError {
  readonly code: SaplingErrorCode | 'INTERNAL' | 'INVALID_REQUEST';
  readonly message: string;
  readonly location?: { readonly file?: string; readonly line?: number; readonly column?: number };
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

const operationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const datasetId = z.string().regex(/^ds-[0-9]+$/);
const runId = z.string().regex(/^run-[0-9]+$/);
const modelId = z.enum(['tree', 'forest', 'linear']);
const columnName = z.string().min(1).max(1000);
const paramValue = z.union([z.number().finite(), z.string().max(100), z.boolean()]);

export interface SampleInfo {
  readonly name: string;
  readonly fileName: string;
  readonly target: string;
  readonly task: 'classification' | 'regression';
  readonly rows: number;
  readonly description: string;
}

export interface RecentFile {
  readonly path: string;
  readonly fileName: string;
  readonly openedAt: string;
}

export interface ModelInfo {
  readonly id: ModelId;
  readonly label: string;
  readonly defaults: Readonly<Record<string, ParamValue>>;
  readonly paramHelp: Readonly<Record<string, string>>;
}

export interface DatasetInfo {
  readonly datasetId: string;
  readonly fileName: string;
  /** Full path for files the user opened; absent for bundled samples. */
  readonly path?: string;
  readonly rows: number;
  readonly columnNames: readonly string[];
  readonly profile: DatasetProfile;
  /** The sample's usual target, or a guess (last column) for a user file. */
  readonly suggestedTarget: string;
}

export interface RowsPage {
  readonly offset: number;
  /** Cell text, '' for missing. */
  readonly rows: readonly (readonly string[])[];
}

export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

export interface ModelCurves {
  readonly modelId: ModelId;
  /** Classification: one ROC curve per class (one-vs-rest; for two classes, the positive class only). */
  readonly roc?: readonly { readonly label: string; readonly auc: number; readonly points: readonly CurvePoint[] }[];
  /** Regression: out-of-fold predicted (y) against actual (x), at most 2,000 points, seeded sample. */
  readonly predictedVsActual?: readonly CurvePoint[];
}

export interface TreeNodeView {
  readonly id: number;
  /** Split nodes: feature and threshold ("feature ≤ threshold" goes left); categorical splits list the left categories. */
  readonly feature?: string;
  readonly threshold?: number;
  readonly leftCategories?: readonly string[];
  readonly left?: number;
  readonly right?: number;
  /** Leaves: the predicted label or value. */
  readonly prediction?: string;
  readonly samples?: number;
}

export interface InspectResult {
  readonly row: number;
  readonly values: Readonly<Record<string, string>>;
  readonly actual: string;
  /** Fold in which this row was a test row: its predictions come from models that never saw it. */
  readonly fold: number;
  readonly predictions: readonly {
    readonly modelId: ModelId;
    readonly label: string;
    readonly prediction: string;
    readonly proba?: Readonly<Record<string, number>>;
  }[];
  /** The decision tree of that fold, with the row's path (node ids from the root). */
  readonly tree?: { readonly nodes: readonly TreeNodeView[]; readonly path: readonly number[] };
}

export interface ProgressEvent {
  readonly operationId: string;
  /** In [0, 1]. */
  readonly fraction: number;
  readonly message: string;
  /** Rows read or processed, when known, for "12,000 of 100,000 rows". */
  readonly done?: number;
  readonly total?: number;
}

export type MenuCommand = 'open-file' | 'show-data' | 'show-models' | 'show-compare' | 'show-inspect';

// ---------- request schemas ----------

export const requests = {
  listSamples: z.object({}).strict(),
  listModels: z.object({}).strict(),
  listRecent: z.object({}).strict(),
  /** Shows the native open dialog; resolves to null when the user cancels. */
  chooseFile: z.object({}).strict(),
  loadDataset: z
    .object({
      operationId,
      source: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('sample'), name: z.string().regex(/^[a-z_]{1,40}$/) }).strict(),
        z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }).strict(),
      ]),
    })
    .strict(),
  getRows: z.object({ datasetId, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }).strict(),
  profileTarget: z.object({ datasetId, target: columnName }).strict(),
  runCompare: z
    .object({
      operationId,
      datasetId,
      target: columnName,
      task: z.enum(['classification', 'regression']).optional(),
      models: z.array(modelId).min(1).max(3),
      params: z.record(modelId, z.record(z.string().max(50), paramValue)).optional(),
      exclude: z.array(columnName).max(10000).optional(),
      folds: z.number().int().min(2).max(20).optional(),
      holdout: z.number().gt(0).lt(1).optional(),
      seed: z.number().int().min(0).max(4294967295),
    })
    .strict(),
  cancel: z.object({ operationId }).strict(),
  getCurves: z.object({ runId, modelId }).strict(),
  inspectRow: z.object({ runId, row: z.number().int().min(0) }).strict(),
} as const;

export type Channel = keyof typeof requests;
export type Request<C extends Channel> = z.infer<(typeof requests)[C]>;

/** A finished comparison, with the id that getCurves / inspectRow refer to. */
export interface RunInfo {
  readonly runId: string;
  readonly result: CompareResult;
}

export interface Responses {
  listSamples: readonly SampleInfo[];
  listModels: readonly ModelInfo[];
  listRecent: readonly RecentFile[];
  chooseFile: { readonly path: string } | null;
  loadDataset: DatasetInfo;
  getRows: RowsPage;
  profileTarget: DatasetProfile;
  runCompare: RunInfo;
  cancel: { readonly cancelled: boolean };
  getCurves: ModelCurves;
  inspectRow: InspectResult;
}

/** What the preload exposes as `window.sapling`: one function per channel, plus event subscriptions. */
export type SaplingBridge = { [C in Channel]: (request: Request<C>) => Promise<Result<Responses[C]>> } & {
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Path of a file dropped on the window (Electron's webUtils); undefined outside Electron. */
  pathForFile(file: unknown): string | undefined;
};

export const CHANNELS = Object.keys(requests) as Channel[];

/** The IPC channel name for a contract channel (prefixed so main can reject anything else). */
export function ipcName(channel: Channel): string {
  return `sapling:${channel}`;
}
export const PROGRESS_EVENT = 'sapling-event:progress';
export const MENU_EVENT = 'sapling-event:menu';
