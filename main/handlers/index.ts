/**
 * Every IPC channel as a plain async function: `createHandlers(deps)` returns one function per call of
 * app/ipc/contract.ts. Each validates its payload with the call's zod schema (the trust boundary: the
 * renderer is not trusted), does the work and resolves to a Result — it never throws. Everything
 * Electron-specific (dialog, folders, where progress goes) is injected, so the real IPC (main/ipc.ts), the
 * in-memory IPC tests and the end-to-end harness (test/e2e/harness.ts) all bind these same functions.
 *
 * Who does the work: the calls main answers itself are `mainCalls` below (dialogs, files, settings, or a
 * worker call with something main adds); every other call goes, validated, to the compute worker's method
 * of the same name (main/compute/service.ts, through the generic proxy of main/compute/service-proxy.ts).
 * The types insist that each call is one or the other: a new worker call is its contract line plus its
 * ComputeService method, nothing here.
 */
import { access } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import { CHANNELS, calls } from '../../app/ipc/contract.js';
import type {
  Channel,
  FileGrant,
  ModelInfo,
  ProgressEvent,
  RecentFile,
  Request,
  Responses,
  Result,
} from '../../app/ipc/contract.js';
import type { StoredRecentFile } from './recent.js';
import { MODELS } from '../../app/registry/models.js';
import { modelDescription } from '../../app/models/catalog/index.js';
import { paramLabel } from '../../app/models/param-labels.js';
import { writeFileAtomic } from '../../io/files.js';
import { readModelFile } from '../../io/model-file.js';
import { modelFileInfo } from './model-files.js';
import { installationKey } from '../../io/signing-key.js';
import { SaplingError } from '../../app/util/errors.js';
import type { ComputeBackend } from '../compute/protocol.js';
import type { ComputeClient, ComputeService } from '../compute/service.js';
import { toService, type CallOptions } from '../compute/service-proxy.js';
import { IpcFailure, describeError, failure, ok, toIpcError } from '../result.js';
import { ProjectSession } from './project.js';
import { RECENT_FILE_NAME, createRecentFiles } from './recent.js';
import { SAMPLES, findSample } from './samples.js';
import { createLlmStore, toRunSettings, type SecretStore } from './llm.js';
import { createFileGrants, type FileGrants } from './file-grants.js';
import { testLlmConnection } from './llm-connection.js';

export interface HandlerDeps {
  /** Where parsing, profiling and training run (the worker thread). */
  readonly compute: ComputeBackend;
  /** The folder holding the sample CSVs (examples/ in development, resources/examples when packaged). */
  readonly samplesDir: string;
  /** The user-data folder (recent files live there). */
  readonly userDataDir: string;
  /** Shows the native open dialog; the chosen path, or null when the user cancels. */
  readonly showOpenDialog: () => Promise<string | null>;
  /** Shows the native save dialog proposing `defaultName`; the chosen path, or null when the user cancels. */
  readonly showSaveDialog: (defaultName: string) => Promise<string | null>;
  /** The open dialog for .sapling projects; default: showOpenDialog. */
  readonly showOpenProjectDialog?: () => Promise<string | null>;
  /** The open dialog for Sapling model files (.json); default: showOpenDialog. */
  readonly showOpenModelDialog?: () => Promise<string | null>;
  /** HTML → PDF for report export (Electron's printToPDF); without it PDF export says why it cannot. */
  readonly printToPdf?: (html: string) => Promise<Uint8Array>;
  /** Sends a progress event to the renderer. */
  readonly progress: (event: ProgressEvent) => void;
  /** Unexpected errors (with stacks) go here; default console.error. */
  readonly log?: (message: string) => void;
  /** Called when the recent files change (main rebuilds the File menu). */
  readonly onRecentFilesChanged?: (files: readonly StoredRecentFile[]) => void;
  /** Where this installation's run-signing key lives (io/signing-key.ts); default: the user's config folder. */
  readonly configDir?: string;
  /** The file capabilities loadDataset accepts (main/handlers/file-grants.ts); default: a new set for these handlers. */
  readonly grants?: FileGrants;
  readonly now?: () => Date;
  /** Electron's safeStorage in the app; absent = the LLM key can only be kept as plain text (and the UI says so). */
  readonly secrets?: SecretStore;
}

