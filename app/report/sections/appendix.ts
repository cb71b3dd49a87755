/** Appendix: the exact environment, the seeds and the run record's hash — how to check this report against the log. */
import { SAPLING_VERSION } from '../../version.js';
import type { ReportSection } from '../context.js';
import { definitionList, esc, raw, table } from '../html.js';

export const appendixSection: ReportSection = {
  id: 'appendix',
  title: 'Appendix: environment and run record',
  render({ result, run, generatedAt }) {
    const env = run?.record.environment;
    const code = (text: string): ReturnType<typeof raw> => raw(`<code>${esc(text)}</code>`);
    const parts = [
      definitionList([
        ['Sapling version', result.sapling],
        ['Report written by', `Sapling ${SAPLING_VERSION}, ${generatedAt}`],
        ...(env
          ? ([
              ['Runtime', env.runtime],
              ['Platform', env.platform],
            ] as const)
          : []),
        ['Seed', String(result.settings.seed)],
        ['Dataset SHA-256', code(result.dataset.sha256)],
        ...(run
          ? ([
              ['Run log', run.log],
              [
                'Run record',
                `number ${run.seq}, id ${run.hash.slice(0, 12)}, started ${run.record.startedAt}, finished ${run.record.finishedAt}, ${run.record.status}`,
              ],
              ['Run record hash (SHA-256)', code(run.hash)],
              ['Previous record hash', code(run.prev)],
              ['Signed by (Ed25519 key fingerprint)', run.signer ? code(run.signer) : 'unsigned'],
            ] as const)
          : ([
              ['Run record', 'none: this run was not logged (--no-log), so it cannot be verified against a log'],
            ] as const)),
      ]),
    ];
    if (env && Object.keys(env.libraries).length > 0) {
      parts.push(
        '<h3>Libraries</h3>',
        table(
          ['library', 'version'],
          Object.entries(env.libraries).map(([k, v]) => [k, v]),
        ),
      );
    }
    if (run && !/\.(jsonl|sapling)$/.test(run.log)) {
      parts.push(
        '<h3>How to check this report</h3>',
        `<p>This run's record is in the desktop app's run log, which is saved inside the project: save the project, then <code>sapling audit verify &lt;project&gt;.sapling</code> checks that no record was changed (this record's hash must appear in it), and <code>sapling reproduce &lt;project&gt;.sapling --run ${esc(run.hash.slice(0, 12))}</code> re-runs the comparison and confirms every number in this report except timings.</p>`,
      );
    } else if (run) {
      parts.push(
        '<h3>How to check this report</h3>',
        `<p>With the run log and the data file: <code>sapling audit verify ${esc(run.log)}</code> checks that no record was changed (this record's hash must appear in it), and <code>sapling reproduce ${esc(run.log)} --run ${esc(run.hash.slice(0, 12))}</code> re-runs the comparison and confirms every number in this report except timings.</p>`,
      );
    }
    return parts.join('\n');
  },
};
