/**
 * "Export the recommended model" (the Compare screen's recommendation banner), in the worker: the model a user keeps
 * is one pipeline fitted on every row with the run's settings and seed — the bytes `sapling train` would write
 * (app/pipeline/train-all.ts) — or, for a pre-trained row, the model file it scored. Then, as asked, that model as
 * a Sapling model file, ONNX or one SQL SELECT (app/interop). Main shows the save dialog and writes the file.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PreTrainedModel } from '../../app/compare/pre-trained.js';
import type { Dataset } from '../../app/data/dataset.js';
import { pipelineToOnnx } from '../../app/interop/onnx/export-onnx.js';
import { pipelineToSql } from '../../app/interop/sql/export-sql.js';
import type { ModelExportFormat } from '../../app/ipc/contract.js';
import type { ModelId } from '../../app/models/estimator.js';
import type { TrainedPipeline } from '../../app/pipeline/pipeline.js';
import { trainOnAllRows } from '../../app/pipeline/train-all.js';
import type { CompareResult } from '../../app/result/compare.js';
import { isTrainedModel } from '../../app/evaluate/model-rows.js';
import { SaplingError } from '../../app/util/errors.js';
import { SAPLING_VERSION } from '../../app/version.js';

/** A pre-trained model of a run, with where its file was (to export the file's own bytes). */
export interface HeldModelFile {
  readonly model: PreTrainedModel;
  readonly path: string;
}

export interface ExportedModel {
  /** The name the save dialog proposes. */
  readonly fileName: string;
  readonly content: string | Uint8Array;
}

const EXTENSION: Record<ModelExportFormat, string> = { json: 'model.json', onnx: 'onnx', sql: 'sql' };

export async function exportRunModel(
  run: { readonly source: Dataset; readonly result: CompareResult; readonly files: ReadonlyMap<string, HeldModelFile> },
  modelId: string,
  format: ModelExportFormat,
  options: { readonly signal?: AbortSignal; readonly onProgress?: (fraction: number, message: string) => void } = {},
): Promise<ExportedModel> {
  const { source, result } = run;
  const row = result.models.filter(isTrainedModel).find((m) => m.id === modelId);
  if (!row)
    throw new SaplingError(
      'BAD_PARAMETER',
      `model '${modelId}' was not part of this comparison (${result.models.map((m) => m.id).join(', ')})`,
    );
  const held = run.files.get(modelId);
  let pipeline: TrainedPipeline;
  let json: () => Promise<string | Uint8Array>;
  let stem: string;
  if (row.preTrained) {
    if (!held) throw new SaplingError('BAD_PARAMETER', `${row.label}: its model file is no longer held`);
    pipeline = held.model.pipeline;
    stem = held.model.fileName.replace(/\.json$/i, '');
    // The file as it was scored, byte for byte: read again, and refused if it changed since.
    json = async () => {
      const bytes = await readFile(held.path).catch((error: unknown) => {
        throw new SaplingError('BAD_INPUT', `cannot read ${held.path}: ${(error as Error).message}`);
      });
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (sha256 !== held.model.sha256)
        throw new SaplingError(
          'BAD_INPUT',
          `${held.model.fileName} changed since the comparison scored it (SHA-256 ${held.model.sha256.slice(0, 12)}…, now ${sha256.slice(0, 12)}…); open it again and re-run`,
        );
      return bytes;
    };
  } else {
    options.onProgress?.(0, `${row.label}: fitting on all ${source.rowCount.toLocaleString('en-US')} rows`);
    const trained = await trainOnAllRows(
      source,
      {
        target: result.dataset.target,
        task: result.dataset.task,
        exclude: result.settings.excluded,
        modelId: row.id as ModelId,
        params: row.params,
        seed: result.settings.seed,
      },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (f) => options.onProgress?.(0.95 * f, `${row.label}: fitting on all rows`),
      },
    );
    pipeline = trained.pipeline;
    json = async () => trained.text;
    stem = `${result.dataset.fileName.replace(/\.[^.]*$/, '')}-${row.id}`;
  }
  const fileName = `${stem}.${EXTENSION[format]}`;
  // The exporters name the model file they describe, as `sapling export model.json` does.
  const modelName = held && row.preTrained ? held.model.fileName : `${stem}.model.json`;
  const content =
    format === 'json'
      ? await json()
      : format === 'onnx'
        ? pipelineToOnnx(pipeline, modelName, SAPLING_VERSION)
        : pipelineToSql(pipeline, modelName, { table: 'data' });
  options.onProgress?.(1, `Exported ${row.label}`);
  return { fileName, content };
}
