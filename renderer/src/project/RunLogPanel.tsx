import type { RunLogInfo } from '../../../app/ipc/contract.js';
import { fmt } from '../../../app/util/format.js';

/** The session's (or the opened project's) run log: every run, how it ended, and whether the hash chain holds. */
export function RunLogPanel({ log }: { log: RunLogInfo }) {
  return (
    <section className="card" aria-labelledby="run-log-heading" data-testid="run-log">
      <div className="card-head">
        <h2 id="run-log-heading">Run log</h2>
        <span className={log.verified ? 'muted small' : 'small'} data-testid="run-log-status">
          {log.verified
            ? `${log.entries.length} run${log.entries.length === 1 ? '' : 's'}; hash chain verified`
            : `Hash chain broken: ${log.problem ?? ''}`}
        </span>
      </div>
      <table className="table">
        <thead>
          <tr>
            {/* A run writes two records (started, then its outcome): this is the outcome's number, as --run N takes it. */}
            <th title="The record's number in the log (sapling reproduce --run N)">record</th>
            <th>run id</th>
            <th>started</th>
            <th>status</th>
            <th>data → target</th>
            <th>models</th>
            <th>best</th>
          </tr>
        </thead>
        <tbody>
          {log.entries.map((e) => (
            <tr key={e.hash} data-testid="run-log-entry">
              <td>{e.seq}</td>
              <td>
                <code title={e.hash}>{e.id}</code>
              </td>
              <td>{e.startedAt.replace('T', ' ').slice(0, 19)}</td>
              <td>{e.status}</td>
              <td>
                {e.fileName} → {e.target}
              </td>
              <td>{e.models.join(', ')}</td>
              <td>{e.best ? `${e.best.label} ${e.best.metric} ${fmt(e.best.value)}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Saved with the project. Each record holds the data's SHA-256, the exact folds, every setting and result, and the
        hash of the record before it.
      </p>
    </section>
  );
}
