import { sizeText } from '../../app/answer/size.js';
import {
  compareRecord,
  datasetRecord,
  preTrainedRecords,
  runSettingsOf,
  type RecordInput,
} from '../../app/audit/record.js';
import { recordedRun } from '../../app/audit/recorded-run.js';
import { estimateComparisonLlm } from '../../app/compare/llm-plan.js';
import type { PreTrainedModel } from '../../app/compare/pre-trained.js';
import { runComparison } from '../../app/compare/run.js';
import { featureColumns } from '../../app/data/target.js';
import { checkSameSchema, evaluateExternal } from '../../app/evaluate/external.js';
import { rankModels } from '../../app/evaluate/ranking.js';
import { llmRows, trainedModels } from '../../app/evaluate/model-rows.js';
import { MODEL_IDS, type ModelId, type Params } from '../../app/models/estimator.js';
import { getModelFactory, parseParams } from '../../app/registry/models.js';
import type { CompareResult, PartialLeaderboard } from '../../app/result/compare.js';
import { DEFAULT_FOLDS, DEFAULT_MODELS, DEFAULT_SEED, type CompareSettings } from '../../app/settings/compare.js';
import { SaplingError } from '../../app/util/errors.js';
import { runEnvironment } from '../../io/environment.js';
import { writeFileAtomic } from '../../io/files.js';
import { readModelFile } from '../../io/model-file.js';
import { renderClassReports, renderRecommendation } from '../answer-format.js';
import { CSV_OPTIONS, parse, parseList, parseParamFlags, requireString } from '../args.js';
import { renderExplanations } from '../explain-format.js';
import { renderExternal } from '../external.js';
import { fmt, fmtBytes, fmtCount, fmtMeanCi, fmtMs, fmtSeconds, formatTable } from '../format.js';
import {
  defaultLlmCache,
  LLM_OPTIONS,
  LLM_USAGE,
  llmFromFlags,
  llmHelp,
  llmRuntime,
  renderEstimate,
  renderLlmDetails,
} from '../llm.js';
import { loadCsv } from '../load.js';
import { progressLine } from '../progress.js';
import { REPORT_OPTIONS, REPORT_USAGE, reportCardCount, reportThresholds, writeReports } from '../report.js';
import { LOG_OPTIONS, LOG_USAGE, loggedLine, logRecorder, logRun, recordedDataPath, runLogPath } from '../run-log.js';
import { SETTING_OPTIONS, settingsFromFlags, settingsHelp } from '../settings-flags.js';
import { printErr, printOut } from '../terminal.js';
import { parseWorkers, withEngineWorkers, WORKERS_OPTION } from '../workers.js';

export const COMPARE_USAGE = `sapling compare <file.csv> --target <col> [--models ${DEFAULT_MODELS.join(',')}[,file:model.json]] [--folds 5 | --holdout 0.2] [--seed 42] [--exclude a,b] [--task classification|regression] [--param model.name=value ...] [--repeats N] [--rope 0.01] [--calibrate isotonic|platt] [--subgroups col1,col2] [--confirm-target] [--workers N] [--json out.json] [--test-file other.csv] ${REPORT_USAGE} ${LOG_USAGE} [--quiet]\n  ${LLM_USAGE}\n  models: ${MODEL_IDS.join(', ')}, llm, file:<model.json> (a model file from sapling train or import, scored as it is on each held-out fold)`;

const OPTIONS = {
  ...CSV_OPTIONS,
  ...SETTING_OPTIONS,
  param: { type: 'string', multiple: true },
  json: { type: 'string' },
  'test-file': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'confirm-target': { type: 'boolean' },
  ...WORKERS_OPTION,
  ...LLM_OPTIONS,
  ...LOG_OPTIONS,
  ...REPORT_OPTIONS,
} as const;

