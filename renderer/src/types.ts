import type { IpcError, ProgressEvent } from '../../app/ipc/contract.js';
import { DEFAULT_MODELS } from '../../app/models/catalog/index.js';

export type Screen = 'data' | 'models' | 'compare' | 'inspect';
export type { ModelId } from '../../app/models/catalog/index.js';

/**
 * Models ticked when the app starts: the catalog's default set (the CLI's too). Ids the main process does not
 * list are ignored; if none of these is listed, every model is ticked.
 */
export const DEFAULT_SELECTED_MODELS: readonly string[] = DEFAULT_MODELS;
export type TaskChoice = 'auto' | 'classification' | 'regression';

export interface Busy {
  readonly kind: 'load' | 'compare' | 'export';
  readonly operationId: string;
  /** performance.now() at the start. */
  readonly startedAt: number;
  readonly label: string;
  readonly progress?: ProgressEvent;
  /** performance.now() of the latest progress event. */
  readonly progressAt?: number;
  readonly cancelling?: boolean;
}

export interface ShownError {
  /** What the app was doing, e.g. "Could not load ragged-row.csv". */
  readonly context: string;
  readonly error: IpcError;
}

export interface ModelSettings {
  readonly selected: Readonly<Record<string, boolean>>;
  /** Raw input text per model and parameter. */
  readonly params: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly split: 'folds' | 'holdout';
  readonly folds: string;
  readonly holdout: string;
  readonly seed: string;
  readonly task: TaskChoice;
  /** Explanations: repeated k-fold, the verdicts' margin, recalibration, subgroup columns (comma-separated). */
  readonly repeats?: string;
  readonly rope?: string;
  readonly calibrate?: 'none' | 'isotonic' | 'platt';
  readonly subgroups?: string;
}

export const DEFAULT_SETTINGS: ModelSettings = {
  selected: {},
  params: {},
  split: 'folds',
  folds: '5',
  holdout: '0.2',
  seed: '42',
  task: 'auto',
  repeats: '1',
  rope: '0.01',
  calibrate: 'none',
  subgroups: '',
};
