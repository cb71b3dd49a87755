/**
 * The compute side of the desktop app: what the worker thread does with each call. It holds the loaded
 * datasets and the finished runs (fold pipelines and out-of-fold predictions) by id, and turns them into
 * the contract's plain, structured-clonable answers. Everything here is the core plus file reading;
 * nothing knows about Electron or threads (main/compute/serve.ts puts it behind a message port).
 *
 * This class IS the interface between main and the worker: every public method can be called from main
 * through `toService<ComputeClient>(channel)` (main/compute/service-proxy.ts), with the same name and
 * types. A method whose request and answer are a contract call's is that call: main forwards it after
 * validating the request (main/handlers/index.ts). Helpers are `#private`, so they cannot be called from main.
 */
import { rememberBounded } from '../../app/util/bounded.js';
import {
  compareRecord,
  datasetRecord,
  preTrainedRecords,
  runSettingsOf,
  startedRecord,
  stoppedRecord,
  type RecordInput,
  type RunRecord,
} from '../../app/audit/record.js';
import { cellText, type Dataset } from '../../app/data/dataset.js';
import { profileDataset, type DatasetProfile } from '../../app/data/profile.js';
import { featureColumns, preparedRowsOf, requireColumn } from '../../app/data/target.js';
import type { EncodingName } from '../../app/data/text-input.js';
import { predictedVsActual, rocCurves } from '../../app/evaluate/curves.js';
import { runComparison } from '../../app/compare/run.js';
import type { CompareSettings } from '../../app/settings/compare.js';
import type { ComparisonArtifacts, ModelArtifacts } from '../../app/result/artifacts.js';
import type { CompareResult } from '../../app/result/compare.js';
import { decisionCardFor } from '../../app/explain/card.js';
import { reportCards } from '../../app/report/cards.js';
import type {
  DatasetInfo,
  DecisionCardView,
  InspectResult,
  LlmEstimate,
  LlmPromptPreview,
  ModelCurves,
  Request,
  RowsPage,
  RunInfo,
} from '../../app/ipc/contract.js';
import type { ModelId, Params } from '../../app/models/estimator.js';
import type { RowId } from '../../app/result/pre-trained.js';
import { transform } from '../../app/pipeline/preprocess.js';
import { SaplingError } from '../../app/util/errors.js';
import { runEnvironment } from '../../io/environment.js';
import { readCsvFile } from '../../io/read-csv-file.js';
import { readModelFile } from '../../io/model-file.js';
import { exportRunModel, type ExportedModel, type HeldModelFile } from './model-export.js';
import { IpcFailure } from '../result.js';
import { estimateLlm, llmRuntime, previewPrompt, type EstimateArgs, type LlmRunArgs } from './llm-work.js';
import type { ServiceClient, WorkContext } from './service-proxy.js';
import { TREE_MODELS, treeView } from '../../app/explain/tree-view.js';
import { trainedModels } from '../../app/evaluate/model-rows.js';
import { checkSameSchema, evaluateExternal } from '../../app/evaluate/external.js';

/** Held in memory at once; the oldest is dropped first (asking for it again gives NOT_FOUND). */
export const MAX_DATASETS = 4;
/**
 * Finished comparisons held at once — by the worker (models, for Inspect and cards) and by main (result and sealed
 * record, for exports and reports) with this one limit, so a run main can still export is one the worker can still
 * explain.
 */
export const MAX_RUNS = 8;

/** What main calls the worker with: the public methods of ComputeService, each `(args, options?) => Promise<answer>`. */
export type ComputeClient = ServiceClient<ComputeService>;

export interface LoadArgs {
  /** Absolute path of the CSV to read. */
  readonly path: string;
  /** Shown as DatasetInfo.path (user files); absent for bundled samples. */
  readonly showPath: boolean;
  /** The sample's usual target; guessed when absent. */
  readonly suggestedTarget?: string;
  /** Absent: detected. */
  readonly encoding?: EncodingName;
}

/** A run's audit record; `runId` is set for completed runs (the id getCurves and inspectRow use). */
export interface FinishedRun {
  readonly runId?: string;
  readonly record: RunRecord;
}

