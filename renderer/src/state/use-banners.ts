/**
 * The banners above every screen: one error (with its code and location) and one neutral notice. Every
 * bridge call's failure ends up here, so the app stays usable whatever went wrong.
 */
import { useCallback, useMemo, useState } from 'react';
import type { IpcError } from '../../../app/ipc/contract.js';
import type { ShownError } from '../types.js';
import type { QueueEvent } from './use-app-events.js';

/** What the state hooks use to tell the user (and the end-to-end tests) what happened. */
export interface Feedback {
  readonly showError: (context: string, error: IpcError) => void;
  readonly setNotice: (text: string | null) => void;
  /** Clears both banners (a new load or training starts with none). */
  readonly clearBanners: () => void;
  readonly queueEvent: QueueEvent;
}

export function useBanners(queueEvent: QueueEvent) {
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

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
  const clearBanners = useCallback(() => {
    setError(null);
    setNotice(null);
  }, []);
  const feedback = useMemo<Feedback>(
    () => ({ showError, setNotice, clearBanners, queueEvent }),
    [clearBanners, queueEvent, showError],
  );
  return {
    error,
    notice,
    dismissError: useCallback(() => setError(null), []),
    dismissNotice: useCallback(() => setNotice(null), []),
    feedback,
  };
}
