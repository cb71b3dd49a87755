/**
 * The Models screen's form: which models are ticked, their parameters as typed, the split and the
 * explanation settings. Filled from main's model list at start-up (initFrom), then edited by the user.
 */
import { useCallback, useState } from 'react';
import type { ModelInfo } from '../../../app/ipc/contract.js';
import { paramText } from '../lib/params.js';
import { DEFAULT_SELECTED_MODELS, DEFAULT_SETTINGS, type ModelSettings } from '../types.js';

export function useModelSettings() {
  const [settings, setSettings] = useState<ModelSettings>(DEFAULT_SETTINGS);
  const initFrom = useCallback((models: readonly ModelInfo[]) => setSettings((prev) => settingsFor(prev, models)), []);
  return { settings, setSettings, initFrom };
}

/** The default ticks (or every model, when main lists none of the defaults) and each model's default parameters. */
function settingsFor(prev: ModelSettings, models: readonly ModelInfo[]): ModelSettings {
  const defaultsListed = models.some((m) => DEFAULT_SELECTED_MODELS.includes(m.id));
  return {
    ...prev,
    selected: Object.fromEntries(
      models.map((x) => [x.id, defaultsListed ? DEFAULT_SELECTED_MODELS.includes(x.id) : true]),
    ),
    params: Object.fromEntries(
      models.map((x) => [x.id, Object.fromEntries(Object.entries(x.defaults).map(([k, v]) => [k, paramText(v)]))]),
    ),
  };
}
