import { profileDataset } from '../../app/data/profile.js';
import { renderChecks } from '../answer-format.js';
import type { DatasetProfile } from '../../app/data/profile.js';
import { writeFileAtomic } from '../../io/files.js';
import { CSV_OPTIONS, CSV_USAGE, parse, requireString } from '../args.js';
import { fmt, fmtCount, formatTable } from '../format.js';
import { loadCsv } from '../load.js';
import { printOut } from '../terminal.js';

export const PROFILE_USAGE = `sapling profile <file.csv> [--target <col>] [--json out.json] ${CSV_USAGE}`;

export async function profileCommand(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { ...CSV_OPTIONS, json: { type: 'string' }, target: { type: 'string' } },
    PROFILE_USAGE,
  );
  if (values.help) return usage(PROFILE_USAGE);
  const file = requireString(positionals[0], '<file.csv>', PROFILE_USAGE);
  const dataset = await loadCsv(file, values, signal);
  const profile = profileDataset(dataset, values.target);
  if (values.json) await writeFileAtomic(values.json, `${JSON.stringify(profile, null, 2)}\n`);
  // The same checks compare runs before training; without --target, the proposed one and why.
  const proposal = values.target === undefined ? profile.proposedTarget : undefined;
  printOut(`${[renderProfile(profile), ...renderChecks(profile.checks, proposal)].join('\n')}\n`);
  return 0;
}

export function renderProfile(profile: DatasetProfile): string {
  const rows = profile.columns.map((c) => [
    c.name,
    c.type,
    `${fmtCount(c.missing)} (${(c.missingFraction * 100).toFixed(1)}%)`,
    fmtCount(c.distinct),
    c.mean !== undefined
      ? `${fmt(c.min, 3)} … ${fmt(c.max, 3)}`
      : (c.topCategories ?? [])
          .slice(0, 3)
          .map((t) => `${t.value} (${t.count})`)
          .join(', '),
    c.mean !== undefined ? `${fmt(c.mean, 3)} ± ${fmt(c.std, 3)}` : '',
  ]);
  const out = [
    `${profile.fileName}: ${fmtCount(profile.rows)} rows × ${profile.columns.length} columns  sha256 ${profile.sha256.slice(0, 16)}…`,
    '',
    formatTable(['column', 'type', 'missing', 'distinct', 'range / top values', 'mean ± std'], rows, [
      false,
      false,
      true,
      true,
      false,
      false,
    ]),
  ];
  if (profile.target) {
    out.push('', `target '${profile.target.name}': ${profile.target.task}`);
    for (const c of profile.target.classBalance ?? [])
      out.push(`  ${c.label}: ${fmtCount(c.count)} (${(c.fraction * 100).toFixed(1)}%)`);
  }
  if (profile.warnings.length > 0) out.push('', 'warnings:', ...profile.warnings.map((w) => `  - ${w}`));
  return out.join('\n');
}

function usage(text: string): number {
  printOut(`usage: ${text}\n`);
  return 0;
}
