/**
 * The one long operation at a time (loading a file or training): its progress panel, its progress events
 * (only the current operation's are shown), the leaderboard a comparison has so far, and cancelling it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../app/ipc/contract.js';
import { bridge, call, hasBridge, newOperationId } from '../bridge.js';
import type { Busy, PartialRun } from '../types.js';

export interface BusyState {
  readonly busy: Busy | null;
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

  useEffect(() => {
    if (!hasBridge()) return;
    return bridge().onProgress((event) => {
      setBusy((b) =>
        b !== null && b.operationId === event.operationId
          ? { ...b, progress: event, progressAt: performance.now() }
          : b,
      );
      const rows = event.partial;
      if (rows && busyRef.current?.operationId === event.operationId)
        setPartial({ operationId: event.operationId, partial: rows });
    });
  }, []);

  const isBusy = useCallback(() => busyRef.current !== null, []);

  const begin = useCallback((kind: Busy['kind'], label: string) => {
    const operationId = newOperationId(kind);
    const b: Busy = { kind, operationId, startedAt: performance.now(), label };
    busyRef.current = b;
    setBusy(b);
    setPartial(null);
    return operationId;
  }, []);

  const end = useCallback((outcome: { cancelled?: boolean } = {}) => {
    busyRef.current = null;
    setBusy(null);
    setPartial((p) => (p !== null && outcome.cancelled ? { ...p, cancelled: true } : null));
  }, []);

  const cancel = useCallback(async () => {
    const b = busyRef.current;
    if (b === null || b.cancelling) return;
    setBusy({ ...b, cancelling: true });
    const res = await call(() => bridge().cancel({ operationId: b.operationId }));
    if (!res.ok) showError('Could not cancel', res.error);
  }, [showError]);

  return { busy, partial, isBusy, begin, end, cancel };
}
