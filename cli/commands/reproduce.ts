import { basename } from 'node:path';
import { findRun, runId, type SealedRecord } from '../../app/audit/chain.js';
import { sha256Text } from '../../app/audit/digest.js';
import { decodeFolds, sameFolds } from '../../app/audit/folds.js';
import { llmDrift, treeSide, withoutFetchFacts } from '../../app/audit/llm-replay.js';
import { checkFingerprint, compareSettingsOf, differences, type Difference } from '../../app/audit/reproduce.js';
import type { PreTrainedModel } from '../../app/compare/pre-trained.js';
import { runComparison } from '../../app/compare/run.js';
import type { Dataset } from '../../app/data/dataset.js';
import type { ReadCsvOptions } from '../../app/data/read-csv.js';
import { trainOnAllRows } from '../../app/pipeline/train-all.js';
import type { CompareResult } from '../../app/result/compare.js';
import { SaplingError } from '../../app/util/errors.js';
import { SAPLING_VERSION as SAPLING_VERSION_NOW } from '../../app/version.js';
import { fileSha256 } from '../../io/files.js';
import { nativeSha256 } from '../../io/hash.js';
import { readModelFile } from '../../io/model-file.js';
import { readCsvFile } from '../../io/read-csv-file.js';
import { readRunLog } from '../../io/run-log.js';
import { parse, parseTrust, requireString, TRUST_OPTION } from '../args.js';
import { progressLine } from '../progress.js';
import { llmPlan, renderDrift, type LlmPlan } from '../reproduce-llm.js';
import { resolveRecordedPath } from '../run-log.js';
import { printErr, printOut } from '../terminal.js';
import { parseWorkers, withEngineWorkers, WORKERS_OPTION } from '../workers.js';

export const REPRODUCE_USAGE =
  'sapling reproduce <sapling-runs.jsonl> [--run N|ID] [--data file.csv] [--model-file model.json ...] [--llm-cache DIR | --live [--endpoint URL]] [--trust FINGERPRINT,…] [--workers N] [--quiet]';

/**
 * Re-run a recorded run from its record alone and check every number: same data (by SHA-256), same folds
 * (row by row), same metrics, intervals, importances and parameters. Only timing may differ. Exit 0 when
 * everything matches, 1 otherwise (with the differing numbers listed). Reproducing does not append to the log.
 */
