// The golden comparisons: fixed `sapling compare --json` commands whose documents (timings removed) must stay
// byte-identical across refactors. Shared by scripts/update-golden.mjs (writes test/golden/*.json) and
// test/golden/golden.test.ts (compares against them), so the two can never run different commands.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const GOLDEN_DIR = join(ROOT, 'test', 'golden');

/**
 * Kept cheap enough for CI: iris with the default 5-fold CV; credit_data (4,454 rows) on one holdout split with
 * subgroups, Platt calibration and a ROPE so those paths are covered too; diabetes (regression) on 2×3 repeated folds
 * with an excluded column.
 */
export const GOLDEN_CASES = [
  { name: 'iris', args: ['examples/iris.csv', '--target', 'target', '--seed', '42'] },
  {
    name: 'credit_data',
    args: [
      'examples/credit_data.csv',
      '--target',
      'Status',
      '--holdout',
      '0.25',
      '--seed',
      '7',
      '--rope',
      '0.02',
      '--subgroups',
      'Home,Marital',
      '--calibrate',
      'platt',
    ],
  },
  {
    name: 'diabetes',
    args: [
      'examples/diabetes.csv',
      '--target',
      'target',
      '--folds',
      '3',
      '--repeats',
      '2',
      '--seed',
      '11',
      '--exclude',
      'sex',
    ],
  },
];

/** Wall-clock measurements differ on every run and every machine; everything else must not. */
const TIMING_KEYS = new Set(['timing']);

function withoutTimings(value) {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !TIMING_KEYS.has(key))
      .map(([key, v]) => [key, withoutTimings(v)]),
  );
}

/** Runs one case through the real CLI and returns the document exactly as the golden file stores it. */
export async function goldenDocument(testCase) {
  const dir = await mkdtemp(join(tmpdir(), 'sapling-golden-'));
  try {
    const out = join(dir, 'result.json');
    const args = [join(ROOT, 'bin', 'sapling.js'), 'compare', ...testCase.args, '--json', out, '--no-log', '--quiet'];
    const { code, stderr } = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      let err = '';
      child.stderr.on('data', (d) => (err += d.toString()));
      child.stdout.resume();
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode, stderr: err }));
    });
    if (code !== 0) throw new Error(`sapling compare ${testCase.args.join(' ')} exited with ${code}: ${stderr}`);
    return `${JSON.stringify(withoutTimings(JSON.parse(await readFile(out, 'utf8'))), null, 2)}\n`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const goldenPath = (testCase) => join(GOLDEN_DIR, `${testCase.name}.json`);
