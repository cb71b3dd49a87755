/**
 * Capabilities for data files. The renderer is untrusted (a compromised page must not turn loadDataset into a
 * file-read primitive), so main never opens a path the renderer sends. Instead main hands out an unguessable
 * token for each path the *user* chose — the open dialog, a drop (resolved by the preload from a real File),
 * the recent list main itself keeps, a project's data file, a file the OS or the command line named — and
 * loadDataset takes only such a token. Tokens live for this process and are bounded in number.
 *
 * The `sapling ui` server reuses the same handlers: it creates its own grants and grants what its user named.
 */
import { randomBytes } from 'node:crypto';
import { basename, isAbsolute } from 'node:path';
import type { FileGrant } from '../../app/ipc/contract.js';
import { SaplingError } from '../../app/util/errors.js';

/** Enough for every recent list, dialog and drop of a long session; the oldest grants are forgotten first. */
export const MAX_FILE_GRANTS = 1000;

export interface FileGrants {
  /** A token for a path the user chose (main-side callers only). */
  grant(path: string): FileGrant;
  /** The path behind a token, or a BAD_INPUT error when main never issued it. */
  resolve(token: string): string;
}

export function createFileGrants(limit = MAX_FILE_GRANTS): FileGrants {
  const byToken = new Map<string, string>();
  const byPath = new Map<string, string>();
  return {
    grant(path) {
      if (!isAbsolute(path)) throw new SaplingError('BAD_INPUT', `'${path}' is not a full path to a file`);
      let token = byPath.get(path);
      if (token === undefined) {
        token = randomBytes(16).toString('base64url');
        byToken.set(token, path);
        byPath.set(path, token);
        if (byToken.size > limit) {
          const [oldToken, oldPath] = byToken.entries().next().value as [string, string];
          byToken.delete(oldToken);
          byPath.delete(oldPath);
        }
      }
      return { path, fileName: basename(path), token };
    },
    resolve(token) {
      const path = byToken.get(token);
      if (path === undefined)
        throw new SaplingError(
          'BAD_INPUT',
          'Sapling opens only files you chose (the open dialog, a drop, the recent list or a project); choose the file again',
        );
      return path;
    },
  };
}
