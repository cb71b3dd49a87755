/**
 * How long Ctrl-C takes to stop `sapling compare` (issue 14: "cancel at any point"): starts the CLI on a file, sends
 * SIGINT a given number of seconds after the start (`--at`) or a given time after a progress line matching a pattern
 * (`--when 'Random forest: scoring fold 1@0.5'`), and times the signal → process exit. The CLI handles SIGINT
 * on its main thread's event loop, so the time is the longest synchronous stretch around that moment plus the
 * clean-up. Several checkouts alternate at each point (before/after a change), measured in the same run.
 *
 *   node --import tsx bench/cancel-latency.ts bench/data/compare/synthetic-1m.csv --target y --at 20,30,45 \
 *     [--when 'pattern@seconds' ...] [--args='--models forest'] [--checkouts /path/to/before,.] [--repeats 2]
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    target: { type: 'string', default: 'y' },
    at: { type: 'string', default: '' },
    when: { type: 'string', multiple: true, default: [] },
    checkouts: { type: 'string', default: '.' },
    repeats: { type: 'string', default: '1' },
    args: { type: 'string', default: '' },
  },
});
const file = resolve(positionals[0] ?? 'bench/data/compare/synthetic-1m.csv');
/** A moment to send SIGINT: seconds after the start, or seconds after the first progress line matching a pattern. */
interface Moment {
  readonly after: RegExp | null;
  readonly seconds: number;
  readonly name: string;
}
const points: Moment[] = [
  ...(values.at ? values.at.split(',').map((t) => ({ after: null, seconds: Number(t), name: `${t} s` })) : []),
  ...values.when.map((w) => {
    const [pattern, delay = '0'] = w.split('@');
    return { after: new RegExp(pattern), seconds: Number(delay), name: `${delay} s after '${pattern}'` };
  }),
];
const checkouts = values.checkouts.split(',').map((c) => resolve(c));
const extra = values.args ? values.args.split(' ') : [];

interface Stop {
  readonly checkout: string;
  readonly at: string;
  readonly during: string;
  readonly stopSeconds: number;
  readonly exitCode: number | null;
}

function once(checkout: string, at: Moment): Promise<Stop> {
  return new Promise((done) => {
    const args = ['bin/sapling.js', 'compare', file, '--target', values.target, '--no-log', ...extra];
    const child = spawn(process.execPath, args, { cwd: checkout, stdio: ['ignore', 'ignore', 'pipe'] });
    let lastLine = '';
    let during = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      timer = setTimeout(() => {
        during = lastLine;
        sent = performance.now();
        child.kill('SIGINT');
      }, at.seconds * 1000);
    };
    child.stderr.on('data', (d: Buffer) => {
      const lines = d
        .toString()
        .split(/[\r\n]+/)
        .filter((l) => l.trim() !== '');
      if (lines.length > 0) lastLine = lines[lines.length - 1];
      if (at.after && timer === undefined && lines.some((l) => at.after!.test(l))) arm();
    });
    if (!at.after) arm();
    child.on('exit', (code) => {
      clearTimeout(timer);
      const stopSeconds = sent === 0 ? NaN : (performance.now() - sent) / 1000;
      done({
        checkout,
        at: at.name,
        during: sent === 0 ? `(ended first: ${lastLine})` : during,
        stopSeconds,
        exitCode: code,
      });
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
        `${checkout}  SIGINT at ${at.name}  → exit ${stop.exitCode} after ${stop.stopSeconds.toFixed(2)} s  (${stop.during.trim()})\n`,
      );
    }
console.log(`| checkout | SIGINT at | while | stopped after s | exit |\n|---|---:|---|---:|---:|`);
for (const s of rows)
  console.log(`| ${s.checkout} | ${s.at} | ${s.during.trim()} | ${s.stopSeconds.toFixed(2)} | ${s.exitCode} |`);
