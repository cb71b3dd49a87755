import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from '../../../app/audit/canonical.js';
import {
  findRun,
  GENESIS,
  hashOf,
  sealRecord,
  verifyChain,
  type RecordSigner,
  type SealedRecord,
} from '../../../app/audit/chain.js';
import {
  compareRecord,
  datasetRecord,
  defaultEnvironment,
  stoppedRecord,
  type RecordInput,
} from '../../../app/audit/record.js';
import { runComparison } from '../../../app/compare/run.js';
import { makeDataset } from '../../helpers/dataset.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainCheck, installationKey } from '../../../io/signing-key.js';

const key = await installationKey(mkdtempSync(join(tmpdir(), 'sapling-key-')));
const check = key.check();

const dataset = makeDataset({
  x: Array.from({ length: 40 }, (_, i) => i % 7),
  c: Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 'a' : 'b')),
  y: Array.from({ length: 40 }, (_, i) => (i % 7 > 3 ? 'yes' : 'no')),
});

function input(at: number): RecordInput {
  return {
    kind: 'compare',
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, at)),
    finishedAt: new Date(Date.UTC(2026, 0, 1, 0, 1, at)),
    environment: defaultEnvironment({ runtime: 'node test', platform: 'test', libraries: { zod: '4' } }),
    dataset: datasetRecord(dataset, 'test.csv'),
    settings: { target: 'y', models: ['tree'], params: {}, folds: 3, seed: 7, exclude: [] },
  };
}

async function threeRecordLog(): Promise<string> {
  const { result, artifacts } = await runComparison(dataset, {
    target: 'y',
    models: ['tree'],
    folds: 3,
    seed: 7,
    permutationRepeats: 1,
    latencyCalls: 5,
  });
  const records = [
    compareRecord(input(1), result, artifacts),
    stoppedRecord(input(2), 'cancelled', 'cancelled by the user'),
    compareRecord(input(3), result, artifacts),
  ];
  let last: SealedRecord | undefined;
  let text = '';
  for (const r of records) {
    const { sealed, line } = sealRecord(r, last, key.signer);
    text += line;
    last = sealed;
  }
  return text;
}

