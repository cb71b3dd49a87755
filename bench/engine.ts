/**
 * Engine benchmark (issue 3): Sapling's tree / forest / boost against scikit-learn's DecisionTree,
 * RandomForest and HistGradientBoosting and XGBoost's hist booster — in one run, on the same CSV files.
 *
 *   npm run bench [-- --sizes 10k,100k,1m] [--repeats 3] [--workers N] [--no-python] [--check-1m]
 *                 [--out docs/benchmark.md] [--json bench/results/engine.json]
 *
 * - Data: bench/engine-data.ts (20 features, 5 informative with interactions, label noise), written once to
 *   bench/data/engine/ (gitignored): train-<rows>.csv per size and one 20,000-row test.csv.
 * - Every measurement is a fresh child process (bench/engine-run.ts, bench/reference.py) that fits once, then
 *   measures test accuracy, single-row latency p50 (Sapling: 2,000 calls of predict on one row; Python: 200),
 *   batch rows/s and the process's peak RSS (data included). Processes run one at a time (the machine has few
 *   cores); the `repeats` (3; 1 at 1M rows) go round all configurations in turn, so the two sides of a ratio
 *   share whatever else the machine is doing. Fit = median over the repeats.
 * - Ratios are Sapling / reference from the same run, at the same thread count: 1 and `workers`
 *   (default: all cores). A decision tree has no threads in scikit-learn: both Sapling rows compare with it.
 * - Without /usr/bin/python3 (or scikit-learn / XGBoost) it says so and reports Sapling alone.
 * - --check-1m: `sapling train` on the 1M-row file (forest and boost, all workers) end to end through the CLI,
 *   with its peak RSS, and a Ctrl-C (SIGINT) sent mid-fit to check that cancel is prompt.
 * - --from results.json: no measurements, only the report again from a previous run's JSON.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
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
    from: { type: 'string' },
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
  if (!existsSync(PYTHON))
    return { sklearn: false, xgboost: false, note: `${PYTHON} not found: Sapling alone, no references` };
  const probe = (mod: string): boolean =>
    spawnSync(PYTHON, ['-c', `import ${mod}, pandas`], { encoding: 'utf8' }).status === 0;
  const sklearn = probe('sklearn');
  const xgboost = probe('xgboost');
  const missing = [sklearn ? '' : 'scikit-learn', xgboost ? '' : 'xgboost'].filter(Boolean);
  return {
    sklearn,
    xgboost,
    note: missing.length ? `not installed for ${PYTHON}: ${missing.join(', ')} — those references are absent` : '',
  };
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

function sapling(size: number, model: 'tree' | 'forest' | 'boost', threads: number, rep: number): Measure | null {
  log(`[${label(size)}] sapling ${model}, ${threads} worker(s), repeat ${rep + 1}…`);
  return runChild(process.execPath, [
    '--import',
    'tsx',
    'bench/engine-run.ts',
    '--train',
    `${DATA}/train-${size}.csv`,
    '--test',
    `${DATA}/test.csv`,
    '--model',
    model,
    '--workers',
    String(threads),
    '--repeats',
    '1',
  ]);
}

function reference(size: number, model: 'dt' | 'rf' | 'hgb' | 'xgb', threads: number, rep: number): Measure | null {
  log(`[${label(size)}] ${model}, ${threads} thread(s), repeat ${rep + 1}…`);
  const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  return runChild(
    PYTHON,
    [
      'bench/reference.py',
      '--train',
      `${DATA}/train-${size}.csv`,
      '--test',
      `${DATA}/test.csv`,
      '--model',
      model,
      '--threads',
      String(threads),
      '--repeats',
      '1',
    ],
    env,
  );
}

const NAMES: Record<string, string> = {
  tree: 'Sapling tree',
  forest: 'Sapling forest',
  boost: 'Sapling boost',
  dt: 'scikit-learn DecisionTree',
  rf: 'scikit-learn RandomForest',
  hgb: 'scikit-learn HistGradientBoosting',
  xgb: 'XGBoost hist',
};

interface Pair {
  readonly size: number;
  readonly ours: Run;
  readonly ref: Run;
  /** Target fit ratio (ours / ref) at 100k rows, if the issue sets one. */
  readonly target?: number;
}

