import { findRun, runId, type SealedRecord } from '../../app/audit/chain.js';
import { sha256Text } from '../../app/audit/digest.js';
import { decodeFolds, sameFolds } from '../../app/audit/folds.js';
import { checkFingerprint, compareSettingsOf, differences, type Difference } from '../../app/audit/reproduce.js';
import type { Dataset } from '../../app/data/dataset.js';
import type { ReadCsvOptions } from '../../app/data/read-csv.js';
import { featureColumns, prepareTarget } from '../../app/data/target.js';
import { runComparison } from '../../app/evaluate/compare.js';
import { fitPipeline, pipelineToJSON } from '../../app/pipeline/pipeline.js';
import { SaplingError } from '../../app/util/errors.js';
import { SAPLING_VERSION as SAPLING_VERSION_NOW } from '../../app/version.js';
import { nativeSha256 } from '../../io/hash.js';
import { readCsvFile } from '../../io/read-csv-file.js';
import { readRunLog } from '../../io/run-log.js';
import { parse, requireString } from '../args.js';
import { progressLine } from '../progress.js';
import { resolveRecordedPath } from '../run-log.js';
import { parseWorkers, withEngineWorkers, WORKERS_OPTION } from '../workers.js';

export const REPRODUCE_USAGE = 'sapling reproduce <sapling-runs.jsonl> [--run N|ID] [--data file.csv] [--workers N] [--quiet]';

/**
 * Re-run a recorded run from its record alone and check every number: same data (by SHA-256), same folds
 * (row by row), same metrics, intervals, importances and parameters. Only timing may differ. Exit 0 when
 * everything matches, 1 otherwise (with the differing numbers listed). Reproducing does not append to the log.
 */
export async function reproduceCommand(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(argv, { run: { type: 'string' }, data: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, ...WORKERS_OPTION }, REPRODUCE_USAGE);
  if (values.help) {
    process.stdout.write(`usage: ${REPRODUCE_USAGE}\n`);
    return 0;
  }
  const log = requireString(positionals[0], '<sapling-runs.jsonl>', REPRODUCE_USAGE);
  const workers = parseWorkers(values.workers);
  const chain = await readRunLog(log);
  let sealed: SealedRecord;
  try {
    sealed = findRun(chain.verified, values.run, log);
  } catch (error) {
    if (!chain.ok && chain.broken) throw new SaplingError('BAD_INPUT', `${log} does not verify from record ${chain.broken.seq} on (${chain.broken.reason}); only records before it can be reproduced. ${(error as Error).message}`);
    throw error;
  }
  if (!chain.ok && chain.broken) process.stderr.write(`warning: ${log} is broken at record ${chain.broken.seq}; record ${sealed.seq} comes before the break and verifies\n`);
  const record = sealed.record;
  if (record.status !== 'completed') throw new SaplingError('BAD_INPUT', `run ${sealed.seq} (${runId(sealed)}) was ${record.status}${record.error ? ` (${record.error})` : ''}: it has no numbers to reproduce`);

  const dataPath = values.data ?? (record.dataset.path !== undefined ? resolveRecordedPath(record.dataset.path, log) : undefined);
  if (dataPath === undefined) throw new SaplingError('BAD_PARAMETER', `run ${sealed.seq} does not say where its data file was; pass it with --data ${record.dataset.fileName}`);
  const parser = record.dataset.parser;
  const dataset = await readCsvFile(dataPath, {
    delimiter: parser.delimiter as ReadCsvOptions['delimiter'],
    decimalComma: parser.decimalComma,
    missingTokens: parser.missingTokens,
    signal,
  }).catch((error: unknown) => {
    if (error instanceof SaplingError && /cannot read/.test(error.message)) {
      throw new SaplingError('BAD_INPUT', `${error.message} — run ${sealed.seq} used ${record.dataset.fileName}; pass its current location with --data`, error.location);
    }
    throw error;
  });
  checkFingerprint(record.dataset, dataset, dataPath);

  const progress = progressLine(process.stderr, values.quiet);
  let checked: { numbers: number; diffs: Difference[] };
  try {
    checked = await withEngineWorkers(workers, () => (record.kind === 'compare' ? rerunCompare(sealed, dataset, signal, progress.update) : rerunTrain(sealed, dataset, signal)));
  } finally {
    progress.done();
  }
  const head = `run ${sealed.seq} (${runId(sealed)}, ${record.kind} of ${record.dataset.fileName} on ${record.startedAt}), data SHA-256 ${record.dataset.sha256.slice(0, 12)}… matches`;
  if (checked.diffs.length === 0) {
    process.stdout.write(`${head}\nREPRODUCED: all ${checked.numbers} recorded values are identical (timings excluded)\n`);
    return 0;
  }
  process.stdout.write(
    `${head}\nNOT REPRODUCED: ${checked.diffs.length} of ${checked.numbers} recorded values differ:\n` +
      checked.diffs
        .slice(0, 30)
        .map((d) => `  ${d.path}: recorded ${JSON.stringify(d.recorded)}, now ${JSON.stringify(d.reproduced)}\n`)
        .join('') +
      (checked.diffs.length > 30 ? `  … and ${checked.diffs.length - 30} more\n` : '') +
      (record.environment.sapling !== SAPLING_VERSION_NOW ? `note: the run was recorded by Sapling ${record.environment.sapling}; this is ${SAPLING_VERSION_NOW}\n` : ''),
  );
  return 1;
}