export type Handler<C extends Channel> = (payload: unknown) => Promise<Result<Responses[C]>>;
export type Handlers = { readonly [C in Channel]: Handler<C> };

/** The work behind a call, once its request is valid. */
type Impl<C extends Channel> = (request: Request<C>) => Promise<Responses[C]>;

/** Calls the compute worker answers as they are: its method of the same name takes the request and gives the answer. */
export type ForwardedChannel = {
  [C in Channel]: C extends keyof ComputeClient ? (ComputeClient[C] extends Impl<C> ? C : never) : never;
}[Channel];

/** What main must answer itself: every call the worker cannot answer as it is (main may take over the others). */
type MainHandlers = { readonly [C in Exclude<Channel, ForwardedChannel>]: Handler<C> } & {
  readonly [C in ForwardedChannel]?: Handler<C>;
};

/** File types Sapling opens (the open dialog offers the same). */
export const DATA_FILE_EXTENSIONS: readonly string[] = ['csv', 'tsv', 'txt'];

/** `loadDataset: source.path: Invalid input: expected string, received number` — names the channel and field. */
export function describeSchemaError(channel: Channel, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.map((k) => `'${k}'`).join(', ')})` : '';
      return `${channel}: ${path === '' ? 'request' : path}: ${issue.message}${keys}`;
    })
    .join('; ');
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const log = deps.log ?? ((message: string) => console.error(message));
  const recent = createRecentFiles(join(deps.userDataDir, RECENT_FILE_NAME), deps.now ? { now: deps.now } : {});
  const running = new Set<string>();
  const llmStore = createLlmStore(deps.userDataDir, deps.secrets);
  const grants = deps.grants ?? createFileGrants();
  const withToken = (f: StoredRecentFile): RecentFile => ({ ...f, token: grants.grant(f.path).token });
  // The compute worker's methods, called by name (main/compute/service-proxy.ts).
  const compute = toService<ComputeService>(deps.compute);
  // Run log, reports and projects (main/handlers/project.ts).
  const session = new ProjectSession({
    compute,
    key: () => installationKey(deps.configDir),
    showSaveDialog: deps.showSaveDialog,
    showOpenProjectDialog: deps.showOpenProjectDialog ?? deps.showOpenDialog,
    ...(deps.printToPdf ? { printToPdf: deps.printToPdf } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });

  function define<C extends Channel>(channel: C, impl: Impl<C>): Handler<C> {
    const schema = calls[channel].request as unknown as z.ZodType<Request<C>>;
    return async (payload) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return failure('INVALID_REQUEST', describeSchemaError(channel, parsed.error));
      try {
        return ok(await impl(parsed.data));
      } catch (error) {
        const { error: ipcError, internal } = toIpcError(error);
        if (internal) log(`sapling: ${channel} failed\n${describeError(error)}`);
        return { ok: false, error: ipcError };
      }
    };
  }

  /** A cancellable worker call: progress goes to the renderer under the request's operationId. */
  async function operation<T>(operationId: string, run: (options: CallOptions) => Promise<T>): Promise<T> {
    if (running.has(operationId))
      throw new IpcFailure({ code: 'INVALID_REQUEST', message: `operation '${operationId}' is already running` });
    running.add(operationId);
    try {
      return await run({ operationId, onProgress: (p) => deps.progress({ operationId, ...p }) });
    } finally {
      running.delete(operationId);
    }
  }

  /** A call main passes on: a request with an operationId is a cancellable operation with progress. */
  function forward<C extends ForwardedChannel>(channel: C): Impl<C> {
    const method = compute[channel] as unknown as (request: Request<C>, options?: CallOptions) => Promise<Responses[C]>;
    return (request) => {
      const operationId = (request as { operationId?: unknown }).operationId;
      return typeof operationId === 'string'
        ? operation(operationId, (options) => method(request, options))
        : method(request);
    };
  }

  const mainHandlers: MainHandlers = {
    listSamples: define('listSamples', async () => {
      const present = await Promise.all(
        SAMPLES.map((s) =>
          access(join(deps.samplesDir, s.fileName)).then(
            () => true,
            () => false,
          ),
        ),
      );
      return SAMPLES.filter((_, i) => present[i]);
    }),

    listModels: define('listModels', async () =>
      Object.values(MODELS).map((m): ModelInfo => {
        const described = modelDescription(m.id)!;
        return {
          id: m.id,
          label: m.label,
          description: described.description,
          family: described.family,
          reference: described.tags.reference ?? false,
          defaults: { ...m.defaults },
          paramHelp: { ...m.paramHelp },
          paramLabels: Object.fromEntries(Object.keys(m.defaults).map((name) => [name, paramLabel(name)])),
        };
      }),
    ),

    listRecent: define('listRecent', async () => (await recent.list()).map(withToken)),

    chooseFile: define('chooseFile', async () => {
      const path = await deps.showOpenDialog();
      return path === null ? null : grants.grant(path);
    }),

    loadDataset: define('loadDataset', async ({ operationId, source, encoding }) => {
      let args;
      let path: string | undefined;
      if (source.kind === 'sample') {
        const sample = findSample(source.name);
        if (!sample)
          throw new SaplingError(
            'BAD_PARAMETER',
            `there is no sample named '${source.name}'; the samples are: ${SAMPLES.map((s) => s.name).join(', ')}`,
          );
        args = { path: join(deps.samplesDir, sample.fileName), showPath: false, suggestedTarget: sample.target };
      } else {
        path = grants.resolve(source.token);
        args = { path, showPath: true };
      }
      if (encoding !== undefined) args = { ...args, encoding };
      const info = await operation(operationId, (options) => compute.loadDataset(args, options));
      if (path !== undefined) {
        try {
          const files = await recent.add(path); // not inside `?.(…)`: its arguments are skipped when there is no callback
          deps.onRecentFilesChanged?.(files);
        } catch (error) {
          log(`sapling: could not update the recent files\n${describeError(error)}`); // the dataset loaded: not the user's problem
        }
      }
      return info;
    }),

    runCompare: define('runCompare', async ({ operationId, llm, testFile, modelFiles, ...settings }) => {
      // The renderer only asks for the LLM; main adds the saved settings and the key (which the renderer never sees).
      // A test file comes as a grant token, like a dataset: main turns it into the path it was granted for.
      const withLlm = {
        ...settings,
        ...(llm ? { llm: { ...(await llmStore.forRun(settings.seed)), cacheDir: llmStore.cacheDir } } : {}),
        ...(testFile ? { testFilePath: grants.resolve(testFile.token) } : {}),
        // Model files by token only, like data files: the worker gets the paths the user chose.
        ...(modelFiles?.length ? { modelFiles: modelFiles.map((t) => grants.resolve(t)) } : {}),
      };
      // The run's `started` record is sealed into the log before any work — the same two records the CLI writes —
      // so a project saved while the run goes on, or a run that never returns, keeps its trace.
      const args = { ...withLlm, startedAt: new Date().toISOString() };
      await compute.recordRunStart(args);
      await session
        .collect()
        .catch((error: unknown) => log(`sapling: could not record the run's start\n${describeError(error)}`));
      let run;
      try {
        run = await operation(operationId, (options) => compute.runCompare(args, options));
      } finally {
        // Every run that ends — completed, cancelled or failed — goes into the run log.
        await session
          .collect(run && { runId: run.runId, datasetId: settings.datasetId, result: run.result })
          .catch((error: unknown) => log(`sapling: could not record the run\n${describeError(error)}`));
      }
      return run;
    }),

    getLlmSettings: define('getLlmSettings', async () => llmStore.view()),

    saveLlmSettings: define('saveLlmSettings', async ({ settings, apiKey, clearKey }) =>
      llmStore.save(settings, apiKey, clearKey),
    ),

    testLlmConnection: define('testLlmConnection', async () => {
      const { settings, apiKey } = await llmStore.forRun(0);
      return testLlmConnection(settings, apiKey);
    }),

    estimateLlm: define('estimateLlm', async ({ settings: draft, ...request }) => {
      // A draft (the form before it is saved) is estimated the same way: nothing is sent to the LLM.
      const settings = draft ? toRunSettings(draft, request.seed) : (await llmStore.forRun(request.seed)).settings;
      return compute.estimateLlm({ ...request, llm: settings, cacheDir: llmStore.cacheDir });
    }),

    cancel: define('cancel', async ({ operationId }) => ({ cancelled: deps.compute.cancel(operationId) })),

    exportResult: define('exportResult', async ({ runId }) => {
      // Main writes the result it received from the worker (held by the session), never content from the renderer.
      const result = session.finishedResult(runId);
      if (!result)
        throw new IpcFailure({
          code: 'NOT_FOUND',
          message: `run '${runId}' is no longer held; run the comparison again to export it`,
        });
      const path = await deps.showSaveDialog(`${result.dataset.fileName.replace(/\.[^.]*$/, '')}-compare.json`);
      if (path === null) return null;
      await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
      return { path };
    }),

    chooseModelFile: define('chooseModelFile', async () => {
      const path = await (deps.showOpenModelDialog ?? deps.showOpenDialog)();
      return path === null ? null : modelFileInfo(grants.grant(path), await readModelFile(path));
    }),

    exportModel: define('exportModel', async ({ operationId, ...request }) => {
      const exported = await operation(operationId, (options) => compute.exportModel(request, options));
      const path = await deps.showSaveDialog(exported.fileName);
      if (path === null) return null;
      await writeFileAtomic(path, exported.content);
      return {
        path,
        bytes: typeof exported.content === 'string' ? Buffer.byteLength(exported.content) : exported.content.length,
      };
    }),

    exportReport: define('exportReport', (request) => session.exportReport(request)),
    saveProject: define('saveProject', (request) => session.save(request)),
    openProject: define('openProject', async () => {
      const opened = await session.open();
      if (opened === null) return null;
      return { ...opened, dataToken: opened.dataPath === null ? null : grants.grant(opened.dataPath).token };
    }),
    getRunLog: define('getRunLog', () => session.runLog()),
  };
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [c, mainHandlers[c] ?? define(c, forward(c as ForwardedChannel))]),
  ) as unknown as Handlers;
  return handlers;
}

/**
 * A dropped file's path (resolved by the preload from a real File) becomes a grant only if it is absolute and
 * names a CSV/TSV file: even a forged drop message cannot grant a key file or a document.
 */
export function grantDroppedPath(grants: FileGrants, path: unknown): Result<FileGrant> {
  try {
    if (typeof path !== 'string' || path.length === 0 || path.length > 4096)
      return failure('INVALID_REQUEST', 'a dropped file needs its path');
    checkDataPath(path);
    return ok(grants.grant(path));
  } catch (error) {
    return { ok: false, error: toIpcError(error).error };
  }
}

function checkDataPath(path: string): void {
  if (!isAbsolute(path)) throw new SaplingError('BAD_INPUT', `'${path}' is not a full path to a file`);
  const ext = extname(path).slice(1).toLowerCase();
  if (!DATA_FILE_EXTENSIONS.includes(ext)) {
    throw new SaplingError(
      'BAD_INPUT',
      `Sapling opens CSV or TSV files (.${DATA_FILE_EXTENSIONS.join(', .')}); '${path}' is not one`,
      {
        file: path.split(/[\\/]/).pop() ?? path,
      },
    );
  }
}
