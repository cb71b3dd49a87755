/**
 * How long Ctrl-C takes to stop `sapling compare` (issue 14: "cancel at any point"): starts the CLI on a file, sends
 * SIGINT a given number of seconds after the start, and times the signal → process exit. The CLI handles SIGINT
 * on its main thread's event loop, so the time is the longest synchronous stretch around that moment plus the
 * clean-up. Several checkouts alternate at each point (before/after a change), measured in the same run.
 *
 *   node --import tsx bench/cancel-latency.ts bench/data/compare/synthetic-1m.csv --target y --at 20,30,45 \
 *     [--checkouts /path/to/before,.] [--repeats 2]
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    target: { type: 'string', default: 'y' },
    at: { type: 'string', default: '20,40' },
    checkouts: { type: 'string', default: '.' },
    repeats: { type: 'string', default: '1' },
    args: { type: 'string', default: '' },
  },
});
const file = resolve(positionals[0] ?? 'bench/data/compare/synthetic-1m.csv');
const points = values.at.split(',').map(Number);
const checkouts = values.checkouts.split(',').map((c) => resolve(c));
const extra = values.args ? values.args.split(' ') : [];

interface Stop {
  readonly checkout: string;
  readonly at: number;
  readonly during: string;
  readonly stopSeconds: number;
  readonly exitCode: number | null;
}

function once(checkout: string, at: number): Promise<Stop> {
  return new Promise((done) => {
    const args = ['bin/sapling.js', 'compare', file, '--target', values.target, '--no-log', ...extra];
    const child = spawn(process.execPath, args, { cwd: checkout, stdio: ['ignore', 'ignore', 'pipe'] });
    let lastLine = '';
    let during = '';
    let sent = 0;
    child.stderr.on('data', (d: Buffer) => {
      const lines = d
        .toString()
        .split(/[\r\n]+/)
        .filter((l) => l.trim() !== '');
      if (lines.length > 0) lastLine = lines[lines.length - 1];
    });
    const timer = setTimeout(() => {
      during = lastLine;
      sent = performance.now();
      child.kill('SIGINT');
    }, at * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const stopSeconds = sent === 0 ? NaN : (performance.now() - sent) / 1000;
      done({ checkout, at, during: sent === 0 ? `(ended first: ${lastLine})` : during, stopSeconds, exitCode: code });
    });
  });
}

const rows: Stop[] = [];
for (let r = 0; r < Number(values.repeats); r++)
  for (const at of points)
    for (const checkout of r % 2 === 0 ? checkouts : [...checkouts].reverse()) {
      const stop = await once(checkout, at);
      rows.push(stop);
      process.stderr.write(
        `${checkout}  SIGINT at ${at} s  → exit ${stop.exitCode} after ${stop.stopSeconds.toFixed(2)} s  (${stop.during.trim()})\n`,
      );
    }
console.log(`| checkout | SIGINT at s | while | stopped after s | exit |\n|---|---:|---|---:|---:|`);
for (const s of rows)
  console.log(`| ${s.checkout} | ${s.at} | ${s.during.trim()} | ${s.stopSeconds.toFixed(2)} | ${s.exitCode} |`);
