/**
 * The Inspect screen's state: the chosen row, every model's prediction for it (inspectRow) and its
 * per-decision card with reasons and what-if edits (explainRow). A row belongs to its dataset and an
 * inspection to its run: loading another file or training again starts with none.
 */
import { useCallback, useRef, useState } from 'react';
import type { DatasetInfo, DecisionCardView, InspectResult, RunInfo } from '../../../app/ipc/contract.js';
import { bridge, call } from '../bridge.js';
import type { Screen } from '../types.js';
import type { Feedback } from './use-banners.js';

interface Deps {
  readonly dataset: DatasetInfo | null;
  readonly run: RunInfo | null;
  readonly feedback: Feedback;
  readonly setScreen: (screen: Screen) => void;
}

/** A value computed for one dataset or run, shown only while that one is current. */
interface Owned<T> {
  readonly owner: string;
  readonly value: T;
}
function ownedBy<T>(owned: Owned<T> | null, owner: string | undefined): T | null {
  return owned !== null && owned.owner === owner ? owned.value : null;
}

export function useInspection({ dataset, run, feedback, setScreen }: Deps) {
  const { showError, queueEvent } = feedback;
  const [row, setRow] = useState<Owned<number> | null>(null);
  const [inspected, setInspected] = useState<Owned<InspectResult> | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const [card, setCard] = useState<Owned<DecisionCardView> | null>(null);
  const [explaining, setExplaining] = useState(false);
  const datasetId = dataset?.datasetId;
  const inspectRow = ownedBy(row, datasetId);

  // Only the latest answer counts: the user may move between rows faster than they are explained.
  const explainSeq = useRef(0);
  const explain = useCallback(
    async (row: number, values?: Record<string, string>) => {
      if (run === null) return;
      const seq = ++explainSeq.current;
      setExplaining(true);
      const res = await call(() => bridge().explainRow({ runId: run.runId, row, ...(values ? { values } : {}) }));
      if (seq !== explainSeq.current) return;
      setExplaining(false);
      if (!res.ok)
        return showError(values ? 'Could not apply the what-if' : `Could not explain row ${row + 1}`, res.error);
      setCard({ owner: run.runId, value: res.value });
      queueEvent('rowExplained', {
        runId: run.runId,
        row,
        edited: res.value.edited,
        predictions: Object.fromEntries(res.value.models.map((m) => [m.id, m.prediction])),
        scores: Object.fromEntries(res.value.models.map((m) => [m.id, m.score])),
        ...(res.value.llm
          ? {
              llm: res.value.llm.asked
                ? { asked: true, prediction: res.value.llm.prediction, stale: res.value.llm.stale }
                : { asked: false },
            }
          : {}),
      });
    },
    [queueEvent, run, showError],
  );

  const inspectSeq = useRef(0);
  const inspect = useCallback(
    async (row: number) => {
      if (datasetId !== undefined) setRow({ owner: datasetId, value: row });
      if (run === null) return;
      const seq = ++inspectSeq.current;
      setInspecting(true);
      const res = await call(() => bridge().inspectRow({ runId: run.runId, row }));
      if (seq !== inspectSeq.current) return;
      setInspecting(false);
      if (!res.ok) {
        setInspected(null);
        return showError(`Could not inspect row ${row + 1}`, res.error);
      }
      setInspected({ owner: run.runId, value: res.value });
      queueEvent('rowInspected', {
        runId: run.runId,
        row,
        models: res.value.predictions.map((p) => p.modelId),
        treePath: res.value.tree?.path ?? [],
      });
      void explain(row);
    },
    [datasetId, explain, queueEvent, run, showError],
  );

  /** A row picked in the Data screen's preview: inspected at once when there is a run. */
  const pickRow = useCallback(
    (row: number) => {
      if (datasetId !== undefined) setRow({ owner: datasetId, value: row });
      if (run !== null) {
        setScreen('inspect');
        void inspect(row);
      }
    },
    [datasetId, inspect, run, setScreen],
  );

  const whatIf = useCallback(
    (values: Record<string, string>) => {
      if (inspectRow !== null) void explain(inspectRow, values);
    },
    [explain, inspectRow],
  );

  return {
    inspectRow,
    result: ownedBy(inspected, run?.runId),
    inspecting,
    card: ownedBy(card, run?.runId),
    explaining,
    inspect,
    pickRow,
    whatIf,
  };
}