/** The Sapling / reference pairs of a run: tree vs DecisionTree (1 thread), forest vs RandomForest, boost vs XGBoost and HistGradientBoosting, at equal thread counts. */
function pairsOf(runs: readonly Run[]): Pair[] {
  const pairs: Pair[] = [];
  const find = (size: number, model: string, threads: number): Run | undefined =>
    runs.find((r) => r.size === size && r.model === model && r.threads === threads);
  for (const ours of runs.filter((r) => r.tool === 'sapling')) {
    const refs: [string, number, number | undefined][] =
      ours.model === 'tree'
        ? [['dt', 1, 1.0]]
        : ours.model === 'forest'
          ? [['rf', ours.threads, 0.5]]
          : [
              ['xgb', ours.threads, 2.0],
              ['hgb', ours.threads, undefined],
            ];
    for (const [model, threads, target] of refs) {
      const ref = find(ours.size, model, threads);
      if (ref) pairs.push({ size: ours.size, ours, ref, ...(target !== undefined ? { target } : {}) });
    }
  }
  return pairs;
}

async function checkOneMillion(): Promise<Record<string, unknown>[]> {
  const file = `${DATA}/train-1000000.csv`;
  await writeCsv(file, 1_000_000, 1);
  const results: Record<string, unknown>[] = [];
  const rssHook = `${ROOT}bench/rss-at-exit.mjs`;
  for (const model of ['forest', 'boost'] as const) {
    const params = Object.entries(BENCH_PARAMS[model]).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
    const args = [
      '--import',
      rssHook,
      'bin/sapling.js',
      'train',
      file,
      '--target',
      'y',
      '--model',
      model,
      ...params,
      '--workers',
      String(workers),
      '--out',
      `${DATA}/model-1m-${model}.json`,
    ];
    log(`[1M end to end] sapling train --model ${model} --workers ${workers}…`);
    const started = performance.now();
    const full = spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SAPLING_RSS_REPORT: '1' },
    });
    const seconds = (performance.now() - started) / 1000;
    const rss = /maxrss-mb (\d+(?:\.\d+)?)/.exec(full.stderr)?.[1];
    const progressLines = full.stderr.split('\n').filter((l) => /^\[\s*\d+%\]/.test(l)).length;
    // Default parameters too (a user's first run): the forest's leaf limit is what keeps this in memory.
    const defaults = spawnSync(
      process.execPath,
      [
        '--import',
        rssHook,
        'bin/sapling.js',
        'train',
        file,
        '--target',
        'y',
        '--model',
        model,
        '--workers',
        String(workers),
        '--out',
        `${DATA}/model-1m-${model}-defaults.json`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const defaultsRss = /maxrss-mb (\d+(?:\.\d+)?)/.exec(defaults.stderr)?.[1];
    const defaultsSeconds = (performance.now() - started) / 1000 - seconds;
    // Cancel: SIGINT three seconds into the fit (the CLI prints its first progress line when fitting starts).
    const child = spawn(process.execPath, args, { cwd: ROOT });
    let stderr = '';
    let sentAt = 0;
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!timer && /fitting/.test(stderr)) {
        timer = setTimeout(() => {
          sentAt = performance.now();
          child.kill('SIGINT');
        }, 3000);
      }
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    const cancelSeconds = sentAt ? (performance.now() - sentAt) / 1000 : NaN;
    results.push({
      model,
      exitCode: full.status,
      seconds,
      peakRssMb: rss ? Number(rss) : null,
      progressLines,
      defaultsExitCode: defaults.status,
      defaultsSeconds,
      defaultsPeakRssMb: defaultsRss ? Number(defaultsRss) : null,
      cancelExitCode: code,
      cancelSeconds,
      cancelMessage: stderr.trim().split('\n').at(-1),
    });
    log(
      `  exit ${full.status} in ${seconds.toFixed(1)} s, peak RSS ${rss} MB; defaults: exit ${defaults.status} in ${defaultsSeconds.toFixed(1)} s, peak RSS ${defaultsRss} MB; cancel → exit ${code} after ${cancelSeconds.toFixed(2)} s`,
    );
  }
  return results;
}

