/**
 * Fuzzing run logs (issue #15): 2,000 seeded mutations of a real run log (started, completed with its full result,
 * cancelled, train and import records). Byte-level damage is verified as it is; structure-level edits are re-sealed
 * and re-signed with the TRUSTED key — a hostile record the user's own installation vouches for, the `{}` case of
 * the audit — so they reach the readers. Verifying must never throw, and every record that verifies must be
 * readable by what `audit list`, the desktop's run log and `reproduce` do with it (list line, runs, findRun, the
 * fold assignment, the settings, the result comparison), or refused with a SaplingError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRun, sealRecord, verifyChain, type SealedRecord } from '../../app/audit/chain.js';
import { decodeFolds, encodeFolds } from '../../app/audit/folds.js';
import {
  datasetRecord,
  defaultEnvironment,
  startedRecord,
  stoppedRecord,
  type RecordInput,
  type RunRecord,
} from '../../app/audit/record.js';
import { compareSettingsOf, differences } from '../../app/audit/reproduce.js';
import { runsOf } from '../../app/audit/runs.js';
import { SaplingError } from '../../app/util/errors.js';
import { auditListLine } from '../../cli/commands/audit.js';
import { installationKey } from '../../io/signing-key.js';
import { makeDataset } from '../helpers/dataset.js';
import { createRng, mutateJson, mutateText, OutcomeCounts } from './json-mutations.js';
import { ROOT } from '../helpers/run-cli.js';

const SEED = Number(process.env.SAPLING_FUZZ_SEED ?? 15);
const CASES = Number(process.env.SAPLING_FUZZ_CASES ?? 2000);

const key = await installationKey(mkdtempSync(join(tmpdir(), 'sapling-fuzz-key-')));
const check = key.check();

/** A log as Sapling writes it: a compare run (started, completed with a real result), a cancelled run, train, import. */
function baseRecords(): RunRecord[] {
  const dataset = makeDataset({ x: [1, 2, 3, 4, 5, 6], y: ['a', 'b', 'a', 'b', 'a', 'b'] });
  const input: RecordInput = {
    kind: 'compare',
    startedAt: new Date(Date.UTC(2026, 0, 1)),
    finishedAt: new Date(Date.UTC(2026, 0, 1, 0, 1)),
    environment: defaultEnvironment({ runtime: 'node', platform: 'linux' }),
    dataset: datasetRecord(dataset, 'data.csv'),
    settings: { target: 'y', models: ['tree'], params: {}, folds: 2, seed: 7, exclude: [] },
  };
  const result = JSON.parse(readFileSync(join(ROOT, 'test/golden/iris.json'), 'utf8')) as RunRecord['result'];
  const folds = [
    { index: 0, train: Int32Array.from([3, 4, 5]), test: Int32Array.from([0, 1, 2]) },
    { index: 1, train: Int32Array.from([0, 1, 2]), test: Int32Array.from([3, 4, 5]) },
  ];
  const completed: RunRecord = { ...startedRecord(input), status: 'completed', split: encodeFolds(folds, 6), result };
  return [
    startedRecord(input),
    completed,
    stoppedRecord({ ...input, startedAt: new Date(Date.UTC(2026, 0, 2)) }, 'cancelled', 'cancelled by the user'),
    {
      ...startedRecord({ ...input, kind: 'train' }),
      status: 'completed',
      trained: {
        model: 'tree',
        params: {},
        seed: 7,
        rows: 6,
        features: ['x'],
        modelFileSha256: 'a'.repeat(64),
        outFile: 'm.json',
        impurityImportance: null,
      },
    },
    {
      ...startedRecord({ ...input, kind: 'import' }),
      status: 'completed',
      imported: {
        format: 'xgboost-json',
        fileName: 'x.json',
        sha256: 'b'.repeat(64),
        detail: 'XGBoost',
        outFile: 'y.json',
        modelFileSha256: 'c'.repeat(64),
      },
    },
  ];
}

function seal(records: readonly unknown[]): string {
  let last: SealedRecord | undefined;
  let text = '';
  for (const record of records) {
    const { sealed, line } = sealRecord(record as RunRecord, last, key.signer);
    last = sealed;
    text += line;
  }
  return text;
}

/** What the readers do with a verified log: anything but a SaplingError is a bug. */
function read(verified: readonly SealedRecord[]): void {
  for (const sealed of verified) {
    auditListLine(sealed);
    compareSettingsOf(sealed.record.settings);
    if (sealed.record.split) decodeFolds(sealed.record.split);
    if (sealed.record.result) differences(sealed.record.result, sealed.record.result);
  }
  runsOf(verified);
  if (verified.length > 0) findRun(verified, undefined, 'fuzz.jsonl');
}

test(`${CASES} mutated run logs: verification never throws; what verifies is readable`, { timeout: 120_000 }, (t) => {
  const records = baseRecords();
  const base = seal(records);
  assert.equal(verifyChain(base, 'fuzz.jsonl', check).verified.length, records.length, 'the base log verifies');
  const rng = createRng(SEED);
  const counts = new OutcomeCounts();
  for (let i = 0; i < CASES; i++) {
    const where = `case ${i} (seed ${SEED})`;
    let text: string;
    const resealed = rng.next() < 0.5;
    if (resealed) {
      // Edit records, then re-seal and re-sign the chain with the trusted key.
      const edited = structuredClone(records) as unknown[];
      const at = rng.int(edited.length);
      for (let m = 1 + rng.int(3); m > 0; m--) edited[at] = mutateJson(rng, edited[at]);
      try {
        text = seal(edited);
      } catch (error) {
        // Sealing is the writer's side (it only ever seals records Sapling built): a value it cannot hash is not
        // a reader's problem, but it must still be a plain error, not a crash of the process.
        assert.ok(error instanceof Error, `${where}: sealing threw a non-error`);
        counts.add('not sealable');
        continue;
      }
    } else text = mutateText(rng, base);
    let report;
    try {
      report = verifyChain(text, 'fuzz.jsonl', check);
    } catch (error) {
      assert.fail(`${where}: verifyChain threw ${(error as Error).stack}`);
    }
    try {
      read(report.verified);
    } catch (error) {
      if (!(error instanceof SaplingError))
        assert.fail(`${where}: reading verified records threw ${(error as Error).stack}`);
      counts.add(`verified, then ${error.code} on reading`);
      continue;
    }
    counts.add(
      report.ok
        ? `${resealed ? 're-signed, ' : ''}verifies`
        : `${resealed ? 're-signed, ' : ''}broken at record ${report.broken!.seq}`,
    );
  }
  t.diagnostic(`run logs: ${counts}`);
  assert.equal(counts.total, CASES);
});
