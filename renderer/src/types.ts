import type { IpcError } from '../../app/ipc/contract.js';
import { DEFAULT_MODELS } from '../../app/models/catalog/index.js';
import type { PartialLeaderboard } from '../../app/result/compare.js';
import { DEFAULT_FORM, type SettingsInput } from './lib/run-request.js';

export type Screen = 'data' | 'models' | 'compare' | 'inspect';
export type { ModelId } from '../../app/models/catalog/index.js';

/**
 * Models ticked when the app starts: the catalog's default set (the CLI's too). Ids the main process does not
 * list are ignored; if none of these is listed, every model is ticked.
 */
export const DEFAULT_SELECTED_MODELS: readonly string[] = DEFAULT_MODELS;
export type TaskChoice = SettingsInput['task'];

export interface Busy {
  readonly kind: 'load' | 'compare' | 'export';
  readonly operationId: string;
  /** performance.now() at the start. */
  readonly startedAt: number;
  readonly label: string;
  readonly cancelling?: boolean;
}

/** A comparison's leaderboard so far (progress events), kept after a cancel: what finished stays shown. */
export interface PartialRun {
  readonly operationId: string;
  readonly partial: PartialLeaderboard;
  /** The run was cancelled: these are the models that finished before it stopped. */
  readonly cancelled?: boolean;
}

export interface ShownError {
  /** What the app was doing, e.g. "Could not load ragged-row.csv". */
  readonly context: string;
  readonly error: IpcError;
}

/** The Models screen's form: the settings schema's fields as typed text (renderer/src/lib/run-request.ts). */
export type ModelSettings = SettingsInput;

export const DEFAULT_SETTINGS: ModelSettings = { selected: {}, params: {}, ...DEFAULT_FORM };
