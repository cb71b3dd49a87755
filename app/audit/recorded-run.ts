/**
 * Run and record, written once: a `started` record before any work (a damaged or locked log stops the run now, not
 * after it), the work, and on failure or cancellation a `cancelled`/`failed` record naming why — so every run leaves
 * its trace, whether it finished or not. The completed record (which needs the result) is the caller's: it decides
 * when results may be shown (after the record is on disk). Used by `sapling compare`, `sapling train` and
 * `sapling import`; where the records go is `append`. (The desktop records its start through main before the worker
 * runs — main/compute/service.ts recordRunStart — because the worker answers no call while it computes.)
 */
import { SaplingError } from '../util/errors.js';
import { startedRecord, stoppedRecord, type RecordInput, type RunRecord } from './record.js';

export interface RunRecorder {
  /** Appends one record; a failure here stops the run (before it starts) or is reported by `stopped`. */
  readonly append: (record: RunRecord) => Promise<void>;
  /** Called when the stopped record itself cannot be appended: the run's own error is what the user must see. */
  readonly onStoppedNotRecorded?: (error: unknown) => void;
}

export async function recordedRun<T>(
  recorder: RunRecorder,
  input: () => RecordInput,
  work: () => Promise<T>,
): Promise<T> {
  await recorder.append(startedRecord(input()));
  try {
    return await work();
  } catch (error) {
    const cancelled = error instanceof SaplingError && error.code === 'CANCELLED';
    const message = error instanceof Error ? error.message : String(error);
    try {
      await recorder.append(stoppedRecord(input(), cancelled ? 'cancelled' : 'failed', message));
    } catch (logError) {
      recorder.onStoppedNotRecorded?.(logError);
    }
    throw error;
  }
}
