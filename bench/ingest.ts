/**
 * Ingest benchmark (issue 3, "Ingest on the same path"): a generated 100 MB numeric CSV read by Sapling's loader
 * (the CLI path: file stream → readCsv) and by pandas.read_csv as the same-run reference.
 * Usage: npm run bench:ingest [-- --runs 3] [-- --mb 100] [-- --out docs/ingest-benchmark.md]
 *
 * Each run is a fresh child process, so peak RSS (getrusage maxrss) belongs to that run alone; time is the
 * load call only (start-up and imports excluded, on both sides). Runs alternate between the tools so that
 * noise on this shared machine hits both; medians are reported. Target: < 2.5 s and < 600 MB for 100 MB.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng } from '../app/util/random.js';

interface RunResult {
  seconds: number;
  peakMB: number;
  rows: number;
  columns: number;
}

const PYTHON = '/usr/bin/python3';
// Peak RSS comes from ru_maxrss, in KiB on Linux for both Node and Python.
const PANDAS_SCRIPT = `
import json, resource, sys, time
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1])
s = time.perf_counter() - t
print(json.dumps({"seconds": s, "peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rows": len(df), "columns": df.shape[1]}))
`;

const { values } = parseArgs({
  options: { runs: { type: 'string' }, mb: { type: 'string' }, out: { type: 'string' }, child: { type: 'string' } },
});

if (values.child !== undefined) {
  process.stdout.write(`${JSON.stringify(await loadWithSapling(values.child))}\n`);
} else {
  await main();
}

async function loadWithSapling(path: string): Promise<RunResult> {
  const { loadCsv } = await import('../cli/load.js');
  const started = performance.now();
  const dataset = await loadCsv(path, {});
  const seconds = (performance.now() - started) / 1000;
  return { seconds, peakMB: process.resourceUsage().maxRSS / 1024, rows: dataset.rowCount, columns: dataset.columns.length };
}

async function main(): Promise<void> {
  const runs = Number(values.runs ?? 3);
  const mb = Number(values.mb ?? 100);
  const dataDir = fileURLToPath(new URL('./data/', import.meta.url));
  mkdirSync(dataDir, { recursive: true });
  const file = `${dataDir}numeric-${mb}mb.csv`;
  if (!existsSync(file) || statSync(file).size < mb * 1e6) await generate(file, mb * 1e6);
  const hasPandas = spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
  if (!hasPandas) process.stderr.write(`pandas not found (${PYTHON} -c 'import pandas' failed): reference skipped\n`);

  const sapling: RunResult[] = [];
  const pandas: RunResult[] = [];
  for (let r = 0; r < runs; r++) {
    sapling.push(child(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file]));
    process.stderr.write(`sapling run ${r + 1}: ${fmt(sapling.at(-1)!)}\n`);
    if (hasPandas) {
      pandas.push(child(PYTHON, ['-c', PANDAS_SCRIPT, file]));
      process.stderr.write(`pandas  run ${r + 1}: ${fmt(pandas.at(-1)!)}\n`);
    }
  }

  const s = summary(sapling);
  const p = hasPandas ? summary(pandas) : undefined;
  const size = statSync(file).size;
  const lines = [
    `Input: \`bench/data/${basename(file)}\`, ${(size / 1e6).toFixed(1)} MB, ${s.rows.toLocaleString('en')} rows × ${s.columns} columns ` +
      `(20 float columns, shortest decimal form of values rounded to 2 places, + an integer label). Node ${process.version}; ${runs} runs each, alternating, medians.`,
    '',
    '| loader | time (s) | peak RSS (MB) | time ÷ pandas | RSS ÷ pandas |',
    '|---|---|---|---|---|',
    `| Sapling readCsv (file stream) | ${s.seconds.toFixed(2)} | ${s.peakMB.toFixed(0)} | ${p ? (s.seconds / p.seconds).toFixed(2) : '—'} | ${p ? (s.peakMB / p.peakMB).toFixed(2) : '—'} |`,
    p ? `| pandas.read_csv (reference) | ${p.seconds.toFixed(2)} | ${p.peakMB.toFixed(0)} | 1.00 | 1.00 |` : '| pandas.read_csv (reference) | not installed | | | |',
    '',
    `Target for 100 MB: < 2.5 s and < 600 MB peak — ${s.seconds < 2.5 && s.peakMB < 600 ? 'met' : 'NOT met'} in this run.`,
  ];
  const table = `${lines.join('\n')}\n`;
  if (values.out) {
    const { writeFileAtomic } = await import('../io/files.js');
    await writeFileAtomic(values.out, table);
  }
  process.stdout.write(table);
}

function child(command: string, args: string[]): RunResult {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as RunResult;
}

function summary(results: RunResult[]): RunResult {
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return { seconds: median(results.map((r) => r.seconds)), peakMB: median(results.map((r) => r.peakMB)), rows: results[0].rows, columns: results[0].columns };
}

function fmt(r: RunResult): string {
  return `${r.seconds.toFixed(2)} s, ${r.peakMB.toFixed(0)} MB, ${r.rows} × ${r.columns}`;
}

/** Deterministic (seeded) file of about `bytes` bytes: normal-ish floats rounded to 2 places, written as JS prints them. */
async function generate(path: string, bytes: number): Promise<void> {
  process.stderr.write(`generating ${path}\n`);
  const rng = createRng(20240503);
  const out = createWriteStream(path);
  const header = [...Array.from({ length: 20 }, (_, j) => `f${j + 1}`), 'label'].join(',') + '\n';
  out.write(header);
  let written = header.length;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 10_000 && written < bytes; k++) {
      const cells: string[] = [];
      // Sum of 3 uniforms: a cheap bell shape; the scale differs per column.
      for (let j = 0; j < 20; j++) cells.push(String(Math.round((rng.next() + rng.next() + rng.next() - 1.5) * (j + 1) * 100) / 100));
      cells.push(String(rng.int(5)));
      const line = cells.join(',') + '\n';
      lines.push(line);
      written += line.length;
    }
    if (!out.write(lines.join(''))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
