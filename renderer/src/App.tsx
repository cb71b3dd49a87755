/**
 * The desktop workbench: Data → Models → Compare → Inspect. App wires the state hooks (renderer/src/state,
 * one per concern) to the screens; screens get what they show and callbacks. Every bridge call resolves to a
 * Result; errors become a dismissible banner and cancellation a neutral notice, and the app stays usable.
 */
import { useState } from 'react';
import type { Screen } from './types.js';
import { Nav } from './components/Nav.js';
import { PartialResults } from './components/PartialResults.js';
import { ProgressPanel } from './components/ProgressPanel.js';
import { ErrorBanner, NoticeBanner } from './components/Banners.js';
import { DataScreen } from './components/data/DataScreen.js';
import { ModelsScreen } from './components/models/ModelsScreen.js';
import { TestFilePanel } from './components/models/TestFilePanel.js';
import { CompareScreen } from './components/compare/CompareScreen.js';
import { InspectScreen } from './components/inspect/InspectScreen.js';
import { LlmPanel } from './components/llm/LlmPanel.js';
import { LlmConfirm } from './components/llm/LlmConfirm.js';
import { suggested } from './components/llm/llm-draft.js';
import type { LlmUserSettings } from '../../app/ipc/contract.js';
import { RunLogPanel } from './project/RunLogPanel.js';
import { useProject } from './project/useProject.js';
import { useAppEvents, useAppState, usePartialEvents } from './state/use-app-events.js';
import { useBanners } from './state/use-banners.js';
import { useBusy } from './state/use-busy.js';
import { useCatalog } from './state/use-catalog.js';
import { useDataset } from './state/use-dataset.js';
import { useInspection } from './state/use-inspection.js';
import { useMenuCommands } from './state/use-menu.js';
import { useModelFiles } from './state/use-model-files.js';
import { useModelSettings } from './state/use-model-settings.js';
import { useFileDrop, useOpenPath } from './state/use-outside-files.js';
import { useProjectData } from './state/use-project-data.js';
import { stepsFor, useGo, useScreenFocus } from './state/use-steps.js';
import { useThresholds } from './state/use-thresholds.js';
import { useTraining } from './state/use-training.js';

