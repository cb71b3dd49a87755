/**
 * The desktop workbench: Data → Models → Compare → Inspect. All state lives here; screens get what they
 * show and callbacks. Every bridge call resolves to a Result; errors become a dismissible banner and
 * cancellation a neutral notice, and the app stays usable either way.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  DatasetInfo,
  DecisionCardView,
  FileGrant,
  InspectResult,
  IpcError,
  MenuCommand,
  ModelCurves,
  ModelInfo,
  RecentFile,
  RunInfo,
  SampleInfo,
} from '../../app/ipc/contract.js';
import type { DatasetProfile } from '../../app/data/profile.js';
import { bridge, call, hasBridge, newOperationId } from './bridge.js';
import { emitAppEvent, setAppState, type AppEventKey } from './events.js';
import { buildCompareRequest } from './lib/run-request.js';
import type { CliSettings } from './lib/cli-command.js';
import { paramText } from './lib/params.js';
import { defaultIncluded } from './lib/columns.js';
import {
  DEFAULT_SELECTED_MODELS,
  DEFAULT_SETTINGS,
  type Busy,
  type ModelId,
  type ModelSettings,
  type Screen,
  type ShownError,
} from './types.js';
import { Nav, type StepInfo } from './components/Nav.js';
import { ProgressPanel } from './components/ProgressPanel.js';
import { ErrorBanner, NoticeBanner } from './components/Banners.js';
import { DataScreen } from './components/data/DataScreen.js';
import { ModelsScreen } from './components/models/ModelsScreen.js';
import { CompareScreen } from './components/compare/CompareScreen.js';
import { InspectScreen } from './components/inspect/InspectScreen.js';
import { LlmPanel } from './components/llm/LlmPanel.js';
import { LlmConfirm } from './components/llm/LlmConfirm.js';
import { useLlm } from './components/llm/use-llm.js';
import { RunLogPanel } from './project/RunLogPanel.js';
import { useProject } from './project/useProject.js';

type Source = { kind: 'sample'; name: string } | { kind: 'file'; token: string };

export function App() {
  const [screen, setScreen] = useState<Screen>('data');
  const [ready, setReady] = useState(false);
  const [samples, setSamples] = useState<readonly SampleInfo[]>([]);
  const [models, setModels] = useState<readonly ModelInfo[]>([]);
  const [recent, setRecent] = useState<readonly RecentFile[]>([]);
  const [dataset, setDataset] = useState<DatasetInfo | null>(null);
  const [target, setTarget] = useState('');
  const [targetProfile, setTargetProfile] = useState<DatasetProfile | null>(null);
  const [profiling, setProfiling] = useState(false);
  const [included, setIncluded] = useState<ReadonlySet<string>>(new Set());
  const [settings, setSettings] = useState<ModelSettings>(DEFAULT_SETTINGS);
  const [run, setRun] = useState<RunInfo | null>(null);
  const [runCli, setRunCli] = useState<CliSettings | null>(null);
  const [curves, setCurves] = useState<ReadonlyMap<string, ModelCurves>>(new Map());
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [inspectRow, setInspectRow] = useState<number | null>(null);
  const [inspect, setInspect] = useState<InspectResult | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const [card, setCard] = useState<DecisionCardView | null>(null);
  const [explaining, setExplaining] = useState(false);
  const [dragging, setDragging] = useState(false);

  // ---- app events: queued by actions, fired after React has committed what they announce ----
  const pendingEvents = useRef<[AppEventKey, unknown][]>([]);
  const [eventTick, setEventTick] = useState(0);
  const queueEvent = useCallback((name: AppEventKey, detail: unknown = {}) => {
    pendingEvents.current.push([name, detail]);
    setEventTick((t) => t + 1);
  }, []);
  useEffect(() => {
    const events = pendingEvents.current.splice(0);
    for (const [name, detail] of events) emitAppEvent(name, detail);
  }, [eventTick]);

  const appState = !ready
    ? 'starting'
    : busy?.kind === 'load'
      ? 'loading'
      : busy?.kind === 'compare'
        ? 'training'
        : profiling
          ? 'profiling'
          : inspecting || explaining
            ? 'inspecting'
            : 'idle';
  useEffect(() => setAppState(appState), [appState]);

  const showError = useCallback(
    (context: string, err: IpcError) => {
      setError({ context, error: err });
      queueEvent('error', {
        code: err.code,
        message: err.message,
        ...(err.location ? { location: err.location } : {}),
      });
    },
    [queueEvent],
  );

  // ---- start-up: samples, models, recent files ----
  useEffect(() => {
    let live = true;
    (async () => {
      if (!hasBridge()) {
        setReady(true);
        showError('Sapling cannot reach its engine', {
          code: 'INTERNAL',
          message: 'window.sapling is missing: the preload script did not run.',
        });
        return;
      }
      const [s, m, r] = await Promise.all([
        call(() => bridge().listSamples({})),
        call(() => bridge().listModels({})),
        call(() => bridge().listRecent({})),
      ]);
      if (!live) return;
      if (s.ok) setSamples(s.value);
      else showError('Could not list the sample datasets', s.error);
      if (m.ok) {
        setModels(m.value);
        setSettings((prev) => ({
          ...prev,
          selected: Object.fromEntries(
            m.value.map((x) => [x.id, defaultsListed(m.value) ? DEFAULT_SELECTED_MODELS.includes(x.id) : true]),
          ),
          params: Object.fromEntries(
            m.value.map((x) => [
              x.id,
              Object.fromEntries(Object.entries(x.defaults).map(([k, v]) => [k, paramText(v)])),
            ]),
          ),
        }));
      } else showError('Could not list the models', m.error);
      if (r.ok) setRecent(r.value);
      setReady(true);
      queueEvent('ready');
    })();
    return () => {
      live = false;
    };
  }, [queueEvent, showError]);

  // ---- progress events, for the current operation only ----
  const busyRef = useRef<Busy | null>(null);
  busyRef.current = busy;
  useEffect(() => {
    if (!hasBridge()) return;
    return bridge().onProgress((event) => {
      setBusy((b) =>
        b !== null && b.operationId === event.operationId
          ? { ...b, progress: event, progressAt: performance.now() }
          : b,
      );
    });
  }, []);

  // ---- target profiling (class balance, leakage) ----
  const profileSeq = useRef(0);
  const profileTarget = useCallback(
    async (info: DatasetInfo, name: string) => {
      const seq = ++profileSeq.current;
      setProfiling(true);
      const res = await call(() => bridge().profileTarget({ datasetId: info.datasetId, target: name }));
      if (seq !== profileSeq.current) return;
      setProfiling(false);
      if (res.ok) {
        setTargetProfile(res.value);
        queueEvent('targetProfiled', { datasetId: info.datasetId, target: name, task: res.value.target?.task });
      } else {
        setTargetProfile(null);
        showError(`Could not profile target '${name}'`, res.error);
      }
    },
    [queueEvent, showError],
  );

  // ---- loading a dataset ----
  const load = useCallback(
    async (source: Source, label: string) => {
      if (busyRef.current !== null) return;
      const operationId = newOperationId('load');
      const b: Busy = { kind: 'load', operationId, startedAt: performance.now(), label: `Loading ${label}` };
      busyRef.current = b;
      setBusy(b);
      setError(null);
      setNotice(null);
      const res = await call(() => bridge().loadDataset({ operationId, source }));
      busyRef.current = null;
      setBusy(null);
      if (!res.ok) {
        if (res.error.code === 'CANCELLED') {
          setNotice(`Loading ${label} was cancelled. The previous state is unchanged.`);
          queueEvent('cancelled', { operationId, kind: 'load' });
        } else showError(`Could not load ${label}`, res.error);
        return;
      }
      const info = res.value;
      setDataset(info);
      setTarget(info.suggestedTarget);
      setTargetProfile(null);
      setIncluded(defaultIncluded(info.profile.columns, info.suggestedTarget));
      setRun(null);
      setRunCli(null);
      setCurves(new Map());
      setInspect(null);
      setInspectRow(null);
      setCard(null);
      setScreen('data');
      queueEvent('datasetLoaded', {
        datasetId: info.datasetId,
        fileName: info.fileName,
        rows: info.rows,
        columns: info.columnNames.length,
      });
      // The load's profile already has the suggested target's class balance and leakage warnings.
      if (info.profile.target?.name === info.suggestedTarget) {
        setTargetProfile(info.profile);
        queueEvent('targetProfiled', {
          datasetId: info.datasetId,
          target: info.suggestedTarget,
          task: info.profile.target.task,
        });
      } else void profileTarget(info, info.suggestedTarget);
      if (source.kind === 'file') {
        const r = await call(() => bridge().listRecent({}));
        if (r.ok) setRecent(r.value);
      }
    },
    [profileTarget, queueEvent, showError],
  );

  const loadSample = useCallback((name: string) => void load({ kind: 'sample', name }, `sample '${name}'`), [load]);
  // Files of the user's are opened by the token main granted for them (the renderer never names a path).
  const loadPath = useCallback(
    (file: FileGrant) => void load({ kind: 'file', token: file.token }, file.fileName),
    [load],
  );
  const openFile = useCallback(async () => {
    if (busyRef.current !== null) return;
    const res = await call(() => bridge().chooseFile({}));
    if (!res.ok) return showError('Could not open the file dialog', res.error);
    if (res.value !== null) loadPath(res.value);
  }, [loadPath, showError]);

  const exportResult = useCallback(async () => {
    if (run === null) return;
    const res = await call(() => bridge().exportResult({ runId: run.runId }));
    if (!res.ok) return showError('Could not export the comparison', res.error);
    if (res.value === null) return; // the user closed the save dialog
    setNotice(`Saved the comparison to ${res.value.path}`);
    queueEvent('resultExported', { runId: run.runId, path: res.value.path });
  }, [run, queueEvent, showError]);

  const chooseTarget = useCallback(
    (name: string) => {
      if (dataset === null) return;
      setTarget(name);
      setIncluded((prev) => {
        const next = new Set(prev);
        next.delete(name);
        if (target !== '' && target !== name && defaultIncluded(dataset.profile.columns, name).has(target))
          next.add(target);
        return next;
      });
      void profileTarget(dataset, name);
    },
    [dataset, profileTarget, target],
  );

  // ---- training ----
  const exclude = useMemo(() => {
    if (dataset === null) return [];
    const auto = new Set(
      dataset.profile.columns.filter((c) => c.type === 'identifier' || c.type === 'constant').map((c) => c.name),
    );
    return dataset.columnNames.filter((n) => n !== target && !auto.has(n) && !included.has(n));
  }, [dataset, included, target]);

  const built = useMemo(
    () =>
      buildCompareRequest(settings, models, {
        fileName: dataset?.fileName ?? '',
        target,
        exclude,
        columns: dataset?.columnNames ?? [],
      }),
    [dataset, exclude, models, settings, target],
  );

  // The LLM baseline: settings, estimate, and the confirmation before a paid run (which then starts the run).
  const trainRef = useRef<(confirmed: boolean) => Promise<void>>(async () => undefined);
  const runConfirmed = useCallback(() => void trainRef.current(true), []);
  const llm = useLlm(dataset, built.body, showError, runConfirmed, screen === 'models');

  const train = useCallback(
    async (confirmed = false) => {
      if (busyRef.current !== null || dataset === null || built.body === undefined) return;
      if (!confirmed && !(await llm.beforeRun())) return;
      const operationId = newOperationId('compare');
      const b: Busy = {
        kind: 'compare',
        operationId,
        startedAt: performance.now(),
        label: `Training ${built.body.models.length} model${built.body.models.length === 1 ? '' : 's'}${llm.enabled ? ' and asking the LLM' : ''} on ${dataset.fileName}`,
      };
      busyRef.current = b;
      setBusy(b);
      setError(null);
      setNotice(null);
      queueEvent('compareStarted', { operationId });
      const body = built.body;
      const res = await call(() =>
        bridge().runCompare({
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
          ...(llm.enabled ? { llm: true } : {}),
        }),
      );
      busyRef.current = null;
      setBusy(null);
      if (!res.ok) {
        if (res.error.code === 'CANCELLED') {
          setNotice('Training was cancelled. Nothing was changed; adjust the settings or train again.');
          queueEvent('cancelled', { operationId, kind: 'compare' });
        } else showError(`Training on ${dataset.fileName} failed`, res.error);
        return;
      }
      const info = res.value;
      setRun(info);
      setRunCli(
        built.cli ? { ...built.cli, ...(llm.enabled && llm.view?.settings ? { llm: llm.view.settings } : {}) } : null,
      );
      setCurves(new Map());
      setInspect(null);
      setCard(null);
      setScreen('compare');
      queueEvent('compareDone', { runId: info.runId, models: info.result.models.map((m) => m.id) });
      const all = await Promise.all(
        info.result.models.map((m) => call(() => bridge().getCurves({ runId: info.runId, modelId: m.id }))),
      );
      const map = new Map<string, ModelCurves>();
      all.forEach((r, i) => {
        if (r.ok) map.set(info.result.models[i].id, r.value);
      });
      const failed = all.find((r) => !r.ok);
      if (failed !== undefined && !failed.ok) showError('Could not compute the ROC / prediction curves', failed.error);
      setCurves(map);
      for (const modelId of map.keys()) queueEvent('curvesShown', { runId: info.runId, modelId });
    },
    [built, dataset, llm, queueEvent, showError],
  );
  trainRef.current = train;

  const cancel = useCallback(async () => {
    const b = busyRef.current;
    if (b === null || b.cancelling) return;
    setBusy({ ...b, cancelling: true });
    const res = await call(() => bridge().cancel({ operationId: b.operationId }));
    if (!res.ok) showError('Could not cancel', res.error);
  }, [showError]);

  // ---- inspect: the per-decision card and what-if ----
  const explainSeq = useRef(0);
  const explain = useCallback(
    async (row: number, values?: Record<string, string>) => {
      if (run === null) return;
      const seq = ++explainSeq.current;
      setExplaining(true);
      const res = await call(() => bridge().explainRow({ runId: run.runId, row, ...(values ? { values } : {}) }));
      if (seq !== explainSeq.current) return;
      setExplaining(false);
      if (!res.ok)
        return showError(values ? 'Could not apply the what-if' : `Could not explain row ${row + 1}`, res.error);
      setCard(res.value);
      queueEvent('rowExplained', {
        runId: run.runId,
        row,
        edited: res.value.edited,
        predictions: Object.fromEntries(res.value.models.map((m) => [m.id, m.prediction])),
        scores: Object.fromEntries(res.value.models.map((m) => [m.id, m.score])),
        ...(res.value.llm
          ? {
              llm: res.value.llm.asked
                ? { asked: true, prediction: res.value.llm.prediction, stale: res.value.llm.stale }
                : { asked: false },
            }
          : {}),
      });
    },
    [queueEvent, run, showError],
  );

  const inspectSeq = useRef(0);
  const doInspect = useCallback(
    async (row: number) => {
      setInspectRow(row);
      if (run === null) return;
      const seq = ++inspectSeq.current;
      setInspecting(true);
      const res = await call(() => bridge().inspectRow({ runId: run.runId, row }));
      if (seq !== inspectSeq.current) return;
      setInspecting(false);
      if (!res.ok) {
        setInspect(null);
        return showError(`Could not inspect row ${row + 1}`, res.error);
      }
      setInspect(res.value);
      queueEvent('rowInspected', {
        runId: run.runId,
        row,
        models: res.value.predictions.map((p) => p.modelId),
        treePath: res.value.tree?.path ?? [],
      });
      void explain(row);
    },
    [explain, queueEvent, run, showError],
  );

  const pickRowFromPreview = useCallback(
    (row: number) => {
      setInspectRow(row);
      if (run !== null) {
        setScreen('inspect');
        void doInspect(row);
      }
    },
    [doInspect, run],
  );

  // ---- reports, projects, run log (renderer/src/project) ----
  // An opened project's target is chosen once its data file has loaded.
  // (Loading clears the banners, so the project's notice is shown again once its data is in.)
  const pendingProject = useRef<{ target: string | null; notice: string } | null>(null);
  const openProjectData = useCallback((file: FileGrant, projectTarget: string | null, projectNotice: string) => {
    pendingProject.current = { target: projectTarget, notice: projectNotice };
    loadPathRef.current(file);
  }, []);
  useEffect(() => {
    const pending = pendingProject.current;
    if (dataset === null || pending === null) return;
    pendingProject.current = null;
    setNotice(pending.notice);
    if (pending.target !== null && dataset.columnNames.includes(pending.target) && pending.target !== target)
      chooseTarget(pending.target);
  }, [chooseTarget, dataset, target]);
  const project = useProject({ run, showError, setNotice, queueEvent, openData: openProjectData });

  // ---- steps ----
  const steps: StepInfo[] = [
    { id: 'data', label: 'Data', enabled: true, hint: dataset ? `${dataset.fileName}` : 'Open a CSV or a sample' },
    {
      id: 'models',
      label: 'Models',
      enabled: dataset !== null,
      hint: dataset ? 'Choose models and folds' : 'Load a dataset first',
    },
    {
      id: 'compare',
      label: 'Compare',
      enabled: run !== null,
      hint: run
        ? `${run.result.models.length} models compared`
        : dataset
          ? 'Train & compare on the Models step first'
          : 'Load a dataset, then train',
    },
    {
      id: 'inspect',
      label: 'Inspect',
      enabled: run !== null,
      hint: run ? 'One row, every model' : 'Train models first',
    },
  ];
  const stepsRef = useRef(steps);
  stepsRef.current = steps;
  const go = useCallback((s: Screen) => {
    if (stepsRef.current.find((x) => x.id === s)?.enabled) setScreen(s);
  }, []);

  // ---- menu commands ----
  const openFileRef = useRef(openFile);
  openFileRef.current = openFile;
  const exportRef = useRef(exportResult);
  exportRef.current = exportResult;
  const projectRef = useRef(project);
  projectRef.current = project;
  useEffect(() => {
    if (!hasBridge()) return;
    return bridge().onMenuCommand((command: MenuCommand) => {
      if (command === 'open-file') void openFileRef.current();
      else if (command === 'export-result') void exportRef.current();
      else if (command === 'export-report-html') void projectRef.current.exportReport('html');
      else if (command === 'export-report-pdf') void projectRef.current.exportReport('pdf');
      else if (command === 'save-project') void projectRef.current.saveProject();
      else if (command === 'save-project-as') void projectRef.current.saveProject(true);
      else if (command === 'open-project') void projectRef.current.openProject();
      else if (command === 'show-data') go('data');
      else if (command === 'show-models') go('models');
      else if (command === 'show-compare') go('compare');
      else if (command === 'show-inspect') go('inspect');
    });
  }, [go]);

  const loadPathRef = useRef(loadPath);
  loadPathRef.current = loadPath;

  // ---- files to open from outside the page (File › Open Recent, the OS) ----
  useEffect(() => {
    if (!hasBridge() || typeof bridge().onOpenPath !== 'function') return;
    return bridge().onOpenPath((file) => loadPathRef.current(file));
  }, []);

  // ---- drag and drop a CSV anywhere on the window ----
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = busyRef.current ? 'none' : 'copy';
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file === undefined || busyRef.current !== null) return;
      const upload = hasBridge() ? bridge().uploadFile : undefined;
      if (upload !== undefined) {
        // Browser mode: the file's bytes go to the server, which answers with a grant for its copy.
        void upload(file).then((res) => {
          if (!res.ok) showError(`Could not open ${file.name}`, res.error);
          else if (res.value !== null) loadPathRef.current(res.value);
        });
        return;
      }
      void (hasBridge() ? bridge().grantDroppedFile(file) : Promise.resolve(undefined)).then((grant) => {
        if (grant === undefined)
          showError(`Could not open ${file.name}`, {
            code: 'BAD_INPUT',
            message: 'Dropped files can only be opened in the desktop app. Use “Open CSV file…” instead.',
          });
        else if (!grant.ok) showError(`Could not open ${file.name}`, grant.error);
        else loadPathRef.current(grant.value);
      });
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [showError]);

  // Move focus to the new screen's heading so keyboard and screen-reader users land where the content is.
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
    queueEvent('viewChanged', { view: screen });
  }, [queueEvent, screen]);

  return (
    <div className="app">
      <Nav steps={steps} current={screen} onSelect={go} />
      <main className="main" ref={mainRef}>
        <div className="banners">
          {busy && <ProgressPanel busy={busy} onCancel={() => void cancel()} />}
          {error && <ErrorBanner shown={error} onDismiss={() => setError(null)} />}
          {notice && <NoticeBanner text={notice} onDismiss={() => setNotice(null)} />}
        </div>
        {screen === 'data' && (
          <DataScreen
            busy={busy !== null}
            samples={samples}
            recent={recent}
            dataset={dataset}
            target={target}
            targetProfile={targetProfile}
            profiling={profiling}
            included={included}
            selectedRow={inspectRow}
            hasRun={run !== null}
            onOpenFile={() => void openFile()}
            onLoadSample={loadSample}
            onLoadPath={loadPath}
            onChooseTarget={chooseTarget}
            onToggleColumn={(name, on) =>
              setIncluded((prev) => {
                const next = new Set(prev);
                if (on) next.add(name);
                else next.delete(name);
                return next;
              })
            }
            onPickRow={pickRowFromPreview}
            onNext={() => go('models')}
          />
        )}
        {screen === 'data' && project.runLog && project.runLog.entries.length > 0 && (
          <div className="screen">
            <RunLogPanel log={project.runLog} />
          </div>
        )}
        {screen === 'models' && dataset && (
          <ModelsScreen
            dataset={dataset}
            target={target}
            featureCount={featureCount(dataset, target, included)}
            task={targetProfile?.target?.task}
            models={models}
            settings={settings}
            onChange={setSettings}
            built={
              llm.enabled && llm.view?.settings && built.cli
                ? { ...built, cli: { ...built.cli, llm: llm.view.settings } }
                : built
            }
            busy={busy !== null}
            onTrain={() => void train()}
            llmPanel={
              <LlmPanel
                view={llm.view}
                enabled={llm.enabled}
                onEnable={llm.setEnabled}
                onSave={llm.save}
                onTest={llm.test}
                estimate={llm.estimate}
                estimating={llm.estimating}
                rows={dataset.rows}
                onPreview={llm.preview}
                busy={busy !== null}
              />
            }
            trainNote={llm.confirming ? <LlmConfirm estimate={llm.confirming} onAnswer={llm.answer} /> : null}
          />
        )}
        {screen === 'compare' && run && (
          <CompareScreen
            run={run}
            curves={curves}
            cli={runCli}
            onInspect={() => go('inspect')}
            onExport={() => void exportResult()}
            onExportReport={(format) => void project.exportReport(format)}
            footer={project.runLog && project.runLog.entries.length > 0 ? <RunLogPanel log={project.runLog} /> : null}
          />
        )}
        {screen === 'inspect' && run && (
          <InspectScreen
            run={run}
            rows={dataset?.rows ?? 0}
            row={inspectRow}
            result={inspect}
            loading={inspecting}
            onInspect={(r) => void doInspect(r)}
            card={card}
            explaining={explaining}
            onWhatIf={(values) => inspectRow !== null && void explain(inspectRow, values)}
          />
        )}
      </main>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div>Drop a CSV file to load it</div>
        </div>
      )}
    </div>
  );
}

function defaultsListed(models: readonly ModelInfo[]): boolean {
  return models.some((m) => DEFAULT_SELECTED_MODELS.includes(m.id));
}

function featureCount(dataset: DatasetInfo, target: string, included: ReadonlySet<string>): number {
  return dataset.columnNames.filter((n) => n !== target && included.has(n)).length;
}
