/**
 * The run record: everything needed to see what a run did and to run it again — the data's fingerprint
 * and schema, how it was parsed, the exact folds, every model's parameters and seeds, versions, metrics
 * and importances, when it ran and how it ended. One record per run, appended to a hash-chained log
 * (chain.ts). Records never hold an API key: `redactSecrets` runs on every record before it is sealed.
 */
import type { ColumnType, Dataset } from '../data/dataset.js';
import type { CompareResult } from '../result/compare.js';
import { DEFAULT_FOLDS, DEFAULT_MODELS, SETTINGS, type CompareSettings, type SettingKey } from '../settings/compare.js';
import type { ComparisonArtifacts } from '../result/artifacts.js';
import { cleanBaseUrl, type LlmProvider, type LlmSettings } from '../settings/llm.js';
import type { ModelId, Params } from '../models/estimator.js';
import type { PreTrainedId, RowId } from '../result/pre-trained.js';
import { deriveSeed } from '../util/random.js';
import { SAPLING_VERSION } from '../version.js';
import { sha256Text } from './digest.js';
import { encodeFolds, type FoldAssignment } from './folds.js';
import { redactSecrets } from './redact.js';
import { trainedModels } from '../evaluate/model-rows.js';

/**
 * `started` is appended before a run does any work (so a run killed part-way still leaves a trace); the run's
 * outcome is a second record: `completed` (appended before any result is printed or written), `cancelled` or `failed`.
 */
export type RunStatus = 'started' | 'completed' | 'cancelled' | 'failed';
export type RunKind = 'compare' | 'train' | 'import';

/** Versions of what computed the numbers; the host fills in what only it can see (Node, Electron, libraries). */
export interface RunEnvironment {
  readonly sapling: string;
  readonly runtime: string;
  readonly platform: string;
  readonly libraries: Readonly<Record<string, string>>;
}

export interface DatasetRecord {
  readonly fileName: string;
  /** Where the file was: relative to the log's folder when it is inside it (a folder of data + log can move), else absolute. */
  readonly path?: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly rowsInFile: number;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType; readonly missing: number }[];
  readonly parser: {
    readonly delimiter: string;
    readonly decimalComma: boolean;
    readonly missingTokens: readonly string[];
    /** Absent: UTF-8 (and in records written before encodings were detected). */
    readonly encoding?: 'windows-1252';
  };
  readonly warnings: readonly string[];
}

/**
 * What the user asked for, as given: enough to run it again — a comparison's own settings (CompareSettings,
 * which documents each field; the LLM's never include the key), with the model list, parameters and
 * exclusions spelled out rather than left to defaults.
 */
export type RunSettings = Omit<CompareSettings, 'models' | 'params' | 'exclude'> & {
  readonly models: readonly ModelId[];
  /** Parameters the user set; each model's full resolved parameters are in `models[].params`. */
  readonly params: Partial<Record<ModelId, Params>>;
  readonly exclude: readonly string[];
  /** Model files scored as they are (`compare --models file:…`): which files, by SHA-256, so `reproduce` can check them. */
  readonly preTrained?: readonly PreTrainedRecord[];
};