async function main(): Promise<void> {
  if (values.from) {
    const saved = JSON.parse(await readFile(values.from, 'utf8')) as {
      runs: Run[];
      oneMillion: Record<string, unknown>[] | null;
      machine: Record<string, unknown>;
      note?: string;
    };
    sizes.splice(0, sizes.length, ...new Set(saved.runs.map((r) => r.size)));
    const report = render(saved.runs, pairsOf(saved.runs), saved.note ?? '', saved.oneMillion, saved.machine);
    await writeFile(outMd, report);
    process.stdout.write(report);
    return;
  }
  const tools = pythonTools();
  if (tools.note) log(`note: ${tools.note}`);
  await writeCsv(`${DATA}/test.csv`, TEST_ROWS, 2);
  const runs: Run[] = [];
  const threadCounts = [...new Set([1, workers])];
  for (const size of sizes) {
    await writeCsv(`${DATA}/train-${size}.csv`, size, 1);
    // Each pair's two sides alternate, one fit per process, so that load from other users of this machine
    // falls on both sides of a ratio alike; the fit time is the median over the repeats.
    const configs: [Run['tool'], string, number][] = [];
    if (tools.sklearn) configs.push(['sklearn', 'dt', 1]);
    for (const t of threadCounts) configs.push(['sapling', 'tree', t]);
    for (const t of threadCounts) {
      configs.push(['sapling', 'forest', t]);
      if (tools.sklearn) configs.push(['sklearn', 'rf', t]);
    }
    for (const t of threadCounts) {
      configs.push(['sapling', 'boost', t]);
      if (tools.xgboost) configs.push(['xgboost', 'xgb', t]);
      if (tools.sklearn) configs.push(['sklearn', 'hgb', t]);
    }
    const found = new Map<string, Measure[]>();
    for (let rep = 0; rep < repeatsFor(size); rep++) {
      for (const [tool, model, threads] of configs) {
        const run =
          tool === 'sapling'
            ? sapling(size, model as 'tree', threads, rep)
            : reference(size, model as 'dt', threads, rep);
        const key = `${model}@${threads}`;
        if (run) found.set(key, [...(found.get(key) ?? []), run]);
      }
    }
    for (const [tool, model, threads] of configs) {
      const ms = found.get(`${model}@${threads}`) ?? [];
      const result =
        ms.length > 0
          ? {
              ...ms[0],
              fitSeconds: ms.flatMap((m) => m.fitSeconds),
              rowP50Ms: median(ms.map((m) => m.rowP50Ms)),
              rowsPerSecond: median(ms.map((m) => m.rowsPerSecond)),
              peakRssMb: Math.max(...ms.map((m) => m.peakRssMb)),
              ...(ms[0].rowDirectP50Ms !== undefined
                ? { rowDirectP50Ms: median(ms.map((m) => m.rowDirectP50Ms!)) }
                : {}),
            }
          : null;
      runs.push({ size, tool, model, threads, result, fitMedian: result ? median(result.fitSeconds) : NaN });
    }
  }
  const oneMillion = values['check-1m'] ? await checkOneMillion() : null;
  const pairs = pairsOf(runs);
  const m = machine();
  const report = render(runs, pairs, tools.note, oneMillion, m);
  mkdirSync(dirname(outMd), { recursive: true });
  mkdirSync(dirname(outJson), { recursive: true });
  await writeFile(outMd, report);
  await writeFile(
    outJson,
    `${JSON.stringify({ machine: m, note: tools.note, settings: { sizes, workers, testRows: TEST_ROWS, params: BENCH_PARAMS }, runs, pairs: pairs.map(pairJson), oneMillion }, null, 2)}\n`,
  );
  process.stdout.write(report);
}

/** The issue's targets at 100k rows, each with its measured value from this run. */
function closingNote(runs: Run[], pairs: Pair[]): string[] {
  const at = pairs.filter((p) => p.size === 100_000 && p.target !== undefined);
  if (at.length === 0) return [];
  const lines = ['', '## Targets at 100k rows (this run)', '', '| target | measured | met |', '|---|---|---|'];
  let boostMissed = false;
  for (const p of at) {
    const j = pairJson(p);
    const ratio = j.fitRatio as number;
    const acc = j.accuracyPoints as number;
    const met = ratio <= p.target! && acc >= -1;
    if (!met && p.ours.model === 'boost') boostMissed = true;
    lines.push(
      `| ${p.ours.model} fit ≤ ${p.target}× ${NAMES[p.ref.model]} (${p.ours.threads} vs ${p.ref.threads} threads), accuracy within 1 point | ${f(ratio, 2)}×, ${acc >= 0 ? '+' : ''}${f(acc, 2)} points | ${met ? 'yes' : '**no**'} |`,
    );
  }
  const forest = runs.find((r) => r.size === 100_000 && r.model === 'forest' && r.result);
  if (forest?.result) {
    const us = forest.result.rowP50Ms * 1000;
    lines.push(
      `| forest single-row predict p50 ≤ 50 µs | ${f(us, 1)} µs (predict), ${f((forest.result.rowDirectP50Ms ?? NaN) * 1000, 1)} µs (predictRowInto) | ${us <= 50 ? 'yes' : '**no**'} |`,
    );
  }
  if (boostMissed) {
    lines.push(
      '',
      "**What limits boosting.** Sapling does the same histogram work as XGBoost hist (depth-wise trees, 255 bins, the smaller child built and the larger one subtracted: about 4.4 M bin updates per round at 100k rows × 20 features). Profiled at 100k rows on one thread (~3.3 s): histogram updates 54% (~4 ns each — a byte load, an index computation and two float read-modify-writes; V8 has no SIMD and does not prefetch), partitioning rows 12%, binning 11% (in the main thread, before the workers start), gradients 7%, split search 6%. XGBoost's whole fit takes about as long as Sapling's histogram updates alone. Two workers split the rows into two shards (the model stays bit-identical) and give ~1.4–1.5×, about what XGBoost gets from two threads, so the ratio is about the same at both thread counts. Measured and kept: no row-count channel when no minimum leaf size is asked for (a third fewer memory updates), four bin codes per 32-bit load, gradient rounding without Math.round. Measured and dropped (slower): moving row records with each partition, column-major root histograms, feature-grouped passes, fused partition-and-build. Not tried: LightGBM-style quantized gradients packed two per double — fewer memory updates, but an approximate model.",
    );
  }
  return lines;
}

