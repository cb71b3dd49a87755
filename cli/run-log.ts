/** The run log as the commands use it: `--log PATH` / `--no-log`, and where a record says the data file is. */
import { isAbsolute, relative, resolve, dirname } from 'node:path';
import type { SealedRecord } from '../app/audit/chain.js';
import { runId } from '../app/audit/chain.js';
import type { RunRecord } from '../app/audit/record.js';
import type { RunRecorder } from '../app/audit/recorded-run.js';
import { SaplingError } from '../app/util/errors.js';
import { appendRunRecord, DEFAULT_LOG } from '../io/run-log.js';
import { printErr } from './terminal.js';

export const LOG_OPTIONS = {
  log: { type: 'string' },
  'no-log': { type: 'boolean' },
} as const;

export const LOG_USAGE = `[--log ${DEFAULT_LOG} | --no-log]`;

/** The log to append to, or undefined with --no-log. Default: sapling-runs.jsonl in the working directory. */
export function runLogPath(values: { log?: string; 'no-log'?: boolean }): string | undefined {
  if (values['no-log'] && values.log !== undefined)
    throw new SaplingError('BAD_PARAMETER', 'use either --log or --no-log, not both');
  if (values['no-log']) return undefined;
  return values.log ?? DEFAULT_LOG;
}

/**
 * The data file's path as the record keeps it: relative to the log's folder when the file is inside it
 * (so a folder of data + log can be moved or shared), otherwise absolute.
 */
export function recordedDataPath(dataFile: string, log: string): string {
  const fromLog = relative(dirname(resolve(log)), resolve(dataFile));
  return fromLog.startsWith('..') || isAbsolute(fromLog) ? resolve(dataFile) : fromLog.split('\\').join('/');
}

export function resolveRecordedPath(recorded: string, log: string): string {
  return isAbsolute(recorded) ? recorded : resolve(dirname(resolve(log)), recorded);
}

/** Append and say where; a log that cannot be appended to is an error after the run's own output is written. */
export async function logRun(log: string | undefined, record: RunRecord): Promise<SealedRecord | undefined> {
  if (log === undefined) return undefined;
  const sealed = await appendRunRecord(log, record);
  return sealed;
}

export function loggedLine(log: string, sealed: SealedRecord): string {
  return `run ${runId(sealed)} (record ${sealed.seq}) appended to ${log}`;
}

/**
 * The run log as recordedRun (app/audit/recorded-run.ts) writes to it: every record appended to `log` (nothing with
 * --no-log); a stopped record that cannot be appended is a warning, since the run's own error is what the user must see.
 */
export function logRecorder(log: string | undefined): RunRecorder {
  return {
    append: async (record) => void (await logRun(log, record)),
    onStoppedNotRecorded: (error) =>
      printErr(`warning: the run was not recorded in ${log}: ${(error as Error).message}\n`),
  };
}