export async function compareCommand(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, COMPARE_USAGE);
  if (values.help) {
    printOut(`usage: ${COMPARE_USAGE}\n\nsettings:\n${settingsHelp()}\n\nLLM baseline:\n${llmHelp()}\n`);
    return 0;
  }
  const file = requireString(positionals[0], '<file.csv>', COMPARE_USAGE);
  const target = requireString(values.target, '--target <col>', COMPARE_USAGE);
  // Every setting flag is checked by the one settings schema (app/settings/compare.ts), as in the desktop app.
  const given = settingsFromFlags(values);
  const seed = given.seed ?? DEFAULT_SEED;
  const task = given.task;
  const listed = values.models ? parseList(values.models) : [...DEFAULT_MODELS];
  const modelFiles = listed.filter((id) => id.startsWith(FILE_PREFIX)).map((id) => modelFilePath(id));
  const models = listed.filter((id) => id !== 'llm' && !id.startsWith(FILE_PREFIX)).map((id) => getModelFactory(id).id);
  const llm = llmFromFlags(values, listed.includes('llm'), seed);
  const params = modelParams(values.param, models);
  const workers = parseWorkers(values.workers);
  // A bad --report-cards or --threshold fails now, not after the run.
  reportCardCount(values['report-cards']);
  reportThresholds(values.threshold, listed, values.report !== undefined || values.pdf !== undefined);
  const log = runLogPath(values);
  // A logged LLM run keeps its replies on disk (next to the log unless --llm-cache says where): without them
  // `sapling reproduce` could only ask the endpoint again, and the auditor could not see what was answered.
  const llmCache = llm ? (values['llm-cache'] ?? (log !== undefined ? defaultLlmCache(log) : undefined)) : undefined;
  const startedAt = new Date();

  const dataset = await loadCsv(file, values, signal);
  // Model files are read (and validated) before anything is trained; runComparison checks they fit the data.
  const preTrained: PreTrainedModel[] = [];
  for (const path of modelFiles) preTrained.push(await readModelFile(path));
  // The external file is read (and its columns checked) before any training, so a wrong file fails in seconds.
  const testFile = values['test-file'];
  const external = testFile === undefined ? undefined : await loadCsv(testFile, values, signal);
  if (external)
    checkSameSchema(dataset, external, [
      target,
      ...featureColumns(dataset, target, parseList(values.exclude)).map((c) => c.name),
    ]);
  const split = given.holdout !== undefined ? { holdout: given.holdout } : { folds: given.folds ?? DEFAULT_FOLDS };
  const exclude = [...(given.exclude ?? [])];
  // The other settings (repeated k-fold, the verdicts' margin, recalibration, subgroups, …) go in as the schema checked them.
  const {
    target: _target,
    task: _task,
    folds: _folds,
    holdout: _holdout,
    seed: _seed,
    exclude: _exclude,
    ...more
  } = given;
  const settings: CompareSettings = {
    target,
    models,
    params,
    seed,
    ...(task ? { task } : {}),
    ...split,
    exclude,
    ...more,
    ...(values['confirm-target'] ? { confirmTarget: true } : {}),
    ...(llm ? { llm } : {}),
  };
  // What the run record says about this run (audit trail, app/audit/record.ts).
  const recordInput = (): RecordInput => ({
    kind: 'compare',
    startedAt,
    finishedAt: new Date(),
    environment: runEnvironment(),
    dataset: datasetRecord(dataset, log !== undefined ? recordedDataPath(file, log) : undefined),
    settings: {
      ...runSettingsOf(settings),
      ...preTrainedRecords(
        preTrained,
        modelFiles.map((path) => (log !== undefined ? recordedDataPath(path, log) : undefined)),
      ),
    },
    ...(llmCache !== undefined && log !== undefined ? { llmCacheFolder: recordedDataPath(llmCache, log) } : {}),
  });
  const progress = progressLine(process.stderr, values.quiet);
  const llmOptions = llm ? { llm: llmRuntime({ ...values, 'llm-cache': llmCache }, process.env) } : {};
  // Before anything runs: what the LLM part will ask and cost.
  if (llm && !values.quiet)
    printErr(
      `${renderEstimate(await estimateComparisonLlm(dataset, { ...settings, llm }, llmOptions.llm?.cache), llm)}\n`,
    );
  const { result, artifacts } = await recordedRun(logRecorder(log), recordInput, async () => {
    try {
      const compared = await withEngineWorkers(workers, () =>
        runComparison(dataset, settings, {
          signal,
          onProgress: (p) => {
            // Results as they come: each model's line as soon as its folds are scored.
            if (p.partial) progress.note(finishedModelLine(p.partial));
            progress.update(p.fraction, p.message, p.etaSeconds ?? null, p.etaUntimed);
          },
          preTrained,
          ...llmOptions,
        }),
      );
      if (!external) return compared;
      progress.update(0.99, `scoring every model on ${external.source.fileName}`);
      const given = new Map(preTrained.map((p) => [p.id as string, p.pipeline]));
      const scored = await evaluateExternal(dataset, external, compared.result, signal, given);
      return { ...compared, result: { ...compared.result, external: scored } };
    } finally {
      progress.done();
    }
  });
  // The completed record goes on disk before any result is shown or written: every run whose results a user
  // saw is in the log. A log that cannot be appended to is an error, but the results are still shown and the
  // report is still written (saying the run was not logged).
  const logged = await logRun(log, compareRecord(recordInput(), result, artifacts)).then(
    (sealed) => ({ sealed }),
    (error: unknown) => ({ error }),
  );
  if (values.json) await writeFileAtomic(values.json, `${JSON.stringify(result, null, 2)}\n`);
  // The answer first, then the evidence.
  printOut(
    `${[...renderRecommendation(result), renderLeaderboard(result), ...renderExternal(result), ...renderLlmDetails(result)].join('\n')}\n`,
  );
  if (log && 'sealed' in logged && logged.sealed && !values.quiet) printErr(`${loggedLine(log, logged.sealed)}\n`);
  const written = await writeReports(
    values,
    result,
    dataset,
    log && 'sealed' in logged && logged.sealed ? { sealed: logged.sealed, log } : undefined,
    artifacts,
  );
  if (written.length > 0) printErr(`${written.join('\n')}\n`);
  if ('error' in logged) throw logged.error;
  return 0;
}

