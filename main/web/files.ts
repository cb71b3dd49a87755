/**
 * Files in browser mode. A page cannot hand the server a path, and the server has no native dialogs, so:
 *
 * - Open (file input, drag-and-drop, Open project): the page streams the file's bytes to POST /api/upload; the
 *   server writes them into this session's folder (atomically: a temp file renamed into place), named by the
 *   bytes' SHA-256 so the same file uploaded twice is one file, and keeps the user's file name. The upload is
 *   then the answer of the next open dialog the handlers ask for (chooseFile, openProject): from there it is a
 *   user-chosen file like any other, read and fingerprinted by the same loadDataset.
 * - Save (exports, reports, projects): the save dialog answers with a fresh path in the session's downloads
 *   folder; once the handler has written it, the server offers it to the page as a download.
 *
 * The session folder is private to this user (0700) and removed when the server stops.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SaplingError } from '../../app/util/errors.js';
import { DATA_FILE_EXTENSIONS } from '../handlers/index.js';

export type UploadPurpose = 'data' | 'project' | 'model';

/** What each purpose accepts (the same extensions as the desktop's open dialogs). */
export const UPLOAD_EXTENSIONS: Readonly<Record<UploadPurpose, readonly string[]>> = {
  data: DATA_FILE_EXTENSIONS,
  project: ['sapling'],
  model: ['json'],
};

/** Uploads larger than this are refused (the limit keeps a runaway upload from filling the disk). */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

export interface Upload {
  readonly path: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** A file name safe to keep: the last path segment, no control or reserved characters, at most 200 characters. */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '');
  return cleaned.slice(-200) || 'file';
}

export class SessionFiles {
  private uploadSeq = 0;
  private saveSeq = 0;
  private readonly pendingOpen = new Map<UploadPurpose, string>();
  private readonly downloads = new Map<string, string>();

  private constructor(readonly dir: string) {}

  static async create(parent: string = tmpdir()): Promise<SessionFiles> {
    const dir = await mkdtemp(join(parent, 'sapling-ui-'));
    await mkdir(join(dir, 'uploads'), { mode: 0o700 });
    await mkdir(join(dir, 'downloads'), { mode: 0o700 });
    return new SessionFiles(dir);
  }

  /** Streams `body` into the session folder; refuses names of the wrong type and bodies over `limit` bytes. */
  async upload(body: Readable, name: string, purpose: UploadPurpose, limit = MAX_UPLOAD_BYTES): Promise<Upload> {
    const fileName = safeFileName(name);
    const ext = extname(fileName).slice(1).toLowerCase();
    const allowed = UPLOAD_EXTENSIONS[purpose];
    if (!allowed.includes(ext))
      throw new SaplingError(
        'BAD_INPUT',
        `${fileName} is not a ${{ data: 'CSV or TSV', project: 'Sapling project', model: 'Sapling model' }[purpose]} file (.${allowed.join(', .')})`,
        { file: fileName },
      );
    this.uploadSeq += 1;
    const temp = join(this.dir, 'uploads', `.upload-${this.uploadSeq}.tmp`);
    const hash = createHash('sha256');
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > limit) return done(new SaplingError('BAD_INPUT', `${fileName} is larger than ${limit} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, count, createWriteStream(temp, { mode: 0o600 }));
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      if (error instanceof SaplingError) throw error;
      throw new SaplingError('BAD_INPUT', `the upload of ${fileName} did not complete (${String(error)})`, {
        file: fileName,
      });
    }
    const sha256 = hash.digest('hex');
    const folder = join(this.dir, 'uploads', sha256.slice(0, 16));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, fileName);
    await rename(temp, path);
    this.pendingOpen.set(purpose, path);
    return { path, fileName, bytes, sha256 };
  }

  /** The open dialog's answer: the latest upload for `purpose`, once (null when nothing was uploaded: the user cancelled). */
  takeUpload(purpose: UploadPurpose): string | null {
    const path = this.pendingOpen.get(purpose) ?? null;
    this.pendingOpen.delete(purpose);
    return path;
  }

  /** The save dialog's answer: a fresh path in the downloads folder, with the proposed name. */
  async savePath(defaultName: string): Promise<string> {
    this.saveSeq += 1;
    const folder = join(this.dir, 'downloads', String(this.saveSeq));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    return join(folder, safeFileName(defaultName));
  }

  /** Registers a written file inside the session folder as a download; its URL path, or undefined when it is not ours. */
  async offer(path: string): Promise<string | undefined> {
    const rel = relative(this.dir, path);
    if (rel === '' || isAbsolute(rel) || rel.split(sep).includes('..')) return undefined;
    if (
      !(await stat(path).then(
        (s) => s.isFile(),
        () => false,
      ))
    )
      return undefined;
    const id = createHash('sha256').update(path).digest('hex').slice(0, 24);
    this.downloads.set(id, path);
    const name = path.split(sep).pop() ?? 'download';
    return `/api/download/${id}/${encodeURIComponent(name)}`;
  }

  /** The file behind a download id, or undefined. */
  download(id: string): string | undefined {
    return this.downloads.get(id);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