export async function reproduceCommand(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      run: { type: 'string' },
      data: { type: 'string' },
      'model-file': { type: 'string', multiple: true },
      'llm-cache': { type: 'string' },
      live: { type: 'boolean' },
      endpoint: { type: 'string' },
      ...TRUST_OPTION,
      quiet: { type: 'boolean', short: 'q' },
      ...WORKERS_OPTION,
    },
    REPRODUCE_USAGE,
  );
  if (values.help) {
    printOut(`usage: ${REPRODUCE_USAGE}\n`);
    return 0;
  }
  const log = requireString(positionals[0], '<sapling-runs.jsonl>', REPRODUCE_USAGE);
  const workers = parseWorkers(values.workers);
  const chain = await readRunLog(log, parseTrust(values.trust));
  let sealed: SealedRecord;
  try {
    sealed = findRun(chain.verified, values.run, log);
  } catch (error) {
    if (!chain.ok && chain.broken)
      throw new SaplingError(
        'BAD_INPUT',
        `${log} does not verify from record ${chain.broken.seq} on (${chain.broken.reason}); only records before it can be reproduced. ${(error as Error).message}`,
      );
    throw error;
  }
  if (!chain.ok && chain.broken)
    printErr(
      `warning: ${log} is broken at record ${chain.broken.seq}; record ${sealed.seq} comes before the break and verifies\n`,
    );
  const record = sealed.record;
  if (record.status !== 'completed')
    throw new SaplingError(
      'BAD_INPUT',
      `run ${sealed.seq} (${runId(sealed)}) was ${record.status}${record.error ? ` (${record.error})` : ''}: it has no numbers to reproduce`,
    );

  const dataPath =
    values.data ?? (record.dataset.path !== undefined ? resolveRecordedPath(record.dataset.path, log) : undefined);
  if (dataPath === undefined)
    throw new SaplingError(
      'BAD_PARAMETER',
      `run ${sealed.seq} does not say where its data file was; pass it with --data ${record.dataset.fileName}`,
    );
  // The file must be the one the run used before any of it is parsed: a hostile file named by a log is never parsed.
  const sha = await fileSha256(dataPath).catch((error: unknown) => {
    if (error instanceof SaplingError && /cannot read/.test(error.message))
      throw new SaplingError(
        'BAD_INPUT',
        `${error.message} — run ${sealed.seq} used ${record.dataset.fileName}; pass its current location with --data`,
        error.location,
      );
    throw error;
  });
  checkFingerprint(record.dataset, { sha256: sha, fileName: basename(dataPath) }, dataPath);
  const parser = record.dataset.parser;
  const dataset = await readCsvFile(dataPath, {
    delimiter: parser.delimiter as ReadCsvOptions['delimiter'],
    decimalComma: parser.decimalComma,
    missingTokens: parser.missingTokens,
    // As the run read it: no detection (the bytes are the same, so it would agree, but the record says).
    encoding: parser.encoding ?? 'utf-8',
    signal,
  });
  checkFingerprint(record.dataset, dataset.source, dataPath); // the bytes parsed are the bytes checked
  if (record.kind === 'import')
    throw new SaplingError(
      'BAD_INPUT',
      `run ${sealed.seq} imported ${record.imported?.fileName ?? 'a model'} (SHA-256 ${record.imported?.sha256 ?? '?'}): a model trained elsewhere cannot be re-trained here`,
    );

  const llm = record.kind === 'compare' && record.settings.llm ? await llmPlan(sealed, log, values) : undefined;
  if (!llm && (values.live || values['llm-cache'] !== undefined || values.endpoint !== undefined))
    throw new SaplingError(
      'BAD_PARAMETER',
      `run ${sealed.seq} did not include the LLM: --live, --endpoint and --llm-cache do not apply`,
    );
  // Model files the comparison scored as they are: read again and checked by SHA-256 before they are parsed.
  const preTrained = await recordedModelFiles(sealed, log, values['model-file'] ?? []);
  const progress = progressLine(process.stderr, values.quiet);
  let checked: Checked;
  try {
    checked = await withEngineWorkers(workers, () =>
      record.kind === 'compare'
        ? rerunCompare(sealed, dataset, signal, progress.update, llm, preTrained)
        : rerunTrain(sealed, dataset, signal),
    );
  } finally {
    progress.done();
  }
  const head = `run ${sealed.seq} (${runId(sealed)}, ${record.kind} of ${record.dataset.fileName} on ${record.startedAt}), data SHA-256 ${record.dataset.sha256.slice(0, 12)}… matches`;
  const scope = !llm
    ? 'timings excluded'
    : llm.live
      ? 'tree models only, timings excluded; the LLM was asked again, see drift below'
      : 'timings excluded; the LLM replayed from its response cache';
  const llmLines = checked.llmLines.map((line) => `${line}\n`).join('');
  if (checked.diffs.length === 0) {
    printOut(`${head}\nREPRODUCED: all ${checked.numbers} recorded values are identical (${scope})\n${llmLines}`);
    return 0;
  }
  printOut(
    `${head}\nNOT REPRODUCED: ${checked.diffs.length} of ${checked.numbers} recorded values differ${llm ? ` (${scope})` : ''}:\n` +
      checked.diffs
        .slice(0, 30)
        .map((d) => `  ${d.path}: recorded ${JSON.stringify(d.recorded)}, now ${JSON.stringify(d.reproduced)}\n`)
        .join('') +
      (checked.diffs.length > 30 ? `  … and ${checked.diffs.length - 30} more\n` : '') +
      (record.environment.sapling !== SAPLING_VERSION_NOW
        ? `note: the run was recorded by Sapling ${record.environment.sapling}; this is ${SAPLING_VERSION_NOW}\n`
        : '') +
      llmLines,
  );
  return 1;
}

