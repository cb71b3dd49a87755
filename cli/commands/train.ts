import { featureColumns, prepareTarget } from '../../app/data/target.js';
import { MODEL_IDS } from '../../app/models/estimator.js';
import { getModelFactory, parseParams } from '../../app/models/registry.js';
import { fitPipeline, pipelineToJSON } from '../../app/pipeline/pipeline.js';
import { SaplingError } from '../../app/util/errors.js';
import { writeFileAtomic } from '../../io/files.js';
import { CSV_OPTIONS, parse, parseList, parseNumber, parseParamFlags, requireString } from '../args.js';
import { fmtCount } from '../format.js';
import { loadCsv } from '../load.js';
import { progressLine } from '../progress.js';
import { parseWorkers, withEngineWorkers, WORKERS_OPTION } from '../workers.js';

export const TRAIN_USAGE =
  `sapling train <file.csv> --target <col> --model ${MODEL_IDS.join('|')} [--param name=value ...] [--seed 42] [--exclude a,b] [--task classification|regression] [--workers N] --out model.json`;

export async function trainCommand(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { ...CSV_OPTIONS, target: { type: 'string' }, model: { type: 'string' }, param: { type: 'string', multiple: true }, seed: { type: 'string' }, exclude: { type: 'string' }, task: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, ...WORKERS_OPTION },
    TRAIN_USAGE,
  );
  if (values.help) {
    process.stdout.write(`usage: ${TRAIN_USAGE}\n`);
    return 0;
  }
  const file = requireString(positionals[0], '<file.csv>', TRAIN_USAGE);
  const targetName = requireString(values.target, '--target <col>', TRAIN_USAGE);
  const factory = getModelFactory(requireString(values.model, '--model', TRAIN_USAGE));
  const out = requireString(values.out, '--out model.json', TRAIN_USAGE);
  const params = parseParams(factory, parseParamFlags(values.param, false).get('') ?? {});
  const workers = parseWorkers(values.workers);
  const seed = parseNumber(values.seed, '--seed', (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32, 'a whole number from 0 to 4294967295') ?? 42;
  if (values.task !== undefined && values.task !== 'classification' && values.task !== 'regression') {
    throw new SaplingError('BAD_PARAMETER', `--task must be classification or regression, got '${values.task}'`);
  }

  const dataset = await loadCsv(file, values, signal);
  const prepared = prepareTarget(dataset, targetName, values.task as 'classification' | 'regression' | undefined);
  const features = featureColumns(prepared.dataset, targetName, parseList(values.exclude)).map((c) => c.name);
  const rows = Int32Array.from({ length: prepared.dataset.rowCount }, (_, i) => i);
  const progress = progressLine(process.stderr, values.quiet);
  let fitted;
  try {
    fitted = await withEngineWorkers(workers, () =>
      fitPipeline(prepared.dataset, targetName, prepared.target, features, rows, {
        modelId: factory.id,
        params,
        seed,
        signal,
        onProgress: (f) => progress.update(f, `${factory.label}: fitting on ${fmtCount(rows.length)} rows`),
      }),
    );
  } finally {
    progress.done();
  }
  const json = pipelineToJSON(fitted.pipeline, { fileName: dataset.source.fileName, sha256: dataset.source.sha256, rows: rows.length });
  await writeFileAtomic(out, `${JSON.stringify(json)}\n`);
  const warnings = [...dataset.warnings, ...prepared.warnings, ...fitted.pipeline.model.notes.map((n) => n.message)];
  process.stdout.write(
    `trained ${factory.label} on ${fmtCount(rows.length)} rows × ${features.length} features (target '${targetName}', ${prepared.target.task}, seed ${seed}) → ${out}\n` +
      warnings.map((w) => `warning: ${w}\n`).join(''),
  );
  return 0;
}
