import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareResult } from '../../app/result/compare.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { creditRule } from '../helpers/fake-llm-rules.js';
import { runCli } from '../helpers/run-cli.js';

const KEY = 'sk-cli-NEVER-PRINT-ME';
let dir: string;
let fake: FakeLlm;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-cli-llm-'));
  fake = await startFakeLlm((prompt) => creditRule(prompt));
});
after(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const base = [
  'compare',
  '--no-log',
  'examples/credit_data.csv',
  '--target',
  'Status',
  '--models',
  'tree,linear,llm',
  '--folds',
  '3',
  '--param',
  'tree.maxDepth=4',
];

describe('sapling compare with an LLM', () => {
  test('prints the estimate first, the LLM next to the trees, the cascade and the distilled tree; re-runs from the cache for free', async () => {
    const json = join(dir, 'run.json');
    const cache = join(dir, 'cache');
    const llm = [
      '--llm-model',
      'fake-rule',
      '--llm-base-url',
      fake.openaiBaseUrl,
      '--llm-sample',
      '60',
      '--llm-shots',
      '2',
      '--llm-probe',
      '4',
      '--llm-importance',
      '10',
      '--llm-reasons',
      '2',
      '--llm-price-in',
      '0.15',
      '--llm-price-out',
      '0.6',
      '--llm-cache',
      cache,
    ];
    fake.requests.length = 0;
    const r = await runCli([...base, ...llm, '--json', json], { env: { SAPLING_LLM_API_KEY: KEY } });
    assert.equal(r.code, 0, r.stderr);
    // 60 rows + 4 asked twice + 10 importance rows × 13 features + 2 "why?" follow-ups.
    assert.match(r.stderr, /^LLM estimate \(openai fake-rule\): 196 requests \(\d+ cached\)/m);
    assert.ok(
      r.stderr.indexOf('LLM estimate') < r.stderr.indexOf('Decision tree'),
      'the estimate comes before any training',
    );
    assert.match(r.stdout, /LLM \(fake-rule\)\*/);
    assert.match(r.stdout, /60 sampled test rows \(20 \+ 20 \+ 20 per fold\), 2-shot/);
    assert.match(r.stdout, /^cascade on the 60 sampled rows/m);
    assert.match(
      r.stdout,
      /^distilled tree \(depth ≤ 3, learned from \d+ LLM answers\): fidelity to the LLM on held-out rows 0\.\d{3}/m,
    );
    assert.match(r.stdout, /Records is (yes|no)/);
    assert.match(r.stdout, /permutation importance \(accuracy drop on 10 rows, one shuffle each\): \w+ -?\d\.\d{3}, /);
    assert.ok(fake.requests.every((q) => q.authorization === `Bearer ${KEY}`));
    const result = JSON.parse(await readFile(json, 'utf8')) as CompareResult;
    assert.equal(result.llm!.sampleRows, 60);
    assert.equal(result.llm!.estimate.requests, 196);
    assert.equal(
      fake.requests.length,
      196 - result.llm!.estimate.cachedRequests,
      'a request planned twice is asked once',
    );
    assert.match(r.stdout, /^self-reported reasons \(Self-reported by the model, not verified/m);
    assert.equal(result.llm!.requests, fake.requests.length);
    assert.deepEqual(
      result.cascade!.map((c) => c.model),
      ['tree', 'linear'],
    );
    assert.ok('fidelity' in result.distilled!);
    for (const text of [
      r.stdout,
      r.stderr,
      await readFile(json, 'utf8'),
      ...(await Promise.all((await readdir(cache)).map((f) => readFile(join(cache, f), 'utf8')))),
    ]) {
      assert.ok(!text.includes(KEY), 'the API key appears nowhere');
    }

    fake.requests.length = 0;
    const again = await runCli([...base, ...llm, '--json', json], { env: { SAPLING_LLM_API_KEY: KEY } });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /196 requests \(196 cached\).*cost 0\.0000/);
    assert.equal(fake.requests.length, 0, 'a re-run sends zero requests');
    const rerun = JSON.parse(await readFile(json, 'utf8')) as CompareResult;
    assert.deepEqual(rerun.llm!.metrics, result.llm!.metrics);
    assert.deepEqual(rerun.cascade, result.cascade);
  });

  test('without an LLM: no llm section, one hint line', async () => {
    const json = join(dir, 'plain.json');
    const r = await runCli([
      'compare',
      '--no-log',
      'examples/iris.csv',
      '--target',
      'target',
      '--models',
      'tree',
      '--folds',
      '3',
      '--json',
      json,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^LLM baseline: not configured — add --llm-model NAME/m);
    const result = JSON.parse(await readFile(json, 'utf8')) as CompareResult;
    assert.equal(result.llm, undefined);
  });

  test('llm in --models without --llm-model is a clear error; a refused key stops the run without printing it', async () => {
    const r = await runCli(['compare', '--no-log', 'examples/iris.csv', '--target', 'target', '--models', 'tree,llm']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--models includes 'llm' but no --llm-model NAME/);
    fake.script.push({ kind: 'echo-key' });
    const refused = await runCli(
      [
        ...base,
        '--llm-model',
        'fake-rule',
        '--llm-base-url',
        fake.openaiBaseUrl,
        '--llm-sample',
        '5',
        '--llm-probe',
        '0',
        '--llm-concurrency',
        '1',
      ],
      {
        env: { SAPLING_LLM_API_KEY: KEY },
      },
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /error: openai fake-rule at .*: HTTP 401/);
    assert.ok(!refused.stderr.includes(KEY) && !refused.stdout.includes(KEY));
  });
});
