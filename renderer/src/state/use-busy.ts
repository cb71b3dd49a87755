/**
 * The one long operation at a time (loading a file or training): its progress panel, its progress events
 * (only the current operation's are shown) and cancelling it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../app/ipc/contract.js';
import { bridge, call, hasBridge, newOperationId } from '../bridge.js';
import type { Busy } from '../types.js';

export interface BusyState {
  readonly busy: Busy | null;
  /** True while an operation runs (read at call time, so event listeners see the latest). */
  isBusy(): boolean;
  /** Marks the operation started; returns its operation id. Callers check isBusy() first. */
  begin(kind: Busy['kind'], label: string): string;
  end(): void;
  cancel(): Promise<void>;
}

export function useBusy(showError: (context: string, error: IpcError) => void): BusyState {
  const [busy, setBusy] = useState<Busy | null>(null);
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
    });
  }, []);

  const isBusy = useCallback(() => busyRef.current !== null, []);

  const begin = useCallback((kind: Busy['kind'], label: string) => {
    const operationId = newOperationId(kind);
    const b: Busy = { kind, operationId, startedAt: performance.now(), label };
    busyRef.current = b;
    setBusy(b);
    return operationId;
  }, []);

  const end = useCallback(() => {
    busyRef.current = null;
    setBusy(null);
  }, []);

  const cancel = useCallback(async () => {
    const b = busyRef.current;
    if (b === null || b.cancelling) return;
    setBusy({ ...b, cancelling: true });
    const res = await call(() => bridge().cancel({ operationId: b.operationId }));
    if (!res.ok) showError('Could not cancel', res.error);
  }, [showError]);

  return { busy, isBusy, begin, end, cancel };
}
