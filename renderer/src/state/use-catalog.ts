/**
 * Start-up: what the app can offer before any file is open — the sample datasets, the models, the recently
 * opened files. `ready` turns true (and the `ready` event fires) once they have been asked for.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ModelInfo, RecentFile, SampleInfo } from '../../../app/ipc/contract.js';
import { bridge, call, hasBridge } from '../bridge.js';
import type { Feedback } from './use-banners.js';

export function useCatalog({ showError, queueEvent }: Feedback, onModels: (models: readonly ModelInfo[]) => void) {
  const [ready, setReady] = useState(false);
  const [samples, setSamples] = useState<readonly SampleInfo[]>([]);
  const [models, setModels] = useState<readonly ModelInfo[]>([]);
  const [recent, setRecent] = useState<readonly RecentFile[]>([]);

  useEffect(() => {
    let live = true;
    (async () => {
      if (!hasBridge()) {
        setReady(true);
        showError('Sapling cannot reach its engine', {
          code: 'INTERNAL',
          message: 'window.sapling is missing: the preload script did not run.',
        });
        return;
      }
      const [s, m, r] = await Promise.all([
        call(() => bridge().listSamples({})),
        call(() => bridge().listModels({})),
        call(() => bridge().listRecent({})),
      ]);
      if (!live) return;
      if (s.ok) setSamples(s.value);
      else showError('Could not list the sample datasets', s.error);
      if (m.ok) {
        setModels(m.value);
        onModels(m.value);
      } else showError('Could not list the models', m.error);
      if (r.ok) setRecent(r.value);
      setReady(true);
      queueEvent('ready');
    })();
    return () => {
      live = false;
    };
  }, [onModels, queueEvent, showError]);

  /** After a file was opened: main has added it to the recent files. */
  const refreshRecent = useCallback(async () => {
    const r = await call(() => bridge().listRecent({}));
    if (r.ok) setRecent(r.value);
  }, []);

  return { ready, samples, models, recent, refreshRecent };
}
