/**
 * The run log: JSON lines, one sealed record per line, each carrying the hash of the line before it.
 *
 *   {"format":"sapling-run","version":1,"seq":3,"prev":"<hash of record 2>","hash":"<this record's hash>","record":{…}}
 *
 * `hash` = SHA-256 of the canonical JSON (canonical.ts) of everything on the line except `hash`. Changing
 * any field of any record — or removing, reordering or inserting a line — breaks the chain at that record,
 * and `verifyChain` names it. (A hash chain shows tampering; it cannot stop someone who rewrites the whole
 * tail. Keep a copy of the last hash elsewhere — the report's appendix prints it — to catch that too.)
 */
import { SaplingError } from '../util/errors.js';
import { canonicalJson } from './canonical.js';
import { sha256Text, type CreateSha256 } from './digest.js';
import type { RunRecord } from './record.js';

export const LOG_FORMAT = 'sapling-run';
export const LOG_VERSION = 1;
/** `prev` of the first record. */
export const GENESIS = '0'.repeat(64);

export interface SealedRecord {
  readonly format: typeof LOG_FORMAT;
  readonly version: number;
  /** 1-based position in the log. */
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
  readonly record: RunRecord;
}

/** The short id users pass to `--run`: the first 12 hex digits of the record's hash. */
export function runId(sealed: Pick<SealedRecord, 'hash'>): string {
  return sealed.hash.slice(0, 12);
}

export function hashOf(sealed: Omit<SealedRecord, 'hash'>, createSha256?: CreateSha256): string {
  const { format, version, seq, prev, record } = sealed;
  return sha256Text(canonicalJson({ format, version, seq, prev, record }), createSha256);
}

/** The record as the next line of a log whose last record is `last` (undefined for an empty log). Ends with '\n'. */
export function sealRecord(
  record: RunRecord,
  last: Pick<SealedRecord, 'seq' | 'hash'> | undefined,
  createSha256?: CreateSha256,
): { sealed: SealedRecord; line: string } {
  const unsealed = {
    format: LOG_FORMAT,
    version: LOG_VERSION,
    seq: (last?.seq ?? 0) + 1,
    prev: last?.hash ?? GENESIS,
    record,
  } as const;
  const sealed: SealedRecord = { ...unsealed, hash: hashOf(unsealed, createSha256) };
  // Key order on the line is for people reading it; the hash does not depend on it.
  return {
    sealed,
    line: `${JSON.stringify({ format: sealed.format, version: sealed.version, seq: sealed.seq, prev: sealed.prev, hash: sealed.hash, record })}\n`,
  };
}

export interface ChainBreak {
  /** 1-based line number in the file. */
  readonly line: number;
  /** The record's seq as written (or as expected when the line is unreadable). */
  readonly seq: number;
  readonly id?: string;
  readonly reason: string;
}

export interface ChainReport {
  readonly ok: boolean;
  /** Records verified before the first break (all of them when ok). */
  readonly verified: readonly SealedRecord[];
  readonly broken?: ChainBreak;
}

/** Check every line in order; stop at the first record that does not verify. */
export function verifyChain(text: string, fileName: string, createSha256?: CreateSha256): ChainReport {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const verified: SealedRecord[] = [];
  let previous: SealedRecord | undefined;
  for (const [i, line] of lines.entries()) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    const fail = (reason: string, seq = expectedSeq, id?: string): ChainReport => ({
      ok: false,
      verified,
      broken: { line: i + 1, seq, ...(id ? { id } : {}), reason },
    });
    const last = i === lines.length - 1;
    if (last && !text.endsWith('\n'))
      return fail(`${fileName} ends in the middle of line ${i + 1}: the last record was not completely written`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return fail(`line ${i + 1} is not valid JSON`);
    }
    const shape = sealedShape(parsed);
    if (shape) return fail(`line ${i + 1}: ${shape}`);
    const sealed = parsed as SealedRecord;
    const id = runId(sealed);
    if (sealed.seq !== expectedSeq)
      return fail(
        `record ${sealed.seq} on line ${i + 1} should be number ${expectedSeq} (a record was removed, inserted or moved)`,
        sealed.seq,
        id,
      );
    const prev = previous?.hash ?? GENESIS;
    if (sealed.prev !== prev)
      return fail(
        `record ${sealed.seq} does not follow the record before it (prev ${sealed.prev.slice(0, 12)}…, expected ${prev.slice(0, 12)}…)`,
        sealed.seq,
        id,
      );
    const hash = hashOf(sealed, createSha256);
    if (hash !== sealed.hash)
      return fail(
        `record ${sealed.seq} was changed after it was written (its content hashes to ${hash.slice(0, 12)}…, the line says ${sealed.hash.slice(0, 12)}…)`,
        sealed.seq,
        id,
      );
    verified.push(sealed);
    previous = sealed;
  }
  return { ok: true, verified };
}

function sealedShape(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a run record';
  const v = value as Record<string, unknown>;
  if (v.format !== LOG_FORMAT) return `not a Sapling run record (expected "format": "${LOG_FORMAT}")`;
  if (v.version !== LOG_VERSION)
    return `run record version ${String(v.version)}; this Sapling reads version ${LOG_VERSION}`;
  if (!Number.isInteger(v.seq)) return 'seq is missing';
  if (typeof v.prev !== 'string' || !/^[0-9a-f]{64}$/.test(v.prev)) return 'prev is not a SHA-256';
  if (typeof v.hash !== 'string' || !/^[0-9a-f]{64}$/.test(v.hash)) return 'hash is not a SHA-256';
  if (v.record === null || typeof v.record !== 'object') return 'record is missing';
  return undefined;
}

/** Pick a run: by seq number, by id (hash prefix, ≥ 6 digits), or the last one. */
export function findRun(
  records: readonly SealedRecord[],
  selector: string | undefined,
  fileName: string,
): SealedRecord {
  if (records.length === 0) throw new SaplingError('BAD_INPUT', `${fileName} has no run records`, { file: fileName });
  if (selector === undefined) return records[records.length - 1];
  const bySeq =
    /^\d+$/.test(selector) && selector.length < 6 ? records.find((r) => r.seq === Number(selector)) : undefined;
  if (bySeq) return bySeq;
  const matches = selector.length >= 6 ? records.filter((r) => r.hash.startsWith(selector.toLowerCase())) : [];
  if (matches.length === 1) return matches[0];
  if (matches.length > 1)
    throw new SaplingError(
      'BAD_PARAMETER',
      `--run ${selector} matches ${matches.length} records in ${fileName}; give more digits`,
    );
  throw new SaplingError(
    'BAD_PARAMETER',
    `${fileName} has no run '${selector}' (give a record number 1–${records.length} or an id of at least 6 hex digits)`,
  );
}
