/**
 * Refactors must not change results: each fixed `sapling compare --json` command (scripts/golden-cases.mjs) still writes
 * the same document, byte for byte, apart from wall-clock timings. A change that is meant to change results regenerates
 * them with `node scripts/update-golden.mjs` in the same commit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { GOLDEN_CASES, goldenDocument, goldenPath } from '../../scripts/golden-cases.mjs';

for (const testCase of GOLDEN_CASES) {
  test(`compare --json on ${testCase.name} is byte-identical to test/golden/${testCase.name}.json`, async () => {
    const expected = await readFile(goldenPath(testCase), 'utf8');
    const actual = await goldenDocument(testCase);
    // Compare as text first (the promise); on failure, the parsed diff says where.
    if (actual !== expected) assert.deepEqual(JSON.parse(actual), JSON.parse(expected));
    assert.equal(actual, expected);
  });
}
