/**
 * Reports, the run log and projects in the desktop app: a comparison lands in the run log; Export → HTML and
 * PDF write the explanation report through the save dialog; Save Project writes a .sapling file holding the
 * run log; Open Project brings it back (and reloads its data); a damaged project is refused and left as it was.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChain } from '../../app/audit/chain.js';
import { installationKey } from '../../io/signing-key.js';
import { parseProject } from '../../app/project/project.js';
import { expect, ROOT, test } from './harness.js';
import { chooseModels, chooseTarget, loadSample, train } from './flows.js';

test('iris: run log, HTML and PDF report, save and reopen the project', async ({ sapling, page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'sapling-e2e-project-'));
  await sapling.open();
  await loadSample(sapling, page, 'iris');
  await chooseTarget(sapling, page, 'target');
  await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('to-models').click());
  await chooseModels(page, ['tree', 'linear']);
  const { runId } = await train(sapling, page);

  // The run is in the run log, and the chain verifies.
  const entries = page.getByTestId('run-log-entry');
  await expect(entries).toHaveCount(1);
  await expect(page.getByTestId('run-log-status')).toHaveText('1 run; hash chain verified');
  const hash = (await entries.first().locator('code').getAttribute('title')) ?? '';
  expect(hash).toMatch(/^[0-9a-f]{64}$/);

  // Export → HTML report: the same report the CLI writes, tied to this run's record, as a download.
  const htmlFile = await sapling.expectDownload(() => page.getByTestId('export-report-html').click());
  expect(htmlFile.fileName).toBe('iris-report.html');
  const html = await sapling.waitForAppEvent<{ runId: string; format: string; path: string; bytes: number }>(
    'sapling:report-exported',
  );
  expect(html).toMatchObject({ runId, format: 'html', path: 'iris-report.html' });
  const htmlPath = htmlFile.path;
  const report = readFileSync(htmlPath, 'utf8');
  for (const id of [
    'purpose-and-data',
    'models-and-settings',
    'leaderboard',
    'accuracy-latency-cost',
    'feature-importance',
    'limitations',
    'appendix',
  ])
    expect(report).toContain(`<section id="${id}">`);
  expect(report).toContain(`<meta name="sapling-run" content="${hash}">`);
  expect(report).not.toMatch(/<script|https?:\/\//);
  // The desktop export carries the three selected per-decision cards (the worker still holds the run's models).
  expect(report).toContain('<section id="decision-cards">');
  expect(report.match(/<div class="card">/g)?.length).toBe(3);

  // Export → PDF report (printed by the machine's Chromium, as `sapling ui` does).
  const pdfFile = await sapling.expectDownload(() => page.getByTestId('export-report-pdf').click());
  expect(pdfFile.fileName).toBe('iris-report.pdf');
  expect(readFileSync(pdfFile.path).subarray(0, 5).toString()).toBe('%PDF-');

  // Save Project (browser mode's in-page File menu): a .sapling download.
  const projectFile = await sapling.expectDownload(() => sapling.menu('save-project'), join(dir, 'iris.sapling'));
  expect(projectFile.fileName).toBe('iris.sapling');
  await sapling.waitForAppEvent('sapling:project-saved');
  const projectPath = projectFile.path;
  const saved = parseProject(readFileSync(projectPath, 'utf8'), 'iris.sapling');
  // One run, two records: `started` (sealed before any work) and `completed` — as the CLI writes them.
  expect(saved.runLog.map((l) => (JSON.parse(l) as { record: { status: string } }).record.status)).toEqual([
    'started',
    'completed',
  ]);
  expect(
    verifyChain(`${saved.runLog.join('\n')}\n`, 'iris.sapling', (await installationKey(sapling.userDataDir)).check())
      .ok,
  ).toBe(true);
  expect(JSON.parse(saved.runLog[1]).hash).toBe(hash); // the report names the completed record
  expect(saved.settings).toMatchObject({ target: 'target', models: ['tree', 'linear'], seed: 42 });
  expect(saved.data?.fileName).toBe('iris.csv');
  // The desktop's runs check and reproduce from a terminal, from the project file alone.
  // The CLI signs and verifies with the same installation key as the app (here the test's config folder).
  const env = { ...process.env, SAPLING_CONFIG_DIR: sapling.userDataDir };
  const verify = spawnSync(process.execPath, [join(ROOT, 'bin/sapling.js'), 'audit', 'verify', projectPath], {
    encoding: 'utf8',
    env,
  });
  // Two records for the one run, as the CLI writes them: `started` before any work, then `completed`.
  expect(verify.stdout).toContain('OK — 2 record(s), chain intact');
  const reproduce = spawnSync(process.execPath, [join(ROOT, 'bin/sapling.js'), 'reproduce', projectPath, '--quiet'], {
    encoding: 'utf8',
    env,
  });
  expect(reproduce.stdout + reproduce.stderr).toMatch(/REPRODUCED: all \d+ recorded values are identical/);
  await sapling.screenshot('compare-with-run-log');

  // Open project… (uploaded through the file picker): the log comes back and the data file loads again.
  // A fresh page (the app's state is gone; main's session is not, as when a window is reopened).
  await sapling.open();
  sapling.queueFile(projectPath);
  const opened = await sapling.expectAppEvent<{ runs: number; verified: boolean; dataNote: string | null }>(
    'sapling:project-opened',
    () => sapling.menu('open-project'),
  );
  expect(opened).toMatchObject({ runs: 1, verified: true, dataNote: null });
  await sapling.waitForAppEvent('sapling:dataset-loaded');
  await expect(page.getByTestId('run-log-entry')).toHaveCount(1);
  await expect(page.getByTestId('dataset-title')).toContainText('150 rows');
  await expect(page.getByText('Opened project iris: 1 run in its log, its chain verifies.')).toBeVisible();
  await sapling.screenshot('project-reopened');

  // A damaged project: a clear message, and the file is not touched.
  const broken = join(dir, 'broken.sapling');
  writeFileSync(broken, '{"format":"sapling-project","version":1,"name":');
  sapling.queueFile(broken);
  const error = await sapling.expectAppEvent<{ message: string }>('sapling:error', () => sapling.menu('open-project'));
  expect(error.message).toMatch(/broken\.sapling cannot be opened: it is damaged/);
  expect(readFileSync(broken, 'utf8')).toBe('{"format":"sapling-project","version":1,"name":');
});
