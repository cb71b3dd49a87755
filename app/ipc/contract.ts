/**
 * The one contract between the desktop UI (renderer) and the Electron main process.
 *
 * Every call is declared once, in `calls` below: its request schema (validated at runtime by main before any
 * work: the renderer is not trusted) and the type of its answer. Everything else follows from that line:
 * main registers one handler per call (main/handlers/index.ts: its own, or the compute worker's method of the
 * same name), the preload exposes one function per call (no generic invoke), and the renderer calls
 * `window.sapling.<call>(request)` — over Electron IPC or, in a browser, over HTTP (app/ipc/bridge.ts). The
 * end-to-end tests bind the same handlers to the page, so only the transport differs from the real app.
 *
 * Errors never cross as exceptions: every call resolves to a `Result`, whose error carries the SaplingError
 * code and location so the UI can name the file, line and column.
 */
import { z } from 'zod';
import { IPC_SETTING_KEYS, SETTINGS, settingFields, withSplitRules } from '../settings/compare.js';
import type { DatasetProfile } from '../data/profile.js';
import type { CompareResult, PartialLeaderboard } from '../result/compare.js';
import type { DecisionCardView, TreeNodeView } from '../result/views.js';
import { MODEL_IDS, type ModelId, type ParamValue } from '../models/estimator.js';
import type { SaplingErrorCode } from '../util/errors.js';
import { ENCODING_NAMES, type CsvEncoding } from '../data/text-input.js';
import { LLM_PROVIDERS, type LlmProvider, type TemplateKind } from '../settings/llm.js';
import { LLM_FIELDS } from '../settings/llm-fields.js';
import type { LlmEstimate } from '../result/llm.js';
import { MAX_MODEL_FILES, type PreTrainedId, type RowId } from '../result/pre-trained.js';

// ---------- shared value types ----------

