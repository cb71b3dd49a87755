/**
 * `.sapling` files on disk. Saving is crash-safe and keeps the previous version until the new one is verified:
 *   1. write the new text to a temp file in the same folder, fsync it, read it back and parse it;
 *   2. keep the current file as `<name>.prev` (a hard link: no copy, no window without a file);
 *   3. rename the temp file over the project (atomic), fsync the folder;
 *   4. read the project back; only when it is exactly the new text is `<name>.prev` removed.
 * A crash at any point leaves the project file as the old version or the new one, never a mix.
 * Opening only reads: a damaged or newer file is reported and left as it is.
 */
import { copyFile, link, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { dataFingerprintNote, parseProject, serializeProject, type Project } from '../app/project/project.js';
import type { ProjectFile } from '../app/project/schema.js';
import { SaplingError } from '../app/util/errors.js';
import { fileSha256, syncDirectory, writeFileSynced } from './files.js';

export async function saveProjectFile(path: string, project: Project, now = new Date()): Promise<void> {
  const text = serializeProject(project, now);
  const dir = dirname(path);
  const name = basename(path);
  const temp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  const prev = `${path}.prev`;
  const fail = (error: unknown): SaplingError =>
    error instanceof SaplingError
      ? error
      : new SaplingError(
          'BAD_INPUT',
          `cannot save ${path}: ${(error as Error).message}. The previous version was not changed.`,
          { file: name },
        );
  try {
    await writeFileSynced(temp, text);
    if ((await readFile(temp, 'utf8')) !== text) throw new Error('the written file reads back differently');
    parseProject(text, name);
    if (await parses(path)) {
      await unlink(prev).catch(() => undefined);
      await link(path, prev).catch(() => copyFile(path, prev).catch(() => undefined));
    }
    await rename(temp, path);
    await syncDirectory(dir);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw fail(error);
  }
  if ((await readFile(path, 'utf8').catch(() => '')) !== text) {
    throw new SaplingError(
      'BAD_INPUT',
      `${path} did not read back as saved; the previous version is kept as ${basename(prev)}`,
      { file: name },
    );
  }
  await unlink(prev).catch(() => undefined);
  await syncDirectory(dir);
}

export interface OpenedProject {
  readonly project: ProjectFile;
  /** Set when the data file moved or changed since the project was saved. */
  readonly dataNote: string | null;
  /** The data file's path, resolved against the project's folder. */
  readonly dataPath: string | null;
}

export async function openProjectFile(path: string): Promise<OpenedProject> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SaplingError(
      'BAD_INPUT',
      `cannot open ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      { file: basename(path) },
    );
  }
  const project = parseProject(text, basename(path));
  if (!project.data) return { project, dataNote: null, dataPath: null };
  const dataPath =
    project.data.path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(project.data.path)
      ? project.data.path
      : join(dirname(path), project.data.path);
  const sha = await dataFileSha256(dataPath);
  return { project, dataNote: dataFingerprintNote(project, sha), dataPath };
}

/** SHA-256 of a data file, or null when it cannot be read (missing, or not a regular file: a FIFO or /dev/zero never ends). */
export async function dataFileSha256(path: string): Promise<string | null> {
  return fileSha256(path).catch(() => null);
}

async function parses(path: string): Promise<boolean> {
  try {
    parseProject(await readFile(path, 'utf8'), basename(path));
    return true;
  } catch {
    return false;
  }
}
