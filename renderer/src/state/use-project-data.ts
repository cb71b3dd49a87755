/**
 * Opening a project loads its data file; its target is chosen once that file has loaded. Loading clears the
 * banners, so the project's notice is shown again once its data is in.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { FileGrant } from '../../../app/ipc/contract.js';
import type { DatasetState } from './use-dataset.js';
import { useLatest } from './use-latest.js';

type Data = Pick<DatasetState, 'dataset' | 'target' | 'chooseTarget' | 'loadPath' | 'confirmTarget'>;

/** Returns `openData(file, target, notice)` for useProject. */
export function useProjectData(
  { dataset, target, chooseTarget, loadPath, confirmTarget }: Data,
  setNotice: (text: string) => void,
) {
  const pending = useRef<{ target: string | null; notice: string } | null>(null);
  const latestLoad = useLatest(loadPath);
  const openData = useCallback(
    (file: FileGrant, projectTarget: string | null, projectNotice: string) => {
      pending.current = { target: projectTarget, notice: projectNotice };
      latestLoad.current(file);
    },
    [latestLoad],
  );
  useEffect(() => {
    const p = pending.current;
    if (dataset === null || p === null) return;
    pending.current = null;
    setNotice(p.notice);
    // A project's saved target was chosen by the user when the project was made: it counts as confirmed.
    if (p.target !== null && dataset.columnNames.includes(p.target)) {
      if (p.target !== target) chooseTarget(p.target);
      else confirmTarget(false);
    }
  }, [chooseTarget, confirmTarget, dataset, setNotice, target]);
  return openData;
}