/** Every leaf of a JSON value as a path of keys. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k]));
}

function tamper(line: string, path: (string | number)[]): string {
  const json = JSON.parse(line);
  let node = json;
  for (const key of path.slice(0, -1)) node = node[key];
  const key = path.at(-1)!;
  const old = node[key];
  node[key] =
    typeof old === 'number'
      ? old + 1
      : typeof old === 'string'
        ? old === 'x'
          ? 'y'
          : `${old}x`
        : typeof old === 'boolean'
          ? !old
          : 0;
  return JSON.stringify(json);
}

describe('canonical JSON', () => {
  test('sorts keys at every depth, drops undefined, writes non-finite numbers as null like JSON.stringify', () => {
    assert.equal(
      canonicalJson({ b: 1, a: [{ d: NaN, c: 'é"' }], u: undefined }),
      '{"a":[{"c":"é\\"","d":null}],"b":1}',
    );
    const value = { z: 1.5e-7, a: -0, m: [Infinity, 'x'] };
    assert.equal(canonicalJson(value), canonicalJson(JSON.parse(JSON.stringify(value))));
  });
});

describe('run log hash chain', () => {
  test('a fresh log verifies, records are numbered from 1 and linked from the genesis hash', async () => {
    const text = await threeRecordLog();
    const report = verifyChain(text, 'runs.jsonl', check);
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.verified.map((r) => r.seq),
      [1, 2, 3],
    );
    assert.equal(report.verified[0].prev, GENESIS);
    assert.equal(report.verified[1].prev, report.verified[0].hash);
    assert.equal(report.verified[1].record.status, 'cancelled');
  });

  test('changing any one field of any record breaks the chain at exactly that record', async () => {
    const lines = (await threeRecordLog()).trimEnd().split('\n');
    let checked = 0;
    for (const [i, line] of lines.entries()) {
      const paths = leaves(JSON.parse(line));
      for (const path of paths) {
        const changed = [...lines];
        changed[i] = tamper(line, path);
        const report = verifyChain(`${changed.join('\n')}\n`, 'runs.jsonl', check);
        assert.equal(report.ok, false, `tampering ${path.join('.')} on line ${i + 1} went unnoticed`);
        assert.equal(
          report.broken?.line,
          i + 1,
          `tampering ${path.join('.')} was reported on line ${report.broken?.line}`,
        );
        assert.equal(report.verified.length, i);
        checked++;
      }
    }
    assert.ok(checked > 300, `only ${checked} fields tampered`);
  });

  test('removing, reordering or truncating records is named', async () => {
    const lines = (await threeRecordLog()).trimEnd().split('\n');
    const removed = verifyChain(`${[lines[0], lines[2]].join('\n')}\n`, 'runs.jsonl', check);
    assert.equal(removed.broken?.line, 2);
    assert.match(removed.broken!.reason, /should be number 2/);
    const swapped = verifyChain(`${[lines[1], lines[0], lines[2]].join('\n')}\n`, 'runs.jsonl', check);
    assert.equal(swapped.broken?.line, 1);
    const torn = verifyChain(`${lines[0]}\n${lines[1].slice(0, 100)}`, 'runs.jsonl', check);
    assert.equal(torn.broken?.line, 2);
    assert.match(torn.broken!.reason, /not completely written/);
    const junk = verifyChain(`${lines[0]}\nhello\n`, 'runs.jsonl', check);
    assert.match(junk.broken!.reason, /not valid JSON/);
  });

  test('findRun picks the last run, a record number or an id prefix', async () => {
    const { verified } = verifyChain(await threeRecordLog(), 'runs.jsonl', check);
    assert.equal(findRun(verified, undefined, 'l').seq, 3);
    assert.equal(findRun(verified, '2', 'l').seq, 2);
    assert.equal(findRun(verified, verified[0].hash.slice(0, 8), 'l').seq, 1);
    assert.throws(() => findRun(verified, '9', 'l'), /has no run '9'/);
  });

  test('a re-sealed log (edited, every hash recomputed) fails unless re-signed with a trusted key', async () => {
    const lines = (await threeRecordLog()).trimEnd().split('\n');
    const records = lines.map((l) => (JSON.parse(l) as SealedRecord).record);
    (records[0].settings as { seed: number }).seed = 8; // the edit
    const reseal = (signer: RecordSigner): string => {
      let last: SealedRecord | undefined;
      let text = '';
      for (const r of records) {
        const { sealed, line } = sealRecord(r, last, signer);
        text += line;
        last = sealed;
      }
      return text;
    };
    // 1. The audit's attack: recompute the plain hash chain, keep the old signatures.
    const rehashed = lines.map((l, i) => {
      const old = JSON.parse(l) as SealedRecord;
      const fresh = JSON.parse(reseal(key.signer).split('\n')[i]) as SealedRecord;
      return JSON.stringify({ ...fresh, signature: old.signature });
    });
    const report = verifyChain(`${rehashed.join('\n')}\n`, 'runs.jsonl', check);
    assert.equal(report.broken?.line, 1);
    assert.match(report.broken!.reason, /invalid signature: it was changed and re-sealed/);
    // 2. Re-sealed and signed with the attacker's own key: valid signatures, but not by a trusted key.
    const attacker = await installationKey(mkdtempSync(join(tmpdir(), 'sapling-attacker-')));
    const theirs = verifyChain(reseal(attacker.signer), 'runs.jsonl', check);
    assert.equal(theirs.ok, false);
    assert.match(
      theirs.broken!.reason,
      new RegExp(`signed by ${attacker.signer.fingerprint}, which is not a trusted key`),
    );
    assert.match(theirs.broken!.reason, /--trust/);
    // Trusting that key on purpose (a colleague's log) makes it verify; so does re-signing with the user's key.
    assert.equal(verifyChain(reseal(attacker.signer), 'runs.jsonl', key.check([attacker.signer.fingerprint])).ok, true);
    const mine = verifyChain(reseal(key.signer), 'runs.jsonl', check);
    assert.equal(mine.ok, true);
    assert.deepEqual(mine.signers, [key.signer.fingerprint]);
    // 3. A version-1 (unsigned) record is reported as such.
    const v1 = JSON.parse(lines[0]) as Record<string, unknown>;
    delete v1.signer;
    delete v1.signature;
    v1.version = 1;
    v1.hash = hashOf(v1 as unknown as SealedRecord);
    assert.match(verifyChain(`${JSON.stringify(v1)}\n`, 'runs.jsonl', check).broken!.reason, /is not signed/);
    // 4. A reader without the user's key trusts nothing by default.
    assert.equal(verifyChain(lines.join('\n') + '\n', 'runs.jsonl', chainCheck([])).ok, false);
  });

  test('the signer fingerprint is the SHA-256 of the raw public key, and every record carries it', async () => {
    const text = await threeRecordLog();
    for (const sealed of verifyChain(text, 'runs.jsonl', check).verified)
      assert.deepEqual(sealed.signer, { key: key.signer.key, fingerprint: key.signer.fingerprint });
    assert.match(key.signer.fingerprint, /^ed25519:[0-9a-f]{32}$/);
    assert.equal(key.signer.fingerprint, check.fingerprintOf(key.signer.key));
  });
});
