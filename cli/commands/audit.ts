import { runId, type SealedRecord } from '../../app/audit/chain.js';
import { SaplingError } from '../../app/util/errors.js';
import { readRunLog } from '../../io/run-log.js';
import { installationKey } from '../../io/signing-key.js';
import { parse, parseTrust, requireString, TRUST_OPTION } from '../args.js';
import { printErr, printOut } from '../terminal.js';

export const AUDIT_USAGE =
  'sapling audit verify <sapling-runs.jsonl> [--trust FINGERPRINT,…] | sapling audit list <sapling-runs.jsonl> [--trust …]';

/** `audit verify`: check the hash chain and name the first broken record. `audit list`: one line per run. */
export async function auditCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, TRUST_OPTION, AUDIT_USAGE);
  if (values.help) {
    printOut(`usage: ${AUDIT_USAGE}\n`);
    return 0;
  }
  const action = requireString(positionals[0], 'verify or list', AUDIT_USAGE);
  if (action !== 'verify' && action !== 'list')
    throw new SaplingError('BAD_PARAMETER', `unknown audit action '${action}'\nusage: ${AUDIT_USAGE}`);
  const log = requireString(positionals[1], '<sapling-runs.jsonl>', AUDIT_USAGE);
  const key = await installationKey();
  const report = await readRunLog(log, parseTrust(values.trust), key);
  if (action === 'list') {
    for (const sealed of report.verified) printOut(`${auditListLine(sealed)}\n`);
  }
  if (!report.ok && report.broken) {
    const b = report.broken;
    printErr(
      `${log}: BROKEN at record ${b.seq}${b.id ? ` (${b.id})` : ''}, line ${b.line}: ${b.reason}\n${report.verified.length} record(s) before it verify.\nthis installation's run-signing key: ${key.signer.fingerprint}\n`,
    );
    return 1;
  }
  const last = report.verified.at(-1);
  if (action === 'verify') {
    printOut(
      last
        ? `${log}: OK — ${report.verified.length} record(s), chain intact and signed by ${report.signers.join(', ')}; last record ${last.seq} (${runId(last)}), hash ${last.hash}\n`
        : `${log}: OK — the log is empty\n`,
    );
  }
  return 0;
}

/** One `audit list` line: a verified record (its shape checked by app/audit/record-schema.ts). */
export function auditListLine(sealed: SealedRecord): string {
  const r = sealed.record;
  const what =
    r.kind === 'compare'
      ? r.settings.models.join(',')
      : r.kind === 'import'
        ? `${r.imported?.fileName ?? '?'} (SHA-256 ${r.imported?.sha256.slice(0, 12) ?? '?'}…) → ${r.imported?.outFile ?? '(no file)'}`
        : `${r.trained?.model ?? r.settings.models.join(',')} → ${r.trained?.outFile ?? '(no file)'}`;
  return `${String(sealed.seq).padStart(4)}  ${runId(sealed)}  ${r.startedAt}  ${r.kind.padEnd(7)} ${r.status.padEnd(9)} ${r.dataset.fileName} (target ${r.settings.target}, seed ${r.settings.seed}) ${what}`;
}