/** A pre-trained model file a comparison scored: where it was (like dataset.path) and its bytes' fingerprint. */
export interface PreTrainedRecord {
  readonly id: PreTrainedId;
  readonly fileName: string;
  /** Relative to the log's folder when inside it, else absolute; absent when the host does not know the path. */
  readonly path?: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The record's part for the model files of a run, `paths[i]` = where file i was, as the record keeps paths. */
export function preTrainedRecords(
  models: readonly Pick<PreTrainedRecord, 'id' | 'fileName' | 'sha256' | 'bytes'>[],
  paths: readonly (string | undefined)[] = [],
): { preTrained?: readonly PreTrainedRecord[] } {
  if (models.length === 0) return {};
  return {
    preTrained: models.map((m, i) => ({
      id: m.id,
      fileName: m.fileName,
      ...(paths[i] !== undefined ? { path: paths[i] } : {}),
      sha256: m.sha256,
      bytes: m.bytes,
    })),
  };
}

/** What a record keeps of a comparison's settings: everything needed to run it again. */
/** Settings every record spells out (defaults filled in), in this order; the others follow in the schema's order when set. */
const SPELLED_OUT: ReadonlySet<string> = new Set(['target', 'task', 'models', 'folds', 'holdout', 'seed', 'exclude']);

export function runSettingsOf(settings: CompareSettings): RunSettings {
  const optional: Record<string, unknown> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const value = settings[key];
    if (!SPELLED_OUT.has(key) && value !== undefined) optional[key] = Array.isArray(value) ? [...value] : value;
  }
  return {
    target: settings.target,
    ...(settings.task ? { task: settings.task } : {}),
    models: [...(settings.models ?? DEFAULT_MODELS)],
    params: settings.params ?? {},
    ...(settings.holdout !== undefined ? { holdout: settings.holdout } : { folds: settings.folds ?? DEFAULT_FOLDS }),
    seed: settings.seed,
    exclude: [...(settings.exclude ?? [])],
    ...optional,
    ...(settings.llm ? { llm: settings.llm } : {}),
  };
}

export interface ModelRecord {
  /** The model's id, or `file:<name>` for a pre-trained model file (its fold seeds are then unused). */
  readonly id: RowId;
  readonly params: Params;
  /** The seed each fold's model was fitted with (derived from the run seed and the fold number). */
  readonly foldSeeds: readonly number[];
}

/**
 * The LLM baseline's part of a record, for runs that include one: enough to replay it from the
 * response cache and to notice drift. Never a key: only the endpoint's address and the model's name.
 */
export interface LlmRunRecord {
  /** The base URL, with any user:password, query and fragment removed (cleanBaseUrl). */
  readonly endpoint: string;
  readonly provider: LlmProvider;
  readonly model: string;
  /** SHA-256 of the instructions text (the prompt template around each serialized row; the serialization kind is settings.llm.template). */
  readonly promptTemplateSha256: string;
  /** Every response-cache key whose reply the run used, sorted: a replay needs exactly these entries. */
  readonly cacheKeys: readonly string[];
  /**
   * The response-cache folder the replies were kept in: relative to the log's folder when inside it (like
   * dataset.path), else absolute. Absent when the run kept no cache on disk (it can then only be re-asked, --live).
   */
  readonly cacheFolder?: string;
  readonly settings?: Readonly<Record<string, string | number | boolean>>;
}

export interface TrainedRecord {
  readonly model: ModelId;
  readonly params: Params;
  readonly seed: number;
  readonly rows: number;
  readonly features: readonly string[];
  /** SHA-256 of the model file as written: reproducing the run must give the same bytes. */
  readonly modelFileSha256: string;
  readonly outFile: string;
  readonly impurityImportance: readonly { readonly feature: string; readonly value: number }[] | null;
}

/** A model trained elsewhere, brought in by `sapling import`: the original file's fingerprint and what it became. */
export interface ImportedRecord {
  readonly format: string;
  readonly fileName: string;
  /** SHA-256 of the original model file (XGBoost JSON, ONNX). */
  readonly sha256: string;
  readonly detail: string;
  readonly outFile: string;
  /** SHA-256 of the Sapling model file written. */
  readonly modelFileSha256: string;
}

export interface RunRecord {
  readonly kind: RunKind;
  readonly status: RunStatus;
  /** Why a run failed or stopped (the user-facing message). */
  readonly error?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly environment: RunEnvironment;
  readonly dataset: DatasetRecord;
  readonly settings: RunSettings;
  readonly split?: FoldAssignment;
  readonly models?: readonly ModelRecord[];
  /** The comparison's full result (metrics, intervals, importances, warnings); completed compare runs only. */
  readonly result?: CompareResult;
  readonly trained?: TrainedRecord;
  readonly imported?: ImportedRecord;
  readonly llm?: LlmRunRecord;
}

