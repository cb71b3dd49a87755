/**
 * The LLM baseline's state in the renderer: the saved settings (never the key), whether the next comparison
 * includes the LLM, the estimate for the current dataset and split, and the confirmation asked before a run
 * that costs money. App.tsx holds one of these and passes it to the Models and Compare screens.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  DatasetInfo,
  IpcError,
  LlmEstimate,
  LlmSettingsView,
  LlmUserSettings,
} from '../../../../app/ipc/contract.js';
import type { TemplateKind } from '../../../../app/settings/llm.js';
import { bridge, call, hasBridge } from '../../bridge.js';
import type { CompareRequestBody } from '../../lib/run-request.js';

export interface LlmState {
  readonly view: LlmSettingsView | null;
  readonly enabled: boolean;
  readonly estimate: LlmEstimate | null;
  readonly estimating: boolean;
  /** Set while the user is asked to confirm a paid run. */
  readonly confirming: LlmEstimate | null;
  setEnabled(on: boolean): void;
  save(settings: LlmUserSettings, apiKey: string | undefined, clearKey: boolean): Promise<boolean>;
  test(): Promise<{ ok: boolean; message: string } | null>;
  preview(row: number, template: TemplateKind, instructions: string, shots: number): ReturnType<typeof previewCall>;
  /** What a run with these (unsaved) settings would ask and cost; computed by main, nothing is sent to the LLM. */
  estimateDraft(settings: LlmUserSettings): Promise<LlmEstimate | null>;
  /** Before a comparison: true = go ahead now; false = wait (a confirmation is shown, or the estimate failed). */
  beforeRun(): Promise<boolean>;
  /** The user's answer to the confirmation. */
  answer(go: boolean): void;
}

type Split = Pick<CompareRequestBody, 'target' | 'task' | 'exclude' | 'folds' | 'holdout' | 'seed'>;

function splitOf(dataset: DatasetInfo, body: Split) {
  return {
    datasetId: dataset.datasetId,
    target: body.target,
    seed: body.seed,
    ...(body.task ? { task: body.task } : {}),
    exclude: body.exclude,
    ...(body.folds !== undefined ? { folds: body.folds } : {}),
    ...(body.holdout !== undefined ? { holdout: body.holdout } : {}),
  };
}

async function previewCall(
  dataset: DatasetInfo,
  body: Split,
  row: number,
  template: TemplateKind,
  instructions: string,
  shots: number,
) {
  const r = await call(() =>
    bridge().previewLlmPrompt({ ...splitOf(dataset, body), row, template, instructions, shots }),
  );
  return r.ok ? r.value : null;
}

/** `shown`: whether the LLM card is on screen; the saved settings are read the first time it is (not at start-up). */
export function useLlm(
  dataset: DatasetInfo | null,
  body: Split | undefined,
  onError: (context: string, error: IpcError) => void,
  onConfirmed: () => void,
  shown: boolean,
): LlmState {
  const [view, setView] = useState<LlmSettingsView | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [estimate, setEstimate] = useState<LlmEstimate | null>(null);
  const [estimating, setEstimating] = useState(false);
  const [confirming, setConfirming] = useState<LlmEstimate | null>(null);
  const [version, setVersion] = useState(0);

  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!shown || asked || !hasBridge()) return;
    setAsked(true);
    void call(() => bridge().getLlmSettings({})).then((r) => {
      if (r.ok) setView(r.value);
      else onError('Could not read the LLM settings', r.error);
    });
  }, [shown, asked, onError]);

  const splitKey = dataset && body ? JSON.stringify(splitOf(dataset, body)) : '';
  useEffect(() => {
    if (!enabled || splitKey === '') return;
    let live = true;
    setEstimating(true);
    void call(() => bridge().estimateLlm(JSON.parse(splitKey))).then((r) => {
      if (!live) return;
      setEstimating(false);
      if (r.ok) setEstimate(r.value);
      else {
        setEstimate(null);
        onError('Could not estimate the LLM run', r.error);
      }
    });
    return () => {
      live = false;
    };
  }, [enabled, splitKey, version, onError]);

  const save = useCallback(
    async (settings: LlmUserSettings, apiKey: string | undefined, clearKey: boolean) => {
      const r = await call(() =>
        bridge().saveLlmSettings({
          settings,
          ...(apiKey !== undefined ? { apiKey } : {}),
          ...(clearKey ? { clearKey } : {}),
        }),
      );
      if (!r.ok) {
        onError('Could not save the LLM settings', r.error);
        return false;
      }
      setView(r.value);
      setVersion((v) => v + 1);
      return true;
    },
    [onError],
  );

  const test = useCallback(async () => {
    const r = await call(() => bridge().testLlmConnection({}));
    if (r.ok) return r.value;
    onError('Could not test the LLM connection', r.error);
    return null;
  }, [onError]);

  const preview = useCallback(
    (row: number, template: TemplateKind, instructions: string, shots: number) =>
      dataset && body ? previewCall(dataset, body, row, template, instructions, shots) : Promise.resolve(null),
    // Keyed on the split's content (splitKey), not the body object's identity.
    [dataset, splitKey],
  );

  const estimateDraft = useCallback(
    async (settings: LlmUserSettings) => {
      if (splitKey === '') return null;
      const r = await call(() => bridge().estimateLlm({ ...JSON.parse(splitKey), settings }));
      // A draft that main refuses (e.g. a base URL that is not http) shows no estimate; Save names the problem.
      return r.ok ? r.value : null;
    },
    [splitKey],
  );

  const beforeRun = useCallback(async () => {
    if (!enabled || splitKey === '') return true;
    const r = await call(() => bridge().estimateLlm(JSON.parse(splitKey)));
    if (!r.ok) {
      onError('Could not estimate the LLM run', r.error);
      return false;
    }
    setEstimate(r.value);
    if (r.value.cost > 0) {
      setConfirming(r.value);
      return false;
    }
    return true;
  }, [enabled, splitKey, onError]);

  const answer = useCallback(
    (go: boolean) => {
      setConfirming(null);
      if (go) onConfirmed();
    },
    [onConfirmed],
  );

  return {
    view,
    enabled,
    estimate,
    estimating,
    confirming,
    setEnabled,
    save,
    test,
    preview,
    estimateDraft,
    beforeRun,
    answer,
  };
}
