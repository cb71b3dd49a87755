/**
 * The Data screen's state: the loaded dataset, its target and the target's profile (class balance, leakage),
 * and which columns are features. Loading a file or a sample is a cancellable operation with progress.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { DatasetInfo, FileGrant } from '../../../app/ipc/contract.js';
import type { EncodingName } from '../../../app/data/text-input.js';
import type { DatasetProfile } from '../../../app/data/profile.js';
import { bridge, call } from '../bridge.js';
import { defaultFeatureNames } from '../lib/columns.js';
import type { Screen } from '../types.js';
import type { Feedback } from './use-banners.js';
import type { BusyState } from './use-busy.js';
import type { TargetVerdict } from '../../../app/data/target-check.js';
import type { TargetConfirmation } from '../components/data/ChecksPanel.js';

type Source = { kind: 'sample'; name: string } | { kind: 'file'; token: string };

interface Deps {
  readonly busy: BusyState;
  readonly feedback: Feedback;
  readonly setScreen: (screen: Screen) => void;
  /** Called after a user file loaded (main added it to the recent files). */
  readonly refreshRecent: () => Promise<void>;
}

export function useDataset({ busy, feedback, setScreen, refreshRecent }: Deps) {
  const { showError, clearBanners, setNotice, queueEvent } = feedback;
  const { isBusy, begin, end } = busy;
  const [dataset, setDataset] = useState<DatasetInfo | null>(null);
  const [target, setTarget] = useState('');
  const [targetProfile, setTargetProfile] = useState<DatasetProfile | null>(null);
  const [profiling, setProfiling] = useState(false);
  const [included, setIncluded] = useState<ReadonlySet<string>>(new Set());
  // Checks before training: the target is never taken silently — the user confirms it (a near-constant one twice).
  const [confirmed, setConfirmed] = useState<TargetConfirmation | null>(null);

  // The file on show and its label, to open it again with another encoding.
  const shown = useRef<{ source: Source; label: string } | null>(null);

  // Only the latest profiling answer counts (the user may pick targets faster than they are profiled).
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

  const load = useCallback(
    async (source: Source, label: string, encoding?: EncodingName) => {
      if (isBusy()) return;
      const operationId = begin('load', `Loading ${label}`);
      clearBanners();
      const res = await call(() => bridge().loadDataset({ operationId, source, ...(encoding ? { encoding } : {}) }));
      end();
      if (!res.ok) {
        if (res.error.code === 'CANCELLED') {
          setNotice(`Loading ${label} was cancelled. The previous state is unchanged.`);
          queueEvent('cancelled', { operationId, kind: 'load' });
        } else showError(`Could not load ${label}`, res.error);
        return;
      }
      // The run and the inspection belong to the previous dataset: they clear themselves (use-training, use-inspection).
      const info = res.value;
      shown.current = { source, label };
      setDataset(info);
      setTarget(info.suggestedTarget);
      setConfirmed(null);
      setTargetProfile(null);
      setIncluded(defaultFeatureNames(info.profile.columns, info.suggestedTarget));
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
      if (source.kind === 'file') await refreshRecent();
    },
    [begin, clearBanners, end, isBusy, profileTarget, queueEvent, refreshRecent, setNotice, setScreen, showError],
  );

  const loadSample = useCallback((name: string) => void load({ kind: 'sample', name }, `sample '${name}'`), [load]);
  // A file of the user's opens by the token main granted for it (the renderer never names a path itself).
  const loadPath = useCallback(
    (file: FileGrant) => void load({ kind: 'file', token: file.token }, file.fileName),
    [load],
  );
  const reopen = useCallback(
    (encoding: EncodingName) => {
      if (shown.current !== null) void load(shown.current.source, shown.current.label, encoding);
    },
    [load],
  );
  const openFile = useCallback(async () => {
    if (isBusy()) return;
    const res = await call(() => bridge().chooseFile({}));
    if (!res.ok) return showError('Could not open the file dialog', res.error);
    if (res.value !== null) loadPath(res.value);
  }, [isBusy, loadPath, showError]);

  const chooseTarget = useCallback(
    (name: string) => {
      if (dataset === null) return;
      setTarget(name);
      setConfirmed({ target: name, nearConstant: false });
      // The new target stops being a feature; the old one becomes one again unless it is an identifier or a constant.
      setIncluded((prev) => {
        const next = new Set(prev);
        next.delete(name);
        if (target !== '' && target !== name && defaultFeatureNames(dataset.profile.columns, name).has(target))
          next.add(target);
        return next;
      });
      void profileTarget(dataset, name);
    },
    [dataset, profileTarget, target],
  );

  const toggleColumn = useCallback((name: string, on: boolean) => {
    setIncluded((prev) => {
      const next = new Set(prev);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  }, []);

  /** Columns the user unticked (identifiers and constants are left out by the core anyway). */
  const exclude = useMemo(() => {
    if (dataset === null) return [];
    const auto = new Set(
      dataset.profile.columns.filter((c) => c.type === 'identifier' || c.type === 'constant').map((c) => c.name),
    );
    return dataset.columnNames.filter((n) => n !== target && !auto.has(n) && !included.has(n));
  }, [dataset, included, target]);

  /** Confirms the shown target (the proposal's button, or "Train anyway" for a near-constant one). */
  const confirmTarget = useCallback((nearConstant: boolean) => setConfirmed({ target, nearConstant }), [target]);
  const excludeColumns = useCallback((names: readonly string[]) => {
    setIncluded((prev) => {
      const next = new Set(prev);
      for (const name of names) next.delete(name);
      return next;
    });
  }, []);
  const shownProfile = targetProfile?.target?.name === target ? targetProfile : dataset?.profile;
  const targetProblem = targetReadiness(target, shownProfile?.checks?.target, confirmed);
  const nearConstantConfirmed = confirmed?.target === target && confirmed.nearConstant;

  const featureCount = dataset ? dataset.columnNames.filter((n) => n !== target && included.has(n)).length : 0;

  return {
    dataset,
    target,
    targetProfile,
    profiling,
    included,
    exclude,
    featureCount,
    loadSample,
    loadPath,
    reopen,
    openFile,
    chooseTarget,
    toggleColumn,
    confirmed: confirmed?.target === target ? confirmed : null,
    confirmTarget,
    excludeColumns,
    targetProblem,
    nearConstantConfirmed,
  };
}

/**
 * Why the target cannot be trained yet, or undefined when it can: it must be confirmed by a click, a single-class
 * target never can, and a near-constant one (≥ 95% one class) needs "Train anyway".
 */
export function targetReadiness(
  target: string,
  verdict: TargetVerdict | undefined,
  confirmed: TargetConfirmation | null,
): string | undefined {
  if (target === '') return undefined;
  if (verdict?.kind === 'single-class') return verdict.message;
  if (confirmed?.target !== target) return `confirm the target '${target}' on the Data screen`;
  if (verdict?.kind === 'near-constant' && !confirmed.nearConstant)
    return `'${target}' is nearly constant: tick "Train anyway" on the Data screen to use it`;
  return undefined;
}

export type DatasetState = ReturnType<typeof useDataset>;
