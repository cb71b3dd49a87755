/**
 * Reports, projects and the run log in the renderer: File › Save Project / Open Project, Export → HTML/PDF
 * report, and the run log the Compare screen lists. Main does the work (main/handlers/project.ts); this hook
 * calls the bridge, shows what happened, and fires the app events the end-to-end tests wait on.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ChosenThreshold } from '../../../app/answer/threshold.js';
import type { FileGrant, IpcError, RunInfo, RunLogInfo } from '../../../app/ipc/contract.js';
import { bridge, call, hasBridge } from '../bridge.js';
import type { AppEventKey } from '../events.js';

interface Deps {
  readonly run: RunInfo | null;
  /** Decision thresholds chosen on the Compare screen: the exported report shows them. */
  readonly thresholds: readonly ChosenThreshold[];
  readonly showError: (context: string, error: IpcError) => void;
  readonly setNotice: (text: string | null) => void;
  readonly queueEvent: (name: AppEventKey, detail?: unknown) => void;
  /** Load the opened project's data file, then choose its target and show `notice`. */
  readonly openData: (file: FileGrant, target: string | null, notice: string) => void;
}

export function useProject({ run, thresholds, showError, setNotice, queueEvent, openData }: Deps) {
  const [runLog, setRunLog] = useState<RunLogInfo | null>(null);

  const refreshRunLog = useCallback(async () => {
    if (!hasBridge()) return;
    const res = await call(() => bridge().getRunLog({}));
    if (res.ok) setRunLog(res.value);
  }, []);
  // A finished run is in the log by the time runCompare answers. (Nothing to ask at start-up: the log starts empty.)
  useEffect(() => {
    if (run !== null) void refreshRunLog();
  }, [refreshRunLog, run]);

  const exportReport = useCallback(
    async (format: 'html' | 'pdf') => {
      if (run === null) return;
      const res = await call(() =>
        bridge().exportReport({
          runId: run.runId,
          format,
          ...(thresholds.length > 0 ? { thresholds: [...thresholds] } : {}),
        }),
      );
      if (!res.ok) return showError(`Could not export the ${format.toUpperCase()} report`, res.error);
      if (res.value === null) return;
      setNotice(`Saved the ${format.toUpperCase()} report to ${res.value.path}`);
      queueEvent('reportExported', { runId: run.runId, format, path: res.value.path, bytes: res.value.bytes });
    },
    [run, thresholds, queueEvent, setNotice, showError],
  );

  const saveProject = useCallback(
    async (saveAs = false) => {
      const res = await call(() => bridge().saveProject(saveAs ? { saveAs } : {}));
      if (!res.ok) return showError('Could not save the project', res.error);
      if (res.value === null) return;
      setNotice(`Saved the project to ${res.value.path}`);
      await refreshRunLog();
      queueEvent('projectSaved', { path: res.value.path });
    },
    [queueEvent, refreshRunLog, setNotice, showError],
  );

  const openProject = useCallback(async () => {
    const res = await call(() => bridge().openProject({}));
    if (!res.ok) return showError('Could not open the project', res.error);
    const p = res.value;
    if (p === null) return;
    setRunLog(p.runLog);
    const runs = p.runLog.entries.length;
    const chain = p.runLog.verified ? 'its chain verifies' : `its chain is BROKEN at ${p.runLog.problem ?? 'a record'}`;
    const notice = `Opened project ${p.name}: ${runs} run${runs === 1 ? '' : 's'} in its log, ${chain}.${p.dataNote ? ` ${p.dataNote}` : ''}`;
    setNotice(notice);
    queueEvent('projectOpened', { path: p.path, runs, dataNote: p.dataNote, verified: p.runLog.verified });
    // A changed or missing data file is not loaded: the notice says why, and the project's results stay as saved.
    if (p.dataPath !== null && p.dataToken !== null && p.dataNote === null)
      openData(
        { path: p.dataPath, fileName: p.dataPath.split(/[\\/]/).pop() ?? p.dataPath, token: p.dataToken },
        p.target,
        notice,
      );
  }, [openData, queueEvent, setNotice, showError]);

  return { runLog, exportReport, saveProject, openProject };
}
