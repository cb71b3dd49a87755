import { recordedRun } from '../../app/audit/recorded-run.js';
import { datasetRecord, trainRecord, type RecordInput } from '../../app/audit/record.js';
import { sha256Text } from '../../app/audit/digest.js';
import { MODEL_IDS } from '../../app/models/estimator.js';
import { getModelFactory, parseParams } from '../../app/registry/models.js';
import { trainOnAllRows } from '../../app/pipeline/train-all.js';
import { SaplingError } from '../../app/util/errors.js';
import { runEnvironment } from '../../io/environment.js';
import { writeFileAtomic } from '../../io/files.js';
import { nativeSha256 } from '../../io/hash.js';
import { CSV_OPTIONS, parse, parseList, parseNumber, parseParamFlags, requireString } from '../args.js';
import { fmtCount } from '../format.js';
import { loadCsv } from '../load.js';
import { progressLine } from '../progress.js';
import { LOG_OPTIONS, LOG_USAGE, loggedLine, logRun, logRecorder, recordedDataPath, runLogPath } from '../run-log.js';
import { parseWorkers, withEngineWorkers, WORKERS_OPTION } from '../workers.js';
import { printErr, printOut } from '../terminal.js';

export const TRAIN_USAGE = `sapling train <file.csv> --target <col> --model ${MODEL_IDS.join('|')} [--param name=value ...] [--seed 42] [--exclude a,b] [--task classification|regression] [--workers N] ${LOG_USAGE} --out model.json`;

export async function trainCommand(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      ...CSV_OPTIONS,
      target: { type: 'string' },
      model: { type: 'string' },
      param: { type: 'string', multiple: true },
      seed: { type: 'string' },
      exclude: { type: 'string' },
      task: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      ...WORKERS_OPTION,
      ...LOG_OPTIONS,
    },
    TRAIN_USAGE,
  );
  if (values.help) {
    printOut(`usage: ${TRAIN_USAGE}\n`);
    return 0;
  }
  const file = requireString(positionals[0], '<file.csv>', TRAIN_USAGE);
  const targetName = requireString(values.target, '--target <col>', TRAIN_USAGE);
  const factory = getModelFactory(requireString(values.model, '--model', TRAIN_USAGE));
  const out = requireString(values.out, '--out model.json', TRAIN_USAGE);
  const params = parseParams(factory, parseParamFlags(values.param, false).get('') ?? {});
  const workers = parseWorkers(values.workers);
  const seed =
    parseNumber(
      values.seed,
      '--seed',
      (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32,
      'a whole number from 0 to 4294967295',
    ) ?? 42;
  if (values.task !== undefined && values.task !== 'classification' && values.task !== 'regression') {
    throw new SaplingError('BAD_PARAMETER', `--task must be classification or regression, got '${values.task}'`);
  }

  const log = runLogPath(values);
  const startedAt = new Date();

  const dataset = await loadCsv(file, values, signal);
  const exclude = parseList(values.exclude);
  const recordInput = (): RecordInput => ({
    kind: 'train',
    startedAt,
    finishedAt: new Date(),
    environment: runEnvironment(),
    dataset: datasetRecord(dataset, log !== undefined ? recordedDataPath(file, log) : undefined),
    settings: {
      target: targetName,
      ...(values.task ? { task: values.task as 'classification' | 'regression' } : {}),
      models: [factory.id],
      params: { [factory.id]: params },
      seed,
      exclude,
    },
  });
  const progress = progressLine(process.stderr, values.quiet);
  const fitted = await recordedRun(logRecorder(log), recordInput, async () => {
    try {
      return await withEngineWorkers(workers, () =>
        trainOnAllRows(
          dataset,
          {
            target: targetName,
            ...(values.task ? { task: values.task as 'classification' | 'regression' } : {}),
            exclude,
            modelId: factory.id,
            params,
            seed,
          },
          { signal, onProgress: (f) => progress.update(f, `${factory.label}: fitting on all rows`) },
        ),
      );
    } finally {
      progress.done();
    }
  });
  const { text, rows, features } = fitted;
  const warnings = [...fitted.warnings.map((w) => w.message), ...fitted.pipeline.model.notes.map((n) => n.message)];
  const impurity = fitted.pipeline.model.impurityImportance();
  // The completed record (with the model file's SHA-256) goes on disk before the file is written or anything printed.
  const sealed = await logRun(
    log,
    trainRecord(recordInput(), {
      model: factory.id,
      params: factory.create(fitted.pipeline.target.task, params).params,
      seed,
      rows,
      features: [...features],
      modelFileSha256: sha256Text(text, nativeSha256),
      outFile: out,
      impurityImportance: impurity
        ? Array.from(impurity, (value, j) => ({ feature: fitted.X.featureNames[j] ?? String(j), value }))
        : null,
    }),
  );
  await writeFileAtomic(out, text);
  printOut(
    `trained ${factory.label} on ${fmtCount(rows)} rows × ${features.length} features (target '${targetName}', ${fitted.pipeline.target.task}, seed ${seed}) → ${out}\n` +
      warnings.map((w) => `warning: ${w}\n`).join(''),
  );
  if (log && sealed && !values.quiet) printErr(`${loggedLine(log, sealed)}\n`);
  return 0;
}
