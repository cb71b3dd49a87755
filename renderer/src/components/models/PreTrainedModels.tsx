/**
 * Pre-trained model files on the Models screen: "Open model…" adds a Sapling model file (from `sapling train` or
 * `sapling import` of an XGBoost/ONNX model) as a row of the comparison — scored as it is on every held-out fold,
 * never refitted, like `sapling compare --models …,file:model.json`.
 */
import type { ModelFileInfo } from '../../../../app/ipc/contract.js';
import { fmtBytes, fmtCount } from '../../lib/format.js';

interface Props {
  files: readonly ModelFileInfo[];
  busy: boolean;
  onOpen: () => void;
  onRemove: (id: string) => void;
}

function origin(f: ModelFileInfo): string {
  if (f.importedFrom) return `imported from ${f.importedFrom.fileName} (${f.importedFrom.format})`;
  return `trained on ${f.trainedOn.fileName} (${fmtCount(f.trainedOn.rows)} rows)`;
}

export function PreTrainedModels({ files, busy, onOpen, onRemove }: Props) {
  return (
    <div className="pre-trained" data-testid="pre-trained-models">
      <div className="pre-trained-head">
        <h3 id="pre-trained-heading">Pre-trained models</h3>
        <button type="button" className="button" onClick={onOpen} disabled={busy} data-testid="open-model">
          Open model…
        </button>
      </div>
      <p className="help">
        A model file from <code>sapling train</code> or <code>sapling import</code> (XGBoost, ONNX) is scored as it is
        on every held-out fold, next to the models trained here. It is not refitted: if it was trained on these rows,
        its scores are not held-out.
      </p>
      {files.length > 0 && (
        <ul className="pre-trained-list" aria-labelledby="pre-trained-heading">
          {files.map((f) => (
            <li key={f.id} className="pre-trained-file" data-testid={`model-file-${f.fileName}`}>
              <div>
                <strong>{f.fileName}</strong> <span className="badge">pre-trained</span>
                <div className="muted small">
                  {f.model} predicting <code>{f.target}</code> from {f.features.length} features · {origin(f)} ·{' '}
                  {fmtBytes(f.bytes)} · SHA-256 {f.sha256.slice(0, 12)}…
                </div>
              </div>
              <button
                type="button"
                className="button small"
                onClick={() => onRemove(f.id)}
                disabled={busy}
                aria-label={`Remove ${f.fileName}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
