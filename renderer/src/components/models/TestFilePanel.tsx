/**
 * `--test-file` on the Models step: besides the cross-validated scores, train every model on all rows and score it on
 * another file with the same columns (a later month, another site), with a shift check saying how different it is.
 */
import type { FileGrant } from '../../../../app/ipc/contract.js';

interface Props {
  readonly testFile: FileGrant | null;
  readonly onChoose: () => void;
  readonly onClear: () => void;
  readonly busy: boolean;
}

export function TestFilePanel({ testFile, onChoose, onClear, busy }: Props) {
  return (
    <section className="card" aria-labelledby="test-file-heading" data-testid="test-file-panel">
      <h2 id="test-file-heading">Score on new data (optional)</h2>
      <p className="muted small">
        Cross-validation scores models on rows of this file. To see how they do on other data with the same columns,
        choose that file: every model is trained once on all rows here and scored there, next to its cross-validated
        score, with a check of how different the two files are. (sapling compare --test-file)
      </p>
      {testFile ? (
        <p className="button-row">
          <span data-testid="test-file-name">
            Also scored on <strong>{testFile.fileName}</strong>
          </span>
          <button type="button" className="button" onClick={onChoose} disabled={busy}>
            Choose another…
          </button>
          <button type="button" className="button" onClick={onClear} disabled={busy} data-testid="test-file-clear">
            Remove
          </button>
        </p>
      ) : (
        <button type="button" className="button" onClick={onChoose} disabled={busy} data-testid="test-file-choose">
          Choose a file to score on…
        </button>
      )}
    </section>
  );
}
