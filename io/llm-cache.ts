/**
 * The LLM response cache on disk: one JSON file per request key (`<folder>/<sha256>.json`), each
 * holding the exact request and the reply — readable with any editor, so the folder is the audit
 * record of what was asked and answered. Writes are atomic; an unreadable entry counts as a miss and
 * is replaced on the next answer (it was never a valid record).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheEntry, ResponseCache } from '../app/llm/cache.js';
import { SaplingError } from '../app/util/errors.js';
import { writeFileAtomic } from './files.js';

export class DirectoryCache implements ResponseCache {
  private ready: Promise<void> | undefined;
  constructor(readonly folder: string) {}

  private file(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new SaplingError('BAD_PARAMETER', `not a cache key: '${key}'`);
    return join(this.folder, `${key}.json`);
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    let text: string;
    try {
      text = await readFile(this.file(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new SaplingError(
        'BAD_INPUT',
        `cannot read the LLM cache entry ${this.file(key)}: ${(error as Error).message}`,
      );
    }
    try {
      const entry = JSON.parse(text) as CacheEntry;
      return entry.key === key && entry.reply && typeof entry.reply.text === 'string' ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  async set(entry: CacheEntry): Promise<void> {
    this.ready ??= mkdir(this.folder, { recursive: true }).then(
      () => undefined,
      (error: Error) => {
        throw new SaplingError('BAD_INPUT', `cannot create the LLM cache folder ${this.folder}: ${error.message}`);
      },
    );
    await this.ready;
    await writeFileAtomic(this.file(entry.key), `${JSON.stringify(entry, null, 2)}\n`);
  }
}
