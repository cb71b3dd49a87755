import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liveWarnings, warning, WARNING_CODES } from '../../../app/util/warnings.js';

test('a warning about a feature lives while one of its columns is a feature; the others always', () => {
  const leak = warning('leakage', "'Amount' alone predicts 'Status' …", ['Amount']);
  const race = warning('protected-attribute', "'race' looks like …", ['race']);
  const dropped = warning('target-rows-dropped', '2 rows with a missing target were dropped', ['Status']);
  const note = warning('model-note', 'Linear: …');
  const all = [leak, race, dropped, note];
  assert.deepEqual(
    liveWarnings(all, () => true),
    all,
  );
  assert.deepEqual(
    liveWarnings(all, (c) => c === 'race'),
    [race, dropped, note],
  );
  assert.deepEqual(
    liveWarnings(all, () => false),
    [dropped, note],
  );
});

test('warnings without columns carry none, and every code says what it means', () => {
  assert.deepEqual(warning('model-note', 'x', []), { code: 'model-note', message: 'x' });
  for (const [code, meaning] of Object.entries(WARNING_CODES)) assert.ok(meaning.length > 10, code);
});