interface Checked {
  readonly numbers: number;
  readonly diffs: Difference[];
  /** What happened on the LLM side: replay counts, or the drift a live re-ask found. */
  readonly llmLines: string[];
}

async function rerunCompare(
  sealed: SealedRecord,
  dataset: Dataset,
  signal: AbortSignal,
  onProgress: (fraction: number, message: string) => void,
  llm: LlmPlan | undefined,
  preTrained: readonly PreTrainedModel[],
): Promise<Checked> {
  const { external, ...withoutExternal } = sealed.record.result ?? ({} as CompareResult);
  // The external file of `compare --test-file` is not part of what reproduce re-runs (it is not in the log's data
  // fingerprint): its numbers are left out of the comparison, and the summary says so.
  const record = { ...sealed.record, ...(sealed.record.result ? { result: withoutExternal as CompareResult } : {}) };
  if (!record.result || !record.split)
    throw new SaplingError('BAD_INPUT', `run ${sealed.seq} has no result or folds recorded`);
  const externalLines = external
    ? [
        `not re-run: the evaluation on ${external.fileName} (SHA-256 ${external.sha256.slice(0, 12)}…) from --test-file; its recorded numbers are left out of this check`,
      ]
    : [];
  const checked = await rerunChecked(record, sealed, dataset, signal, onProgress, llm, preTrained);
  return { ...checked, llmLines: [...externalLines, ...checked.llmLines] };
}

async function rerunChecked(
  record: SealedRecord['record'] & { readonly result?: CompareResult },
  sealed: SealedRecord,
  dataset: Dataset,
  signal: AbortSignal,
  onProgress: (fraction: number, message: string) => void,
  llm: LlmPlan | undefined,
  preTrained: readonly PreTrainedModel[],
): Promise<Checked> {
  if (!record.result || !record.split)
    throw new SaplingError('BAD_INPUT', `run ${sealed.seq} has no result or folds recorded`);
  const recordedSettings = compareSettingsOf(record.settings);
  const settings =
    llm?.endpoint !== undefined && recordedSettings.llm
      ? { ...recordedSettings, llm: { ...recordedSettings.llm, baseUrl: llm.endpoint } }
      : recordedSettings;
  const { result, artifacts } = await runComparison(dataset, settings, {
    signal,
    onProgress: (p) => onProgress(p.fraction, p.message),
    preTrained,
    ...(llm ? { llm: llm.runtime } : {}),
  });
  const diffs: Difference[] = [];
  if (!sameFolds(decodeFolds(record.split), artifacts.folds))
    diffs.push({
      path: 'split (row indices of the folds)',
      recorded: `${record.split.folds} folds`,
      reproduced: 'different rows',
    });
  if (!llm) {
    diffs.push(...differences(record.result, result));
    return { numbers: countValues(record.result) + 1, diffs, llmLines: [] };
  }
  if (!llm.live) {
    // Replayed: every number must match, except how the replies were obtained (requests sent, cache hits, money spent now).
    const recorded = withoutFetchFacts(record.result);
    diffs.push(...differences(recorded, withoutFetchFacts(result)));
    const line = `LLM (${record.settings.llm!.model}): ${llm.replay!.served.size} recorded replies replayed from ${llm.folder}; ${result.llm?.requests ?? 0} requests sent`;
    return { numbers: countValues(recorded) + 1, diffs, llmLines: [line] };
  }
  // Live: the tree models must still match exactly; the LLM's changes are drift, reported, not a failure.
  const recorded = treeSide(record.result);
  diffs.push(...differences(recorded, treeSide(result)));
  const drift = await llmDrift(
    record.result.llm,
    result.llm,
    artifacts.llmAnswers ?? [],
    artifacts.target,
    llm.recorded,
  );
  return {
    numbers: countValues(recorded) + 1,
    diffs,
    llmLines: renderDrift(
      drift,
      llm.endpoint ?? record.llm?.endpoint ?? record.settings.llm!.baseUrl,
      result.llm?.requests ?? 0,
      llm.folder,
    ),
  };
}

