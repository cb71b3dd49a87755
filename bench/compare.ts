/**
 * Time to verdict (issue 14): the default `sapling compare` end to end, stage by stage, next to a scikit-learn
 * script that makes the equivalent table (bench/compare_reference.py) — in one run, alternating.
 *
 *   npm run bench:compare [-- --sizes credit,100k,1m] [--repeats 3] [--workers N] [--no-python]
 *                         [--json bench/results/compare.json]
 *
 * - Data: examples/credit_data.csv (target Status) and the engine benchmark's synthetic 20-feature files
 *   (bench/engine-data.ts) at 100k and 1M rows, written once to bench/data/compare/ (gitignored). Default
 *   sizes: credit,100k — the 1M file takes many minutes per run on two cores, so it is opt-in.
 * - Each measurement is a fresh process: bench/compare-run.ts (Sapling, all workers like the CLI) or
 *   bench/compare_reference.py (same folds: Sapling's fold of every row is written to a file first).
 *   Repeats alternate which side goes first, so both share whatever else the machine is doing.
 * - Reported: median seconds per stage, wall clock and process CPU (the CPU time is what a loaded machine
 *   distorts least), total, peak RSS, and Sapling / reference ratios of the medians.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { STAGES } from '../app/evaluate/stages.js';
import { csvChunks, generate } from './engine-data.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DATA = `${ROOT}bench/data/compare`;
const PYTHON = '/usr/bin/python3';

interface Run {
  stages: Record<string, number>;
  cpuStages: Record<string, number>;
  totalSeconds: number;
  totalCpuSeconds: number;
  peakRssMb: number;
  accuracy: Record<string, number>;
  shapRowsPerFold?: Record<string, number>;
  rowsPerSecond?: Record<string, number>;
}

interface Input {
  readonly name: string;
  readonly file: string;
  readonly target: string;
}

const log = (s: string): void => void process.stderr.write(`${s}\n`);

async function input(size: string): Promise<Input> {
  if (size === 'credit') return { name: 'credit_data', file: `${ROOT}examples/credit_data.csv`, target: 'Status' };
  const rows = { '100k': 100_000, '1m': 1_000_000 }[size];
  if (!rows) throw new Error(`unknown size '${size}' (credit, 100k, 1m)`);
  const file = `${DATA}/synthetic-${size}.csv`;
  if (!existsSync(file)) {
    log(`writing ${file}…`);
    mkdirSync(DATA, { recursive: true });
    const out = createWriteStream(file);
    for (const chunk of csvChunks(generate(rows))) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  }
  return { name: `synthetic ${size} × 20`, file, target: 'y' };
}

function child(cmd: string, args: string[]): Run | null {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as Run;
  } catch {
    log(`  failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return null;
  }
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function medianRun(runs: Run[], pick: (r: Run) => number): number {
  return median(runs.map(pick));
}

function report(name: string, sapling: Run[], ref: Run[]): string {
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');
  const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—');
  const lines = [
    `### ${name} (medians of ${sapling.length} Sapling / ${ref.length} scikit-learn runs)`,
    '',
    '| stage | Sapling wall s | Sapling CPU s | scikit-learn wall s | scikit-learn CPU s | ratio wall | ratio CPU |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const stage of ['parse', ...STAGES]) {
    const sw = medianRun(sapling, (r) => r.stages[stage] ?? 0);
    const sc = medianRun(sapling, (r) => r.cpuStages[stage] ?? 0);
    const has = ref.length > 0 && ref[0].stages[stage] !== undefined;
    const rw = has ? medianRun(ref, (r) => r.stages[stage]) : NaN;
    const rc = has ? medianRun(ref, (r) => r.cpuStages[stage]) : NaN;
    if (sw < 0.005 && !has) continue;
    lines.push(`| ${stage} | ${f(sw)} | ${f(sc)} | ${f(rw)} | ${f(rc)} | ${ratio(sw, rw)} | ${ratio(sc, rc)} |`);
  }
  const tw = medianRun(sapling, (r) => r.totalSeconds);
  const tc = medianRun(sapling, (r) => r.totalCpuSeconds);
  const rw = medianRun(ref, (r) => r.totalSeconds);
  const rc = medianRun(ref, (r) => r.totalCpuSeconds);
  lines.push(
    `| **total** | **${f(tw)}** | **${f(tc)}** | **${f(rw)}** | **${f(rc)}** | **${ratio(tw, rw)}** | **${ratio(tc, rc)}** |`,
  );
  lines.push('');
  const rss = (runs: Run[]): string => (runs.length ? `${medianRun(runs, (r) => r.peakRssMb).toFixed(0)} MB` : '—');
  lines.push(`Peak RSS: Sapling ${rss(sapling)}, scikit-learn ${rss(ref)}.`);
  const s0 = sapling[0];
  if (s0?.rowsPerSecond) {
    const rps = Object.entries(s0.rowsPerSecond).map(([m, v]) => `${m} ${Math.round(v).toLocaleString('en-US')}`);
    lines.push(`Sapling batch prediction (rows/s, first fold's model): ${rps.join(', ')}.`);
  }
  if (s0?.shapRowsPerFold) {
    const rows = Object.entries(s0.shapRowsPerFold).map(([m, v]) => `${m} ${v}`);
    lines.push(`SHAP rows per fold: ${rows.join(', ')}.`);
  }
  const acc = (r: Run | undefined): string =>
    r
      ? Object.entries(r.accuracy)
          .map(([m, v]) => `${m} ${v.toFixed(3)}`)
          .join(', ')
      : '—';
  lines.push(`Accuracy (5-fold mean): Sapling ${acc(s0)}; scikit-learn ${acc(ref[0])}.`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'credit,100k' },
      repeats: { type: 'string', default: '3' },
      workers: { type: 'string', default: String(availableParallelism()) },
      'no-python': { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  });
  const repeats = Number(values.repeats);
  const python = !values['no-python'] && spawnSync(PYTHON, ['-c', 'import sklearn, numpy']).status === 0;
  if (!values['no-python'] && !python) log(`${PYTHON} with scikit-learn not found: Sapling only`);
  mkdirSync(DATA, { recursive: true });
  const sections: string[] = [];
  const results: Record<string, { sapling: Run[]; sklearn: Run[] }> = {};
  for (const size of values.sizes!.split(',')) {
    const data = await input(size);
    const folds = `${DATA}/${size}.folds`;
    const sapling: Run[] = [];
    const ref: Run[] = [];
    const runSapling = (r: number): void => {
      log(`[${data.name}] sapling compare, repeat ${r + 1}/${repeats} (load ${loadavg()[0].toFixed(1)})…`);
      const run = child(process.execPath, [
        '--import',
        'tsx',
        'bench/compare-run.ts',
        '--file',
        data.file,
        '--target',
        data.target,
        '--workers',
        values.workers!,
        '--folds-out',
        folds,
      ]);
      if (run) sapling.push(run);
    };
    const runReference = (r: number): void => {
      if (!python || !existsSync(folds)) return;
      log(`[${data.name}] scikit-learn script, repeat ${r + 1}/${repeats}…`);
      const run = child(PYTHON, [
        'bench/compare_reference.py',
        '--file',
        data.file,
        '--target',
        data.target,
        '--folds',
        folds,
        '--jobs',
        values.workers!,
      ]);
      if (run) ref.push(run);
    };
    for (let r = 0; r < repeats; r++) {
      // Alternate who goes first (the first Sapling run writes the folds the reference reads).
      if (r % 2 === 0 || !existsSync(folds)) {
        runSapling(r);
        runReference(r);
      } else {
        runReference(r);
        runSapling(r);
      }
    }
    results[data.name] = { sapling, sklearn: ref };
    sections.push(report(data.name, sapling, ref));
  }
  const text = sections.join('\n\n');
  process.stdout.write(`${text}\n`);
  if (values.json) await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
}

await main();
