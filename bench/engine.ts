/**
 * Engine benchmark (issue 3): Sapling's tree / forest / boost against scikit-learn's DecisionTree,
 * RandomForest and HistGradientBoosting and XGBoost's hist booster — in one run, on the same CSV files.
 *
 *   npm run bench [-- --sizes 10k,100k,1m] [--repeats 3] [--workers N] [--no-python] [--check-1m]
 *                 [--out docs/benchmark.md] [--json bench/results/engine.json]
 *
 * - Data: bench/engine-data.ts (20 features, 5 informative with interactions, label noise), written once to
 *   bench/data/engine/ (gitignored): train-<rows>.csv per size and one 20,000-row test.csv.
 * - Every measurement is a fresh child process (bench/engine-run.ts, bench/reference.py): fit `repeats` times
 *   (median reported), then test accuracy, single-row latency p50 (200 calls of predict on one row), batch
 *   rows/s, and the process's peak RSS (data included). Processes run one at a time (the machine has few cores).
 * - Ratios are Sapling / reference from the same run, at the same thread count: 1 and `workers`
 *   (default: all cores). A decision tree has no threads in scikit-learn: both Sapling rows compare with it.
 * - Without /usr/bin/python3 (or scikit-learn / XGBoost) it says so and reports Sapling alone.
 * - --check-1m: `sapling train` on the 1M-row file (forest and boost, all workers) end to end through the CLI,
 *   with its peak RSS, and a Ctrl-C (SIGINT) sent mid-fit to check that cancel is prompt.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { csvChunks, generate } from './engine-data.js';
import { BENCH_PARAMS } from './engine-run.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DATA = `${ROOT}bench/data/engine`;
const PYTHON = '/usr/bin/python3';
const TEST_ROWS = 20_000;

interface Measure {
  fitSeconds: number[];
  accuracy: number;
  rowP50Ms: number;
  rowP95Ms: number;
  rowDirectP50Ms?: number;
  rowsPerSecond: number;
  peakRssMb: number;
  rssAfterLoadMb: number;
  nodes?: number;
  versions?: Record<string, string>;
  error?: string;
}

interface Run {
  readonly size: number;
  readonly tool: 'sapling' | 'sklearn' | 'xgboost';
  readonly model: string;
  readonly threads: number;
  readonly result: Measure | null;
  readonly fitMedian: number;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    repeats: { type: 'string' },
    workers: { type: 'string' },
    'no-python': { type: 'boolean' },
    'check-1m': { type: 'boolean' },
    out: { type: 'string' },
    json: { type: 'string' },
  },
});
const parseSize = (s: string): number => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad size '${s}' (e.g. 10k, 100k, 1m)`);
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1));
};
const sizes = (values.sizes ?? '10k,100k').split(',').map(parseSize);
const repeatsFor = (n: number): number => (values.repeats ? Number(values.repeats) : n >= 1e6 ? 1 : 3);
const workers = Number(values.workers ?? availableParallelism());
const outMd = values.out ?? `${ROOT}docs/benchmark.md`;
const outJson = values.json ?? `${ROOT}bench/results/engine.json`;

const log = (s: string): void => void process.stderr.write(`${s}\n`);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const label = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

async function writeCsv(path: string, rows: number, seed: number): Promise<void> {
  if (existsSync(path)) return;
  log(`writing ${path} …`);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const stream = createWriteStream(tmp);
  for (const chunk of csvChunks(generate(rows, seed))) if (!stream.write(chunk)) await once(stream, 'drain');
  stream.end();
  await once(stream, 'finish');
  const { renameSync } = await import('node:fs');
  renameSync(tmp, path);
}

/** Which references can run. */
function pythonTools(): { sklearn: boolean; xgboost: boolean; note: string } {
  if (values['no-python']) return { sklearn: false, xgboost: false, note: 'references skipped (--no-python)' };
  if (!existsSync(PYTHON)) return { sklearn: false, xgboost: false, note: `${PYTHON} not found: Sapling alone, no references` };
  const probe = (mod: string): boolean => spawnSync(PYTHON, ['-c', `import ${mod}, pandas`], { encoding: 'utf8' }).status === 0;
  const sklearn = probe('sklearn');
  const xgboost = probe('xgboost');
  const missing = [sklearn ? '' : 'scikit-learn', xgboost ? '' : 'xgboost'].filter(Boolean);
  return { sklearn, xgboost, note: missing.length ? `not installed for ${PYTHON}: ${missing.join(', ')} — those references are absent` : '' };
}

