/* global process */
// A stand-in for `sapling compare` in the SIGKILL loop (test/io/run-log-kill.test.ts): each "run" appends a
// `started` record, works a little, appends its completed record and only then prints its result line, exactly
// the order the commands keep. Records carry a random-size payload (up to ~1 MB) so that kills often land
// inside the append itself. Usage: node run-log-writer.mjs <log> <runs>
import { register } from 'tsx/esm/api';

register();
const { appendRunRecord } = await import('../../io/run-log.ts');
const { startedRecord, stoppedRecord, defaultEnvironment } = await import('../../app/audit/record.ts');
const { runId } = await import('../../app/audit/chain.ts');

const [log, runs] = [process.argv[2], Number(process.argv[3] ?? 1000)];
const input = (note) => ({
  kind: 'compare',
  startedAt: new Date(),
  finishedAt: new Date(),
  environment: defaultEnvironment({ runtime: 'kill-loop', platform: 'test', libraries: {} }),
  dataset: {
    fileName: 'kill.csv',
    sha256: '0'.repeat(64),
    bytes: 1,
    rowsInFile: 1,
    columns: [],
    parser: { delimiter: ',', decimalComma: false, missingTokens: [] },
    warnings: [],
  },
  settings: { target: 'y', models: ['tree'], params: {}, seed: 1, exclude: [], note },
});
process.stdout.write('ready\n');
for (let i = 0; i < runs; i++) {
  await appendRunRecord(log, startedRecord(input(`run ${i}`)));
  const busyUntil = Date.now() + Math.random() * 20;
  while (Date.now() < busyUntil); // the "work"
  // A completed run's record (a stopped record with a payload stands in for the result's size).
  const payload = 'x'.repeat(Math.floor(Math.random() * 1_000_000));
  process.stdout.write('appending\n'); // the kill loop aims some kills at the append that follows
  const sealed = await appendRunRecord(log, {
    ...stoppedRecord(input(`run ${i}`), 'failed', payload),
    status: 'completed',
  });
  process.stdout.write(`printed ${runId(sealed)}\n`);
}
