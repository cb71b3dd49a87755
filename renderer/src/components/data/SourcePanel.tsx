import type { RecentFile, SampleInfo } from '../../../../app/ipc/contract.js';
import { fmtCount } from '../../lib/format.js';

interface Props {
  busy: boolean;
  samples: readonly SampleInfo[];
  recent: readonly RecentFile[];
  onOpenFile: () => void;
  onLoadSample: (name: string) => void;
  onLoadPath: (file: RecentFile) => void;
}

/** Where data comes from: a file of yours (dialog, drop, recent) or a bundled sample. */
export function SourcePanel({ busy, samples, recent, onOpenFile, onLoadSample, onLoadPath }: Props) {
  return (
    <div className="source-grid">
      <section className="card" aria-labelledby="own-file-heading">
        <h2 id="own-file-heading">Your CSV file</h2>
        <p className="muted">
          Comma, semicolon, tab or pipe separated, with a header row. It never leaves this computer.
        </p>
        <button type="button" className="button primary" onClick={onOpenFile} disabled={busy} data-testid="open-file">
          Open CSV file…
        </button>
        <p className="drop-hint">…or drop a CSV file anywhere on this window.</p>
        <h3>Recent files</h3>
        {recent.length === 0 ? (
          <p className="muted">Files you open appear here.</p>
        ) : (
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r.path}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onLoadPath(r)}
                  disabled={busy}
                  title={r.path}
                  aria-label={`Open recent file ${r.fileName}`}
                >
                  {r.fileName}
                </button>
                <span className="muted small"> {new Date(r.openedAt).toLocaleDateString()}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card samples-card" aria-labelledby="samples-heading">
        <h2 id="samples-heading">Sample datasets</h2>
        <p className="muted">Public tables bundled with Sapling. One click loads one.</p>
        <ul className="sample-list">
          {samples.map((s) => (
            <li key={s.name}>
              <button
                type="button"
                className="sample"
                onClick={() => onLoadSample(s.name)}
                disabled={busy}
                data-testid={`sample-${s.name}`}
                aria-label={`Load sample ${s.fileName}: ${s.description}`}
              >
                <span className="sample-name">{s.fileName}</span>
                <span className="sample-meta">
                  {fmtCount(s.rows)} rows · {s.task} · target <code>{s.target}</code>
                </span>
                <span className="sample-desc">{s.description}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
