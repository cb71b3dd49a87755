/**
 * The run log: JSON lines, one sealed and signed record per line, each carrying the hash of the line before it.
 *
 *   {"format":"sapling-run","version":2,"seq":3,"prev":"<hash of record 2>","hash":"<this record's hash>",
 *    "signer":{"key":"<Ed25519 public key>","fingerprint":"ed25519:…"},"signature":"<Ed25519 signature>","record":{…}}
 *
 * `hash` = SHA-256 of the canonical JSON (canonical.ts) of everything on the line except `hash` and `signature`;
 * `signature` = Ed25519 over `sapling-run:<hash>` with the writing installation's private key (io/signing-key.ts).
 * Changing any field of any record — or removing, reordering or inserting a line — breaks the chain at that
 * record, and `verifyChain` names it. A plain hash chain can be re-sealed by anyone who edits a log and
 * recomputes the hashes; a signature can only be remade with the private key, so a re-sealed log verifies
 * only if it is signed by a key the reader trusts (by default: this installation's own). The signer's
 * fingerprint is on every record, in the report and in `audit verify`'s output, so it can be compared.
 *
 * Signing and checking are injected (node:crypto in io/): app/ stays pure.
 */
import { SaplingError } from '../util/errors.js';
import { parseJsonFile } from '../util/json.js';
import { canonicalJson } from './canonical.js';
import { recordShapeProblem } from './record-schema.js';
import { sha256Text, type CreateSha256 } from './digest.js';
import type { RunRecord } from './record.js';

export const LOG_FORMAT = 'sapling-run';
/** Version 2: signed records. Version 1 records (a hash chain only) are still read, and reported as unsigned. */
export const LOG_VERSION = 2;
const UNSIGNED_VERSION = 1;
/** `prev` of the first record. */
export const GENESIS = '0'.repeat(64);

export interface RecordSignerInfo {
  /** The Ed25519 public key, raw 32 bytes in base64. */
  readonly key: string;
  /** `ed25519:` + the first 32 hex digits of the SHA-256 of the raw public key. */
  readonly fingerprint: string;
}

/** This installation's key: what it signs with. */
export interface RecordSigner extends RecordSignerInfo {
  /** Ed25519 signature (base64) of the UTF-8 message. */
  sign(message: string): string;
}

/** How a reader checks signatures and which signers it trusts. */
export interface ChainCheck {
  /** True when `signature` (base64) is a valid Ed25519 signature of `message` by `key` (raw base64). */
  verifySignature(key: string, message: string, signature: string): boolean;
  /** The fingerprint of a raw base64 public key (must match what the record claims). */
  fingerprintOf(key: string): string;
  /** Fingerprints whose records are accepted: this installation's own, plus any the user named (--trust). */
  readonly trusted: readonly string[];
  readonly createSha256?: CreateSha256;
}

export interface SealedRecord {
  readonly format: typeof LOG_FORMAT;
  readonly version: number;
  /** 1-based position in the log. */
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
  /** Absent only on version-1 (unsigned) records. */
  readonly signer?: RecordSignerInfo;
  readonly signature?: string;
  readonly record: RunRecord;
}

/** The short id users pass to `--run`: the first 12 hex digits of the record's hash. */
export function runId(sealed: Pick<SealedRecord, 'hash'>): string {
  return sealed.hash.slice(0, 12);
}

/** The message a record's signature covers (prefixed so a signature can never be replayed as anything else). */
export function signedMessage(hash: string): string {
  return `${LOG_FORMAT}:${hash}`;
}

export function hashOf(sealed: Omit<SealedRecord, 'hash' | 'signature'>, createSha256?: CreateSha256): string {
  const { format, version, seq, prev, record, signer } = sealed;
  const content =
    version === UNSIGNED_VERSION
      ? { format, version, seq, prev, record }
      : { format, version, seq, prev, record, signer: signer && { key: signer.key, fingerprint: signer.fingerprint } };
  return sha256Text(canonicalJson(content), createSha256);
}

