/**
 * The command a user runs: `sapling ui --no-open --port 0` prints a URL; headless Chromium opens it, uploads
 * credit_data through the file picker, runs the default comparison and downloads the HTML report. Ctrl-C stops the
 * server and removes its session folder. (No harness: the real process, as started from a terminal.)
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, SAMPLES_DIR, expect, test } from './harness.js';

type Recorded = { saplingEvents?: { name: string; detail: unknown }[] };

function waitFor(page: Page, name: string, after = 0, timeout = 60_000): Promise<unknown> {
  return page
    .waitForFunction(
      ([n, k]) => {
        const seen = ((window as unknown as Recorded).saplingEvents ?? []).filter((e) => e.name === n);
        return seen.length > k ? { detail: seen[k].detail } : false;
      },
      [name, after] as const,
      { timeout },
    )
    .then(async (handle) => ((await handle.jsonValue()) as { detail: unknown }).detail);
}

const count = (page: Page, name: string): Promise<number> =>
  page.evaluate((n) => ((window as unknown as Recorded).saplingEvents ?? []).filter((e) => e.name === n).length, name);

test('sapling ui --no-open --port 0: upload credit_data, default comparison, download the report', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000); // the default comparison (four models, five folds, explanations) on two shared cores
  const home = mkdtempSync(join(tmpdir(), 'sapling-ui-cli-'));
  let child: ChildProcessWithoutNullStreams | undefined;
  try {
    child = spawn(process.execPath, [join(ROOT, 'bin/sapling.js'), 'ui', '--no-open', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, SAPLING_USER_DATA_DIR: join(home, 'userdata'), TMPDIR: home },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Sapling is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)\n/.exec(out);
        if (m) resolve(m[1]);
      });
      child!.once('exit', (code) => reject(new Error(`sapling ui exited (${code}) before printing a URL:\n${stderr}`)));
    });
    await page.goto(url);
    expect(page.url()).not.toContain('token');
    await waitFor(page, 'sapling:ready');

    // Upload through the browser's file picker.
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-file').click();
    await (await chooser).setFiles(join(SAMPLES_DIR, 'credit_data.csv'));
    expect(await waitFor(page, 'sapling:dataset-loaded')).toMatchObject({ fileName: 'credit_data.csv', rows: 4454 });
    const sessions = readdirSync(home).filter((n) => n.startsWith('sapling-ui-'));
    expect(sessions).toHaveLength(1);

    const select = page.getByLabel('Target column');
    if ((await select.inputValue()) !== 'Status') {
      const before = await count(page, 'sapling:target-profiled');
      await select.selectOption('Status');
      await waitFor(page, 'sapling:target-profiled', before);
    } else {
      // The proposed target is only used once the user confirms it (the app never picks a target silently).
      const confirm = page.getByTestId('confirm-target');
      if (await confirm.isVisible()) await confirm.click();
    }
    await expect(page.getByTestId('target-proposal')).toHaveCount(0);
    await page.getByTestId('to-models').click();
    // The default comparison: the models and settings the Models screen starts with.
    await page.getByTestId('train').click();
    await waitFor(page, 'sapling:compare-done', 0, 280_000);
    await expect(page.getByTestId('leaderboard-row')).not.toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('compare.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByTestId('export-report-html').click();
    const report = await download;
    expect(report.suggestedFilename()).toBe('credit_data-report.html');
    const saved = testInfo.outputPath('credit_data-report.html');
    await report.saveAs(saved);
    const html = readFileSync(saved, 'utf8');
    expect(html).toContain('<section id="leaderboard">');
    expect(html).toContain('credit_data.csv');

    // Ctrl-C: the server stops cleanly and its session folder is gone.
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    child = undefined;
    expect(existsSync(join(home, sessions[0]))).toBe(false);
  } finally {
    child?.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  }
});