const FILE_PREFIX = 'file:';

/** `file:path/to/model.json` → the path. */
function modelFilePath(entry: string): string {
  const path = entry.slice(FILE_PREFIX.length);
  if (path === '')
    throw new SaplingError('BAD_PARAMETER', '--models file:… needs a model file, e.g. --models tree,file:model.json');
  return path;
}

function modelParams(flags: string[] | undefined, models: ModelId[]): Partial<Record<ModelId, Params>> {
  const out: Partial<Record<ModelId, Params>> = {};
  for (const [model, raw] of parseParamFlags(flags, true)) {
    const factory = getModelFactory(model);
    if (!models.includes(factory.id))
      throw new SaplingError(
        'BAD_PARAMETER',
        `--param ${model}.…: model '${model}' is not in --models (${models.join(',')})`,
      );
    out[factory.id] = parseParams(factory, raw);
  }
  return out;
}

/** Metric names as the leaderboard's column heads say them. */
const COLUMN_LABELS: Readonly<Record<string, string>> = {
  accuracy: 'accuracy',
  balancedAccuracy: 'bal. acc.',
  f1Macro: 'macro F1',
  rocAuc: 'ROC AUC',
  logLoss: 'log loss',
  r2: 'R²',
  rmse: 'RMSE',
  mae: 'MAE',
};

/** The newest model of a partial leaderboard, one line: "✓ Random forest (2 of 4): accuracy 0.789 ± 0.012, fit 0.91 s per fold". */
export function finishedModelLine(partial: PartialLeaderboard): string {
  const m = partial.models[partial.models.length - 1];
  const metric = partial.primaryMetric;
  return `✓ ${m.label} (${partial.models.length} of ${partial.of}): ${COLUMN_LABELS[metric] ?? metric} ${fmtMeanCi(m.metrics[metric], metric)}, fit ${fmtSeconds(m.timing.fitSecondsMean)} per fold`;
}

