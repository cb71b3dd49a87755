/**
 * Wide-file benchmark (issue 15, defect 4): a CSV of many columns and few rows, read and profiled on the CLI's
 * path (`sapling profile`: loadCsv → profileDataset). Target: 50,000 columns × 3 rows in ≤ 2 s and ≤ 300 MB.
 * Usage: npm run bench:wide [-- --columns 50000] [-- --rows 3] [-- --runs 3] [-- --baseline <checkout>]
 * (--baseline: another checkout holding this script, e.g. the commit before the fix, measured in the same run).
 *
 * Each run is a fresh child process, so its peak RSS (getrusage maxrss) is that run's alone — it includes Node and
 * tsx themselves (~70 MB at start) and V8's young generation, which grows to tens of MB while many objects survive
 * (`node --max-semi-space-size=8` shows the difference). Time is the load + profile only (start-up and imports
 * excluded), wall and CPU. Medians are reported.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface RunResult {
  loadSeconds: number;
  profileSeconds: number;
  /** CPU time (user + system) of load + profile: on a busy shared machine, closer to what an idle one would take. */
  cpuSeconds: number;
  peakMB: number;
  rows: number;
  columns: number;
}

const { values } = parseArgs({
  options: {
    columns: { type: 'string' },
    rows: { type: 'string' },
    runs: { type: 'string' },
    child: { type: 'string' },
    baseline: { type: 'string' },
  },
});

if (values.child !== undefined) {
  process.stdout.write(`${JSON.stringify(await loadAndProfile(values.child))}\n`);
} else {
  main();
}

async function loadAndProfile(path: string): Promise<RunResult> {
  const { loadCsv } = await import('../cli/load.js');
  const { profileDataset } = await import('../app/data/profile.js');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const dataset = await loadCsv(path, {});
  const loaded = performance.now();
  profileDataset(dataset);
  const profiled = performance.now();
  const used = process.cpuUsage(cpu);
  return {
    loadSeconds: (loaded - started) / 1000,
    profileSeconds: (profiled - loaded) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakMB: process.resourceUsage().maxRSS / 1024,
    rows: dataset.rowCount,
    columns: dataset.columns.length,
  };
}

function main(): void {
  const columns = Number(values.columns ?? 50_000);
  const rows = Number(values.rows ?? 3);
  const runs = Number(values.runs ?? 3);
  const dir = fileURLToPath(new URL('./data/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}wide-${columns}x${rows}.csv`;
  // Numbers and words, so both column storages are exercised; deterministic.
  const header = Array.from({ length: columns }, (_, j) => `c${j}`).join(',');
  const lines = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => (j % 3 === 2 ? `w${(i + j) % 7}` : String((i * 31 + j) % 97))).join(','),
  );
  writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
  const self = ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file];
  const current: RunResult[] = [];
  const baseline: RunResult[] = [];
  for (let r = 0; r < runs; r++) {
    current.push(child(self));
    process.stderr.write(`current  run ${r + 1}: ${fmt(current.at(-1)!)}\n`);
    if (values.baseline) {
      baseline.push(child(['--import', 'tsx', `${values.baseline}/bench/wide.ts`, '--child', file]));
      process.stderr.write(`baseline run ${r + 1}: ${fmt(baseline.at(-1)!)}\n`);
    }
  }
  const c = median(current);
  const out = [
    `${columns.toLocaleString('en')} columns × ${rows} rows, ${runs} runs, medians:`,
    `  current:  ${fmt(c)}`,
  ];
  if (values.baseline) out.push(`  baseline: ${fmt(median(baseline))}`);
  if (columns === 50_000 && rows === 3) {
    const ok = c.loadSeconds + c.profileSeconds <= 2 && c.peakMB <= 300;
    out.push(`target (≤ 2 s, ≤ 300 MB): ${ok ? 'met' : 'NOT met'} by the current code in this run`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function child(args: string[]): RunResult {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`run failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as RunResult;
}

function median(results: RunResult[]): RunResult {
  const m = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return {
    loadSeconds: m(results.map((r) => r.loadSeconds)),
    profileSeconds: m(results.map((r) => r.profileSeconds)),
    cpuSeconds: m(results.map((r) => r.cpuSeconds)),
    peakMB: m(results.map((r) => r.peakMB)),
    rows: results[0].rows,
    columns: results[0].columns,
  };
}

function fmt(r: RunResult): string {
  return `load ${r.loadSeconds.toFixed(2)} s + profile ${r.profileSeconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s), peak RSS ${r.peakMB.toFixed(0)} MB (${r.rows} rows × ${r.columns} columns)`;
}
