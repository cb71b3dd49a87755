/**
 * Training and its outcome: the comparison request built from the Models form, the LLM baseline's state
 * (estimate and the confirmation before a paid run), the run itself (a cancellable operation with
 * progress), the finished run with its curves, and exporting it.
 */
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  DatasetInfo,
  FileGrant,
  ModelCurves,
  ModelExportFormat,
  ModelInfo,
  Request,
  RunInfo,
} from '../../../app/ipc/contract.js';
import type { RowId } from '../../../app/result/pre-trained.js';
import { bridge, call } from '../bridge.js';
import { useLlm } from '../components/llm/use-llm.js';
import { COMPARE_SECTIONS } from '../components/compare/CompareScreen.js';
import type { CliSettings } from '../lib/cli-command.js';
import { buildCompareRequest, type CompareRequestBody, type ModelFileRef } from '../lib/run-request.js';
import type { ModelId, ModelSettings, Screen } from '../types.js';
import type { Feedback } from './use-banners.js';
import type { BusyState } from './use-busy.js';
import type { DatasetState } from './use-dataset.js';
import { useReveal } from './use-reveal.js';
import { trainedModels } from '../../../app/evaluate/model-rows.js';

interface Deps {
  readonly data: Pick<DatasetState, 'dataset' | 'target' | 'exclude' | 'targetProblem' | 'nearConstantConfirmed'>;
  readonly models: readonly ModelInfo[];
  /** Pre-trained model files opened for the comparison (use-model-files.ts). */
  readonly modelFiles: readonly ModelFileRef[];
  readonly settings: ModelSettings;
  readonly busy: BusyState;
  readonly feedback: Feedback;
  readonly screen: Screen;
  readonly setScreen: (screen: Screen) => void;
}

/** A finished run, with what belongs to it; it is shown only while its dataset is the loaded one. */
interface Outcome {
  readonly datasetId: string;
  readonly run: RunInfo;
  /** The `sapling compare` command that reproduces it (null when the form could not be expressed as one). */
  readonly cli: CliSettings | null;
  readonly curves: ReadonlyMap<string, ModelCurves>;
}

