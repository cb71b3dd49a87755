import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_CATALOG } from '../../../app/models/catalog/index.js';
import { PARAM_LABELS, paramLabel } from '../../../app/models/param-labels.js';

test('every parameter of every catalog model has a plain-language label, and no label is left over', () => {
  const used = new Set<string>();
  for (const m of MODEL_CATALOG)
    for (const name of Object.keys(m.params)) {
      used.add(name);
      assert.ok(PARAM_LABELS[name], `${m.id}.${name} has no label in app/models/param-labels.ts`);
      assert.notEqual(PARAM_LABELS[name], name, `${m.id}.${name}: the label repeats the technical name`);
    }
  assert.deepEqual(
    Object.keys(PARAM_LABELS).filter((n) => !used.has(n)),
    [],
  );
  assert.equal(paramLabel('somethingNew'), 'somethingNew');
});
