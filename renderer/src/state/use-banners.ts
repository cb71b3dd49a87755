/**
 * The banners above every screen: one error (with its code and location) and one neutral notice. Every
 * bridge call's failure ends up here, so the app stays usable whatever went wrong.
 *
 * A notice ("Saved the report to …", "Training was cancelled") is about the screen it appeared on: it goes
 * away by itself when the user moves to another screen, instead of following them everywhere.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Screen } from '../types.js';
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

/** The notice and the screen it has been shown on (null until the first render after it was set). */
interface ShownNotice {
  readonly text: string;
  readonly shownOn: Screen | null;
}

export function useBanners(queueEvent: QueueEvent, screen: Screen) {
  const [error, setError] = useState<ShownError | null>(null);
  const [shown, setShown] = useState<ShownNotice | null>(null);
  const setNotice = useCallback((text: string | null) => setShown(text === null ? null : { text, shownOn: null }), []);
  // Set in the same step as a screen change (e.g. opening a project), a notice belongs to the screen it lands on.
  useEffect(() => {
    if (shown === null) return;
    if (shown.shownOn === null) setShown({ ...shown, shownOn: screen });
    else if (shown.shownOn !== screen) setShown(null);
  }, [screen, shown]);

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
    setShown(null);
  }, []);
  const feedback = useMemo<Feedback>(
    () => ({ showError, setNotice, clearBanners, queueEvent }),
    [clearBanners, queueEvent, setNotice, showError],
  );
  return {
    error,
    notice: shown?.text ?? null,
    dismissError: useCallback(() => setError(null), []),
    dismissNotice: useCallback(() => setShown(null), []),
    feedback,
  };
}