export interface IpcError {
  /**
   * A SaplingError code (something the user can fix, e.g. RAGGED_ROW with its line), or:
   * INVALID_REQUEST — the payload broke its schema (a renderer bug; the message names the field) or came from an untrusted frame;
   * NOT_FOUND — the datasetId / runId is no longer held (evicted or the worker restarted): load the file again;
   * INTERNAL — a bug; the message is generic and the details are in main's log.
   */
  readonly code: SaplingErrorCode | 'INTERNAL' | 'INVALID_REQUEST' | 'NOT_FOUND';
  readonly message: string;
  readonly location?: { readonly file?: string; readonly line?: number; readonly column?: number };
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

const operationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const datasetId = z.string().regex(/^ds-[0-9]+$/);
const runId = z.string().regex(/^run-[0-9]+$/);
const modelId = z.enum(MODEL_IDS);
/** A leaderboard row: a model id, or `file:<name>` for a pre-trained model file (app/result/pre-trained.ts). */
const rowId = z.union([
  modelId,
  z.custom<PreTrainedId>((v) => typeof v === 'string' && /^file:[^/\\]{1,255}$/.test(v)),
]);
const columnName = z.string().min(1).max(1000);
const paramValue = z.union([z.number().finite(), z.string().max(100), z.boolean()]);

export interface SampleInfo {
  readonly name: string;
  readonly fileName: string;
  readonly target: string;
  readonly task: 'classification' | 'regression';
  readonly rows: number;
  readonly description: string;
}

/**
 * A file the user chose, as main hands it to the renderer: the path to show and an unguessable token that
 * loadDataset takes instead of a path (main/handlers/file-grants.ts; the renderer can never name a path itself).
 */
export interface FileGrant {
  readonly path: string;
  readonly fileName: string;
  readonly token: string;
}

export interface RecentFile extends FileGrant {
  readonly openedAt: string;
}

const fileToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
/** "Export the recommended model": a Sapling model file, an ONNX file or one SQL SELECT (app/interop). */
export const MODEL_EXPORT_FORMATS = ['json', 'onnx', 'sql'] as const;
export type ModelExportFormat = (typeof MODEL_EXPORT_FORMATS)[number];

export interface ModelInfo {
  readonly id: ModelId;
  readonly label: string;
  /** What the model is, in a sentence or two (the catalog's description). */
  readonly description: string;
  readonly family: string;
  /** A reference implementation (ml-cart), kept to cross-check the engine: the app lists it apart. */
  readonly reference: boolean;
  readonly defaults: Readonly<Record<string, ParamValue>>;
  readonly paramHelp: Readonly<Record<string, string>>;
  /** Plain-language parameter names (app/models/param-labels.ts); the technical name is the key. */
  readonly paramLabels: Readonly<Record<string, string>>;
}

export interface DatasetInfo {
  readonly datasetId: string;
  readonly fileName: string;
  /** Full path for files the user opened; absent for bundled samples. */
  readonly path?: string;
  readonly rows: number;
  readonly columnNames: readonly string[];
  /** Profile of every column, computed with `suggestedTarget` as the target (class balance, leakage warnings). */
  readonly profile: DatasetProfile;
  /** The sample's usual target, or a guess for a user file (the last column that is not an identifier or a constant). */
  readonly suggestedTarget: string;
  /** How the file was decoded; `guessed`: it was not valid UTF-8 and no encoding was chosen (the Data page says so). */
  readonly encoding: { readonly name: CsvEncoding; readonly guessed: boolean };
}

export interface RowsPage {
  readonly offset: number;
  /** Rows of the file (data rows, header excluded), for paging. Row numbers everywhere (getRows, inspectRow) are 0-based indexes into these. */
  readonly total: number;
  /** Cell text, '' for missing. */
  readonly rows: readonly (readonly string[])[];
}

export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

export interface ModelCurves {
  readonly modelId: RowId;
  /** Classification: one ROC curve per class (one-vs-rest; for two classes, the positive class only). */
  readonly roc?: readonly { readonly label: string; readonly auc: number; readonly points: readonly CurvePoint[] }[];
  /** Regression: out-of-fold predicted (y) against actual (x), at most 2,000 points, seeded sample. */
  readonly predictedVsActual?: readonly CurvePoint[];
}

export interface InspectResult {
  /** 0-based data row of the file, as in getRows. */
  readonly row: number;
  readonly values: Readonly<Record<string, string>>;
  readonly actual: string;
  /** Fold in which this row was a test row: its predictions come from models that never saw it. */
  readonly fold: number;
  readonly predictions: readonly {
    readonly modelId: RowId;
    readonly label: string;
    readonly prediction: string;
    readonly proba?: Readonly<Record<string, number>>;
  }[];
  /** The decision tree of that fold (`tree`, else `mljs-tree`, when the run has one), with the row's path (node ids from the root to its leaf). */
  readonly tree?: {
    readonly modelId: ModelId;
    readonly nodes: readonly TreeNodeView[];
    readonly path: readonly number[];
  };
}

export interface ProgressEvent {
  readonly operationId: string;
  /** In [0, 1]. */
  readonly fraction: number;
  readonly message: string;
  /** Rows read or processed, when known, for "12,000 of 100,000 rows". */
  readonly done?: number;
  readonly total?: number;
  /** Seconds left, measured from the work finished so far (app/compare/eta.ts); absent while unknown. */
  readonly etaSeconds?: number;
  /** runCompare: models not timed yet, left out of etaSeconds (then a lower bound: "at least … left"). */
  readonly etaUntimed?: number;
  /** runCompare: the leaderboard so far, sent when a model's folds are all scored (results as they come). */
  readonly partial?: PartialLeaderboard;
}

/** The LLM settings the user edits in the desktop app (the API key is write-only: it never comes back). */
export interface LlmUserSettings {
  readonly provider: LlmProvider;
  readonly baseUrl: string;
  readonly model: string;
  readonly inputPer1M: number;
  readonly outputPer1M: number;
  readonly sampleRows: number;
  readonly shots: number;
  readonly template: TemplateKind;
  readonly instructions: string;
  /** Small models helping the LLM (absent in settings saved by older versions = off): see README "Small and large models together". */
  readonly contaminationTrials?: number;
  /** The retrieved-examples prompt variant (needs shots ≥ 1). */
  readonly retrievedExamples?: boolean;
  /** The tree-chosen-columns prompt variant with this many columns; 0 = off. */
  readonly treeColumns?: number;
  /** Synthetic training rows the LLM writes per training fold; 0 = off. */
  readonly synthesizeRows?: number;
}

export interface LlmSettingsView {
  /** null until the user saved settings once. */
  readonly settings: LlmUserSettings | null;
  /** How the key is kept: 'encrypted' (OS keychain via Electron safeStorage), 'plain-text' (the OS offers no encryption), or 'none'. */
  readonly key: 'none' | 'encrypted' | 'plain-text';
  /** False where the OS offers only plain-text storage: the UI says so before a key is entered. */
  readonly encryptionAvailable: boolean;
}

export interface LlmPromptPreview {
  /** The fold in whose test set the row is (its examples come from that fold's training rows). */
  readonly fold: number;
  readonly messages: readonly { readonly role: 'system' | 'user' | 'assistant'; readonly content: string }[];
}

export type { DecisionCardView, LlmEstimate, TreeNodeView };

export type MenuCommand =
  | 'open-file'
  | 'open-model'
  | 'export-result'
  | 'show-data'
  | 'show-models'
  | 'show-compare'
  | 'show-inspect'
  | 'save-project'
  | 'save-project-as'
  | 'open-project'
  | 'export-report-html'
  | 'export-report-pdf';

// ---------- request schemas ----------

/** A whole number within one of the LLM settings' limits (the same numbers llmSettings checks). */
const llmUserSettings = z
  .object({
    provider: z.enum(LLM_PROVIDERS),
    baseUrl: z.string().min(1).max(2000),
    model: z.string().min(1).max(200),
    // Limits and messages from the one LLM settings table (app/settings/llm-fields.ts).
    inputPer1M: LLM_FIELDS.inputPer1M.schema,
    outputPer1M: LLM_FIELDS.outputPer1M.schema,
    sampleRows: LLM_FIELDS.sampleRows.schema,
    shots: LLM_FIELDS.shots.schema,
    template: LLM_FIELDS.template.schema,
    instructions: LLM_FIELDS.instructions.schema,
    contaminationTrials: LLM_FIELDS.contaminationTrials.schema.optional(),
    retrievedExamples: z.boolean().optional(),
    /** 0 = the tree-chosen-columns variant is off. */
    treeColumns: z.union([z.literal(0), LLM_FIELDS.variantColumns.schema]).optional(),
    synthesizeRows: LLM_FIELDS.synthesizeRows.schema.optional(),
  })
  .strict();

/** The split a comparison will use (same fields as runCompare), so LLM previews and estimates see the run's own folds. */
const splitFields = {
  datasetId,
  ...settingFields(['task', 'exclude', 'folds', 'holdout'] as const),
  target: SETTINGS.target.schema,
  seed: SETTINGS.seed.schema,
};

/** One call: the schema its request must pass, and (as a type only) what it answers. */
export interface CallSpec<S extends z.ZodType = z.ZodType, A = unknown> {
  readonly request: S;
  /** Never set at runtime: carries the answer's type. */
  readonly answer?: A;
}

/** `call(schema).returns<Answer>()`: a call whose request must pass `schema` and that answers an `Answer`. */
function call<S extends z.ZodType>(request: S): { returns<A>(): CallSpec<S, A> } {
  return { returns: () => ({ request }) };
}

export const calls = {
  listSamples: call(z.object({}).strict()).returns<readonly SampleInfo[]>(),
  listModels: call(z.object({}).strict()).returns<readonly ModelInfo[]>(),
  listRecent: call(z.object({}).strict()).returns<readonly RecentFile[]>(),
  /** Shows the native open dialog; resolves to null when the user cancels. */
  chooseFile: call(z.object({}).strict()).returns<FileGrant | null>(),
  loadDataset: call(
    z
      .object({
        operationId,
        source: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('sample'), name: z.string().regex(/^[a-z_]{1,40}$/) }).strict(),
          z.object({ kind: z.literal('file'), token: fileToken }).strict(),
        ]),
        /** Absent: detected (UTF-8 when valid, else Windows-1252 with a warning); the Data page offers the others. */
        encoding: z.enum(ENCODING_NAMES).optional(),
      })
      .strict(),
  ).returns<DatasetInfo>(),
  getRows: call(
    z.object({ datasetId, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }).strict(),
  ).returns<RowsPage>(),
  profileTarget: call(z.object({ datasetId, target: columnName }).strict()).returns<DatasetProfile>(),
  /** The comparison's settings come from the one settings schema (app/settings/compare.ts): same limits and messages as the CLI and project files. */
  runCompare: call(
    withSplitRules(
      z
        .object({
          operationId,
          datasetId,
          ...settingFields(IPC_SETTING_KEYS),
          target: SETTINGS.target.schema,
          models: SETTINGS.models.schema,
          seed: SETTINGS.seed.schema,
          // partialRecord: zod 4's z.record with enum keys requires every key.
          params: z.partialRecord(modelId, z.record(z.string().max(50), paramValue)).optional(),
          /** Add the LLM baseline with the saved LLM settings and key (main adds them; the renderer never holds the key). */
          llm: z.boolean().optional(),
          /** `--test-file`: also train every model on all rows and score it on this granted file (main resolves the token). */
          testFile: z.object({ token: fileToken }).strict().optional(),
          /** Model files opened with chooseModelFile, scored as they are on every held-out fold (pre-trained rows). */
          modelFiles: z.array(fileToken).max(MAX_MODEL_FILES).optional(),
        })
        .strict(),
    ),
  ).returns<RunInfo>(),
  getLlmSettings: call(z.object({}).strict()).returns<LlmSettingsView>(),
  /** Saves the settings; `apiKey` replaces the stored key (write-only), `clearKey` removes it. */
  saveLlmSettings: call(
    z
      .object({
        settings: llmUserSettings,
        apiKey: z.string().min(1).max(1000).optional(),
        clearKey: z.boolean().optional(),
      })
      .strict(),
  ).returns<LlmSettingsView>(),
  /** One tiny request with the saved settings and key: does the endpoint answer? */
  testLlmConnection: call(z.object({}).strict()).returns<{
    readonly ok: boolean;
    readonly message: string;
    readonly latencyMs: number;
  }>(),
  /** The exact conversation the LLM would get for `row` (0-based prepared row) with these template settings. */
  previewLlmPrompt: call(
    z
      .object({
        ...splitFields,
        row: z.number().int().min(0),
        template: LLM_FIELDS.template.schema,
        instructions: LLM_FIELDS.instructions.schema,
        shots: LLM_FIELDS.shots.schema,
      })
      .strict(),
  ).returns<LlmPromptPreview>(),
  /** Requests, tokens, cost and minutes the LLM part of this comparison would take (answers already cached cost nothing). */
  /** What an LLM run would ask and cost — with the saved settings, or with `settings` not saved yet (no request is sent). */
  estimateLlm: call(z.object({ ...splitFields, settings: llmUserSettings.optional() }).strict()).returns<LlmEstimate>(),
  /** Stops a running loadDataset / runCompare; that call then resolves to an error with code CANCELLED. */
  cancel: call(z.object({ operationId }).strict()).returns<{ readonly cancelled: boolean }>(),
  getCurves: call(z.object({ runId, modelId: rowId }).strict()).returns<ModelCurves>(),
  /** `row`: 0-based data row of the file, as in getRows. */
  inspectRow: call(z.object({ runId, row: z.number().int().min(0) }).strict()).returns<InspectResult>(),
  /**
   * The per-decision card for a row; `values` overrides some of its cells (what-if: text as typed, '' = missing);
   * `top`: how many reasons per model (default 5).
   */
  explainRow: call(
    z
      .object({
        runId,
        row: z.number().int().min(0),
        values: z.record(columnName, z.string().max(1000)).optional(),
        top: z.number().int().min(1).max(20).optional(),
      })
      .strict(),
  ).returns<DecisionCardView>(),
  /** Shows the native save dialog and writes the run's result as JSON (the same document as `sapling compare --json`). Answers: the path written, or null when the user cancelled the dialog. */
  exportResult: call(z.object({ runId }).strict()).returns<{ readonly path: string } | null>(),
  /** Shows the open dialog for a Sapling model file (from `sapling train` or `sapling import`), reads and checks it; null when cancelled. */
  chooseModelFile: call(z.object({}).strict()).returns<ModelFileInfo | null>(),
  /**
   * Exports one model of a run — trained on every row with the run's settings and seed (what `sapling train` writes),
   * or a pre-trained row's own file — as a Sapling model file, ONNX or SQL; shows the save dialog. Null when cancelled.
   */
  exportModel: call(
    z.object({ operationId, runId, modelId: rowId, format: z.enum(MODEL_EXPORT_FORMATS) }).strict(),
  ).returns<{ readonly path: string; readonly bytes: number } | null>(),
  /**
   * Shows the save dialog and writes the run's explanation report (app/report) as self-contained HTML or as PDF.
   * `thresholds`: the decision thresholds chosen on the Compare screen's slider, drawn in the report's Decision
   * threshold section (each a number in (0, 1) here; main checks each names a two-class model of the run).
   */
  exportReport: call(
    z
      .object({
        runId,
        format: z.enum(['html', 'pdf']),
        thresholds: z
          .array(z.object({ modelId: rowId, threshold: z.number().gt(0).lt(1) }).strict())
          .max(MODEL_IDS.length + 64)
          .optional(),
      })
      .strict(),
  ).returns<{
    readonly path: string;
    readonly bytes: number;
  } | null>(),
  /** Saves the session as a .sapling project (data reference, settings, latest result, run log); the dialog only the first time. */
  saveProject: call(z.object({ saveAs: z.boolean().optional() }).strict()).returns<{ readonly path: string } | null>(),
  /** Shows the open dialog for a .sapling project; its run log becomes the session's. */
  openProject: call(z.object({}).strict()).returns<OpenedProjectInfo | null>(),
  /** The session's run log (this window's runs, or the opened project's), checked record by record. */
  getRunLog: call(z.object({}).strict()).returns<RunLogInfo>(),
} as const;

