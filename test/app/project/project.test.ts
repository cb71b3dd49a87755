import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate } from '../../../app/project/migrations.js';
import {
  dataFingerprintNote,
  emptyProject,
  parseProject,
  serializeProject,
  type Project,
} from '../../../app/project/project.js';
import { PROJECT_VERSION } from '../../../app/project/schema.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainModel } from '../../helpers/hostile-models.js';
import { ROOT } from '../../helpers/run-cli.js';

const sample: Project = {
  ...emptyProject('credit'),
  data: {
    fileName: 'credit.csv',
    path: 'credit.csv',
    sha256: 'a'.repeat(64),
    bytes: 10,
    parser: { delimiter: ',', decimalComma: false, missingTokens: ['', 'NA'] },
  },
  settings: {
    target: 'Status',
    models: ['tree', 'linear'],
    params: { tree: { maxDepth: 4 } },
    folds: 5,
    seed: 42,
    exclude: [],
  },
  runLog: ['{"format":"sapling-run"}'],
};

describe('project files', () => {
  test('round trip: what is saved opens as the same project', () => {
    const text = serializeProject(sample, new Date(0));
    const opened = parseProject(text, 'p.sapling');
    assert.equal(opened.version, PROJECT_VERSION);
    assert.equal(opened.savedAt, '1970-01-01T00:00:00.000Z');
    assert.deepEqual(
      { ...opened, format: undefined, version: undefined, sapling: undefined, savedAt: undefined },
      { ...sample, format: undefined, version: undefined, sapling: undefined, savedAt: undefined },
    );
  });

  test('damaged, foreign, empty and newer files each get one clear message', () => {
    const good = JSON.parse(serializeProject(sample, new Date(0)));
    assert.throws(
      () => parseProject('{"format":"sapling-proj', 'p.sapling'),
      /p\.sapling cannot be opened: it is damaged \(not valid JSON.*The file was not changed\./,
    );
    assert.throws(() => parseProject('', 'p.sapling'), /it is empty/);
    assert.throws(() => parseProject('{"format":"sapling-model"}', 'p.sapling'), /it is not a Sapling project/);
    assert.throws(
      () => parseProject(JSON.stringify({ ...good, version: 7, sapling: '9.0.0' }), 'p.sapling'),
      /saved by a newer Sapling \(9\.0\.0, project version 7\).*reads up to version 1\. Update Sapling/,
    );
    assert.throws(
      () => parseProject(JSON.stringify({ ...good, data: { ...good.data, sha256: 'xyz' } }), 'p.sapling'),
      /it is damaged: data\.sha256: expected a SHA-256/,
    );
    assert.throws(
      () => parseProject(JSON.stringify({ ...good, settings: { ...good.settings, seed: -1 } }), 'p.sapling'),
      /settings\.seed/,
    );
  });

  test('hostile projects (issue #15): deep nesting and damaged model files give one clear message each', () => {
    const good = JSON.parse(serializeProject(sample, new Date(0)));
    const deep = JSON.stringify({ ...good, settings: null }).replace(
      '"settings":null',
      `"settings":${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    );
    assert.throws(
      () => parseProject(deep, 'p.sapling'),
      /p\.sapling cannot be opened: it is damaged \(line 1, column \d+: the JSON nests deeper than 64 levels.*The file was not changed\./,
    );
    const model = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/models/iris-tree.json'), 'utf8'));
    const withModel = (m: unknown): string => JSON.stringify({ ...good, models: { iris: m } });
    assert.equal(Object.keys(parseProject(withModel(model), 'p.sapling').models)[0], 'iris');
    const swapped = structuredClone(model);
    swapped.target.classes.reverse();
    assert.throws(
      () => parseProject(withModel(swapped), 'p.sapling'),
      /p\.sapling cannot be opened: its model 'iris' is damaged: target\.classes\[0\] is 'virginica' but model\.classes\[0\] is 'setosa'/,
    );
    const chain = JSON.parse(chainModel(3001));
    assert.throws(
      () => parseProject(withModel(chain), 'p.sapling'),
      /its model 'iris' is damaged: .*at most 1000 levels deep/,
    );
  });

  test('older versions are migrated step by step, in order', () => {
    const calls: number[] = [];
    const steps = {
      1: (d: Record<string, unknown>) => (calls.push(1), { ...d, a: 1 }),
      2: (d: Record<string, unknown>) => (calls.push(2), { ...d, b: (d.a as number) + 1 }),
    };
    assert.deepEqual(migrate({ version: 1 }, 1, 3, steps), { version: 3, a: 1, b: 2 });
    assert.deepEqual(calls, [1, 2]);
    assert.throws(() => migrate({ version: 0 }, 0, 1, steps), /no migration from project version 0 to 1/);
  });

  test('the data fingerprint: same file, changed file, missing file', () => {
    assert.equal(dataFingerprintNote(sample, 'a'.repeat(64)), null);
    assert.match(
      dataFingerprintNote(sample, 'b'.repeat(64)) ?? '',
      /credit\.csv changed since this project was saved \(SHA-256 now bbbbbbbbbbbb…, saved aaaaaaaaaaaa…\)/,
    );
    assert.match(dataFingerprintNote(sample, null) ?? '', /is not at credit\.csv any more/);
  });
});
