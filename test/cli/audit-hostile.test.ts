/**
 * Defect 7 of issue #15 (the run-log part): a record `{}` signed with the user's own key, or a line nested
 * 100,000 deep, made `audit list/verify` and `reproduce` die with a stack trace (a TypeError reading
 * `record.dataset`, a RangeError in the recursive canonical JSON). Now the record's shape is checked as the
 * chain is verified, and JSON nesting is limited before parsing: each gives one error naming the line and
 * the field, and exit code 1.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealRecord } from '../../app/audit/chain.js';
import type { RunRecord } from '../../app/audit/record.js';
import { cliKey, runCli } from '../helpers/run-cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-hostile-log-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DEPTH = 100_000;

/** A line shaped like a sealed record whose record holds `[[[…]]]` DEPTH deep. */
function deepLine(): string {
  const head = `{"format":"sapling-run","version":2,"seq":1,"prev":"${'0'.repeat(64)}","hash":"${'1'.repeat(64)}","record":{"kind":"compare","x":`;
  return `${head}${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}}\n`;
}

function assertCleanError(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at |TypeError|RangeError|Maximum call stack/, r.stderr);
}

describe('hostile run logs give one clean error', () => {
  test('a record {} signed with the user’s own key: the shape check names the missing field', async () => {
    const { signer } = await cliKey();
    await writeFile(join(dir, 'empty.jsonl'), sealRecord({} as RunRecord, undefined, signer).line);
    for (const args of [['audit', 'list'], ['audit', 'verify'], ['reproduce']]) {
      const r = await runCli([...args, 'empty.jsonl', ...(args[0] === 'reproduce' ? ['--quiet'] : [])], { cwd: dir });
      assertCleanError(r, /line 1: record\.kind: /);
    }
  });

  test('a record with a wrong field type is named by its path', async () => {
    const { signer } = await cliKey();
    const record = {
      kind: 'compare',
      status: 'completed',
      startedAt: 'x',
      finishedAt: 'x',
      environment: { sapling: '1', runtime: 'n', platform: 'p', libraries: {} },
      dataset: { fileName: 'a.csv', sha256: 'f'.repeat(64), bytes: 1, rowsInFile: 1, columns: 'no' },
    } as unknown as RunRecord;
    await writeFile(join(dir, 'typed.jsonl'), sealRecord(record, undefined, signer).line);
    assertCleanError(await runCli(['audit', 'list', 'typed.jsonl'], { cwd: dir }), /record\.dataset\.columns: /);
  });

  test(`a line nested ${DEPTH.toLocaleString('en')} deep is refused at parsing, with its line and column`, async () => {
    await writeFile(join(dir, 'deep.jsonl'), deepLine());
    for (const args of [['audit', 'list'], ['audit', 'verify'], ['reproduce']]) {
      const r = await runCli([...args, 'deep.jsonl', ...(args[0] === 'reproduce' ? ['--quiet'] : [])], { cwd: dir });
      assertCleanError(r, /deep\.jsonl line 1, column \d+: the JSON nests deeper than 64 levels/);
    }
  });

  test('compare refuses to append to a log whose last line nests too deep (no stack trace)', async () => {
    await writeFile(join(dir, 'tail.jsonl'), deepLine());
    const r = await runCli(
      [
        'compare',
        join(process.cwd(), 'examples/iris.csv'),
        '--target',
        'target',
        '--models',
        'tree',
        '--log',
        'tail.jsonl',
      ],
      { cwd: dir },
    );
    assertCleanError(r, /will not append to it/);
  });
});
