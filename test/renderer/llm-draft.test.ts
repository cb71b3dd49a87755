/** The desktop's LLM form checks what it saves against the same limits as the run (LLM_FIELDS). */
import { LLM_FIELDS } from '../../app/settings/llm-fields.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blank, fromDraft, toDraft } from '../../renderer/src/components/llm/llm-draft.js';
import { llmSettings } from '../../app/settings/llm.js';

const draft = (overrides: Record<string, string | boolean>) => ({
  ...toDraft({ ...blank(), model: 'm' }),
  ...overrides,
});

test('written training rows: 0 is off, the limit is the run settings’ own, and a saved value reaches the form', () => {
  assert.equal(fromDraft(draft({})).settings?.synthesizeRows, 0);
  assert.equal(fromDraft(draft({ synthesizeRows: '120' })).settings?.synthesizeRows, 120);
  const over = String(LLM_FIELDS.synthesizeRows.max + 1);
  assert.match(
    fromDraft(draft({ synthesizeRows: over })).problem ?? '',
    /Written training rows must be a whole number from 0 to 5,000/,
  );
  assert.throws(() => llmSettings({ model: 'm', synthesizeRows: Number(over) }), /synthetic rows/);
  assert.match(fromDraft(draft({ synthesizeRows: '2.5' })).problem ?? '', /Written training rows/);
  assert.equal(toDraft({ ...blank(), model: 'm', synthesizeRows: 30 }).synthesizeRows, '30');
});

test('every numeric field is checked against its limit', () => {
  assert.match(fromDraft(draft({ shots: '65' })).problem ?? '', /Examples must be a whole number from 0 to 64/);
  assert.match(fromDraft(draft({ contaminationTrials: '201' })).problem ?? '', /Memorisation checks/);
  assert.match(fromDraft(draft({ treeColumns: '1001' })).problem ?? '', /Tree-chosen columns/);
  assert.equal(fromDraft(draft({ treeColumns: '0' })).problem, undefined);
  assert.match(fromDraft(draft({ sampleRows: '0' })).problem ?? '', /Sample rows/);
});

test('prices and instructions are refused with the run settings’ own wording', () => {
  assert.match(fromDraft(draft({ inputPer1M: '-1' })).problem ?? '', /Prices must each be a price from 0 to 1,000,000/);
  assert.match(fromDraft(draft({ outputPer1M: '2000000' })).problem ?? '', /Prices must each be a price from 0/);
  assert.equal(fromDraft(draft({ inputPer1M: '0.15', outputPer1M: '0.6' })).settings?.outputPer1M, 0.6);
  assert.match(
    fromDraft(draft({ instructions: 'no placeholder' })).problem ?? '',
    /The instructions must be a text of at most 20,000 characters containing \{row\}/,
  );
  assert.match(fromDraft(draft({ instructions: `{row}${'x'.repeat(20_000)}` })).problem ?? '', /at most 20,000/);
});
