import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classProbabilities, parseAnswer } from '../../../app/llm/answer.js';
import type { Target } from '../../../app/models/matrix.js';
import { perFoldQuota } from '../../../app/llm/sample.js';
import { serializeRow, buildMessages } from '../../../app/llm/prompt.js';
import { makeDataset } from '../../helpers/dataset.js';

const target: Target = { task: 'classification', codes: new Int32Array([0, 1]), classes: ['bad', 'good'] };
const regression: Target = { task: 'regression', values: new Float64Array([1, 2]) };

describe('parseAnswer', () => {
  test('accepts a label as written, quoted, in JSON, or as "Answer: X"', () => {
    for (const text of ['good', ' Good.', '"good"', '{"answer": "good"}', 'Let me see.\nAnswer: good', '**good**'])
      assert.equal(parseAnswer(text, target), 1, text);
    assert.equal(parseAnswer('{"answer":"bad"}', target), 0);
  });
  test('anything else is invalid — no nearest label, no guess', () => {
    for (const text of [
      '',
      'goodish',
      'not good',
      'good or bad',
      '{"answer": "excellent"}',
      '{"label": "good"}',
      'The answer is good because income is high',
    ]) {
      assert.equal(parseAnswer(text, target), null, text);
    }
  });
  test('regression answers are numbers', () => {
    assert.equal(parseAnswer('{"answer": 12.5}', regression), 12.5);
    assert.equal(parseAnswer('1,250', regression), 1250);
    assert.equal(parseAnswer('about 12', regression), null);
  });
});

describe('classProbabilities', () => {
  const lp = (token: string, top: [string, number][]) => ({
    token,
    logprob: Math.log(top[0][1]),
    top: top.map(([t, p]) => ({ token: t, logprob: Math.log(p) })),
  });
  test('reads the alternatives at the answer token, after the JSON prefix', () => {
    const p = classProbabilities(
      '{"answer":"good"}',
      [
        lp('{"answer":"', [['{"answer":"', 1]]),
        lp('good', [
          ['good', 0.6],
          ['bad', 0.3],
          ['g', 0.1],
        ]),
        lp('"}', [['"}', 1]]),
      ],
      target.classes,
    );
    assert.ok(p);
    assert.ok(Math.abs(p[1] - 0.7) < 1e-12 && Math.abs(p[0] - 0.3) < 1e-12);
  });
  test('null without log-probabilities or without any label among the alternatives', () => {
    assert.equal(classProbabilities('good', null, target.classes), null);
    assert.equal(
      classProbabilities(
        'maybe',
        [
          lp('maybe', [
            ['maybe', 0.9],
            ['perhaps', 0.1],
          ]),
        ],
        target.classes,
      ),
      null,
    );
  });
});

describe('sampling and prompts', () => {
  test('the cap is spread over folds by largest remainder', () => {
    const fold = (n: number) => ({ index: 0, train: new Int32Array(0), test: new Int32Array(n) });
    assert.deepEqual(perFoldQuota([fold(34), fold(33), fold(33)], 10), [4, 3, 3]);
    assert.deepEqual(perFoldQuota([fold(3), fold(2)], 200), [3, 2]);
  });
  test('TabLLM sentences, list and JSON; missing cells say so; k-shot turns come first', () => {
    const dataset = makeDataset({ Age: [41, null], Home: ['rent', 'own'], Status: ['good', 'bad'] });
    const ctx = { dataset, features: ['Age', 'Home'] };
    assert.equal(serializeRow({ ...ctx, template: 'text' }, 0), 'The Age is 41.\nThe Home is rent.');
    assert.equal(serializeRow({ ...ctx, template: 'list' }, 1), '- Age: missing\n- Home: own');
    assert.equal(serializeRow({ ...ctx, template: 'json' }, 0), '{"Age":41,"Home":"rent"}');
    const t: Target = { task: 'classification', codes: new Int32Array([1, 0]), classes: ['bad', 'good'] };
    const messages = buildMessages(
      {
        ...ctx,
        template: 'text',
        targetName: 'Status',
        target: t,
        instructions: '{task}\n{row}\nOne of: {classes}.',
        structured: true,
      },
      0,
      [1],
    );
    assert.deepEqual(
      messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(messages[2].content, '{"answer":"bad"}');
    assert.match(messages[3].content, /The Age is 41\.\nThe Home is rent\.\nOne of: bad, good\.$/);
  });
});
