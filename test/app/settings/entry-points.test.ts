/**
 * One settings schema, three doors: the same value given on the command line, in the desktop's runCompare request
 * and in a project file gets the same verdict — and, when refused, the same message (the setting's own, from
 * app/settings/compare.ts), whatever each door puts in front of it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { calls } from '../../../app/ipc/contract.js';
import { parseProject } from '../../../app/project/project.js';
import { PROJECT_FORMAT, PROJECT_VERSION } from '../../../app/project/schema.js';
import { SETTINGS, SPLIT_RULES, type SettingKey } from '../../../app/settings/compare.js';
import { settingsFromFlags } from '../../../cli/settings-flags.js';
import { describeSchemaError } from '../../../main/handlers/index.js';

type Verdict = { ok: true } | { ok: false; message: string };

function viaCli(flags: Record<string, string>): Verdict {
  try {
    settingsFromFlags(flags);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function viaIpc(fields: Record<string, unknown>): Verdict {
  const parsed = calls.runCompare.request.safeParse({
    operationId: 'op-1',
    datasetId: 'ds-1',
    target: 'target',
    models: ['tree'],
    seed: 42,
    ...fields,
  });
  return parsed.success ? { ok: true } : { ok: false, message: describeSchemaError('runCompare', parsed.error) };
}

function viaProject(fields: Record<string, unknown>): Verdict {
  const file = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    sapling: '0.1.0',
    savedAt: '2026-01-01T00:00:00.000Z',
    name: 'p',
    data: null,
    settings: { target: 'target', models: ['tree'], params: {}, seed: 42, exclude: [], ...fields },
    result: null,
    runLog: [],
    models: {},
  };
  try {
    parseProject(JSON.stringify(file), 'p.sapling');
    return { ok: true };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** key, the value as JSON (desktop, project file), the same value as typed on the command line, accepted? */
const TABLE: readonly (readonly [SettingKey, unknown, string, boolean])[] = [
  ['folds', 5, '5', true],
  ['folds', 20, '20', true],
  ['folds', 1, '1', false],
  ['folds', 25, '25', false],
  ['folds', 2.5, '2.5', false],
  ['folds', 'five', 'five', false],
  ['holdout', 0.2, '0.2', true],
  ['holdout', 0, '0', false],
  ['holdout', 1, '1', false],
  ['holdout', 'a fifth', 'a fifth', false],
  ['seed', 0, '0', true],
  ['seed', 4294967295, '4294967295', true],
  ['seed', -1, '-1', false],
  ['seed', 4294967296, '4294967296', false],
  ['seed', 1.5, '1.5', false],
  ['repeats', 3, '3', true],
  ['repeats', 0, '0', false],
  ['repeats', 21, '21', false],
  ['repeats', 'x', 'x', false],
  ['rope', 0, '0', true],
  ['rope', 0.05, '0.05', true],
  ['rope', 1, '1', false],
  ['rope', -0.1, '-0.1', false],
  ['calibrate', 'platt', 'platt', true],
  ['calibrate', 'magic', 'magic', false],
  ['task', 'regression', 'regression', true],
  ['task', 'ordinal', 'ordinal', false],
  ['subgroups', ['Home', 'Job'], 'Home,Job', true],
  [
    'subgroups',
    Array.from({ length: 21 }, (_, i) => `c${i}`),
    Array.from({ length: 21 }, (_, i) => `c${i}`).join(','),
    false,
  ],
];

describe('the same settings through the CLI, the IPC request and a project file', () => {
  for (const [key, value, typed, accepted] of TABLE) {
    test(`${key} = ${JSON.stringify(value)} is ${accepted ? 'accepted' : 'refused'} by all three`, () => {
      const verdicts = {
        cli: viaCli({ [key]: typed }),
        ipc: viaIpc({ [key]: value }),
        project: viaProject({ [key]: value }),
      };
      for (const [door, verdict] of Object.entries(verdicts)) {
        assert.equal(verdict.ok, accepted, `${door}: ${JSON.stringify(verdict)}`);
        if (!verdict.ok) assert.ok(verdict.message.includes(SETTINGS[key].message), `${door}: ${verdict.message}`);
      }
    });
  }

  test('folds with a holdout, and repeats with a holdout, are refused by all three with the same words', () => {
    for (const [fields, typed, message] of [
      [{ folds: 5, holdout: 0.2 }, { folds: '5', holdout: '0.2' }, SPLIT_RULES.foldsOrHoldout],
      [{ repeats: 2, holdout: 0.2 }, { repeats: '2', holdout: '0.2' }, SPLIT_RULES.repeatsNeedFolds],
    ] as const) {
      for (const verdict of [viaCli(typed), viaIpc(fields), viaProject(fields)]) {
        assert.equal(verdict.ok, false);
        if (!verdict.ok) assert.ok(verdict.message.includes(message), verdict.message);
      }
    }
  });

  test('each door names the setting its own way', () => {
    const cli = viaCli({ folds: '25' });
    const ipc = viaIpc({ folds: 25 });
    const project = viaProject({ folds: 25 });
    assert.deepEqual(cli, { ok: false, message: `--folds must be ${SETTINGS.folds.message}, got '25'` });
    assert.deepEqual(ipc, { ok: false, message: `runCompare: folds: ${SETTINGS.folds.message}` });
    assert.ok(!project.ok && project.message.includes(`settings.folds: ${SETTINGS.folds.message}`));
  });
});
