/**
 * The app events the end-to-end tests wait on (renderer/src/events.ts), and the body's data-state.
 * An action queues its event; the event fires only after React has committed what it announces, so a test
 * that sees the event also sees the DOM that goes with it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { emitAppEvent, setAppState, type AppEventKey, type AppState } from '../events.js';
import type { Busy, PartialRun } from '../types.js';

export type QueueEvent = (name: AppEventKey, detail?: unknown) => void;

export function useAppEvents(): QueueEvent {
  const pending = useRef<[AppEventKey, unknown][]>([]);
  const [tick, setTick] = useState(0);
  const queueEvent = useCallback((name: AppEventKey, detail: unknown = {}) => {
    pending.current.push([name, detail]);
    setTick((t) => t + 1);
  }, []);
  useEffect(() => {
    for (const [name, detail] of pending.current.splice(0)) emitAppEvent(name, detail);
  }, [tick]);
  return queueEvent;
}

export interface Activity {
  readonly ready: boolean;
  readonly busy: Busy | null;
  readonly profiling: boolean;
  readonly inspecting: boolean;
}

/** Keeps `document.body.dataset.state` in step with what the app is doing. */
export function useAppState({ ready, busy, profiling, inspecting }: Activity): void {
  const state: AppState = !ready
    ? 'starting'
    : busy?.kind === 'load'
      ? 'loading'
      : busy?.kind === 'compare'
        ? 'training'
        : busy?.kind === 'export'
          ? 'exporting'
          : profiling
            ? 'profiling'
            : inspecting
              ? 'inspecting'
              : 'idle';
  useEffect(() => setAppState(state), [state]);
}

/** Announces each model row the partial leaderboard gains (APP_EVENTS.modelScored), after it is drawn. */
export function usePartialEvents(run: PartialRun | null, queueEvent: QueueEvent): void {
  const shown = run && !run.cancelled ? run.partial.models.length : 0;
  useEffect(() => {
    if (run === null || shown === 0) return;
    const models = run.partial.models.map((m) => m.id);
    queueEvent('modelScored', { operationId: run.operationId, modelId: models[shown - 1], models, of: run.partial.of });
    // Only a new row is news; the cancelled flag or a re-render is not.
  }, [shown, run?.operationId, queueEvent]);
}
