/**
 * A pre-trained model in a comparison (`sapling compare --models tree,file:model.json`, the desktop's "Open
 * model…"): a Sapling model file — trained by `sapling train` or imported from XGBoost/ONNX — scored as it is on
 * every held-out fold, never refitted. Its leaderboard row is keyed `file:<file name>` so it can sit next to a
 * model of the same kind trained in the run (e.g. `boost` and an imported boosting model). Types only.
 */
import type { ModelId } from '../models/estimator.js';

/** What every view of a model trained elsewhere says (an imported model's notes, a pre-trained leaderboard row). */
export const PRE_TRAINED_NOTE = 'pre-trained: not cross-validated, may have seen these rows';

/** Model files one comparison may score as they are (the desktop's limit; the IPC contract enforces it). */
export const MAX_MODEL_FILES = 10;

/** The row key of a pre-trained model: `file:` + the model file's name. */
export type PreTrainedId = `file:${string}`;

/** What names a leaderboard row: a model trained in the run, or a pre-trained model file. */
export type RowId = ModelId | PreTrainedId;

/**
 * How the model's training rows relate to the rows it is scored on here: `same-file` = the file it says it was
 * trained on has this data's SHA-256 (its fold scores are not held-out); `unknown` = trained on another file or
 * imported (it may still have seen these rows).
 */
export type TrainingOverlap = 'same-file' | 'unknown';

/** The part of a leaderboard row (and of the run record) that says what the pre-trained model is and where it came from. */
export interface PreTrainedInfo {
  readonly fileName: string;
  /** SHA-256 of the model file's bytes. */
  readonly sha256: string;
  /** The model inside (`boost`, `forest`, …). */
  readonly model: ModelId;
  /** What the file says it was trained on (for an imported model: the original model file, rows 0). */
  readonly trainedOn: { readonly fileName: string; readonly sha256: string; readonly rows: number };
  /** Set when the file came from `sapling import` (format and the original file's fingerprint). */
  readonly importedFrom?: { readonly format: string; readonly fileName: string; readonly sha256: string };
  readonly overlap: TrainingOverlap;
  /** One line for every view: "pre-trained: not cross-validated, …". */
  readonly note: string;
}
