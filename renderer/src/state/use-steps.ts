/**
 * The four steps (Data → Models → Compare → Inspect): which are open and what each says in the stepper,
 * and `go`, which opens a step only when it is enabled. Moving to a step puts focus on its heading.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { DatasetInfo, RunInfo } from '../../../app/ipc/contract.js';
import type { StepInfo } from '../components/Nav.js';
import type { Screen } from '../types.js';
import type { QueueEvent } from './use-app-events.js';
import { useLatest } from './use-latest.js';
import { trainedModels } from '../../../app/evaluate/model-rows.js';

export function stepsFor(dataset: DatasetInfo | null, run: RunInfo | null): StepInfo[] {
  return [
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
        ? `${trainedModels(run.result).length} models compared`
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
}

/** `go(screen)`: a stable callback (menu commands keep it) that ignores disabled steps. */
export function useGo(steps: readonly StepInfo[], setScreen: (screen: Screen) => void): (screen: Screen) => void {
  const stepsRef = useLatest(steps);
  return useCallback(
    (s: Screen) => {
      if (stepsRef.current.find((x) => x.id === s)?.enabled) setScreen(s);
    },
    [setScreen, stepsRef],
  );
}

/**
 * On every change of screen (not the first render): scroll to the top and move focus to the new screen's
 * heading, so keyboard and screen-reader users land where the content is; then fire `viewChanged`.
 */
export function useScreenFocus(screen: Screen, queueEvent: QueueEvent) {
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
  return mainRef;
}
