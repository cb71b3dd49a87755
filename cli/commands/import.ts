import { recordedRun } from '../../app/audit/recorded-run.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { datasetRecord, importRecord, type RecordInput } from '../../app/audit/record.js';
import { PRE_TRAINED_NOTE, type ImportedModel } from '../../app/interop/imported.js';
import { importOnnx } from '../../app/interop/onnx/import-onnx.js';
import { importXgboost } from '../../app/interop/xgboost/import-xgboost.js';
import { pipelineFromJSON } from '../../app/pipeline/model-file.js';
import { SaplingError } from '../../app/util/errors.js';
import { runEnvironment } from '../../io/environment.js';
import { writeFileAtomic } from '../../io/files.js';
import { CSV_OPTIONS, parse, requireString } from '../args.js';
import { loadCsv } from '../load.js';
import { LOG_OPTIONS, LOG_USAGE, loggedLine, logRecorder, logRun, recordedDataPath, runLogPath } from '../run-log.js';
import { printErr, printOut } from '../terminal.js';

export const IMPORT_USAGE = `sapling import <xgboost-model.json|model.onnx> --schema data.csv --target <col> ${LOG_USAGE} --out model.json`;

/**
 * A model trained elsewhere (XGBoost JSON, an ONNX tree ensemble) → a Sapling model file that predict and explain read. The
 * schema CSV names the features' columns, their category levels and the classes; its rows are not used.
 */
export async function importCommand(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      ...CSV_OPTIONS,
      schema: { type: 'string' },
      target: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      ...LOG_OPTIONS,
    },
    IMPORT_USAGE,
  );
  if (values.help) {
    printOut(`usage: ${IMPORT_USAGE}\n`);
    return 0;
  }
  const modelPath = requireString(positionals[0], '<xgboost-model.json|model.onnx>', IMPORT_USAGE);
  const schemaPath = requireString(values.schema, '--schema data.csv', IMPORT_USAGE);
  const target = requireString(values.target, '--target <col>', IMPORT_USAGE);
  const out = requireString(values.out, '--out model.json', IMPORT_USAGE);
  const log = runLogPath(values);
  const startedAt = new Date();
  const fileName = basename(modelPath);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(modelPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SaplingError(
      'BAD_INPUT',
      `cannot read ${modelPath}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const schema = await loadCsv(schemaPath, values, signal);
  const recordInput = (): RecordInput => ({
    kind: 'import',
    startedAt,
    finishedAt: new Date(),
    environment: runEnvironment(),
    dataset: datasetRecord(schema, log !== undefined ? recordedDataPath(schemaPath, log) : undefined),
    settings: { target, models: [], params: {}, seed: 0, exclude: [] },
  });
  const file: ImportedModel = await recordedRun(logRecorder(log), recordInput, async () => {
    const imported = isOnnx(modelPath, bytes)
      ? importOnnx(bytes, { fileName, sha256 }, schema, { target })
      : importXgboost(new TextDecoder().decode(bytes), { fileName, sha256 }, schema, { target });
    // What predict and explain will load: refuse here rather than write a file they cannot read.
    pipelineFromJSON(JSON.parse(JSON.stringify(imported)), basename(out));
    return imported;
  });
  const text = `${JSON.stringify(file)}\n`;
  const modelFileSha256 = createHash('sha256').update(text).digest('hex');
  // The completed record goes on disk before the file is written or anything printed (as compare and train do).
  const sealed = await logRun(
    log,
    importRecord(recordInput(), { ...file.importedFrom, outFile: out, modelFileSha256 }),
  );
  await writeFileAtomic(out, text);
  printOut(
    `imported ${fileName} (${file.importedFrom.detail}; ${file.features.length} features, target '${target}') → ${out}\n` +
      `note: ${PRE_TRAINED_NOTE}\n`,
  );
  if (log && sealed && !values.quiet) printErr(`${loggedLine(log, sealed)}\n`);
  return 0;
}

/** ONNX by extension, or by content: a JSON model starts with '{'. */
function isOnnx(path: string, bytes: Uint8Array): boolean {
  if (extname(path).toLowerCase() === '.onnx') return true;
  const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  return first !== undefined && first !== 0x7b;
}