/**
 * runCompare as the worker gets it: main replaced `llm: true` by the saved settings and key, set `startedAt`
 * (ISO time) when it had the run's `started` record made (recordRunStart), so the run's two records share it, and
 * replaced the test file's and the model files' tokens by the paths they grant.
 */
type CompareArgs = Omit<Request<'runCompare'>, 'operationId' | 'llm' | 'testFile' | 'modelFiles'> & {
  readonly llm?: LlmRunArgs;
  readonly startedAt?: string;
  /** `--test-file`: score every model, trained on all rows, on this file too (main resolved it from a grant). */
  readonly testFilePath?: string;
  /** Pre-trained model files (paths), scored as they are on every held-out fold. */
  readonly modelFiles?: readonly string[];
};

interface LoadedDataset {
  readonly dataset: Dataset;
  /** Where it was read from (run records keep it so a run can be reproduced). */
  readonly path: string;
}

interface Run {
  readonly source: Dataset;
  readonly result: CompareResult;
  readonly artifacts: ComparisonArtifacts;
  /** Per file row, its row in artifacts.dataset (rows with a missing target were dropped), or −1. */
  readonly preparedRow: Int32Array;
  /** Per prepared row, the fold in whose test set it was, or −1 (holdout training rows). */
  readonly testFold: Int32Array;
  /** The pre-trained model files the run scored, by row id. */
  readonly files: ReadonlyMap<string, HeldModelFile>;
}

export class ComputeService {
  readonly #datasets = new Map<string, LoadedDataset>();
  readonly #runs = new Map<string, Run>();
  #nextDataset = 1;
  #nextRun = 1;
  /** Audit records of runs that started or ended, until main takes them into the session's run log. */
  #finished: FinishedRun[] = [];

  /** Run records made since the last call, oldest first: a run's `started` record, then its outcome (completed, cancelled or failed). */
  takeRunRecords(): FinishedRun[] {
    return this.#finished.splice(0);
  }

