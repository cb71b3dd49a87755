/**
 * Runs, as opposed to records. Every run writes two records — `started` before any work, then its outcome
 * (completed, cancelled or failed) — so a run that was killed still leaves a trace. A list of RUNS (the
 * desktop's run log panel) shows each run once: its outcome, or, when no outcome follows, its `started` record
 * (a run that was interrupted, or is still going). The two records of one run share kind, start time and data.
 */
import type { SealedRecord } from './chain.js';

const runKey = (s: SealedRecord): string => `${s.record.kind}|${s.record.startedAt}|${s.record.dataset.sha256}`;

/** One record per run, in log order: the outcome where there is one, else the `started` record. */
export function runsOf(records: readonly SealedRecord[]): SealedRecord[] {
  const closed = new Set<string>();
  for (const s of records) if (s.record.status !== 'started') closed.add(runKey(s));
  return records.filter((s) => s.record.status !== 'started' || !closed.has(runKey(s)));
}
