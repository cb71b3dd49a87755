/**
 * Fuzzing project files (issue #15): 1,500 seeded mutations of a real `.sapling` project — data reference, settings,
 * result, a signed run log and two model files inside. Byte-level damage and structure-level edits (of the project,
 * of a model inside it, or of a run-log line re-signed with the trusted key). Opening (parseProject) must either
 * succeed or refuse with a SaplingError naming the file; what opens must then be usable as the desktop uses it:
 * its run log verifies without throwing and lists its runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealRecord, verifyChain, type SealedRecord } from '../../app/audit/chain.js';
import { datasetRecord, defaultEnvironment, startedRecord, type RunRecord } from '../../app/audit/record.js';
import { runsOf } from '../../app/audit/runs.js';
import { parseProject, serializeProject, type Project } from '../../app/project/project.js';
import { SaplingError } from '../../app/util/errors.js';
import { installationKey } from '../../io/signing-key.js';
import { makeDataset } from '../helpers/dataset.js';
import { createRng, mutateJson, mutateText, OutcomeCounts } from './json-mutations.js';
import { MODELS_DIR } from '../helpers/hostile-models.js';
import { ROOT } from '../helpers/run-cli.js';

const SEED = Number(process.env.SAPLING_FUZZ_SEED ?? 15);
const CASES = Number(process.env.SAPLING_FUZZ_CASES ?? 1500);

const key = await installationKey(mkdtempSync(join(tmpdir(), 'sapling-fuzz-key-')));
const check = key.check();

function sealAll(records: readonly unknown[]): string[] {
  let last: SealedRecord | undefined;
  return records.map((record) => {
    const { sealed, line } = sealRecord(record as RunRecord, last, key.signer);
    last = sealed;
    return line.trimEnd();
  });
}

const dataset = makeDataset({ x: [1, 2, 3, 4], target: ['a', 'b', 'a', 'b'] });
const started = startedRecord({
  kind: 'compare',
  startedAt: new Date(Date.UTC(2026, 0, 1)),
  finishedAt: new Date(Date.UTC(2026, 0, 1)),
  environment: defaultEnvironment(),
  dataset: datasetRecord(dataset, 'iris.csv'),
  settings: { target: 'target', models: ['tree'], params: {}, folds: 5, seed: 42, exclude: [] },
});
const records: RunRecord[] = [started, { ...started, status: 'completed' }];
const project: Project = {
  name: 'iris',
  data: {
    fileName: 'iris.csv',
    path: 'iris.csv',
    sha256: 'e'.repeat(64),
    bytes: 3877,
    parser: { delimiter: ',', decimalComma: false, missingTokens: ['', 'NA'] },
  },
  settings: {
    target: 'target',
    models: ['tree', 'boost'],
    params: { tree: { maxDepth: 4 } },
    folds: 5,
    seed: 42,
    exclude: [],
  },
  result: JSON.parse(readFileSync(join(ROOT, 'test/golden/iris.json'), 'utf8')) as Project['result'],
  runLog: sealAll(records),
  models: {
    tree: JSON.parse(readFileSync(join(MODELS_DIR, 'iris-tree.json'), 'utf8')) as Project['models'][string],
    boost: JSON.parse(readFileSync(join(MODELS_DIR, 'iris-boost.json'), 'utf8')) as Project['models'][string],
  },
};
const base = serializeProject(project, new Date(0));

test(
  `${CASES} mutated projects: each opens and its log reads, or is refused with a SaplingError`,
  { timeout: 120_000 },
  (t) => {
    assert.equal(Object.keys(parseProject(base, 'fuzz.sapling').models).length, 2, 'the base project opens');
    const rng = createRng(SEED);
    const counts = new OutcomeCounts();
    for (let i = 0; i < CASES; i++) {
      const where = `case ${i} (seed ${SEED})`;
      const r = rng.next();
      let text: string;
      if (r < 0.4) text = mutateText(rng, base);
      else if (r < 0.8) {
        let json = JSON.parse(base) as unknown;
        for (let m = 1 + rng.int(3); m > 0; m--) json = mutateJson(rng, json);
        text = JSON.stringify(json);
      } else {
        // A run-log record edited and the log re-signed with the trusted key: only the record shape check stands.
        const edited = structuredClone(records) as unknown[];
        const at = rng.int(edited.length);
        edited[at] = mutateJson(rng, edited[at]);
        let lines: string[];
        try {
          lines = sealAll(edited);
        } catch {
          counts.add('not sealable');
          continue;
        }
        text = JSON.stringify({ ...JSON.parse(base), runLog: lines });
      }
      let opened;
      try {
        opened = parseProject(text, 'fuzz.sapling');
      } catch (error) {
        if (!(error instanceof SaplingError)) assert.fail(`${where}: opening threw ${(error as Error).stack}`);
        assert.ok(error.message.startsWith('fuzz.sapling '), `${where}: the message names the file: ${error.message}`);
        counts.add(`refused ${error.code}`);
        continue;
      }
      try {
        const chain = verifyChain(opened.runLog.map((l) => `${l}\n`).join(''), 'fuzz.sapling', check);
        runsOf(chain.verified).forEach((s) => [s.record.dataset.fileName, s.record.settings.target, s.record.status]);
        counts.add(chain.ok ? 'opened, log verifies' : 'opened, log broken (shown as broken)');
      } catch (error) {
        assert.fail(`${where}: the opened project's log threw ${(error as Error).stack}`);
      }
    }
    t.diagnostic(`projects: ${counts}`);
    assert.equal(counts.total, CASES);
  },
);