  async loadDataset(args: LoadArgs, ctx: WorkContext = {}): Promise<DatasetInfo> {
    const dataset = await readCsvFile(args.path, {
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(args.encoding ? { encoding: args.encoding } : {}),
      onProgress: (read, bytes, fileName) =>
        ctx.progress?.({
          fraction: bytes > 0 ? 0.9 * Math.min(1, read / bytes) : 0,
          message: `Reading ${fileName} (${megabytes(read)} of ${megabytes(bytes)} MB)`,
        }),
    });
    const fileName = dataset.source.fileName;
    ctx.progress?.({ fraction: 0.9, message: `Profiling ${fileName}`, done: 0, total: dataset.rowCount });
    const suggestedTarget =
      args.suggestedTarget !== undefined && dataset.columns.some((c) => c.name === args.suggestedTarget)
        ? args.suggestedTarget
        : guessTarget(dataset);
    const profile = profileDataset(dataset, suggestedTarget);
    const datasetId = `ds-${this.#nextDataset++}`;
    rememberBounded(this.#datasets, datasetId, { dataset, path: args.path }, MAX_DATASETS);
    ctx.progress?.({ fraction: 1, message: `Loaded ${fileName}`, done: dataset.rowCount, total: dataset.rowCount });
    return {
      datasetId,
      fileName,
      ...(args.showPath ? { path: args.path } : {}),
      rows: dataset.rowCount,
      columnNames: dataset.columns.map((c) => c.name),
      profile,
      suggestedTarget,
      encoding: dataset.source.encoding ?? { name: 'utf-8', guessed: false },
    };
  }

  getRows(args: Request<'getRows'>): RowsPage {
    const { dataset } = this.#dataset(args.datasetId);
    const end = Math.min(dataset.rowCount, args.offset + args.limit);
    const rows: string[][] = [];
    for (let i = args.offset; i < end; i++) rows.push(dataset.columns.map((c) => cellText(c, i)));
    return { offset: args.offset, total: dataset.rowCount, rows };
  }

  profileTarget(args: Request<'profileTarget'>): DatasetProfile {
    return profileDataset(this.#dataset(args.datasetId).dataset, args.target);
  }

  /**
   * A run's `started` record, made before any work as the CLI makes one. Main asks for it and seals it into the log
   * before it calls runCompare with the same arguments (handlers/index.ts): while runCompare computes, the worker
   * answers no other call, so the record could not be collected during the run.
   */
  async recordRunStart(args: CompareArgs): Promise<void> {
    const files = await readModelFiles(args.modelFiles);
    this.#finished.push({ record: startedRecord(this.#prepareRun(args, files).recordInput()) });
  }

  async runCompare(args: CompareArgs, ctx: WorkContext = {}): Promise<RunInfo> {
    // Read and checked (model-file loader) before anything is trained; runComparison checks they fit the data.
    const files = await readModelFiles(args.modelFiles);
    const { source, settings, recordInput } = this.#prepareRun(args, files);
    let compared: Awaited<ReturnType<typeof runComparison>>;
    try {
      // The other file is read and its columns checked before any training, so a wrong file fails in seconds.
      const external = args.testFilePath ? await readExternal(args.testFilePath, source, args, ctx) : undefined;
      compared = await runComparison(source, settings, {
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onProgress: (p) =>
          ctx.progress?.({
            fraction: p.fraction,
            message: p.message,
            ...(p.etaSeconds !== undefined ? { etaSeconds: p.etaSeconds } : {}),
            ...(p.etaUntimed !== undefined ? { etaUntimed: p.etaUntimed } : {}),
            ...(p.partial ? { partial: p.partial } : {}),
          }),
        preTrained: files.map((f) => f.model),
        ...(args.llm ? { llm: llmRuntime(args.llm) } : {}),
      });
      if (external) {
        ctx.progress?.({ fraction: 0.99, message: `Scoring every model on ${external.source.fileName}` });
        const given = new Map(files.map((f) => [f.model.id as string, f.model.pipeline]));
        const scored = await evaluateExternal(source, external, compared.result, ctx.signal, given);
        compared = { ...compared, result: { ...compared.result, external: scored } };
      }
    } catch (error) {
      const cancelled = error instanceof SaplingError && error.code === 'CANCELLED';
      this.#finished.push({
        record: stoppedRecord(
          recordInput(),
          cancelled ? 'cancelled' : 'failed',
          error instanceof Error ? error.message : String(error),
        ),
      });
      throw error;
    }
    const { result, artifacts } = compared;
    // runComparison drops rows whose target is missing: Inspect and cards take the file's row numbers.
    const preparedRow = preparedRowsOf(artifacts.fileRows, source.rowCount);
    const testFold = new Int32Array(artifacts.dataset.rowCount).fill(-1);
    for (const fold of artifacts.folds) for (const row of fold.test) testFold[row] = fold.index;
    const runId = `run-${this.#nextRun++}`;
    const held = new Map(files.map((f) => [f.model.id as string, f]));
    rememberBounded(this.#runs, runId, { source, result, artifacts, preparedRow, testFold, files: held }, MAX_RUNS);
    const record: RunRecord = compareRecord(recordInput(), result, artifacts);
    this.#finished.push({ runId, record });
    return { runId, result };
  }

  /** One model of a run, to keep: fitted on every row (or a pre-trained row's own file), as JSON, ONNX or SQL. */
  exportModel(args: Omit<Request<'exportModel'>, 'operationId'>, ctx: WorkContext = {}): Promise<ExportedModel> {
    const run = this.#run(args.runId);
    return exportRunModel(run, args.modelId, args.format, {
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onProgress: (fraction, message) => ctx.progress?.({ fraction, message }),
    });
  }

  /** The run's data, settings and record input, shared by its `started` record and its outcome. */
  #prepareRun(args: CompareArgs, files: readonly HeldModelFile[]) {
    const loaded = this.#dataset(args.datasetId);
    const source = loaded.dataset;
    requireColumn(source, args.target); // an unknown target fails before anything is recorded
    const startedAt = args.startedAt !== undefined ? new Date(args.startedAt) : new Date();
    const params = (args.params ?? {}) as Partial<Record<ModelId, Params>>;
    // One settings object for the run and its record, so that `sapling reproduce` re-runs exactly this.
    // The request's settings are the schema's (app/settings/compare.ts), already checked at the IPC boundary.
    const {
      datasetId: _datasetId,
      llm,
      startedAt: _startedAt,
      testFilePath: _testFilePath,
      modelFiles: _modelFiles,
      ...given
    } = args;
    const settings: CompareSettings = {
      ...given,
      ...(args.params !== undefined ? { params } : {}),
      ...(llm ? { llm: llm.settings } : {}),
    };
    const recordInput = (): RecordInput => ({
      kind: 'compare',
      startedAt,
      finishedAt: new Date(),
      environment: runEnvironment(),
      dataset: datasetRecord(source, loaded.path),
      settings: {
        ...runSettingsOf(settings),
        ...preTrainedRecords(
          files.map((f) => f.model),
          files.map((f) => f.path),
        ),
      },
      // The desktop's log lives inside the project, so the cache folder (in the app's user data) is kept absolute.
      ...(args.llm ? { llmCacheFolder: args.llm.cacheDir } : {}),
    });
    return { source, settings, recordInput };
  }

