/**
 * File-system adapter for the core: the only place (with cli/ and main/) that touches the disk.
 * The core reads bytes from an AsyncIterable and returns text or JSON to write; this module does the I/O.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SaplingError } from '../app/util/errors.js';

/** Stream a file's bytes in 1 MiB chunks; a missing or unreadable file becomes a SaplingError naming it. */
export async function openFileChunks(
  path: string,
): Promise<{ chunks: AsyncIterable<Uint8Array>; bytes: number; fileName: string }> {
  const fileName = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new SaplingError('BAD_INPUT', `${path} is a folder, not a file`, { file: fileName });
    size = info.size;
  } catch (error) {
    if (error instanceof SaplingError) throw error;
    throw new SaplingError('BAD_INPUT', `cannot read ${path}: ${describeFsError(error)}`, { file: fileName });
  }
  return { chunks: createReadStream(path, { highWaterMark: 1 << 20 }), bytes: size, fileName };
}

/**
 * Write a file atomically: temp file in the same folder → fsync → rename over the target → fsync the folder.
 * A crash leaves either the old file or the new one, never a half-written file.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: { readonly mode?: number } = {},
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `mode` (e.g. 0o600 for a file holding a secret) applies from creation: the content is never readable by others.
    const handle = await open(temp, 'wx', options.mode ?? 0o666);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new SaplingError('BAD_INPUT', `cannot write ${path}: ${describeFsError(error)}`, { file: basename(path) });
  }
  // Make the rename itself durable.
  await syncDirectory(dir);
}

/** fsync a folder, so that a rename or a new file in it survives a crash. Not supported on every platform (Windows): best effort. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* directory fsync unsupported here */
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
