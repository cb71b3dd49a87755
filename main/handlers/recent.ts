/**
 * Recent files: a small JSON list in the user-data folder, newest first, at most MAX_RECENT, written
 * atomically (io/files.ts) and one write at a time. Files that no longer exist are dropped when listed.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../io/files.js';

export const MAX_RECENT = 10;
export const RECENT_FILE_NAME = 'recent-files.json';

const stored = z.object({
  version: z.literal(1),
  files: z.array(z.object({ path: z.string().min(1), fileName: z.string(), openedAt: z.string() })),
});

/** A recent file as kept on disk (the handlers add a fresh file grant when they list it). */
export interface StoredRecentFile {
  readonly path: string;
  readonly fileName: string;
  readonly openedAt: string;
}
type RecentFile = StoredRecentFile;

export interface RecentFilesOptions {
  readonly now?: () => Date;
  readonly exists?: (path: string) => Promise<boolean>;
}

export interface RecentFiles {
  list(): Promise<RecentFile[]>;
  add(path: string): Promise<RecentFile[]>;
}

async function fileExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export function createRecentFiles(jsonPath: string, options: RecentFilesOptions = {}): RecentFiles {
  const now = options.now ?? (() => new Date());
  const exists = options.exists ?? fileExists;
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `task` after every earlier read-modify-write. */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function read(): Promise<RecentFile[]> {
    try {
      const parsed = stored.safeParse(JSON.parse(await readFile(jsonPath, 'utf8')));
      return parsed.success ? parsed.data.files : [];
    } catch {
      return []; // missing or corrupt: start afresh
    }
  }

  async function write(files: RecentFile[]): Promise<void> {
    await writeFileAtomic(jsonPath, `${JSON.stringify({ version: 1, files }, null, 2)}\n`);
  }

  return {
    list: () =>
      serial(async () => {
        const files = await read();
        const present: RecentFile[] = [];
        for (const f of files.slice(0, MAX_RECENT)) if (await exists(f.path)) present.push(f);
        if (present.length !== files.length) await write(present);
        return present;
      }),
    add: (path: string) =>
      serial(async () => {
        const entry: RecentFile = { path, fileName: basename(path), openedAt: now().toISOString() };
        const files = [entry, ...(await read()).filter((f) => f.path !== path)].slice(0, MAX_RECENT);
        await write(files);
        return files;
      }),
  };
}