async function rerunTrain(sealed: SealedRecord, dataset: Dataset, signal: AbortSignal): Promise<Checked> {
  const record = sealed.record;
  const trained = record.trained;
  if (!trained) throw new SaplingError('BAD_INPUT', `run ${sealed.seq} has no trained model recorded`);
  // The same function `sapling train` fits and writes with (app/pipeline/train-all.ts).
  const fitted = await trainOnAllRows(
    dataset,
    {
      target: record.settings.target,
      ...(record.settings.task ? { task: record.settings.task } : {}),
      exclude: record.settings.exclude,
      modelId: trained.model,
      ...(record.settings.params[trained.model] ? { params: record.settings.params[trained.model] } : {}),
      seed: trained.seed,
    },
    { signal },
  );
  const impurity = fitted.pipeline.model.impurityImportance();
  const now = {
    modelFileSha256: sha256Text(fitted.text, nativeSha256),
    rows: fitted.rows,
    features: fitted.features,
    impurityImportance: impurity
      ? Array.from(impurity, (value, j) => ({ feature: fitted.X.featureNames[j] ?? String(j), value }))
      : null,
  };
  const recorded = {
    modelFileSha256: trained.modelFileSha256,
    rows: trained.rows,
    features: trained.features,
    impurityImportance: trained.impurityImportance,
  };
  return { numbers: countValues(recorded), diffs: differences(recorded, now), llmLines: [] };
}

/**
 * The model files a comparison scored, as the record names them: each found at its recorded path (or given with
 * --model-file, matched by file name), and its bytes must have the recorded SHA-256 — checked before it is parsed.
 */
async function recordedModelFiles(
  sealed: SealedRecord,
  log: string,
  given: readonly string[],
): Promise<PreTrainedModel[]> {
  const recorded = sealed.record.settings.preTrained ?? [];
  for (const path of given)
    if (!recorded.some((r) => r.fileName === basename(path)))
      throw new SaplingError(
        'BAD_PARAMETER',
        `--model-file ${path}: run ${sealed.seq} scored no model file named ${basename(path)}${recorded.length > 0 ? ` (it scored ${recorded.map((r) => r.fileName).join(', ')})` : ''}`,
      );
  const out: PreTrainedModel[] = [];
  for (const r of recorded) {
    const path =
      given.find((p) => basename(p) === r.fileName) ??
      (r.path !== undefined ? resolveRecordedPath(r.path, log) : undefined);
    if (path === undefined)
      throw new SaplingError(
        'BAD_PARAMETER',
        `run ${sealed.seq} scored the model file ${r.fileName} but does not say where it was; pass it with --model-file ${r.fileName}`,
      );
    const where = `run ${sealed.seq} scored ${r.fileName} (SHA-256 ${r.sha256.slice(0, 12)}…)`;
    const sha = await fileSha256(path).catch((error: unknown) => {
      if (error instanceof SaplingError && /cannot read/.test(error.message))
        throw new SaplingError('BAD_INPUT', `${error.message} — ${where}; pass its current location with --model-file`);
      throw error;
    });
    const model = sha === r.sha256 ? await readModelFile(path) : undefined;
    if (!model || model.sha256 !== r.sha256)
      throw new SaplingError(
        'BAD_INPUT',
        `${path} is not the model file this run scored: its SHA-256 is ${(model?.sha256 ?? sha).slice(0, 12)}…; ${where}`,
        { file: basename(path) },
      );
    out.push(model);
  }
  return out;
}

/** Leaves compared (timing blocks excluded), for the summary line. */
function countValues(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  return Object.entries(value).reduce((n, [k, v]) => n + (k === 'timing' ? 0 : countValues(v)), 0);
}
