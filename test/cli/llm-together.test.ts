import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareResult } from '../../app/result/compare.js';
import { readCsvFile } from '../../io/read-csv-file.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { memorisingRule } from '../helpers/fake-llm-memory.js';
import { creditRule } from '../helpers/fake-llm-rules.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
let fake: FakeLlm;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-cli-together-'));
  // A server that applies the credit rule to rows, and has memorised credit_data.csv.
  const credit = await readCsvFile('examples/credit_data.csv');
  fake = await startFakeLlm(memorisingRule(credit, (prompt) => creditRule(prompt)));
});
after(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sapling compare: small and large models together', () => {
  test('--llm-retrieved, --llm-columns and --llm-contamination: printed, in the JSON and in the estimate', async () => {
    const json = join(dir, 'run.json');
    const out = await runCli([
      'compare',
      '--no-log',
      'examples/credit_data.csv',
      '--target',
      'Status',
      '--models',
      'tree,llm',
      '--folds',
      '3',
      '--param',
      'tree.maxDepth=4',
      '--llm-model',
      'fake-rule',
      '--llm-base-url',
      fake.openaiBaseUrl,
      '--llm-sample',
      '45',
      '--llm-shots',
      '2',
      '--llm-probe',
      '0',
      '--llm-retrieved',
      '--llm-columns',
      '4',
      '--llm-contamination',
      '5',
      '--json',
      json,
    ]);
    assert.equal(out.code, 0, out.stderr);
    // 45 plain + 45 retrieved + 45 columns + (1 + 5 + 5) contamination questions.
    assert.match(out.stdout + out.stderr, /LLM estimate \(openai fake-rule\): 146 requests/);
    assert.match(out.stdout, /contamination check: This LLM reproduces rows of this file verbatim/);
    assert.match(out.stdout, /variant llm:retrieved — /);
    assert.match(out.stdout, /variant llm:columns — .*4 columns/);
    const result = JSON.parse(await readFile(json, 'utf8')) as CompareResult;
    const llm = result.llm!;
    assert.equal(llm.contamination!.verdict, 'memorised');
    assert.deepEqual(
      llm.variants!.map((v) => v.id),
      ['llm:retrieved', 'llm:columns'],
    );
    const columns = llm.variants![1];
    assert.ok(columns.columns!.every((c) => c.columns.length === 4));
    assert.ok(columns.tokensIn < llm.tokensIn);
  });

  test('the variants and the contamination check are in the run record and replay from the cache with no request', async () => {
    const log = join(dir, 'runs.jsonl');
    const cache = join(dir, 'cache');
    const run = await runCli([
      'compare',
      'examples/credit_data.csv',
      '--target',
      'Status',
      '--models',
      'tree,llm',
      '--folds',
      '3',
      '--param',
      'tree.maxDepth=3',
      '--llm-model',
      'fake-rule',
      '--llm-base-url',
      fake.openaiBaseUrl,
      '--llm-sample',
      '30',
      '--llm-shots',
      '2',
      '--llm-probe',
      '0',
      '--llm-retrieved',
      '--llm-columns',
      '3',
      '--llm-contamination',
      '3',
      '--llm-cache',
      cache,
      '--log',
      log,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const before = fake.requests.length;
    const replay = await runCli(['reproduce', log]);
    assert.equal(replay.code, 0, `${replay.stdout}\n${replay.stderr.split('\n').slice(-5).join('\n')}`);
    assert.match(replay.stdout, /REPRODUCED/);
    assert.match(replay.stdout, /0 requests sent/);
    assert.equal(fake.requests.length, before, 'nothing was asked again');
  });
});
