/**
 * The desktop at scale (issue 14, "scale without freezing"), measured: `sapling ui <file>` as a user starts it,
 * headless Chromium on its URL, the file loaded, the default comparison started; the progress panel sampled, the
 * page's long tasks with their main-thread CPU (test/e2e/long-tasks.ts), then Cancel. Prints load time, progress
 * samples, the first partial leaderboard row, how long Cancel took, the longest renderer task and the server's
 * peak RSS (VmHWM of the `sapling ui` process: main, compute worker and engine workers are its threads).
 *
 *   node --import tsx test/e2e/desktop-scale.ts bench/data/compare/synthetic-1m.csv --target y [--minutes 15]
 *
 * (It lives beside the e2e specs for their browser types and long-task helper; it is not a spec. The 1M file:
 * `npm run bench:compare -- --sizes 1m` writes it.)
 *
 * A measured script, not a test (a 1M-row default comparison runs for 16 minutes on a quiet 2-core machine, much
 * longer on a loaded one). Two modes:
 * - default: it runs for `--minutes` (or until the first model's row arrives, if later — capped at twice the
 *   minutes) and then cancels;
 * - `--to-end`: it waits for the result (app events, no sleeps) and measures the result screen: the size of the
 *   result and curves sent to the page, the time from the result's arrival to the Compare screen and its curves
 *   on screen, the longest main-thread task while the result renders and while the user visits Inspect, Data and
 *   Compare again; `--shots DIR` saves screenshots of those screens.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { findBrowser } from '../../io/browser.js';
import { observeLongTasks, watchLongTasks, type WatchResult } from './long-tasks.js';
import { measureResultScreen, recordEventTimes } from './result-screen.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    target: { type: 'string' },
    minutes: { type: 'string', default: '15' },
    'to-end': { type: 'boolean', default: false },
    /** Minutes per trace window (see nextWindow). */
    window: { type: 'string', default: '5' },
    shots: { type: 'string' },
  },
});
const file = resolve(positionals[0] ?? 'bench/data/compare/synthetic-1m.csv');
const target = values.target ?? 'y';
const minutes = Number(values.minutes);
const toEnd = values['to-end'];
const WINDOW_MS = Number(values.window) * 60_000;
const log = (s: string): void => void process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

const peakRssMb = (pid: number): number => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

const eventCount = (page: Page, name: string): Promise<number> =>
  page.evaluate(
    (n) =>
      ((window as unknown as { saplingEvents?: { name: string }[] }).saplingEvents ?? []).filter((e) => e.name === n)
        .length,
    name,
  );

async function waitEvent(page: Page, name: string, after: number, timeoutMs: number): Promise<boolean> {
  return page
    .waitForFunction(
      ([n, k]) =>
        ((window as unknown as { saplingEvents?: { name: string }[] }).saplingEvents ?? []).filter((e) => e.name === n)
          .length > k,
      [name, after] as const,
      { timeout: timeoutMs, polling: 500 },
    )
    .then(() => true)
    .catch(() => false);
}

