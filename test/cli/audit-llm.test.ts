/**
 * The audit trail of a comparison that includes the LLM, through the real CLI against the fake endpoint:
 * the record names the endpoint (without credentials), the model, the prompt template's hash, the cache
 * keys and folder — never the key; `sapling reproduce` replays the LLM from the cache with zero requests,
 * names a missing cache entry by key, and with --live reports drift while still verifying the trees.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '../../app/audit/record.js';
import { DEFAULT_INSTRUCTIONS } from '../../app/settings/llm.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-llm.js';
import { cell, creditRule } from '../helpers/fake-llm-rules.js';
import { ROOT, cliKey, runCli } from '../helpers/run-cli.js';

const KEY = 'sk-audit-KEYSHAPED0123456789abcdef';
const URL_PASSWORD = 'hunter2secretPW';
const URL_SECRET = 'query-secret-0123456789';
/** The endpoint's model after an update: renters are now refused. */
const changedRule = (prompt: string): string => (cell(prompt, 'Home') === 'rent' ? 'bad' : creditRule(prompt));

let dir: string;
let fake: FakeLlm;
let rule = creditRule;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-audit-llm-'));
  await copyFile(join(ROOT, 'examples/credit_data.csv'), join(dir, 'credit_data.csv'));
  fake = await startFakeLlm((prompt) => rule(prompt));
});
after(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const env = { SAPLING_LLM_API_KEY: KEY };
const lastUserPrompt = (body: Record<string, unknown>): string =>
  [...(body.messages as { role: string; content: string }[])].reverse().find((m) => m.role === 'user')!.content;

describe('audit trail of a run with the LLM (CLI)', () => {
  let record: RunRecord;

  test('the record carries the endpoint without credentials, the model, the template hash, the cache keys and folder — never the key', async () => {
    const withCredentials =
      fake.openaiBaseUrl.replace('http://', `http://auditor:${URL_PASSWORD}@`) + `?api-key=${URL_SECRET}`;
    const args = [
      'compare',
      'credit_data.csv',
      '--target',
      'Status',
      '--models',
      'tree,llm',
      '--folds',
      '3',
      '--param',
      'tree.maxDepth=3',
    ];
    const llm = [
      '--llm-model',
      'fake-rule',
      '--llm-base-url',
      withCredentials,
      '--llm-sample',
      '30',
      '--llm-probe',
      '4',
      '--quiet',
    ];
    const r = await runCli([...args, ...llm], {
      cwd: dir,
      env: { ...env, OPENAI_API_KEY: 'sk-other-ALSO-NEVER-LOGGED-0123456789' },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fake.requests.length, 34);
    assert.ok(fake.requests.every((q) => q.authorization === `Bearer ${KEY}`));

    const log = await readFile(join(dir, 'sapling-runs.jsonl'), 'utf8');
    const cacheFiles = await readdir(join(dir, 'sapling-llm-cache'));
    const everything = [
      log,
      r.stdout,
      r.stderr,
      ...(await Promise.all(cacheFiles.map((f) => readFile(join(dir, 'sapling-llm-cache', f), 'utf8')))),
    ];
    for (const secret of [KEY, 'ALSO-NEVER-LOGGED', URL_PASSWORD, URL_SECRET]) {
      assert.ok(
        everything.every((text) => !text.includes(secret)),
        `${secret} appears in the log, the cache or the output`,
      );
    }
    record = JSON.parse(log.trimEnd().split('\n').at(-1)!).record as RunRecord;
    assert.deepEqual(
      { ...record.llm!, cacheKeys: record.llm!.cacheKeys.length },
      {
        endpoint: fake.openaiBaseUrl,
        provider: 'openai',
        model: 'fake-rule',
        promptTemplateSha256: createHash('sha256').update(DEFAULT_INSTRUCTIONS).digest('hex'),
        cacheKeys: 34,
        cacheFolder: 'sapling-llm-cache',
      },
    );
    // Every key the record lists is a reply on disk, and the run used no other.
    assert.deepEqual([...record.llm!.cacheKeys].sort(), cacheFiles.map((f) => f.replace(/\.json$/, '')).sort());
    assert.equal(record.settings.llm!.baseUrl, fake.openaiBaseUrl);
  });

  test('reproduce replays the LLM from the cache with zero requests and every number identical', async () => {
    fake.requests.length = 0;
    const r = await runCli(['reproduce', 'sapling-runs.jsonl', '--quiet'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /REPRODUCED: all \d+ recorded values are identical \(timings excluded; the LLM replayed from its response cache\)/,
    );
    assert.match(r.stdout, /LLM \(fake-rule\): 34 recorded replies replayed from .*sapling-llm-cache; 0 requests sent/);
    assert.equal(fake.requests.length, 0, 'a replay sends no request');
  });

  test('a replay still compares the LLM numbers: a changed recorded LLM metric is named', async () => {
    const { sealRecord } = await import('../../app/audit/chain.js');
    const altered = JSON.parse(JSON.stringify(record)) as {
      result: { llm: { metrics: { accuracy: { mean: number } } } };
    };
    altered.result.llm.metrics.accuracy.mean += 0.01;
    await writeFile(
      join(dir, 'altered.jsonl'),
      sealRecord(altered as unknown as RunRecord, undefined, (await cliKey()).signer).line,
    );
    fake.requests.length = 0;
    const r = await runCli(['reproduce', 'altered.jsonl', '--quiet'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /NOT REPRODUCED: 1 of \d+ recorded values differ \(timings excluded; the LLM replayed from its response cache\):\n {2}llm\.metrics\.accuracy\.mean: recorded/,
    );
    assert.equal(fake.requests.length, 0);
  });

  test('a deleted cache entry is named by its key; nothing is asked again', async () => {
    await cp(join(dir, 'sapling-llm-cache'), join(dir, 'damaged-cache'), { recursive: true });
    const gone = record.llm!.cacheKeys[5];
    await rm(join(dir, 'damaged-cache', `${gone}.json`));
    fake.requests.length = 0;
    const r = await runCli(['reproduce', 'sapling-runs.jsonl', '--llm-cache', 'damaged-cache', '--quiet'], {
      cwd: dir,
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /the LLM response cache damaged-cache lacks 1 of the 34 replies run 2 used/);
    assert.ok(r.stderr.includes(`  ${gone} (${join('damaged-cache', `${gone}.json`)})`), r.stderr);
    assert.equal(fake.requests.length, 0, 'a missing entry is never silently re-asked');
  });

  test('--live sends the key only to an endpoint named on the command line, never to the one the log names', async () => {
    fake.requests.length = 0;
    const r = await runCli(['reproduce', 'sapling-runs.jsonl', '--live', '--quiet'], { cwd: dir, env });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(fake.requests.length, 34);
    assert.deepEqual(
      fake.requests.filter((q) => q.authorization !== undefined),
      [],
      'the endpoint came from the log: no key',
    );
    assert.ok(r.stderr.includes(`is not sent to ${fake.openaiBaseUrl}: that endpoint comes from the log`), r.stderr);
    assert.ok(r.stderr.includes(`--endpoint ${fake.openaiBaseUrl}`));
    const noLive = await runCli(['reproduce', 'sapling-runs.jsonl', '--endpoint', fake.openaiBaseUrl], {
      cwd: dir,
      env,
    });
    assert.equal(noLive.code, 1);
    assert.match(noLive.stderr, /add --live/);
  });

  test('--live asks the endpoint again: the trees still verify, the changed answers are reported as drift', async () => {
    rule = changedRule;
    fake.requests.length = 0;
    try {
      const r = await runCli(
        ['reproduce', 'sapling-runs.jsonl', '--live', '--endpoint', fake.openaiBaseUrl, '--quiet'],
        { cwd: dir, env },
      );
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(fake.requests.length, 34);
      assert.ok(fake.requests.every((q) => q.authorization === `Bearer ${KEY}`));
      // The rows whose answer the update changed: the distinct row prompts (the probe re-asks some of them) where the two rules differ.
      const prompts = new Set(fake.requests.map((q) => lastUserPrompt(q.body)));
      assert.equal(prompts.size, 30);
      const changed = [...prompts].filter((p) => creditRule(p) !== changedRule(p)).length;
      assert.ok(changed > 0, 'the sample holds renters the update affects');
      assert.match(
        r.stdout,
        /REPRODUCED: all \d+ recorded values are identical \(tree models only, timings excluded; the LLM was asked again, see drift below\)/,
      );
      const share = ((100 * changed) / 30).toFixed(1);
      assert.ok(
        r.stdout.includes(
          `LLM drift (asked again at ${fake.openaiBaseUrl}, 34 requests): ${changed} of 30 rows (${share}%) answered differently than recorded`,
        ),
        r.stdout,
      );
      assert.match(r.stdout, /^ {2}accuracy: recorded \d\.\d{3}, now \d\.\d{3} \([+-]\d\.\d{3}\)$/m);
      assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY));
    } finally {
      rule = creditRule;
    }
  });
});
