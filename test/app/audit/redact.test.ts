import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from '../../../app/audit/redact.js';

describe('redactSecrets', () => {
  test('credential-named properties and key-shaped strings are masked; settings that merely mention tokens are kept', () => {
    const out = redactSecrets({
      llm: {
        endpoint: 'https://api.example.com/v1',
        apiKey: 'abc',
        headers: { Authorization: 'Bearer abcdefghijkl' },
        maxTokens: 5,
      },
      parser: { missingTokens: ['', 'NA'] },
      error: 'request failed with key sk-proj-ABCDEFGHIJKLMNOPQRST and Bearer zyxwvutsrqponm',
    });
    const text = JSON.stringify(out);
    for (const secret of ['abc"', 'abcdefghijkl', 'sk-proj-ABCDEFGHIJKLMNOPQRST', 'zyxwvutsrqponm'])
      assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    assert.deepEqual(out.parser.missingTokens, ['', 'NA']);
    assert.equal(out.llm.maxTokens, 5);
    assert.equal(out.llm.endpoint, 'https://api.example.com/v1');
  });
});