const home = mkdtempSync(join(tmpdir(), 'sapling-desktop-scale-'));
const server = spawn(process.execPath, [join(ROOT, 'bin/sapling.js'), 'ui', '--no-open', '--port', '0', file], {
  cwd: ROOT,
  env: { ...process.env, SAPLING_USER_DATA_DIR: join(home, 'userdata'), SAPLING_CONFIG_DIR: home, TMPDIR: home },
});
const browser = await chromium.launch({
  executablePath: findBrowser() ?? undefined,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Sapling is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)\n/.exec(out);
      if (m) ok(m[1]);
    });
    server.once('exit', (code) => fail(new Error(`sapling ui exited (${code})`)));
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  await observeLongTasks(page);
  await recordEventTimes(page);
  const t0 = Date.now();
  await page.goto(url);
  if (!(await waitEvent(page, 'sapling:dataset-loaded', 0, 30 * 60_000))) throw new Error('the file did not load');
  log(`loaded ${file} in ${((Date.now() - t0) / 1000).toFixed(1)} s; server peak RSS ${peakRssMb(server.pid!)} MB`);
  await page.waitForFunction(() => document.body.dataset.state === 'idle', null, { timeout: 600_000, polling: 500 });
  const select = page.getByLabel('Target column');
  if ((await select.inputValue()) !== target) await select.selectOption(target);
  const confirm = page.getByTestId('confirm-target');
  if (await confirm.isVisible()) await confirm.click();
  await page.waitForFunction(() => document.body.dataset.state === 'idle', null, { timeout: 600_000, polling: 500 });
  await page.getByTestId('to-models').click();

  // Long runs are watched in windows of a few minutes: one trace over the whole run fills Chromium's trace buffer,
  // which then stops recording (a 55-minute window lost its last part, the result's render with it).
  const windows: WatchResult[] = [];
  let watch = await watchLongTasks(browser, page);
  let windowFrom = Date.now();
  const nextWindow = async (): Promise<void> => {
    windows.push(await watch.stop());
    watch = await watchLongTasks(browser, page);
    windowFrom = Date.now();
  };
  const started = Date.now();
  await page.getByTestId('train').click();
  const progress = page.getByTestId('progress');
  let firstRow: number | undefined;
  const samples: string[] = [];
  for (;;) {
    const scored = await eventCount(page, 'sapling:model-scored');
    if (scored > 0 && firstRow === undefined) {
      firstRow = (Date.now() - started) / 1000;
      log(`first partial leaderboard row after ${firstRow.toFixed(0)} s`);
    }
    const elapsed = (Date.now() - started) / 60_000;
    if (!toEnd && ((elapsed >= minutes && firstRow !== undefined) || elapsed >= 2 * minutes)) break;
    const text = (await progress.innerText().catch(() => '(no panel)')).replace(/\s+/g, ' ');
    samples.push(`${elapsed.toFixed(1)} min: ${text}`);
    log(`${samples.at(-1)} | RSS peak ${peakRssMb(server.pid!).toFixed(0)} MB`);
    await waitEvent(page, 'sapling:compare-done', 0, 30_000); // a pause between samples that ends early when done
    if (Date.now() - windowFrom > WINDOW_MS && (await eventCount(page, 'sapling:compare-done')) === 0)
      await nextWindow();
    if ((await eventCount(page, 'sapling:compare-done')) > 0) break;
  }
  const cancelAt = Date.now();
  const done = (await eventCount(page, 'sapling:compare-done')) > 0;
  if (!done) {
    await progress.getByRole('button', { name: 'Cancel' }).click();
    if (!(await waitEvent(page, 'sapling:cancelled', 0, 30 * 60_000))) throw new Error('Cancel did not end the run');
    log(`cancelled: the run stopped ${((Date.now() - cancelAt) / 1000).toFixed(1)} s after the click`);
  }
  if (done) await waitEvent(page, 'sapling:curves-shown', 0, 30 * 60_000);
  windows.push(await watch.stop());
  const tasks = windows.flatMap((w) => w.tasks);
  const busy = windows.flatMap((w) => w.busy);
  const maxCpuMs = Math.max(...windows.map((w) => w.maxCpuMs));
  const traceTasks = windows.reduce((n, w) => n + w.traceTasks, 0);
  // A window whose trace stops more than a few seconds before it ends did not see all its tasks.
  const untraced = windows.filter((w) => w.until - w.tracedUntil > 5000);
  if (untraced.length > 0)
    log(
      `WARNING: ${untraced.length} of ${windows.length} trace windows ended early (the CPU of their last tasks is unknown)`,
    );
  const longestWall = Math.max(0, ...tasks.map((t) => t.wallMs));
  log(
    `renderer: ${tasks.length} long tasks in ${((Date.now() - started) / 60_000).toFixed(1)} min; longest main-thread ` +
      `CPU ${maxCpuMs.toFixed(1)} ms (of ${traceTasks} traced tasks); longest wall ${longestWall.toFixed(0)} ms`,
  );
  const screen = done
    ? await measureResultScreen(browser, page, busy, windows.at(-1)!.tracedUntil, { log, shots: values.shots })
    : undefined;
  log(`server peak RSS ${peakRssMb(server.pid!).toFixed(0)} MB`);
  process.stdout.write(
    `${JSON.stringify({ file, minutes, firstRowSeconds: firstRow, done, maxCpuMs, longestWall, tasks, samples, screen, peakRssMb: peakRssMb(server.pid!) })}\n`,
  );
} finally {
  await browser.close();
  server.kill('SIGINT');
  rmSync(home, { recursive: true, force: true });
}
