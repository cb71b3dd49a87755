/**
 * The run log on disk (format: app/audit/chain.ts). Appending never damages what is already there:
 * - one writer at a time (a `<log>.lock` file, created exclusively; a lock left by a dead process is removed);
 * - before appending, the last line must be a complete record whose own hash verifies — a log whose tail was
 *   torn by a crash or edited is refused with a message, never extended;
 * - the new record is one write of one line, then fsync (and an fsync of the folder when the file is new).
 * Reading also accepts a .sapling project, whose `runLog` holds the same lines (the desktop app's log).
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { hashOf, sealRecord, verifyChain, type ChainReport, type SealedRecord } from '../app/audit/chain.js';
import type { RunRecord } from '../app/audit/record.js';
import { parseProject } from '../app/project/project.js';
import { SaplingError } from '../app/util/errors.js';
import { syncDirectory } from './files.js';
import { nativeSha256 } from './hash.js';
import { installationKey, type InstallationKey } from './signing-key.js';

export const DEFAULT_LOG = 'sapling-runs.jsonl';
const LOCK_WAIT_MS = 10_000;
const TAIL_BLOCK = 1 << 20;

/** Seal `record` onto the log, signed with this installation's key (or `key`). */
export async function appendRunRecord(path: string, record: RunRecord, key?: InstallationKey): Promise<SealedRecord> {
  const { signer } = key ?? (await installationKey());
  const release = await lock(path);
  try {
    const last = await lastRecord(path);
    const { sealed, line } = sealRecord(record, last, signer, nativeSha256);
    const created = last === undefined && !(await exists(path));
    const handle = await open(path, 'a');
    try {
      await handle.appendFile(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (created) await syncDirectory(dirname(path));
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
      sealed = JSON.parse(lastLine) as SealedRecord;
    } catch {
      throw refuse('the last line is not valid JSON');
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

async function lock(path: string): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(lockPath).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new SaplingError('BAD_INPUT', `cannot write next to ${path}: ${(error as Error).message}`, {
          file: basename(path),
        });
      }
    }
    const owner = Number(await readFile(lockPath, 'utf8').catch(() => ''));
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline)
      throw new SaplingError(
        'BAD_INPUT',
        `${path} is locked by another Sapling run (${lockPath}); try again when it has finished`,
        { file: basename(path) },
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
