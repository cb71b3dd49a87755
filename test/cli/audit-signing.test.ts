/**
 * Defect 2 of issue #15, through the real `sapling` command: run records are Ed25519-signed with this
 * installation's key; `audit verify` names the signer's fingerprint, a re-sealed log (hashes recomputed, signed
 * with another key) fails; `compare --report` prints the fingerprint in the report; `reproduce` checks the data
 * file's SHA-256 before parsing it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealRecord, type SealedRecord } from '../../app/audit/chain.js';
import { installationKey } from '../../io/signing-key.js';
import { ROOT, cliKey, runCli } from '../helpers/run-cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapling-signing-'));
  await copyFile(join(ROOT, 'examples/iris.csv'), join(dir, 'iris.csv'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('signed run records (CLI)', () => {
  test('verify names the signer; a log re-sealed with another key fails; --trust accepts it on purpose', async () => {
    const c = await runCli(
      ['compare', 'iris.csv', '--target', 'target', '--models', 'tree', '--folds', '3', '--report', 'r.html'],
      { cwd: dir },
    );
    assert.equal(c.code, 0, c.stderr);
    const { signer } = await cliKey();
    const ok = await runCli(['audit', 'verify', 'sapling-runs.jsonl'], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(ok.stdout.includes(`signed by ${signer.fingerprint}`), ok.stdout);
    assert.ok(
      (await readFile(join(dir, 'r.html'), 'utf8')).includes(signer.fingerprint),
      'the report names the signer',
    );

    // Edit the record and re-seal the whole chain, as the audit did — but anyone else's key is not the user's.
    const sealed = JSON.parse((await readFile(join(dir, 'sapling-runs.jsonl'), 'utf8')).split('\n')[1]) as SealedRecord;
    const record = JSON.parse(JSON.stringify(sealed.record)) as SealedRecord['record'];
    (record.result!.models[0].metrics.accuracy as { mean: number }).mean = 0.999;
    const attacker = await installationKey(await mkdtemp(join(tmpdir(), 'sapling-other-')));
    await writeFile(join(dir, 'resealed.jsonl'), sealRecord(record, undefined, attacker.signer).line);
    const bad = await runCli(['audit', 'verify', 'resealed.jsonl'], { cwd: dir });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /BROKEN at record 1/);
    assert.ok(bad.stderr.includes(`signed by ${attacker.signer.fingerprint}, which is not a trusted key`), bad.stderr);
    assert.ok(bad.stderr.includes(`this installation's run-signing key: ${signer.fingerprint}`));
    const repro = await runCli(['reproduce', 'resealed.jsonl', '--quiet'], { cwd: dir });
    assert.equal(repro.code, 1, 'nothing is reproduced from an untrusted record');
    const trusted = await runCli(['audit', 'verify', 'resealed.jsonl', '--trust', attacker.signer.fingerprint], {
      cwd: dir,
    });
    assert.equal(trusted.code, 0, trusted.stderr);
    const badTrust = await runCli(['audit', 'verify', 'resealed.jsonl', '--trust', 'abc'], { cwd: dir });
    assert.match(badTrust.stderr, /--trust takes key fingerprints/);
  });

  test('reproduce checks the data file fingerprint before parsing it', async () => {
    const c = await runCli(['compare', 'iris.csv', '--target', 'target', '--models', 'tree', '--folds', '3'], {
      cwd: dir,
    });
    assert.equal(c.code, 0, c.stderr);
    // A file that would fail to parse (an unclosed quote): the error must be the fingerprint, not the parser's.
    await writeFile(join(dir, 'other.csv'), 'a,b\n"unclosed,1\n');
    const r = await runCli(['reproduce', 'sapling-runs.jsonl', '--data', 'other.csv', '--quiet'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /other\.csv is not the data this run used: its SHA-256 is/);
    assert.doesNotMatch(r.stderr, /quote/);
  });
});
