/**
 * Run and record, written once: a `started` record before any work (a damaged or locked log stops the run now, not
 * after it), the work, and on failure or cancellation a `cancelled`/`failed` record naming why — so every run leaves
 * its trace, whether it finished or not. The completed record (which needs the result) is the caller's: it decides
 * when results may be shown (after the record is on disk). Used by `sapling compare`, `sapling train` and the
 * desktop's compute worker; where the records go (a JSONL file, the project's in-memory log) is `append`.
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

/**
 * One entry per run for a list a person reads: a `started` record is dropped once a later record of the same run
 * (same kind and start time) says how it ended; a `started` record with no outcome stays — the run never finished
 * (killed, or still going). The log itself keeps every record (hash chain, `sapling audit list`).
 */
export function oneEntryPerRun<T extends { readonly record: RunRecord }>(records: readonly T[]): T[] {
  const ended = new Set<string>();
  const runKey = (r: RunRecord): string => `${r.kind}\u0000${r.startedAt}`;
  const out: T[] = [];
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i].record;
    if (r.status !== 'started') ended.add(runKey(r));
    else if (ended.has(runKey(r))) continue;
    out.push(records[i]);
  }
  return out.reverse();
}