  getCurves(args: Request<'getCurves'>): ModelCurves {
    const run = this.#run(args.runId);
    const model = modelArtifacts(run, args.modelId);
    const { target } = run.artifacts;
    if (target.task === 'regression') {
      return {
        modelId: args.modelId,
        predictedVsActual: predictedVsActual(target.values, model.oofPredictions, run.result.settings.seed),
      };
    }
    // Only rows that were in a test fold have an out-of-fold prediction (all of them with k-fold).
    const k = target.classes.length;
    const rows: number[] = [];
    for (let i = 0; i < model.oofPredictions.length; i++) if (!Number.isNaN(model.oofPredictions[i])) rows.push(i);
    const codes = Int32Array.from(rows, (r) => target.codes[r]);
    const proba = new Float64Array(rows.length * k);
    rows.forEach((r, i) => proba.set((model.oofProba as Float64Array).subarray(r * k, (r + 1) * k), i * k));
    return { modelId: args.modelId, roc: rocCurves(codes, proba, target.classes) };
  }

  inspectRow(args: Request<'inspectRow'>): InspectResult {
    const run = this.#run(args.runId);
    const { source, artifacts, result } = run;
    const { row, fold } = heldOutRow(run, args.row);
    const values = Object.fromEntries(source.columns.map((c) => [c.name, cellText(c, args.row)]));
    const actual = values[result.dataset.target];
    const { target } = artifacts;
    const predictions = trainedModels(result).map((m) => {
      const a = modelArtifacts(run, m.id);
      const value = a.oofPredictions[row];
      if (target.task === 'regression') return { modelId: m.id, label: m.label, prediction: String(value) };
      const k = target.classes.length;
      const proba = Object.fromEntries(
        target.classes.map((label, c) => [label, (a.oofProba as Float64Array)[row * k + c]]),
      );
      return { modelId: m.id, label: m.label, prediction: target.classes[value], proba };
    });
    let tree: InspectResult['tree'];
    const treeModel = TREE_MODELS.find((id) => artifacts.models.has(id));
    if (treeModel) {
      const pipeline = (artifacts.models.get(treeModel) as ModelArtifacts).pipelines[fold];
      const view = treeView(pipeline.model.toJSON(), pipeline.preprocessor);
      const x = transform(pipeline.preprocessor, artifacts.dataset, Int32Array.of(row)).data;
      tree = { modelId: treeModel, nodes: view.nodes, path: view.path(x) };
    }
    return { row: args.row, values, actual, fold, predictions, ...(tree ? { tree } : {}) };
  }

  explainRow(args: Request<'explainRow'>): DecisionCardView {
    const run = this.#run(args.runId);
    const { row, fold } = heldOutRow(run, args.row);
    const { artifacts, result } = run;
    return decisionCardFor(result, artifacts, {
      fileRow: args.row,
      row,
      fold,
      edits: args.values ?? {},
      top: args.top ?? 5,
    });
  }

