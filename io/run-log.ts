/**
 * The run log on disk (format: app/audit/chain.ts). Appending never damages what is already there, and a writer
 * killed at any instant (SIGKILL, power loss) can neither jam the log nor leave it unverifiable:
 * - one writer at a time: `<log>.lock` appears only complete — its owner (pid, start time) is written to a
 *   temporary file that is then hard-linked into place, so there is never an empty lock — and a lock whose owner
 *   is dead, or that is older than any append can take, is stale and is broken (run-log-lock.ts);
 * - before the record is written, an intent file `<log>.append` names the log's size; it is removed once the
 *   line is on disk. An intent left behind means its writer died mid-append: the next writer cuts the torn tail
 *   back to that size (a complete line there is kept) — so a kill inside the append loses only that record,
 *   whose results were never shown (the commands print only after the record is on disk);
 * - before appending, the last line must be a complete record whose own hash verifies — a log whose tail was
 *   edited is refused with a message, never extended;
 * - the new record is one write of one line, then fsync (and an fsync of the folder when the file is new).
 * Reading also accepts a .sapling project, whose `runLog` holds the same lines (the desktop app's log).
 */
import { open, readFile, rename, stat, truncate, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { hashOf, sealRecord, verifyChain, type ChainReport, type SealedRecord } from '../app/audit/chain.js';
import type { RunRecord } from '../app/audit/record.js';
import { parseProject } from '../app/project/project.js';
import { SaplingError } from '../app/util/errors.js';
import { parseJsonFile } from '../app/util/json.js';
import { syncDirectory, writeFileSynced } from './files.js';
import { nativeSha256 } from './hash.js';
import { installationKey, type InstallationKey } from './signing-key.js';
import { acquireLock } from './run-log-lock.js';

export const DEFAULT_LOG = 'sapling-runs.jsonl';
const TAIL_BLOCK = 1 << 20;

/** Seal `record` onto the log, signed with this installation's key (or `key`). */
export async function appendRunRecord(path: string, record: RunRecord, key?: InstallationKey): Promise<SealedRecord> {
  const { signer } = key ?? (await installationKey());
  const release = await acquireLock(path);
  try {
    await recoverTornAppend(path);
    const last = await lastRecord(path);
    const { sealed, line } = sealRecord(record, last, signer, nativeSha256);
    const created = last === undefined && !(await exists(path));
    const size = created ? 0 : (await stat(path)).size;
    await writeIntent(path, size);
    const handle = await open(path, 'a');
    try {
      await handle.appendFile(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (created) await syncDirectory(dirname(path));
    await unlink(intentPath(path));
    return sealed;
  } finally {
    await release();
  }
}

/** Read and verify a log: records must be signed by this installation's key or one of `trusted` (fingerprints). */
export async function readRunLog(
  path: string,
  trusted: readonly string[] = [],
  key?: InstallationKey,
): Promise<ChainReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SaplingError(
      'BAD_INPUT',
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      { file: basename(path) },
    );
  }
  const check = (key ?? (await installationKey())).check(trusted);
  return verifyChain(runLogText(text, basename(path)), basename(path), check);
}

/** A run log is a .jsonl file, or the `runLog` inside a .sapling project (the desktop keeps its log there). */
function runLogText(text: string, fileName: string): string {
  if (!fileName.endsWith('.sapling')) return text;
  const project = parseProject(text, fileName);
  return project.runLog.map((line) => `${line}\n`).join('');
}

/** The last record, checked on its own; undefined for a missing or empty log. */
async function lastRecord(path: string): Promise<SealedRecord | undefined> {
  const name = basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SaplingError('BAD_INPUT', `cannot read ${path}: ${(error as Error).message}`, { file: name });
  }
  try {
    const size = (await handle.stat()).size;
    if (size === 0) return undefined;
    // Read backwards from the end until the start of the last line.
    let tail = Buffer.alloc(0);
    let position = size;
    while (position > 0) {
      const length = Math.min(TAIL_BLOCK, position);
      position -= length;
      const block = Buffer.alloc(length);
      await handle.read(block, 0, length, position);
      tail = Buffer.concat([block, tail]);
      if (tail.subarray(0, tail.length - 1).includes(10)) break;
    }
    const text = tail.toString('utf8');
    const refuse = (why: string): SaplingError =>
      new SaplingError(
        'BAD_INPUT',
        `${path}: ${why}. Sapling will not append to it; run 'sapling audit verify ${path}', and start a new log (--log) if it is damaged.`,
        { file: name },
      );
    if (!text.endsWith('\n')) throw refuse('the last record is incomplete (the file does not end with a line break)');
    const lastLine = text.slice(text.lastIndexOf('\n', text.length - 2) + 1, -1);
    let sealed: SealedRecord;
    try {
      sealed = parseJsonFile(lastLine, name) as SealedRecord;
    } catch {
      throw refuse('the last line is not valid JSON, or nests too deep');
    }
    if (
      typeof sealed?.hash !== 'string' ||
      !Number.isInteger(sealed.seq) ||
      hashOf(sealed, nativeSha256) !== sealed.hash
    )
      throw refuse('the last record does not verify');
    return sealed;
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const intentPath = (log: string): string => `${log}.append`;

/** Names the log's size before an append, atomically (temp + rename), so a torn append can be cut back. */
async function writeIntent(log: string, size: number): Promise<void> {
  const temp = `${intentPath(log)}.${process.pid}.tmp`;
  await writeFileSynced(temp, `${size}\n`);
  await rename(temp, intentPath(log));
}

/**
 * Run with the lock held: an intent file means the last writer died inside its append (a live writer removes it
 * before releasing the lock). Whatever it wrote past the recorded size is cut off, unless it is one complete
 * record that verifies on its own (the writer died after the write but before removing the intent).
 */
async function recoverTornAppend(log: string): Promise<void> {
  const text = await readFile(intentPath(log), 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const size = Number(text.trim());
  const current = await stat(log).then(
    (s) => s.size,
    () => undefined,
  );
  if (current !== undefined && Number.isSafeInteger(size) && size >= 0 && current > size) {
    const handle = await open(log, 'r');
    let tail: string;
    try {
      const buffer = Buffer.alloc(current - size);
      await handle.read(buffer, 0, buffer.length, size);
      tail = buffer.toString('utf8');
    } finally {
      await handle.close();
    }
    if (!isOneCompleteRecord(tail)) {
      await truncate(log, size);
      const fsync = await open(log, 'r+');
      await fsync.sync().finally(() => fsync.close());
    }
  }
  await unlink(intentPath(log)).catch(() => undefined);
}

function isOneCompleteRecord(tail: string): boolean {
  if (!tail.endsWith('\n') || tail.indexOf('\n') !== tail.length - 1) return false;
  try {
    const sealed = parseJsonFile(tail, 'run log') as SealedRecord;
    return typeof sealed?.hash === 'string' && hashOf(sealed, nativeSha256) === sealed.hash;
  } catch {
    return false;
  }
}
