import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedParams, parseParamInput } from '../../renderer/src/lib/params.js';
import { cliCommand, shellQuote } from '../../renderer/src/lib/cli-command.js';

test('parameter inputs take the type of their default', () => {
  assert.deepEqual(parseParamInput('10', 100), { ok: true, value: 10 });
  assert.deepEqual(parseParamInput(' 0.5 ', 1), { ok: true, value: 0.5 });
  assert.equal(parseParamInput('', 1).ok, false);
  assert.equal(parseParamInput('ten', 1).ok, false);
  assert.deepEqual(parseParamInput('false', true), { ok: true, value: false });
  assert.equal(parseParamInput('maybe', true).ok, false);
  assert.deepEqual(parseParamInput('sqrt', 'auto'), { ok: true, value: 'sqrt' });
});

test('only changed parameters are spelled out', () => {
  assert.deepEqual(changedParams({ trees: 10, maxDepth: 0 }, { trees: 100, maxDepth: 0 }), { trees: 10 });
});

test('the CLI equivalent of the UI settings', () => {
  assert.equal(
    cliCommand({
      fileName: 'iris.csv',
      target: 'target',
      models: ['tree', 'forest', 'linear'],
      folds: 5,
      seed: 42,
      params: { forest: { trees: 10 } },
    }),
    'npx sapling compare iris.csv --target target --models tree,forest,linear --folds 5 --seed 42 --param forest.trees=10',
  );
  assert.equal(
    cliCommand({
      fileName: 'my data.csv',
      target: "it's",
      models: ['tree'],
      holdout: 0.2,
      seed: 1,
      task: 'regression',
      exclude: ['id', 'b'],
    }),
    `npx sapling compare 'my data.csv' --target 'it'\\''s' --models tree --holdout 0.2 --seed 1 --task regression --exclude id,b`,
  );
  assert.equal(shellQuote(''), "''");
});

test('cliCommand with the LLM: llm in --models and its flags, never a key', async () => {
  const { DEFAULT_INSTRUCTIONS } = await import('../../app/settings/llm.js');
  const command = cliCommand({
    fileName: 'credit_data.csv',
    target: 'Status',
    models: ['tree'],
    folds: 5,
    seed: 42,
    llm: {
      provider: 'openai',
      baseUrl: 'http://127.0.0.1:8080/v1',
      model: 'llama 3',
      inputPer1M: 0.15,
      outputPer1M: 0.6,
      sampleRows: 200,
      shots: 4,
      template: 'list',
      instructions: DEFAULT_INSTRUCTIONS,
    },
  });
  assert.equal(
    command,
    "npx sapling compare credit_data.csv --target Status --models tree,llm --folds 5 --seed 42 --llm-provider openai --llm-base-url http://127.0.0.1:8080/v1 --llm-model 'llama 3' --llm-sample 200 --llm-shots 4 --llm-template list --llm-price-in 0.15 --llm-price-out 0.6",
  );
});

test('cliCommand with the small models helping the LLM: the same flags as the command line, off when 0', async () => {
  const { DEFAULT_INSTRUCTIONS } = await import('../../app/settings/llm.js');
  const llm = {
    provider: 'openai' as const,
    baseUrl: 'http://127.0.0.1:8080/v1',
    model: 'm',
    inputPer1M: 0,
    outputPer1M: 0,
    sampleRows: 50,
    shots: 2,
    template: 'text' as const,
    instructions: DEFAULT_INSTRUCTIONS,
  };
  const base = { fileName: 'd.csv', target: 'y', models: ['tree' as const], folds: 3, seed: 1 };
  assert.ok(
    cliCommand({
      ...base,
      llm: { ...llm, retrievedExamples: true, treeColumns: 4, contaminationTrials: 10, synthesizeRows: 50 },
    }).endsWith(' --llm-retrieved --llm-columns 4 --llm-contamination 10 --llm-synthesize 50'),
  );
  assert.ok(
    !/retrieved|columns|contamination|synthesize/.test(
      cliCommand({ ...base, llm: { ...llm, treeColumns: 0, synthesizeRows: 0 } }),
    ),
  );
});

test('cliCommand with a test file: --test-file and its name, quoted when needed', () => {
  const base = { fileName: 'd.csv', target: 'y', models: ['tree'], folds: 3, seed: 1 };
  assert.equal(
    cliCommand({ ...base, testFile: 'next month.csv' }),
    "npx sapling compare d.csv --target y --models tree --folds 3 --seed 1 --test-file 'next month.csv'",
  );
  assert.ok(!cliCommand(base).includes('--test-file'));
});
