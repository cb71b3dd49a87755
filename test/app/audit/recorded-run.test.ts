import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordInput, RunRecord } from '../../../app/audit/record.js';
import { recordedRun } from '../../../app/audit/recorded-run.js';
import { SaplingError } from '../../../app/util/errors.js';

const input =
  (startedAt: string): (() => RecordInput) =>
  () =>
    ({
      kind: 'compare',
      startedAt: new Date(startedAt),
      finishedAt: new Date(startedAt),
      environment: { sapling: 't', node: 't', platform: 't', arch: 't' },
      dataset: { fileName: 'f.csv', sha256: '0'.repeat(64), bytes: 1, rows: 1, columns: 1, parser: {} },
      settings: { target: 't', models: ['tree'], params: {}, seed: 1, exclude: [] },
    }) as unknown as RecordInput;

describe('recordedRun: started before the work, the outcome after', () => {
  test('a failed run leaves started + failed (with the reason); the error still reaches the caller', async () => {
    const log: RunRecord[] = [];
    const recorder = { append: async (r: RunRecord) => void log.push(r) };
    await assert.rejects(
      recordedRun(recorder, input('2026-01-01T00:00:00Z'), async () => {
        assert.deepEqual(
          log.map((r) => r.status),
          ['started'],
        );
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(
      log.map((r) => [r.status, r.error]),
      [
        ['started', undefined],
        ['failed', 'boom'],
      ],
    );
  });

  test('a cancelled run is recorded as cancelled; a log that refuses the started record stops the run', async () => {
    const log: RunRecord[] = [];
    await assert.rejects(
      recordedRun({ append: async (r) => void log.push(r) }, input('2026-01-01T00:00:00Z'), async () => {
        throw new SaplingError('CANCELLED', 'cancelled');
      }),
    );
    assert.deepEqual(
      log.map((r) => r.status),
      ['started', 'cancelled'],
    );
    let ran = false;
    const locked = {
      append: async () => {
        throw new Error('log locked');
      },
    };
    await assert.rejects(
      recordedRun(locked, input('2026-01-01T00:00:00Z'), async () => (ran = true)),
      /log locked/,
    );
    assert.equal(ran, false);
  });

  test('a stopped record that cannot be written is reported, and the run error wins', async () => {
    let appended = 0;
    const notRecorded: unknown[] = [];
    const recorder = {
      append: async () => {
        if (appended++ > 0) throw new Error('disk full');
      },
      onStoppedNotRecorded: (e: unknown) => notRecorded.push(e),
    };
    await assert.rejects(
      recordedRun(recorder, input('2026-01-01T00:00:00Z'), async () => {
        throw new Error('the run failed');
      }),
      /the run failed/,
    );
    assert.match(String(notRecorded[0]), /disk full/);
  });
});
