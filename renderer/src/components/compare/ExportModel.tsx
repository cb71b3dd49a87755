/**
 * "Export the recommended model", in the recommendation banner: the model a user keeps is fitted on every row with
 * the run's settings and seed (the same bytes `sapling train` writes) — or, for a pre-trained row, its own file —
 * saved as a Sapling model file, ONNX or one SQL query (app/interop; in `sapling ui` the file is a download).
 */
import type { ModelExportFormat } from '../../../../app/ipc/contract.js';
import type { CompareResult } from '../../../../app/result/compare.js';
import type { RowId } from '../../../../app/result/pre-trained.js';
import { isTrainedModel } from '../../../../app/evaluate/model-rows.js';
import { fmtCount } from '../../lib/format.js';

/** Models the ONNX and SQL exporters handle (app/interop); the mljs models are the small-data second implementation. */
const PORTABLE = new Set(['tree', 'forest', 'extra-trees', 'boost', 'linear']);

const BUTTONS: readonly { format: ModelExportFormat; label: string; title: string }[] = [
  {
    format: 'json',
    label: 'Sapling model',
    title: 'A model file sapling predict, explain and compare --models file: read',
  },
  { format: 'onnx', label: 'ONNX', title: 'Takes the raw columns; runs in ONNX Runtime (ai.onnx.ml)' },
  {
    format: 'sql',
    label: 'SQL',
    title: 'One SELECT over a table named data with the CSV’s columns: scores inside a database',
  },
];

interface Props {
  result: CompareResult;
  modelId: RowId;
  busy: boolean;
  onExport: (modelId: RowId, format: ModelExportFormat) => void;
}

export function ExportModel({ result, modelId, busy, onExport }: Props) {
  const row = result.models.filter(isTrainedModel).find((m) => m.id === modelId);
  if (!row) return null;
  const kind = row.preTrained?.model ?? row.id;
  const portable = PORTABLE.has(kind);
  const how = row.preTrained
    ? `the model file ${row.preTrained.fileName} as it is (it was not refitted)`
    : `fitted on all ${fmtCount(result.dataset.rows)} rows, seed ${result.settings.seed}`;
  return (
    <div className="export-model" role="group" aria-labelledby="export-model-heading" data-testid="export-model">
      <span
        id="export-model-heading"
        className="export-model-heading"
        title={`The model ${how}${row.preTrained ? '' : ' with these settings (what sapling train writes)'}`}
      >
        Export this model
      </span>
      {BUTTONS.map((b) => {
        const disabled = busy || (b.format !== 'json' && !portable);
        return (
          <button
            key={b.format}
            type="button"
            className="button small"
            disabled={disabled}
            title={
              disabled && !busy
                ? `${row.label} has no ${b.label} export (tree, forest, extra-trees, boost, linear do)`
                : b.title
            }
            data-testid={`export-model-${b.format}`}
            onClick={() => onExport(modelId, b.format)}
          >
            {b.label}…
          </button>
        );
      })}
      <span className="muted small export-model-how">{how}</span>
    </div>
  );
}
