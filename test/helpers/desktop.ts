/** Builds the desktop handlers as main does, with the real compute worker, for tests (no Electron). */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProgressEvent } from '../../app/ipc/contract.js';
import type { ComputeBackend } from '../../main/compute/protocol.js';
import { createWorkerBackend } from '../../main/compute/worker-backend.js';
import { createFileGrants, type FileGrants } from '../../main/handlers/file-grants.js';
import { installationKey, type InstallationKey } from '../../io/signing-key.js';
import { createHandlers, type HandlerDeps, type Handlers } from '../../main/handlers/index.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLES_DIR = join(ROOT, 'examples');

/**
 * The worker the tests run: the built bundle (out/main/worker.cjs) when SAPLING_TEST_BUILT_WORKER=1 and it
 * exists, else the TypeScript sources through a tsx bootstrap.
 */
export function testWorkerUrl(): URL {
  const built = join(ROOT, 'out/main/worker.cjs');
  if (process.env.SAPLING_TEST_BUILT_WORKER === '1' && existsSync(built)) return pathToFileURL(built);
  return new URL('./worker-bootstrap.mjs', import.meta.url);
}

export interface DesktopFixture {
  readonly handlers: Handlers;
  readonly compute: ComputeBackend;
  readonly userDataDir: string;
  readonly progress: ProgressEvent[];
  readonly logs: string[];
  /** Paths the next chooseFile calls return (null = the user cancels). */
  readonly fileQueue: (string | null)[];
  /** Paths the next save dialogs return (null = the user cancels). */
  readonly saveQueue: (string | null)[];
  /** The handlers' file capabilities: `fileSource(path)` is a loadDataset source as if the user chose `path`. */
  readonly grants: FileGrants;
  fileSource(path: string): { kind: 'file'; token: string };
  /** The run-signing key these handlers sign with (kept in userDataDir). */
  key(): Promise<InstallationKey>;
  close(): Promise<void>;
}

/** `engineThreads` > 1: the tree engine trains on a pool of that many threads (from the sources, through tsx). */
export async function createDesktopFixture(
  overrides: Partial<HandlerDeps> = {},
  options: { engineThreads?: number } = {},
): Promise<DesktopFixture> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'sapling-userdata-'));
  const progress: ProgressEvent[] = [];
  const logs: string[] = [];
  const fileQueue: (string | null)[] = [];
  const saveQueue: (string | null)[] = [];
  const compute = createWorkerBackend({
    url: testWorkerUrl(),
    ...(options.engineThreads !== undefined ? { workerData: { engineThreads: options.engineThreads } } : {}),
    log: (m) => logs.push(m),
  });
  const grants = overrides.grants ?? createFileGrants();
  const handlers = createHandlers({
    grants,
    configDir: userDataDir,
    compute,
    samplesDir: SAMPLES_DIR,
    userDataDir,
    showOpenDialog: async () => fileQueue.shift() ?? null,
    showSaveDialog: async () => saveQueue.shift() ?? null,
    progress: (e) => progress.push(e),
    log: (m) => logs.push(m),
    ...overrides,
  });
  return {
    handlers,
    compute,
    userDataDir,
    progress,
    logs,
    fileQueue,
    saveQueue,
    grants,
    fileSource: (path) => ({ kind: 'file', token: grants.grant(path).token }),
    key: () => installationKey(overrides.configDir ?? userDataDir),
    async close() {
      await compute.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
