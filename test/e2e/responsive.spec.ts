/**
 * The desktop stays responsive during a comparison (issue 14, "scale without freezing"): from Train to the last
 * chart, no task on the page's main thread blocks it for more than 100 ms. The run has every kind of update the
 * renderer gets — progress events for minutes, partial leaderboard rows, the explanations, the final result with
 * its charts and curves — and the user moves between views while it trains and after (Inspect, Data, Compare). Measured with the page's long-task
 * observer; each long task's main-thread CPU time comes from Chromium's trace (test/e2e/long-tasks.ts says why
 * wall clock alone would measure the machine's load, not the app).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvChunks, generate } from '../../bench/engine-data.js';
import { expect, test } from './harness.js';
import { chooseTarget } from './flows.js';
import { observeLongTasks, watchLongTasks } from './long-tasks.js';

/** The bound on one task of the page's main thread. */
const BLOCK_MS = 100;

test('no main-thread task over 100 ms from Train to the last chart, and while the user reads the result', async ({
  sapling,
  page,
  browser,
}, testInfo) => {
  // A four-model comparison with explanations on a shared 2-core machine: a guard against a hang, not a speed bound.
  test.setTimeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'sapling-e2e-responsive-'));
  try {
    // 3,000 rows × 20 features (the engine benchmark's synthetic data): the default models take a minute or two.
    const path = join(dir, 'synthetic-3000.csv');
    writeFileSync(path, [...csvChunks(generate(3000))].join(''));
    await observeLongTasks(page);
    await sapling.open();

    // The measurement can fail: a page task that computes for 1.5 s is reported as a block. (1.5 s of wall clock,
    // because on a loaded machine a 150 ms loop got only ~60 ms of CPU.)
    const probe = await watchLongTasks(browser, page);
    await page.evaluate(
      // In a task of the page's own (what the page runs from a DevTools evaluate is not observed as a task).
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            const end = performance.now() + 1500;
            while (performance.now() < end);
            resolve();
          }, 0),
        ),
    );
    const probed = await probe.stop();
    expect(probed.maxCpuMs, 'a deliberate 1.5 s busy loop').toBeGreaterThan(BLOCK_MS);
    expect(probed.tasks.some((t) => t.wallMs >= 1500 && t.cpuMs > BLOCK_MS)).toBe(true);

    sapling.queueFile(path);
    await sapling.expectAppEvent('sapling:dataset-loaded', () => sapling.menu('open-file'));
    await sapling.waitForState('idle');
    await chooseTarget(sapling, page, 'y');
    await page.getByTestId('to-models').click();

    const watch = await watchLongTasks(browser, page);
    const done = sapling.expectAppEvent<{ runId: string; models: string[] }>(
      'sapling:compare-done',
      () => page.getByTestId('train').click(),
      { timeout: 580_000 },
    );
    // While it trains, the user looks at the data and comes back; the first model's row arrives meanwhile.
    await sapling.waitForAppEvent('sapling:model-scored', { timeout: 580_000 });
    await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-data').click());
    await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-models').click());
    const { models } = await done;
    // Four trained models, four curves: the last render of the run.
    await sapling.waitForAppEvent('sapling:curves-shown', { after: models.length - 1, timeout: 120_000 });
    await expect(page.getByTestId('curves')).toBeVisible();
    // Then the user reads the result: one row on Inspect (every model's prediction, the tree path), the data, and
    // the Compare screen again (mounted anew, charts and all).
    await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-inspect').click());
    await page.getByLabel('Row number').fill('101');
    await sapling.expectAppEvent('sapling:row-inspected', () => page.getByTestId('inspect-go').click());
    await expect(page.getByTestId('tree-view')).toBeVisible();
    await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-data').click());
    await sapling.expectAppEvent('sapling:view-changed', () => page.getByTestId('nav-compare').click());
    await expect(page.getByTestId('calibration')).toBeVisible();
    await expect(page.getByTestId('curves').locator('.roc-curve')).not.toHaveCount(0);
    // Let the frame after the last event be drawn before the window closes.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const { tasks, maxCpuMs, traceTasks } = await watch.stop();

    const report = tasks.map((t) => `${t.wallMs.toFixed(0)} ms wall / ${t.cpuMs.toFixed(1)} ms CPU`);
    await testInfo.attach('long-tasks', {
      body: JSON.stringify({ maxCpuMs, traceTasks, tasks }, null, 1),
      contentType: 'application/json',
    });
    console.log(
      `long tasks during the compare: ${tasks.length}; longest main-thread CPU ${maxCpuMs.toFixed(1)} ms; ` +
        `longest wall ${Math.max(0, ...tasks.map((t) => t.wallMs)).toFixed(0)} ms`,
    );
    expect(traceTasks, 'the trace saw the page’s main thread').toBeGreaterThan(0);
    expect(
      tasks.filter((t) => t.cpuMs > BLOCK_MS),
      `long tasks: ${report.join(', ')}`,
    ).toEqual([]);
    expect(maxCpuMs).toBeLessThanOrEqual(BLOCK_MS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