  /** The exported report's per-decision cards, numbered by the file's rows like explainRow's. */
  reportCards(args: { readonly runId: string; readonly count: number }): DecisionCardView[] {
    const run = this.#run(args.runId);
    return reportCards(run.result, run.artifacts, { count: args.count });
  }

  /** The exact conversation for one row (a file row, 0-based), with the examples its fold would show. */
  previewLlmPrompt(args: Request<'previewLlmPrompt'>): LlmPromptPreview {
    return previewPrompt(this.#dataset(args.datasetId).dataset, args);
  }

  estimateLlm(args: EstimateArgs): Promise<LlmEstimate> {
    return estimateLlm(this.#dataset(args.datasetId).dataset, args);
  }

  #dataset(id: string): LoadedDataset {
    const found = this.#datasets.get(id);
    if (!found)
      throw new IpcFailure({ code: 'NOT_FOUND', message: `dataset ${id} is no longer loaded; open the file again` });
    return found;
  }

  #run(id: string): Run {
    const found = this.#runs.get(id);
    if (!found)
      throw new IpcFailure({
        code: 'NOT_FOUND',
        message: `comparison ${id} is no longer in memory; run the comparison again`,
      });
    return found;
  }
}

/** Model files named by main (paths it resolved from grants), read and checked by the model-file loader. */
async function readModelFiles(paths: readonly string[] = []): Promise<HeldModelFile[]> {
  const files: HeldModelFile[] = [];
  for (const path of paths) files.push({ model: await readModelFile(path), path });
  return files;
}

/** A file row's prepared row and the fold that held it out; a specific error when it has no out-of-fold prediction. */
function heldOutRow(run: Run, fileRow: number): { row: number; fold: number } {
  const { source, result } = run;
  if (fileRow >= source.rowCount)
    throw new SaplingError(
      'BAD_PARAMETER',
      `row ${fileRow} does not exist: ${source.source.fileName} has ${source.rowCount} data rows (numbered from 0)`,
    );
  const row = run.preparedRow[fileRow];
  if (row < 0)
    throw new SaplingError(
      'BAD_INPUT',
      `row ${fileRow} has no value for the target '${result.dataset.target}', so it was left out of the comparison`,
    );
  const fold = run.testFold[row];
  if (fold < 0)
    throw new SaplingError(
      'BAD_INPUT',
      `row ${fileRow} was a training row of the holdout split: only held-out rows have predictions from a model that never saw them`,
    );
  return { row, fold };
}

/** The `--test-file` file, read and checked against the columns the comparison will use. */
async function readExternal(
  path: string,
  source: Dataset,
  args: Pick<CompareArgs, 'target' | 'exclude'>,
  ctx: WorkContext,
): Promise<Dataset> {
  const external = await readCsvFile(path, ctx.signal ? { signal: ctx.signal } : {});
  checkSameSchema(source, external, [
    args.target,
    ...featureColumns(source, args.target, [...(args.exclude ?? [])]).map((c) => c.name),
  ]);
  return external;
}

function modelArtifacts(run: Run, modelId: RowId): ModelArtifacts {
  const found = run.artifacts.models.get(modelId);
  if (!found)
    throw new SaplingError(
      'BAD_PARAMETER',
      `model '${modelId}' was not part of this comparison (${trainedModels(run.result)
        .map((m) => m.id)
        .join(', ')})`,
    );
  return found;
}

/**
 * The proposed target (app/data/target-check.ts: an outcome-like name, the last column, a plausible balance; never a
 * near-constant one), else the last column. The UI asks the user to confirm it.
 */
export function guessTarget(dataset: Dataset, profile: DatasetProfile = profileDataset(dataset)): string {
  return profile.proposedTarget?.column ?? dataset.columns[dataset.columns.length - 1].name;
}

/** Insert, dropping the oldest entries beyond `max` (Map keeps insertion order). */
function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
}