async function rerunCompare(sealed: SealedRecord, dataset: Dataset, signal: AbortSignal, onProgress: (fraction: number, message: string) => void): Promise<{ numbers: number; diffs: Difference[] }> {
  const record = sealed.record;
  if (!record.result || !record.split) throw new SaplingError('BAD_INPUT', `run ${sealed.seq} has no result or folds recorded`);
  const { result, artifacts } = await runComparison(dataset, compareSettingsOf(record.settings), { signal, onProgress: (p) => onProgress(p.fraction, p.message) });
  const diffs: Difference[] = [];
  if (!sameFolds(decodeFolds(record.split), artifacts.folds)) diffs.push({ path: 'split (row indices of the folds)', recorded: `${record.split.folds} folds`, reproduced: 'different rows' });
  diffs.push(...differences(record.result, result));
  return { numbers: countValues(record.result) + 1, diffs };
}

async function rerunTrain(sealed: SealedRecord, dataset: Dataset, signal: AbortSignal): Promise<{ numbers: number; diffs: Difference[] }> {
  const record = sealed.record;
  const trained = record.trained;
  if (!trained) throw new SaplingError('BAD_INPUT', `run ${sealed.seq} has no trained model recorded`);
  const prepared = prepareTarget(dataset, record.settings.target, record.settings.task);
  const features = featureColumns(prepared.dataset, record.settings.target, [...record.settings.exclude]).map((c) => c.name);
  const rows = Int32Array.from({ length: prepared.dataset.rowCount }, (_, i) => i);
  const fitted = await fitPipeline(prepared.dataset, record.settings.target, prepared.target, features, rows, {
    modelId: trained.model,
    params: record.settings.params[trained.model],
    seed: trained.seed,
    signal,
  });
  const text = `${JSON.stringify(pipelineToJSON(fitted.pipeline, { fileName: dataset.source.fileName, sha256: dataset.source.sha256, rows: rows.length }))}\n`;
  const impurity = fitted.pipeline.model.impurityImportance();
  const now = {
    modelFileSha256: sha256Text(text, nativeSha256),
    rows: rows.length,
    features,
    impurityImportance: impurity ? Array.from(impurity, (value, j) => ({ feature: fitted.X.featureNames[j] ?? String(j), value })) : null,
  };
  const recorded = { modelFileSha256: trained.modelFileSha256, rows: trained.rows, features: trained.features, impurityImportance: trained.impurityImportance };
  return { numbers: countValues(recorded), diffs: differences(recorded, now) };
}

/** Leaves compared (timing blocks excluded), for the summary line. */
function countValues(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  return Object.entries(value).reduce((n, [k, v]) => n + (k === 'timing' ? 0 : countValues(v)), 0);
}