export type Channel = keyof typeof calls;
export type Request<C extends Channel> = z.infer<(typeof calls)[C]['request']>;
export type Responses = { [C in Channel]: (typeof calls)[C] extends CallSpec<z.ZodType, infer A> ? A : never };

/** A finished comparison, with the id that getCurves / inspectRow refer to. */
/** A model file the user opened ("Open model…"): read and checked by the model-file loader, scored when the comparison runs. */
export interface ModelFileInfo extends FileGrant {
  /** Its leaderboard row: `file:<name>`. */
  readonly id: PreTrainedId;
  readonly sha256: string;
  readonly bytes: number;
  /** The model inside and what it predicts. */
  readonly model: ModelId;
  readonly target: string;
  readonly task: 'classification' | 'regression';
  readonly features: readonly string[];
  readonly trainedOn: { readonly fileName: string; readonly sha256: string; readonly rows: number };
  readonly importedFrom?: { readonly format: string; readonly fileName: string; readonly sha256: string };
}

export interface RunInfo {
  readonly runId: string;
  readonly result: CompareResult;
}

/** One run of the run log, as the desktop lists it. */
export interface RunLogEntry {
  readonly seq: number;
  /** First 12 hex digits of the record's hash (what `sapling reproduce --run` takes). */
  readonly id: string;
  readonly hash: string;
  readonly startedAt: string;
  readonly status: 'started' | 'completed' | 'cancelled' | 'failed';
  readonly fileName: string;
  readonly target: string;
  readonly models: readonly string[];
  /** Primary metric of the best model, for completed runs. */
  readonly best?: { readonly label: string; readonly metric: string; readonly value: number };
}

