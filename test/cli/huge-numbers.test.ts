/**
 * Issue 15, defect 5 through the command line: 1e308 and −1e308 in one column, and a 1e400 cell, used to crash
 * `profile` and `compare --report` (an infinite histogram bin width) after the run was logged.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const FILE = 'test/fixtures/hostile/huge-numbers.csv';
const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('huge numbers on the command line', () => {
  test('profile: ±1e308 is numeric with finite bins; 1e400 makes its column text, with a warning naming the cell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sapling-huge-'));
    dirs.push(dir);
    const json = join(dir, 'profile.json');
    const r = await runCli(['profile', FILE, '--json', json]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /reading +numeric .*-1e\+308 … 1e\+308/);
    assert.match(
      r.stdout,
      /huge-numbers\.csv line 22, field 2: '1e400' is beyond the range of numbers \(±1\.8e308\), so column 'flow' is read as text/,
    );
    const profile = JSON.parse(await readFile(json, 'utf8')) as {
      columns: { name: string; type: string; histogram?: { lo: number; hi: number; count: number }[] }[];
    };
    const reading = profile.columns.find((c) => c.name === 'reading')!;
    assert.equal(
      reading.histogram!.reduce((n, b) => n + b.count, 0),
      60,
    );
    assert.ok(reading.histogram!.every((b) => typeof b.lo === 'number' && typeof b.hi === 'number'));
    assert.equal(profile.columns.find((c) => c.name === 'flow')!.type, 'categorical');
  });

  test('compare --report finishes and writes the report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sapling-huge-'));
    dirs.push(dir);
    const report = join(dir, 'report.html');
    const r = await runCli([
      'compare',
      FILE,
      '--target',
      'label',
      '--models',
      'tree,linear',
      '--folds',
      '2',
      '--report',
      report,
      '--log',
      join(dir, 'runs.jsonl'),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /report: .*report\.html/);
    const html = await readFile(report, 'utf8');
    assert.match(html, /huge-numbers\.csv/);
    assert.doesNotMatch(html, /NaN|Infinity/);
  });
});