/** The leaderboard: best first by the primary metric, each metric as mean ± half the 95% interval. */
export function renderLeaderboard(result: CompareResult): string {
  const classification = result.dataset.task === 'classification';
  const columns = classification
    ? ['accuracy', 'balancedAccuracy', 'f1Macro', 'rocAuc', 'logLoss']
    : ['r2', 'rmse', 'mae'];
  const labels = COLUMN_LABELS;
  const primary = result.primaryMetric;
  // The LLM's rows (when it ran) are ranked with the trees; their cells come from its sample of the same test folds.
  const entries = [
    ...trainedModels(result).map((m) => ({
      label: m.label,
      metrics: m.metrics,
      cells: [
        m.trainMetrics ? fmt(m.trainMetrics[primary].mean - m.metrics[primary].mean, 3) : '—',
        m.preTrained ? 'pre-trained' : fmtSeconds(m.timing.fitSecondsMean),
        fmtMs(m.timing.predictRowMsP50),
        fmtCount(Math.round(m.timing.rowsPerSecond)),
        sizeText(m.size),
        fmtBytes(m.sizeBytes),
      ],
    })),
    // What always answering the majority class (or the mean) scores: the row every model must beat.
    ...(result.baseline
      ? [{ label: result.baseline.label, metrics: result.baseline.metrics, cells: ['—', '—', '—', '—', '—', '—'] }]
      : []),
    ...llmRows(result).map((m) => ({
      label: `${m.label}*`,
      metrics: m.metrics,
      cells: ['—', '—', fmtMs(m.timing.predictRowMsP50), fmt(m.timing.rowsPerSecond, 1), '—', '—'],
    })),
  ];
  // The one leaderboard order (app/evaluate/ranking.ts): the report and the app rank the same way.
  const ranked = rankModels(entries, primary);
  const rows = ranked.map((m, i) => [
    String(i + 1),
    m.label,
    ...columns.map((name) => fmtMeanCi(m.metrics[name], name)),
    ...m.cells,
  ]);
  const header = ['#', 'model', ...columns.map((c) => labels[c]), 'gap', 'fit', 'row p50', 'rows/s', 'size', 'saved'];
  const split =
    result.settings.holdout !== undefined
      ? `holdout ${result.settings.holdout}`
      : `${result.settings.folds}-fold CV${result.settings.repeats ? ` × ${result.settings.repeats} repeats` : ''}`;
  const lines = [
    `${result.dataset.fileName}: ${fmtCount(result.dataset.rows)} rows, ${result.dataset.features.length} features, target '${result.dataset.target}' (${result.dataset.task}${classification ? `, ${result.dataset.classes?.length} classes` : ''}), ${split}, seed ${result.settings.seed}`,
    '',
    formatTable(
      header,
      rows,
      header.map((_, j) => j !== 1),
    ),
    '',
    `${result.settings.holdout !== undefined ? 'one holdout split: no interval can be estimated (use --folds for one)' : result.settings.repeats ? '± is half the 95% interval over all folds of all repeats (optimistic: the splits overlap; the verdicts below correct for that)' : '± is half the 95% interval over folds'}; gap = train − test ${labels[primary]}; fit = seconds per fold; row p50 = median single-row prediction latency.`,
  ];
  if (result.llm)
    lines.push(
      `* the LLM${result.llm.variants?.length ? ' and its prompt variants are' : ' is'} scored on ${fmtCount(result.llm.sampleRows)} sampled test rows of the same folds; its row p50 is the request latency (see below).`,
    );
  for (const m of trainedModels(result).filter((r) => r.preTrained))
    lines.push(
      `${m.label}: ${m.preTrained!.note} — scored as it is on each held-out fold, not refitted (SHA-256 ${m.preTrained!.sha256.slice(0, 12)}…).`,
    );
  lines.push(`ranked by ${result.primaryMetricReason ?? labels[primary]}.`);
  lines.push(...renderClassReports(result));
  lines.push(...renderExplanations(result));
  if (result.warnings.length > 0) lines.push('', 'warnings:', ...result.warnings.map((w) => `  - ${w.message}`));
  return lines.join('\n');
}