export interface RunLogInfo {
  readonly entries: readonly RunLogEntry[];
  /** Whether every record's hash chain verifies. */
  readonly verified: boolean;
  /** The first broken record, when not verified. */
  readonly problem?: string;
  /** This installation's run-signing key fingerprint (records must be signed by it to verify). */
  readonly signer: string;
}

export interface OpenedProjectInfo {
  readonly path: string;
  readonly name: string;
  /** The data file (absolute); null when the project has none. */
  readonly dataPath: string | null;
  /** The token to load that data file with loadDataset; null when the project has none. */
  readonly dataToken: string | null;
  /** Set when the data file moved or changed since the project was saved. */
  readonly dataNote: string | null;
  readonly target: string | null;
  readonly runLog: RunLogInfo;
}

/** What the preload exposes as `window.sapling`: one function per channel, plus event subscriptions. */
export type SaplingBridge = { [C in Channel]: (request: Request<C>) => Promise<Result<Responses[C]>> } & {
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * A file to open that did not come from the renderer: a recent file chosen in the File menu, a file the OS
   * asked Sapling to open (macOS open-file, command line). The renderer calls loadDataset({ kind: 'file', token }).
   */
  onOpenPath(listener: (file: FileGrant) => void): () => void;
  /**
   * A grant for a file dropped on the window: the preload resolves the File's path (Electron's webUtils) and
   * main grants it (or says why not: not a CSV/TSV); undefined outside Electron or when the File has no path on disk.
   */
  grantDroppedFile(file: unknown): Promise<Result<FileGrant> | undefined>;
  /**
   * Browser mode only (`sapling ui`, renderer/src/http-bridge.ts): a page never learns a dropped file's path, so
   * the file's bytes go to the server, which keeps them in its session folder; answers like chooseFile (a grant).
   */
  uploadFile?(file: unknown): Promise<Result<FileGrant | null>>;
};

export const CHANNELS = Object.keys(calls) as Channel[];
