/**
 * The one long operation at a time (loading a file or training): its progress panel, its progress events
 * (only the current operation's are shown), the leaderboard a comparison has so far, and cancelling it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError, ProgressEvent } from '../../../app/ipc/contract.js';
import { bridge, call, hasBridge, newOperationId } from '../bridge.js';
import type { Busy, PartialRun } from '../types.js';

/** The running operation's latest progress event and when it arrived (performance.now()). */
export interface LatestProgress {
  readonly event: ProgressEvent;
  readonly at: number;
}

/**
 * Progress lives outside React state: events arrive several times a second for minutes, and only the progress
 * panel shows them. Kept in state, each event re-rendered the whole app (every screen, the Models form, the
 * partial leaderboard); read through useSyncExternalStore, only the panel re-renders.
 */
export interface ProgressFeed {
  get(): LatestProgress | null;
  subscribe(listener: () => void): () => void;
}

function createProgressFeed(): ProgressFeed & { set(value: LatestProgress | null): void } {
  let latest: LatestProgress | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => latest,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(value) {
      latest = value;
      for (const listener of listeners) listener();
    },
  };
}

export interface BusyState {
  readonly busy: Busy | null;
  /** The running operation's progress (for the progress panel only). */
  readonly progress: ProgressFeed;
  /** The running (or cancelled) comparison's finished models; null once its full result is shown or a new operation starts. */
  readonly partial: PartialRun | null;
  /** True while an operation runs (read at call time, so event listeners see the latest). */
  isBusy(): boolean;
  /** Marks the operation started; returns its operation id. Callers check isBusy() first. */
  begin(kind: Busy['kind'], label: string): string;
  /** The operation ended; `cancelled`: its partial leaderboard stays shown, marked as cut short. */
  end(outcome?: { cancelled?: boolean }): void;
  cancel(): Promise<void>;
}

export function useBusy(showError: (context: string, error: IpcError) => void): BusyState {
  const [busy, setBusy] = useState<Busy | null>(null);
  const [partial, setPartial] = useState<PartialRun | null>(null);
  // Read synchronously by callbacks between a begin() and React's next render.
  const busyRef = useRef<Busy | null>(null);
  busyRef.current = busy;
  const [progress] = useState(createProgressFeed);

  useEffect(() => {
    if (!hasBridge()) return;
    return bridge().onProgress((event) => {
      if (busyRef.current?.operationId !== event.operationId) return;
      progress.set({ event, at: performance.now() });
      // A new partial leaderboard comes only when a model's folds are all scored: then the app re-renders.
      const rows = event.partial;
      if (rows) setPartial({ operationId: event.operationId, partial: rows });
    });
  }, [progress]);

  const isBusy = useCallback(() => busyRef.current !== null, []);

  const begin = useCallback(
    (kind: Busy['kind'], label: string) => {
      const operationId = newOperationId(kind);
      const b: Busy = { kind, operationId, startedAt: performance.now(), label };
      busyRef.current = b;
      progress.set(null);
      setBusy(b);
      setPartial(null);
      return operationId;
    },
    [progress],
  );

  const end = useCallback(
    (outcome: { cancelled?: boolean } = {}) => {
      busyRef.current = null;
      progress.set(null);
      setBusy(null);
      setPartial((p) => (p !== null && outcome.cancelled ? { ...p, cancelled: true } : null));
    },
    [progress],
  );

  const cancel = useCallback(async () => {
    const b = busyRef.current;
    if (b === null || b.cancelling) return;
    setBusy({ ...b, cancelling: true });
    const res = await call(() => bridge().cancel({ operationId: b.operationId }));
    if (!res.ok) showError('Could not cancel', res.error);
  }, [showError]);

  return { busy, progress, partial, isBusy, begin, end, cancel };
}
