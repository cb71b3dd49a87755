import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareResult } from '../../app/result/compare.js';
import { llmRows } from '../../app/evaluate/model-rows.js';
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

    // The LLM and its variants are rows of models[], after the trained model, each scored on its sample.
    assert.deepEqual(
      result.models.map((m) => m.id),
      ['tree', 'llm', 'llm:retrieved', 'llm:columns'],
    );
    const rows = llmRows(result);
    for (const [i, source] of [llm, ...llm.variants!].entries()) {
      assert.equal(rows[i].kind, 'llm');
      assert.equal(rows[i].scoredRows, 45);
      assert.deepEqual(rows[i].metrics, source.metrics);
      assert.deepEqual(rows[i].folds, source.foldMetrics);
      assert.deepEqual(rows[i].pooledAccuracy, source.pooledAccuracy);
      assert.equal(rows[i].costPer1000, source.estimatedCostPer1000);
    }
    // Each is on the leaderboard, marked as scored on the sample.
    for (const row of rows) assert.ok(out.stdout.includes(`${row.label}*`), `${row.label} on the leaderboard`);
    assert.match(out.stdout, /\* the LLM and its prompt variants are scored on 45 sampled test rows/);
    // The recommendation is a trained model, and says where the LLM stands on the same rows.
    const r = result.recommendation!;
    assert.equal(r.modelId, 'tree');
    const standing = r.llm!;
    const best = [...rows].sort((a, b) => b.pooledAccuracy!.value - a.pooledAccuracy!.value)[0];
    assert.equal(standing.llmId, best.id);
    assert.equal(standing.rows, 45);
    assert.equal(
      standing.position,
      standing.modelAccuracy > standing.ci95[1]
        ? 'above'
        : standing.modelAccuracy < standing.ci95[0]
          ? 'below'
          : 'within',
    );
    assert.match(
      standing.text,
      /scored [\d.]+ accuracy on its 45 sampled rows \(95% interval [\d.]+–[\d.]+\); Decision tree scored [\d.]+ on the same rows/,
    );
    assert.ok(out.stdout.includes(`the LLM: ${standing.text}`));
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