/** The record as the next line of a log whose last record is `last` (undefined for an empty log). Ends with '\n'. */
export function sealRecord(
  record: RunRecord,
  last: Pick<SealedRecord, 'seq' | 'hash'> | undefined,
  signer: RecordSigner,
  createSha256?: CreateSha256,
): { sealed: SealedRecord; line: string } {
  const unsealed = {
    format: LOG_FORMAT,
    version: LOG_VERSION,
    seq: (last?.seq ?? 0) + 1,
    prev: last?.hash ?? GENESIS,
    signer: { key: signer.key, fingerprint: signer.fingerprint },
    record,
  } as const;
  const hash = hashOf(unsealed, createSha256);
  const sealed: SealedRecord = { ...unsealed, hash, signature: signer.sign(signedMessage(hash)) };
  // Key order on the line is for people reading it; the hash does not depend on it.
  const { format, version, seq, prev, signature } = sealed;
  return {
    sealed,
    line: `${JSON.stringify({ format, version, seq, prev, hash, signer: unsealed.signer, signature, record })}\n`,
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
  /** The fingerprints that signed the verified records, in order of first appearance. */
  readonly signers: readonly string[];
}

/** Check every line in order; stop at the first record that does not verify (hash, chain, signature or trust). */
export function verifyChain(text: string, fileName: string, check: ChainCheck): ChainReport {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const verified: SealedRecord[] = [];
  const signers: string[] = [];
  let previous: SealedRecord | undefined;
  for (const [i, line] of lines.entries()) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    const fail = (reason: string, seq = expectedSeq, id?: string): ChainReport => ({
      ok: false,
      verified,
      signers,
      broken: { line: i + 1, seq, ...(id ? { id } : {}), reason },
    });
    const last = i === lines.length - 1;
    if (last && !text.endsWith('\n'))
      return fail(`${fileName} ends in the middle of line ${i + 1}: the last record was not completely written`);
    let parsed: unknown;
    try {
      parsed = parseJsonFile(line, fileName, { firstLine: i + 1 });
    } catch (error) {
      return fail(
        error instanceof SaplingError && error.location.column !== undefined
          ? error.message
          : `line ${i + 1} is not valid JSON`,
      );
    }
    const shape = sealedShape(parsed) ?? recordShapeProblem((parsed as { record: unknown }).record);
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
    const hash = hashOf(sealed, check.createSha256);
    if (hash !== sealed.hash)
      return fail(
        `record ${sealed.seq} was changed after it was written (its content hashes to ${hash.slice(0, 12)}…, the line says ${sealed.hash.slice(0, 12)}…)`,
        sealed.seq,
        id,
      );
    const unsigned = signatureProblem(sealed, check);
    if (unsigned) return fail(`record ${sealed.seq} ${unsigned}`, sealed.seq, id);
    if (!signers.includes(sealed.signer!.fingerprint)) signers.push(sealed.signer!.fingerprint);
    verified.push(sealed);
    previous = sealed;
  }
  return { ok: true, verified, signers };
}

/** Why a record's signature does not count, or undefined when it is valid and by a trusted key. */
function signatureProblem(sealed: SealedRecord, check: ChainCheck): string | undefined {
  if (sealed.version === UNSIGNED_VERSION || !sealed.signer || sealed.signature === undefined)
    return 'is not signed (a version-1 record: its hash chain can be re-sealed by anyone, so it proves nothing)';
  const { key, fingerprint } = sealed.signer;
  if (check.fingerprintOf(key) !== fingerprint) return `names signer ${fingerprint}, but its key is another one`;
  if (!check.verifySignature(key, signedMessage(sealed.hash), sealed.signature))
    return `has an invalid signature: it was changed and re-sealed after ${fingerprint} signed it`;
  if (!check.trusted.includes(fingerprint))
    return `is signed by ${fingerprint}, which is not a trusted key (this installation's is ${check.trusted[0] ?? 'unknown'}): the log was written on another installation, or edited and re-signed. If you trust that key, pass --trust ${fingerprint}`;
  return undefined;
}

function sealedShape(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a run record';
  const v = value as Record<string, unknown>;
  if (v.format !== LOG_FORMAT) return `not a Sapling run record (expected "format": "${LOG_FORMAT}")`;
  if (v.version !== LOG_VERSION && v.version !== UNSIGNED_VERSION)
    return `run record version ${String(v.version)}; this Sapling reads versions ${UNSIGNED_VERSION} and ${LOG_VERSION}`;
  if (!Number.isInteger(v.seq)) return 'seq is missing';
  if (typeof v.prev !== 'string' || !/^[0-9a-f]{64}$/.test(v.prev)) return 'prev is not a SHA-256';
  if (typeof v.hash !== 'string' || !/^[0-9a-f]{64}$/.test(v.hash)) return 'hash is not a SHA-256';
  if (v.record === null || typeof v.record !== 'object' || Array.isArray(v.record)) return 'record is missing';
  if (v.version === LOG_VERSION) {
    const signer = v.signer as Record<string, unknown> | null | undefined;
    if (signer === null || typeof signer !== 'object') return 'signer is missing';
    // Exact base64 forms: a lenient decoder would read `key` and `keyx` as the same bytes.
    if (typeof signer.key !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(signer.key))
      return 'signer.key is not an Ed25519 public key';
    if (typeof signer.fingerprint !== 'string') return 'signer.fingerprint is missing';
    if (typeof v.signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(v.signature))
      return 'signature is not an Ed25519 signature';
  }
  return undefined;
}

/** Pick a run: by seq number, by id (hash prefix, ≥ 6 digits), or the last completed one (else the last record). */
export function findRun(
  records: readonly SealedRecord[],
  selector: string | undefined,
  fileName: string,
): SealedRecord {
  if (records.length === 0) throw new SaplingError('BAD_INPUT', `${fileName} has no run records`, { file: fileName });
  if (selector === undefined)
    return records.findLast((r) => r.record.status === 'completed') ?? records[records.length - 1];
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
