/** Issue 15, defect 5 in the desktop: a file with ±1e308 in one column and a 1e400 cell opens (it was an INTERNAL error). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, createDesktopFixture, type DesktopFixture } from '../helpers/desktop.js';

let app: DesktopFixture;
before(async () => {
  app = await createDesktopFixture();
});
after(() => app.close());

test('loadDataset opens a file with huge numbers: finite bins, the 1e400 warning in the profile', async () => {
  const path = join(ROOT, 'test/fixtures/hostile/huge-numbers.csv');
  const result = await app.handlers.loadDataset({ operationId: 'huge-1', source: app.fileSource(path) });
  assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
  const { profile } = result.value;
  const reading = profile.columns.find((c) => c.name === 'reading')!;
  assert.equal(reading.type, 'numeric');
  assert.equal(
    reading.histogram!.reduce((n, b) => n + b.count, 0),
    60,
  );
  assert.ok(reading.histogram!.every((b) => Number.isFinite(b.lo) && Number.isFinite(b.hi)));
  assert.ok(profile.warnings.some((w) => /line 22, field 2: '1e400' is beyond the range/.test(w)));
});