function machine(): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    loadavg: loadavg(),
    date: new Date().toISOString(),
  };
}

function pairJson(p: Pair): Record<string, unknown> {
  const ratio = p.ours.fitMedian / p.ref.fitMedian;
  const acc = p.ours.result && p.ref.result ? 100 * (p.ours.result.accuracy - p.ref.result.accuracy) : NaN;
  return {
    size: p.size,
    ours: `${p.ours.model}@${p.ours.threads}`,
    ref: `${p.ref.model}@${p.ref.threads}`,
    fitRatio: ratio,
    accuracyPoints: acc,
    target: p.target ?? null,
  };
}

const f = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : '—');
const fInt = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');

function render(
  runs: Run[],
  pairs: Pair[],
  note: string,
  oneMillion: Record<string, unknown>[] | null,
  m: Record<string, unknown>,
): string {
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
    lines.push(
      '',
      `## ${label(size)} training rows`,
      '',
      '| model | threads | fit s | accuracy | row p50 ms | rows/s | peak RSS MB |',
      '|---|---|---|---|---|---|---|',
    );
    for (const r of runs.filter((x) => x.size === size)) {
      const res = r.result;
      const row = res
        ? `${f(res.rowP50Ms, 4)}${res.rowDirectP50Ms !== undefined ? ` (${f(res.rowDirectP50Ms, 4)})` : ''}`
        : '—';
      lines.push(
        `| ${NAMES[r.model]} | ${r.threads} | ${f(r.fitMedian, 2)} | ${res ? f(res.accuracy, 4) : 'failed'} | ${row} | ${res ? fInt(res.rowsPerSecond) : '—'} | ${res ? fInt(res.peakRssMb) : '—'} |`,
      );
    }
    const ps = pairs.filter((p) => p.size === size);
    if (ps.length > 0) {
      lines.push(
        '',
        '| Sapling / reference | threads | fit ratio | Δ accuracy (points) | target at 100k |',
        '|---|---|---|---|---|',
      );
      for (const p of ps) {
        const j = pairJson(p);
        const ratio = j.fitRatio as number;
        const acc = j.accuracyPoints as number;
        let target = '—';
        if (p.target !== undefined) {
          const met = ratio <= p.target && acc >= -1;
          target = `≤ ${p.target}× and ≥ −1 point: ${size === 100_000 ? (met ? '**met**' : '**not met**') : met ? 'met' : 'not met'}`;
        }
        lines.push(
          `| ${p.ours.model} / ${NAMES[p.ref.model]} | ${p.ours.threads} vs ${p.ref.threads} | ${f(ratio, 2)} | ${acc >= 0 ? '+' : ''}${f(acc, 2)} | ${target} |`,
        );
      }
    }
    const forest = runs.find((r) => r.size === size && r.model === 'forest' && r.result);
    if (forest?.result)
      lines.push(
        '',
        `Forest single-row predict p50: ${f(forest.result.rowP50Ms * 1000, 1)} µs through predict(), ${f((forest.result.rowDirectP50Ms ?? NaN) * 1000, 1)} µs through predictRowInto (target ≤ 50 µs).`,
      );
  }
  lines.push(...closingNote(runs, pairs));
  if (oneMillion) {
    lines.push(
      '',
      '## 1M rows end to end (`sapling train`, all workers)',
      '',
      'With the benchmark parameters, then with default parameters; Ctrl-C (SIGINT) sent three seconds into a fit with the benchmark parameters. Seconds include reading the 150 MB CSV and saving the model.',
      '',
      '| model | exit | seconds | peak RSS MB | defaults: exit, seconds, peak RSS MB | Ctrl-C: exit code (130 = cancelled), seconds to stop |',
      '|---|---|---|---|---|---|',
    );
    for (const r of oneMillion)
      lines.push(
        `| ${r.model} | ${r.exitCode} | ${f(r.seconds as number, 1)} | ${r.peakRssMb ?? '—'} | ${r.defaultsExitCode}, ${f(r.defaultsSeconds as number, 1)}, ${r.defaultsPeakRssMb ?? '—'} | ${r.cancelExitCode}, ${f(r.cancelSeconds as number, 2)} s |`,
      );
  }
  return `${lines.join('\n')}\n`;
}

await main();
