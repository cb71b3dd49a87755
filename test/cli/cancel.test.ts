/**
 * Ctrl-C stops `sapling compare` whichever model is being fitted or scored: compare's thread pauses between steps
 * of long work, so the SIGINT handler gets a turn. (Before, a compare of only the linear model ran to the end and
 * exited 0: every await in its path resolved at once, so the event loop never turned and the signal waited.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../../app/util/random.js';
import { runCli } from '../helpers/run-cli.js';

let dir = '';
let file = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sapling-cancel-'));
  file = join(dir, 'big.csv');
  // 60,000 rows: a few seconds of fitting per model, long enough for the signal to arrive mid-run on any machine.
  const rng = createRng(3);
  const lines = ['a,b,c,d,e,f,y'];
  for (let i = 0; i < 60_000; i++) {
    const x = Array.from({ length: 6 }, () => rng.next() * 2 - 1);
    lines.push(`${x.map((v) => v.toFixed(4)).join(',')},${x[0] + 0.5 * x[1] + 0.3 * rng.next() > 0 ? 'yes' : 'no'}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('Ctrl-C during compare', () => {
  for (const model of ['linear', 'tree', 'forest']) {
    test(`stops a ${model} run while its first fold fits: exit 130, "cancelled"`, async () => {
      const r = await runCli(['compare', file, '--target', 'y', '--models', model, '--no-log'], {
        interruptWhen: /fitting fold 1\/5/,
      });
      assert.equal(r.code, 130, r.stderr.slice(-500));
      assert.match(r.stderr, /cancelled/);
      assert.doesNotMatch(r.stderr, /Comparison done/);
    });
  }
});
