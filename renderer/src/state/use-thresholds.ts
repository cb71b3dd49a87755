/**
 * The decision thresholds the user chose on the Compare screen's slider, per model of the current run. Kept here
 * (not in the slider) because the report export sends them: the report's Decision threshold section shows what
 * the user chose. A new run starts with none chosen.
 */
import { useCallback, useState } from 'react';
import type { ChosenThreshold } from '../../../app/answer/threshold.js';
import type { RowId } from '../../../app/result/pre-trained.js';

export interface Thresholds {
  /** Model id → chosen threshold, for the run `runId`. */
  readonly chosen: ReadonlyMap<RowId, number>;
  readonly choose: (modelId: RowId, threshold: number) => void;
  /** As the report export request carries them. */
  readonly list: readonly ChosenThreshold[];
}

export function useThresholds(runId: string | null): Thresholds {
  const [state, setState] = useState<{ runId: string | null; chosen: ReadonlyMap<RowId, number> }>({
    runId,
    chosen: new Map(),
  });
  // Another run's choices do not carry over (its models' curves differ).
  const chosen = state.runId === runId ? state.chosen : new Map<RowId, number>();
  const choose = useCallback(
    (modelId: RowId, threshold: number) =>
      setState((s) => ({
        runId,
        chosen: new Map(s.runId === runId ? s.chosen : []).set(modelId, threshold),
      })),
    [runId],
  );
  return { chosen, choose, list: [...chosen].map(([modelId, threshold]) => ({ modelId, threshold })) };
}