export function App() {
  const queueEvent = useAppEvents();
  const [screen, setScreen] = useState<Screen>('data');
  const banners = useBanners(queueEvent, screen);
  const { feedback } = banners;
  const form = useModelSettings();
  const catalog = useCatalog(feedback, form.initFrom);
  const busy = useBusy(feedback.showError);
  usePartialEvents(busy.partial, queueEvent);
  const data = useDataset({ busy, feedback, setScreen, refreshRecent: catalog.refreshRecent });
  const { dataset } = data;
  const modelFiles = useModelFiles(feedback);
  const training = useTraining({
    data,
    models: catalog.models,
    modelFiles: modelFiles.files,
    settings: form.settings,
    busy,
    feedback,
    screen,
    setScreen,
  });
  const { run, llm } = training;
  const inspection = useInspection({ dataset, run, feedback, setScreen });
  const openProjectData = useProjectData(data, feedback.setNotice);
  const thresholds = useThresholds(run?.runId ?? null);
  const project = useProject({ run, thresholds: thresholds.list, ...feedback, openData: openProjectData });

  // "Add an LLM" on Compare opens the LLM form on Models, prefilled when nothing is saved yet.
  const [llmOpen, setLlmOpen] = useState<{ seq: number; prefill: LlmUserSettings } | null>(null);
  const steps = stepsFor(dataset, run);
  const go = useGo(steps, setScreen);
  useMenuCommands({
    openFile: data.openFile,
    openModel: modelFiles.openModel,
    exportResult: training.exportResult,
    exportReport: project.exportReport,
    saveProject: project.saveProject,
    openProject: project.openProject,
    go,
  });
  useOpenPath(data.loadPath);
  const dragging = useFileDrop({ isBusy: busy.isBusy, showError: feedback.showError, loadPath: data.loadPath });
  const mainRef = useScreenFocus(screen, queueEvent);
  useAppState({
    ready: catalog.ready,
    busy: busy.busy,
    profiling: data.profiling,
    inspecting: inspection.inspecting || inspection.explaining,
  });

  const isBusy = busy.busy !== null;
  const runLog = project.runLog && project.runLog.entries.length > 0 ? <RunLogPanel log={project.runLog} /> : null;
  return (
    <div className="app">
      <Nav steps={steps} current={screen} onSelect={go} />
      <main className="main" ref={mainRef}>
        <div className="banners">
          {busy.busy && <ProgressPanel busy={busy.busy} feed={busy.progress} onCancel={() => void busy.cancel()} />}
          {banners.error && <ErrorBanner shown={banners.error} onDismiss={banners.dismissError} />}
          {banners.notice && <NoticeBanner text={banners.notice} onDismiss={banners.dismissNotice} />}
        </div>
        {busy.partial && (
          <div className="screen partial-screen">
            <PartialResults run={busy.partial} />
          </div>
        )}
        {screen === 'data' && (
          <DataScreen
            busy={isBusy}
            samples={catalog.samples}
            recent={catalog.recent}
            dataset={dataset}
            target={data.target}
            targetProfile={data.targetProfile}
            profiling={data.profiling}
            included={data.included}
            selectedRow={inspection.inspectRow}
            hasRun={run !== null}
            onOpenFile={() => void data.openFile()}
            onLoadSample={data.loadSample}
            onLoadPath={data.loadPath}
            onReopen={data.reopen}
            onChooseTarget={data.chooseTarget}
            {...(data.targetProblem !== undefined ? { targetProblem: data.targetProblem } : {})}
            confirmed={data.confirmed}
            onConfirmTarget={data.confirmTarget}
            onExclude={data.excludeColumns}
            onToggleColumn={data.toggleColumn}
            onPickRow={inspection.pickRow}
            onNext={() => go('models')}
          />
        )}
        {screen === 'data' && runLog && <div className="screen">{runLog}</div>}
        {screen === 'models' && dataset && (
          <ModelsScreen
            dataset={dataset}
            target={data.target}
            featureCount={data.featureCount}
            task={data.targetProfile?.target?.task}
            models={catalog.models}
            settings={form.settings}
            onChange={form.setSettings}
            built={training.built}
            modelFiles={modelFiles.files}
            onOpenModel={() => void modelFiles.openModel()}
            onRemoveModel={modelFiles.removeModel}
            busy={isBusy}
            onTrain={() => void training.train()}
            testFilePanel={
              <TestFilePanel
                testFile={training.testFile}
                onChoose={() => void training.chooseTestFile()}
                onClear={training.clearTestFile}
                busy={isBusy}
              />
            }
            llmPanel={
              <LlmPanel
                view={llm.view}
                enabled={llm.enabled}
                onEnable={llm.setEnabled}
                onSave={llm.save}
                onTest={llm.test}
                onEstimateDraft={llm.estimateDraft}
                openRequest={llmOpen}
                estimate={llm.estimate}
                estimating={llm.estimating}
                rows={dataset.rows}
                onPreview={llm.preview}
                busy={isBusy}
              />
            }
            trainNote={llm.confirming ? <LlmConfirm estimate={llm.confirming} onAnswer={llm.answer} /> : null}
          />
        )}
        {screen === 'compare' && run && (
          <CompareScreen
            shown={training.shownSections}
            run={run}
            curves={training.curves}
            cli={training.runCli}
            onInspect={() => go('inspect')}
            onExport={() => void training.exportResult()}
            onExportReport={(format) => void project.exportReport(format)}
            onAddLlm={() => {
              setLlmOpen((r) => ({ seq: (r?.seq ?? 0) + 1, prefill: suggested() }));
              go('models');
            }}
            onExportModel={(modelId, format) => void training.exportModel(modelId, format)}
            busy={isBusy}
            footer={runLog}
            thresholds={thresholds}
          />
        )}
        {screen === 'inspect' && run && (
          <InspectScreen
            run={run}
            rows={dataset?.rows ?? 0}
            row={inspection.inspectRow}
            result={inspection.result}
            loading={inspection.inspecting}
            onInspect={(r) => void inspection.inspect(r)}
            card={inspection.card}
            explaining={inspection.explaining}
            onWhatIf={inspection.whatIf}
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