function runChild(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measure | null {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const m = JSON.parse(line) as Measure;
    if (m.error) {
      log(`  ${m.error}`);
      return null;
    }
    return m;
  } catch {
    log(`  failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return null;
  }
}

function sapling(size: number, model: 'tree' | 'forest' | 'boost', threads: number): Run {
  log(`[${label(size)}] sapling ${model}, ${threads} worker(s)…`);
  const result = runChild(process.execPath, ['--import', 'tsx', 'bench/engine-run.ts', '--train', `${DATA}/train-${size}.csv`, '--test', `${DATA}/test.csv`, '--model', model, '--workers', String(threads), '--repeats', String(repeatsFor(size))]);
  return { size, tool: 'sapling', model, threads, result, fitMedian: result ? median(result.fitSeconds) : NaN };
}

function reference(size: number, model: 'dt' | 'rf' | 'hgb' | 'xgb', threads: number): Run {
  log(`[${label(size)}] ${model}, ${threads} thread(s)…`);
  const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const result = runChild(PYTHON, ['bench/reference.py', '--train', `${DATA}/train-${size}.csv`, '--test', `${DATA}/test.csv`, '--model', model, '--threads', String(threads), '--repeats', String(repeatsFor(size))], env);
  return { size, tool: model === 'xgb' ? 'xgboost' : 'sklearn', model, threads, result, fitMedian: result ? median(result.fitSeconds) : NaN };
}

const NAMES: Record<string, string> = { tree: 'Sapling tree', forest: 'Sapling forest', boost: 'Sapling boost', dt: 'scikit-learn DecisionTree', rf: 'scikit-learn RandomForest', hgb: 'scikit-learn HistGradientBoosting', xgb: 'XGBoost hist' };

interface Pair {
  readonly size: number;
  readonly ours: Run;
  readonly ref: Run;
  /** Target fit ratio (ours / ref) at 100k rows, if the issue sets one. */
  readonly target?: number;
}

async function checkOneMillion(): Promise<Record<string, unknown>[]> {
  const file = `${DATA}/train-1000000.csv`;
  await writeCsv(file, 1_000_000, 1);
  const results: Record<string, unknown>[] = [];
  const rssHook = `${ROOT}bench/rss-at-exit.mjs`;
  for (const model of ['forest', 'boost'] as const) {
    const params = Object.entries(BENCH_PARAMS[model]).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
    const args = ['--import', rssHook, 'bin/sapling.js', 'train', file, '--target', 'y', '--model', model, ...params, '--workers', String(workers), '--out', `${DATA}/model-1m-${model}.json`];
    log(`[1M end to end] sapling train --model ${model} --workers ${workers}…`);
    const started = performance.now();
    const full = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SAPLING_RSS_REPORT: '1' } });
    const seconds = (performance.now() - started) / 1000;
    const rss = /maxrss-mb (\d+(?:\.\d+)?)/.exec(full.stderr)?.[1];
    const progressLines = full.stderr.split('\n').filter((l) => /^\[\s*\d+%\]/.test(l)).length;
    // Cancel: SIGINT once the fit reports progress; it must stop within a unit of work.
    const child = spawn(process.execPath, args, { cwd: ROOT });
    let stderr = '';
    let sentAt = 0;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sentAt && /\[\s*([1-9]\d*)%\]/.test(stderr) && /fitting/.test(stderr)) {
        sentAt = performance.now();
        child.kill('SIGINT');
      }
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    const cancelSeconds = sentAt ? (performance.now() - sentAt) / 1000 : NaN;
    results.push({ model, exitCode: full.status, seconds, peakRssMb: rss ? Number(rss) : null, progressLines, cancelExitCode: code, cancelSeconds, cancelMessage: stderr.trim().split('\n').at(-1) });
    log(`  exit ${full.status} in ${seconds.toFixed(1)} s, peak RSS ${rss} MB, ${progressLines} progress lines; cancel → exit ${code} after ${cancelSeconds.toFixed(2)} s`);
  }
  return results;
}

async function main(): Promise<void> {
  const tools = pythonTools();
  if (tools.note) log(`note: ${tools.note}`);
  await writeCsv(`${DATA}/test.csv`, TEST_ROWS, 2);
  const runs: Run[] = [];
  const pairs: Pair[] = [];
  const threadCounts = [...new Set([1, workers])];
  for (const size of sizes) {
    await writeCsv(`${DATA}/train-${size}.csv`, size, 1);
    const dt = tools.sklearn ? reference(size, 'dt', 1) : null;
    for (const t of threadCounts) {
      const ours = sapling(size, 'tree', t);
      runs.push(ours);
      if (dt) pairs.push({ size, ours, ref: dt, target: 1.0 });
    }
    if (dt) runs.push(dt);
    for (const t of threadCounts) {
      const ours = sapling(size, 'forest', t);
      runs.push(ours);
      if (tools.sklearn) {
        const rf = reference(size, 'rf', t);
        runs.push(rf);
        pairs.push({ size, ours, ref: rf, target: 0.5 });
      }
    }
    for (const t of threadCounts) {
      const ours = sapling(size, 'boost', t);
      runs.push(ours);
      if (tools.xgboost) {
        const xgb = reference(size, 'xgb', t);
        runs.push(xgb);
        pairs.push({ size, ours, ref: xgb, target: 2.0 });
      }
      if (tools.sklearn) {
        const hgb = reference(size, 'hgb', t);
        runs.push(hgb);
        pairs.push({ size, ours, ref: hgb });
      }
    }
  }
  const oneMillion = values['check-1m'] ? await checkOneMillion() : null;
  const report = render(runs, pairs, tools.note, oneMillion);
  mkdirSync(dirname(outMd), { recursive: true });
  mkdirSync(dirname(outJson), { recursive: true });
  await writeFile(outMd, report);
  await writeFile(outJson, `${JSON.stringify({ machine: machine(), settings: { sizes, workers, testRows: TEST_ROWS, params: BENCH_PARAMS }, runs, pairs: pairs.map(pairJson), oneMillion }, null, 2)}\n`);
  process.stdout.write(report);
}

function machine(): Record<string, unknown> {
  return { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: loadavg(), date: new Date().toISOString() };
}

function pairJson(p: Pair): Record<string, unknown> {
  const ratio = p.ours.fitMedian / p.ref.fitMedian;
  const acc = p.ours.result && p.ref.result ? 100 * (p.ours.result.accuracy - p.ref.result.accuracy) : NaN;
  return { size: p.size, ours: `${p.ours.model}@${p.ours.threads}`, ref: `${p.ref.model}@${p.ref.threads}`, fitRatio: ratio, accuracyPoints: acc, target: p.target ?? null };
}

const f = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : '—');
const fInt = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');

function render(runs: Run[], pairs: Pair[], note: string, oneMillion: Record<string, unknown>[] | null): string {
  const m = machine();
  const lines: string[] = [
    '# Engine benchmark',
    '',
    `Generated by \`npm run bench\` (bench/engine.ts) on ${m.date} — ${m.cpus} × ${m.cpu}, Node ${m.node}, load average ${(m.loadavg as number[]).map((x) => x.toFixed(1)).join(' / ')} at the end (a shared machine: absolute times are noisy, ratios come from the same run).`,
    '',
    'Data: 20 numeric features (5 informative, with interactions; 5% label noise), binary target; test set 20,000 rows from the same generator. Models: tree = depth 10; forest = 100 trees, sqrt features per split, depth 10; boost = 100 rounds, depth 6, learning rate 0.1, λ = 1, min child weight 1 (XGBoost hist: the same; HistGradientBoosting: depth 6, no leaf limit, no early stopping).',
    '',
    'Fit = median seconds of the repeats; row p50 = median latency of one `predict` call on one row (Sapling: through the public API with its input checks; in brackets, the allocation-free `predictRowInto`); peak RSS = the whole process (its CSV data included).',
  ];
  if (note) lines.push('', `**Note:** ${note}.`);
  for (const size of sizes) {
    lines.push('', `## ${label(size)} training rows`, '', '| model | threads | fit s | accuracy | row p50 ms | rows/s | peak RSS MB |', '|---|---|---|---|---|---|---|');
    for (const r of runs.filter((x) => x.size === size)) {
      const res = r.result;
      const row = res ? `${f(res.rowP50Ms, 4)}${res.rowDirectP50Ms !== undefined ? ` (${f(res.rowDirectP50Ms, 4)})` : ''}` : '—';
      lines.push(`| ${NAMES[r.model]} | ${r.threads} | ${f(r.fitMedian, 2)} | ${res ? f(res.accuracy, 4) : 'failed'} | ${row} | ${res ? fInt(res.rowsPerSecond) : '—'} | ${res ? fInt(res.peakRssMb) : '—'} |`);
    }
    const ps = pairs.filter((p) => p.size === size);
    if (ps.length > 0) {
      lines.push('', '| Sapling / reference | threads | fit ratio | Δ accuracy (points) | target at 100k |', '|---|---|---|---|---|');
      for (const p of ps) {
        const j = pairJson(p);
        const ratio = j.fitRatio as number;
        const acc = j.accuracyPoints as number;
        let target = '—';
        if (p.target !== undefined) {
          const met = ratio <= p.target && acc >= -1;
          target = `≤ ${p.target}× and ≥ −1 point: ${size === 100_000 ? (met ? '**met**' : '**not met**') : met ? 'met' : 'not met'}`;
        }
        lines.push(`| ${p.ours.model} / ${NAMES[p.ref.model]} | ${p.ours.threads} vs ${p.ref.threads} | ${f(ratio, 2)} | ${acc >= 0 ? '+' : ''}${f(acc, 2)} | ${target} |`);
      }
    }
    const forest = runs.find((r) => r.size === size && r.model === 'forest' && r.result);
    if (forest?.result) lines.push('', `Forest single-row predict p50: ${f(forest.result.rowP50Ms * 1000, 1)} µs through predict(), ${f((forest.result.rowDirectP50Ms ?? NaN) * 1000, 1)} µs through predictRowInto (target ≤ 50 µs).`);
  }
  if (oneMillion) {
    lines.push('', '## 1M rows end to end (`sapling train`, all workers)', '', '| model | exit | seconds (CSV read + fit + save) | peak RSS MB | progress lines | Ctrl-C: exit code, seconds to stop |', '|---|---|---|---|---|---|');
    for (const r of oneMillion) lines.push(`| ${r.model} | ${r.exitCode} | ${f(r.seconds as number, 1)} | ${r.peakRssMb ?? '—'} | ${r.progressLines} | ${r.cancelExitCode}, ${f(r.cancelSeconds as number, 2)} s |`);
  }
  return `${lines.join('\n')}\n`;
}

await main();