export function useTraining({ data, models, modelFiles, settings, busy, feedback, screen, setScreen }: Deps) {
  const { dataset, target, exclude, targetProblem, nearConstantConfirmed } = data;
  const { isBusy, begin, end } = busy;
  const { showError, clearBanners, setNotice, queueEvent } = feedback;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { shown: shownSections, restart: restartReveal, whenRevealed } = useReveal(COMPARE_SECTIONS);
  const current = outcome !== null && outcome.datasetId === dataset?.datasetId ? outcome : null;

  const built = useMemo(
    () =>
      buildCompareRequest(
        settings,
        models,
        {
          fileName: dataset?.fileName ?? '',
          target,
          exclude,
          columns: dataset?.columnNames ?? [],
          ...(targetProblem !== undefined ? { targetProblem } : {}),
          ...(nearConstantConfirmed ? { confirmTarget: true } : {}),
        },
        modelFiles,
      ),
    [dataset, exclude, modelFiles, models, nearConstantConfirmed, settings, target, targetProblem],
  );

  // The LLM baseline: settings, estimate, and the confirmation before a paid run (which then starts the run).
  const trainRef = useRef<(confirmed: boolean) => Promise<void>>(async () => undefined);
  const runConfirmed = useCallback(() => void trainRef.current(true), []);
  const llm = useLlm(dataset, built.body, showError, runConfirmed, screen === 'models');
  const llmSettings = llm.enabled ? llm.view?.settings : undefined;

  // `--test-file`: another file every model is also scored on (chosen through the open dialog: a grant, like a dataset).
  const [testFile, setTestFile] = useState<FileGrant | null>(null);
  const chooseTestFile = useCallback(async () => {
    const res = await call(() => bridge().chooseFile({}));
    if (!res.ok) return showError('Could not open the file dialog', res.error);
    if (res.value !== null) setTestFile(res.value);
  }, [showError]);
  const withTestFile = (cli: CliSettings): CliSettings => (testFile ? { ...cli, testFile: testFile.fileName } : cli);
  // It was chosen to go with one dataset: another dataset starts without it.
  const datasetId = dataset?.datasetId;
  useEffect(() => setTestFile(null), [datasetId]);

  const train = useCallback(
    async (confirmed = false) => {
      if (isBusy() || dataset === null || built.body === undefined) return;
      if (!confirmed && !(await llm.beforeRun())) return;
      const body = built.body;
      const count = body.models.length + (body.modelFiles?.length ?? 0);
      const operationId = begin(
        'compare',
        `Training ${count} model${count === 1 ? '' : 's'}${llm.enabled ? ' and asking the LLM' : ''} on ${dataset.fileName}`,
      );
      clearBanners();
      queueEvent('compareStarted', { operationId });
      const request = compareRequest(operationId, dataset, body, llm.enabled);
      const res = await call(() =>
        bridge().runCompare(testFile ? { ...request, testFile: { token: testFile.token } } : request),
      );
      // A cancelled run keeps the leaderboard rows of the models that finished (use-busy's partial).
      end({ cancelled: !res.ok && res.error.code === 'CANCELLED' });
      if (!res.ok) {
        if (res.error.code === 'CANCELLED') {
          setNotice('Training was cancelled. Nothing was changed; adjust the settings or train again.');
          queueEvent('cancelled', { operationId, kind: 'compare' });
        } else showError(`Training on ${dataset.fileName} failed`, res.error);
        return;
      }
      const info = res.value;
      const cli = built.cli ? withTestFile({ ...built.cli, ...(llmSettings ? { llm: llmSettings } : {}) }) : null;
      // The Compare screen is the app's biggest render (leaderboard, charts, tables): as a transition React renders
      // it in slices, and its sections are committed one task at a time (use-reveal.ts); the event fires once the
      // last section is on screen.
      startTransition(() => {
        setOutcome({ datasetId: dataset.datasetId, run: info, cli, curves: new Map() });
        setScreen('compare');
        restartReveal(() =>
          queueEvent('compareDone', { runId: info.runId, models: info.result.models.map((m) => m.id) }),
        );
      });
      // Curves need out-of-fold predictions: trained models only (the LLM's rows have none).
      const trained = trainedModels(info.result);
      const all = await Promise.all(
        trained.map((m) => call(() => bridge().getCurves({ runId: info.runId, modelId: m.id }))),
      );
      const curves = new Map<string, ModelCurves>();
      all.forEach((r, i) => {
        if (r.ok) curves.set(trained[i].id, r.value);
      });
      const failed = all.find((r) => !r.ok);
      if (failed !== undefined && !failed.ok) showError('Could not compute the ROC / prediction curves', failed.error);
      whenRevealed(() =>
        startTransition(() => {
          setOutcome((o) => (o !== null && o.run === info ? { ...o, curves } : o));
          for (const modelId of curves.keys()) queueEvent('curvesShown', { runId: info.runId, modelId });
        }),
      );
    },
    [
      begin,
      built,
      clearBanners,
      dataset,
      end,
      isBusy,
      llm,
      llmSettings,
      queueEvent,
      restartReveal,
      setNotice,
      setScreen,
      showError,
      testFile,
      whenRevealed,
    ],
  );
  trainRef.current = train;

  const run = current?.run ?? null;
  const exportResult = useCallback(async () => {
    if (run === null) return;
    const res = await call(() => bridge().exportResult({ runId: run.runId }));
    if (!res.ok) return showError('Could not export the comparison', res.error);
    if (res.value === null) return; // the user closed the save dialog
    setNotice(`Saved the comparison to ${res.value.path}`);
    queueEvent('resultExported', { runId: run.runId, path: res.value.path });
  }, [run, queueEvent, setNotice, showError]);

  /** "Export the recommended model": fitted on every row (or the pre-trained file itself), saved as JSON, ONNX or SQL. */
  const exportModel = useCallback(
    async (modelId: RowId, format: ModelExportFormat) => {
      if (run === null || isBusy()) return;
      const label = run.result.models.find((m) => m.id === modelId)?.label ?? modelId;
      const operationId = begin('export', `Exporting ${label} as ${FORMAT_NAMES[format]}`);
      const res = await call(() => bridge().exportModel({ operationId, runId: run.runId, modelId, format }));
      end();
      if (!res.ok) {
        if (res.error.code === 'CANCELLED') return setNotice('The export was cancelled.');
        return showError(`Could not export ${label}`, res.error);
      }
      if (res.value === null) return; // the user closed the save dialog
      setNotice(`Saved ${label} as ${FORMAT_NAMES[format]} to ${res.value.path}`);
      queueEvent('modelExported', { runId: run.runId, modelId, format, ...res.value });
    },
    [begin, end, isBusy, queueEvent, run, setNotice, showError],
  );

  return {
    run,
    exportModel,
    runCli: current?.cli ?? null,
    curves: current?.curves ?? NO_CURVES,
    /** How many of the Compare screen's sections are on screen (they mount one task at a time after a run). */
    shownSections,
    /** The request as the Models screen shows it (its CLI line includes the LLM settings when the LLM is on). */
    built: built.cli
      ? { ...built, cli: withTestFile({ ...built.cli, ...(llmSettings ? { llm: llmSettings } : {}) }) }
      : built,
    llm,
    testFile,
    chooseTestFile,
    clearTestFile: () => setTestFile(null),
    train,
    exportResult,
  };
}

const NO_CURVES: ReadonlyMap<string, ModelCurves> = new Map();

export const FORMAT_NAMES: Readonly<Record<ModelExportFormat, string>> = {
  json: 'a Sapling model file',
  onnx: 'ONNX',
  sql: 'SQL',
};

function compareRequest(
  operationId: string,
  dataset: DatasetInfo,
  body: CompareRequestBody,
  llm: boolean,
): Request<'runCompare'> {
  return {
    operationId,
    datasetId: dataset.datasetId,
    target: body.target,
    ...(body.task ? { task: body.task } : {}),
    models: body.models as ModelId[],
    params: body.params,
    exclude: body.exclude,
    ...(body.folds !== undefined ? { folds: body.folds } : {}),
    ...(body.holdout !== undefined ? { holdout: body.holdout } : {}),
    seed: body.seed,
    ...(body.repeats !== undefined ? { repeats: body.repeats } : {}),
    ...(body.rope !== undefined ? { rope: body.rope } : {}),
    ...(body.calibrate !== undefined ? { calibrate: body.calibrate } : {}),
    ...(body.subgroups !== undefined ? { subgroups: body.subgroups } : {}),
    ...(body.confirmTarget ? { confirmTarget: true } : {}),
    ...(body.modelFiles ? { modelFiles: body.modelFiles } : {}),
    ...(llm ? { llm: true } : {}),
  };
}
