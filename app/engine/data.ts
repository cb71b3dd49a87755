/**
 * The data of one engine fit, shared by every learner and task (tasks.ts, boost.ts, the worker pool): its own
 * module so the booster and the task runner, which runs the booster, do not import each other.
 */
import type { BinnedFeatures } from './binning.js';

/** What every task of one fit reads: sent to each worker once per fit (shared memory, no per-task copies). */
export interface EngineData {
  readonly binned: BinnedFeatures;
  /** Classification: class codes per row (and the number of classes); regression: values. */
  readonly codes: Int32Array | null;
  readonly values: Float64Array | null;
  readonly classes: number;
}
