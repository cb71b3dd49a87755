/**
 * One LLM settings table, three doors: a value given as a `--llm-*` flag, in the desktop's saved LLM settings
 * (saveLlmSettings) and to llmSettings() (what every run goes through) gets the same verdict — and, when refused,
 * the table's own message (app/settings/llm-fields.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { calls } from '../../../app/ipc/contract.js';
import { LLM_FIELDS, type LlmFieldKey } from '../../../app/settings/llm-fields.js';
import { llmSettings } from '../../../app/settings/llm.js';
import { llmFromFlags } from '../../../cli/llm.js';
import { describeSchemaError } from '../../../main/handlers/index.js';

type Verdict = { ok: true } | { ok: false; message: string };

const verdict = (run: () => unknown): Verdict => {
  try {
    run();
    return { ok: true };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
};

const DESKTOP = {
  provider: 'openai',
  baseUrl: 'https://api.example.com/v1',
  model: 'm',
  inputPer1M: 0,
  outputPer1M: 0,
  sampleRows: 200,
  shots: 0,
  template: 'text',
  instructions: '{row}',
};

function viaIpc(key: string, value: unknown): Verdict {
  const parsed = calls.saveLlmSettings.request.safeParse({ settings: { ...DESKTOP, [key]: value } });
  return parsed.success ? { ok: true } : { ok: false, message: describeSchemaError('saveLlmSettings', parsed.error) };
}

/** field, value as JSON, the same value typed after its flag, accepted?, the desktop form's field name (if it has one) */
const TABLE: readonly (readonly [LlmFieldKey, unknown, string, boolean, string?])[] = [
  ['sampleRows', 200, '200', true, 'sampleRows'],
  ['sampleRows', 0, '0', false, 'sampleRows'],
  ['sampleRows', 2.5, '2.5', false, 'sampleRows'],
  ['sampleRows', 100_001, '100001', false, 'sampleRows'],
  ['shots', 64, '64', true, 'shots'],
  ['shots', 65, '65', false, 'shots'],
  ['template', 'json', 'json', true, 'template'],
  ['template', 'yaml', 'yaml', false, 'template'],
  ['instructions', 'Is it {target}? {row}', 'Is it {target}? {row}', true, 'instructions'],
  ['instructions', 'no row placeholder', 'no row placeholder', false, 'instructions'],
  ['inputPer1M', 2.5, '2.5', true, 'inputPer1M'],
  ['inputPer1M', -1, '-1', false, 'inputPer1M'],
  ['contaminationTrials', 201, '201', false, 'contaminationTrials'],
  ['variantColumns', 0, '0', false],
  ['concurrency', 64, '64', true],
  ['concurrency', 0, '0', false],
  ['maxRequests', 0, '0', false],
  ['synthesizeRows', 5000, '5000', true, 'synthesizeRows'],
  ['synthesizeRows', 5001, '5001', false, 'synthesizeRows'],
];

describe('LLM settings: the same verdict and message from the CLI, the desktop and llmSettings()', () => {
  for (const [key, value, typed, accepted, desktopField] of TABLE) {
    test(`${key} = ${JSON.stringify(value)} is ${accepted ? 'accepted' : 'refused'} everywhere`, () => {
      const spec = LLM_FIELDS[key];
      const flag = 'flag' in spec ? spec.flag : undefined;
      assert.ok(flag, `${key} has a flag`);
      const cli = verdict(() => llmFromFlags({ 'llm-model': 'm', [flag.name]: typed }, false, 42));
      const core = verdict(() =>
        llmSettings(
          key === 'inputPer1M'
            ? { model: 'm', prices: { inputPer1M: value as number, outputPer1M: 0 } }
            : {
                model: 'm',
                [key]: value,
              },
        ),
      );
      const doors: [string, Verdict, string][] = [
        ['CLI', cli, `--${flag.name} must be ${spec.message}, got '${typed}'`],
        ['llmSettings', core, `LLM ${spec.label} must be ${spec.message}, got ${String(value)}`],
      ];
      if (desktopField)
        doors.push([
          'desktop',
          viaIpc(desktopField, value),
          `saveLlmSettings: settings.${desktopField}: ${spec.message}`,
        ]);
      for (const [door, got, message] of doors) {
        if (accepted) assert.deepEqual(got, { ok: true }, `${door} accepts ${key}`);
        else assert.deepEqual(got, { ok: false, message }, `${door} refuses ${key} with the table's message`);
      }
    });
  }
});
