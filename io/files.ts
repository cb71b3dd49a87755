/**
 * File-system adapter for the core: the only place (with cli/ and main/) that touches the disk.
 * The core reads bytes from an AsyncIterable and returns text or JSON to write; this module does the I/O.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SaplingError } from '../app/util/errors.js';

/**
 * Stream a file's bytes in 1 MiB chunks; a missing or unreadable file becomes a SaplingError naming it.
 * Only regular files are read: a FIFO, /dev/zero or another device would block or never end. The file is opened
 * non-blocking (so opening a FIFO returns at once) and checked through the open handle, not the path, so it
 * cannot be swapped between the check and the read.
 */
export async function openFileChunks(
  path: string,
): Promise<{ chunks: AsyncIterable<Uint8Array>; bytes: number; fileName: string }> {
  const fileName = basename(path);
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR')
      throw new SaplingError('BAD_INPUT', `${path} is a folder, not a file`, { file: fileName });
    throw new SaplingError('BAD_INPUT', `cannot read ${path}: ${describeFsError(error)}`, { file: fileName });
  }
  let size: number;
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      const what = info.isDirectory()
        ? 'a folder'
        : info.isFIFO()
          ? 'a pipe (FIFO)'
          : info.isCharacterDevice() || info.isBlockDevice()
            ? 'a device'
            : info.isSocket()
              ? 'a socket'
              : 'not a regular file';
      throw new SaplingError('BAD_INPUT', `${path} is ${what}, not a file Sapling can read`, { file: fileName });
    }
    size = info.size;
  } catch (error) {
    await handle.close();
    if (error instanceof SaplingError) throw error;
    throw new SaplingError('BAD_INPUT', `cannot read ${path}: ${describeFsError(error)}`, { file: fileName });
  }
  return { chunks: handle.createReadStream({ highWaterMark: 1 << 20 }), bytes: size, fileName };
}

/** SHA-256 (hex) of a file's bytes, streamed: to check a file is the one a record names before parsing it. */
export async function fileSha256(path: string): Promise<string> {
  const { chunks } = await openFileChunks(path);
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
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

/** Write `content` to `path` and fsync it (flag 'w', or 'wx' to refuse an existing file). Not atomic: for temp files. */
export async function writeFileSynced(path: string, content: string, flag: 'w' | 'wx' = 'w'): Promise<void> {
  const handle = await open(path, flag);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
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
