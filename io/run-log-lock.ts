/**
 * The run log's writer lock, `<log>.lock`, built so that no kill can leave it empty or stale forever:
 * - it appears complete or not at all: the owner line (`pid start-time nonce`) is written and synced to a
 *   temporary file, which is then hard-linked to the lock name (link fails if the lock exists: exclusive);
 * - a lock is stale when its owner process is gone, or when it is older than STALE_AFTER_MS (no append takes
 *   that long; this also covers a reused pid), or when it does not hold an owner line (a lock from an older
 *   Sapling that was killed between creating and writing it);
 * - a stale lock is broken by renaming it aside and checking that what was renamed is the stale one (if another
 *   waiter broke it and a live writer took the lock in between, that lock is put back).
 * Temporary files of dead processes are cleaned up on the way.
 */
import { randomBytes } from 'node:crypto';
import { link, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SaplingError } from '../app/util/errors.js';
import { writeFileSynced } from './files.js';

/** How long a writer waits for another one before giving up. */
export const LOCK_WAIT_MS = 10_000;
/** A lock older than this is stale whoever holds it: an append takes milliseconds. */
export const STALE_AFTER_MS = 30_000;

interface Owner {
  readonly pid: number;
  readonly text: string;
}

function parseOwner(text: string): Owner | undefined {
  const match = /^(\d+) \d+ [0-9a-f]+\n$/.exec(text);
  return match ? { pid: Number(match[1]), text } : undefined;
}

export async function acquireLock(log: string): Promise<() => Promise<void>> {
  const lockPath = `${log}.lock`;
  const ownerLine = `${process.pid} ${Date.now()} ${randomBytes(8).toString('hex')}\n`;
  const temp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await cleanDeadTemps(log);
  try {
    await writeFileSynced(temp, ownerLine, 'wx');
  } catch (error) {
    throw cannotWrite(log, error);
  }
  const deadline = Date.now() + LOCK_WAIT_MS;
  try {
    for (;;) {
      try {
        await link(temp, lockPath);
        return async () => {
          // Release only our own lock (never one a waiter took after judging ours stale).
          const now = await readFile(lockPath, 'utf8').catch(() => undefined);
          if (now === ownerLine) await unlink(lockPath).catch(() => undefined);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotWrite(log, error);
      }
      if (await breakIfStale(lockPath)) continue;
      if (Date.now() > deadline)
        throw new SaplingError(
          'BAD_INPUT',
          `${log} is locked by another Sapling run (${lockPath}, a live process); try again when it has finished`,
          { file: basename(log) },
        );
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** True when the lock was stale and has been removed (or vanished meanwhile): try again at once. */
async function breakIfStale(lockPath: string): Promise<boolean> {
  let text: string;
  let age: number;
  try {
    text = await readFile(lockPath, 'utf8');
    age = Date.now() - (await stat(lockPath)).mtimeMs;
  } catch {
    return true; // released meanwhile
  }
  const owner = parseOwner(text);
  const stale = owner === undefined || age > STALE_AFTER_MS || !alive(owner.pid);
  if (!stale) return false;
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return true; // someone else broke or released it
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== text) {
    // Between our read and the rename, the stale lock was broken by another waiter and a live writer locked:
    // put its lock back (link fails only if yet another writer holds the lock now, which is then the lock).
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

/** `<log>.lock.<pid>.<hex>.tmp` and `<log>.lock.stale.<pid>.<hex>` files whose process is gone. */
async function cleanDeadTemps(log: string): Promise<void> {
  const prefix = `${basename(log)}.lock.`;
  let names: string[];
  try {
    names = await readdir(dirname(log));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(?:stale\.)?(\d+)\.[0-9a-f]+(?:\.tmp)?$/.exec(name.slice(prefix.length));
    if (match && Number(match[1]) !== process.pid && !alive(Number(match[1])))
      await unlink(join(dirname(log), name)).catch(() => undefined);
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cannotWrite(log: string, error: unknown): SaplingError {
  return new SaplingError('BAD_INPUT', `cannot write next to ${log}: ${(error as Error).message}`, {
    file: basename(log),
  });
}
