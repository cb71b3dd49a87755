import { useState } from 'react';
import type { DatasetInfo } from '../../../../app/ipc/contract.js';
import type { EncodingName } from '../../../../app/data/text-input.js';

interface Props {
  dataset: DatasetInfo;
  busy: boolean;
  onReopen: (encoding: EncodingName) => void;
}

const CHOICES: readonly { value: EncodingName; label: string }[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'windows-1252', label: 'Windows-1252 (Excel “CSV”)' },
  { value: 'latin1', label: 'Latin-1 (ISO-8859-1)' },
];

/**
 * How a file of the user's was decoded, and a way to open it again with another encoding. When Sapling had to
 * guess (the file is not valid UTF-8, so it was read as Windows-1252), this is a notice on top of the page.
 */
export function EncodingPanel({ dataset, busy, onReopen }: Props) {
  const { name, guessed } = dataset.encoding;
  const [choice, setChoice] = useState<EncodingName>(name === 'utf-8' ? 'windows-1252' : 'utf-8');
  const control = (
    <span className="encoding-choice">
      <label>
        Open again as{' '}
        <select
          value={choice}
          onChange={(e) => setChoice(e.target.value as EncodingName)}
          disabled={busy}
          data-testid="encoding-select"
        >
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>{' '}
      <button
        type="button"
        className="button secondary"
        onClick={() => onReopen(choice)}
        disabled={busy}
        data-testid="encoding-reopen"
      >
        Open again
      </button>
    </span>
  );
  if (!guessed)
    return (
      <p className="encoding-line muted small" data-testid="encoding-line">
        Read as {name === 'utf-8' ? 'UTF-8' : 'Windows-1252'}. {control}
      </p>
    );
  return (
    <section className="encoding-notice" aria-labelledby="encoding-heading" data-testid="encoding-notice">
      <h2 id="encoding-heading">Read as Windows-1252 — a guess</h2>
      <p>
        <strong>{dataset.fileName}</strong> is not valid UTF-8, so Sapling read it as Windows-1252, the encoding Excel
        saves “CSV” files in. If names or values look wrong (é shown as Ã©, or ’ as â€™, or odd symbols), open it again
        with the encoding it was saved in.
      </p>
      <p>{control}</p>
    </section>
  );
}