export function datasetRecord(dataset: Dataset, path?: string): DatasetRecord {
  const s = dataset.source;
  return {
    fileName: s.fileName,
    ...(path !== undefined ? { path } : {}),
    sha256: s.sha256,
    bytes: s.bytes,
    rowsInFile: dataset.rowCount,
    columns: dataset.columns.map((c) => ({ name: c.name, type: c.type, missing: c.missing })),
    parser: {
      delimiter: s.delimiter,
      decimalComma: s.decimalComma,
      missingTokens: [...s.missingTokens],
      ...(s.encoding ? { encoding: s.encoding.name } : {}),
    },
    warnings: [...dataset.warnings],
  };
}

export interface RecordInput {
  readonly kind: RunKind;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly environment: RunEnvironment;
  readonly dataset: DatasetRecord;
  readonly settings: RunSettings;
  /** Where the LLM's response cache was, as the record keeps it (see LlmRunRecord.cacheFolder). */
  readonly llmCacheFolder?: string;
}

/** The record of a finished comparison: result, exact folds, and each model's resolved parameters and fold seeds. */
export function compareRecord(input: RecordInput, result: CompareResult, artifacts: ComparisonArtifacts): RunRecord {
  return finish({
    ...base(input),
    status: 'completed',
    split: encodeFolds(artifacts.folds, artifacts.dataset.rowCount),
    models: trainedModels(result).map((m) => ({
      id: m.id,
      params: m.params,
      foldSeeds: artifacts.folds.map((f) => deriveSeed(result.settings.seed, f.index)),
    })),
    result,
    ...(result.llm
      ? { llm: llmRunRecord(result.llm.settings, artifacts.llmCacheKeys ?? [], input.llmCacheFolder) }
      : {}),
  });
}

/** The LLM's part of a record: where it was asked, what, and which cached replies the run used. */
export function llmRunRecord(
  settings: Pick<LlmSettings, 'baseUrl' | 'provider' | 'model' | 'instructions'>,
  cacheKeys: readonly string[],
  cacheFolder?: string,
): LlmRunRecord {
  return {
    endpoint: cleanBaseUrl(settings.baseUrl),
    provider: settings.provider,
    model: settings.model,
    promptTemplateSha256: sha256Text(settings.instructions),
    cacheKeys: [...cacheKeys],
    ...(cacheFolder !== undefined ? { cacheFolder } : {}),
  };
}

export function trainRecord(input: RecordInput, trained: TrainedRecord): RunRecord {
  return finish({ ...base(input), status: 'completed', trained });
}

export function importRecord(input: RecordInput, imported: ImportedRecord): RunRecord {
  return finish({ ...base(input), status: 'completed', imported });
}

/** A run about to start: what is asked, on what data. Its outcome follows in a later record. */
export function startedRecord(input: RecordInput): RunRecord {
  return finish({ ...base(input), status: 'started' });
}

/** A run that stopped before it finished: what was asked, on what data, and why it stopped. */
export function stoppedRecord(input: RecordInput, status: 'cancelled' | 'failed', error: string): RunRecord {
  return finish({ ...base(input), status, error });
}

function base(input: RecordInput): Omit<RunRecord, 'status'> {
  return {
    kind: input.kind,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    environment: input.environment,
    dataset: input.dataset,
    settings: input.settings,
  };
}

/** Plain JSON (what the log will hold when read back), with secrets removed. */
function finish(record: RunRecord): RunRecord {
  return redactSecrets(JSON.parse(JSON.stringify(record)) as RunRecord);
}

export function defaultEnvironment(partial: Partial<RunEnvironment> = {}): RunEnvironment {
  return {
    sapling: SAPLING_VERSION,
    runtime: partial.runtime ?? 'unknown',
    platform: partial.platform ?? 'unknown',
    libraries: partial.libraries ?? {},
  };
}
