/**
 * HTML → PDF with headless Chromium, for the command line (the desktop app uses Electron's printToPDF).
 * The report has no script and a CSP that forbids every load, so printing it touches nothing but the file.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SaplingError } from '../app/util/errors.js';
import { findBrowser } from './browser.js';

/** The Chromium to print with: $SAPLING_CHROMIUM, else the system's, else Playwright's (io/browser.ts); undefined when there is none. */
export function findChromium(): string | undefined {
  return findBrowser();
}

export async function printHtmlToPdf(
  chromium: string,
  htmlPath: string,
  pdfPath: string,
  timeoutMs = 120_000,
): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'sapling-pdf-'));
  const args = [
    '--headless',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--no-pdf-header-footer',
    `--user-data-dir=${profile}`,
    // Chromium refuses to run as root without this; the page it prints is our own script-free report.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    `--print-to-pdf=${resolve(pdfPath)}`,
    pathToFileURL(resolve(htmlPath)).href,
  ];
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', fail);
      child.on('close', (c) => {
        clearTimeout(timer);
        done({ code: c, stderr: err });
      });
    });
    const written = await stat(pdfPath).then(
      (s) => s.size > 0,
      () => false,
    );
    if (code !== 0 || !written)
      throw new SaplingError(
        'BAD_INPUT',
        `Chromium (${chromium}) could not print ${pdfPath} (exit ${code}): ${stderr.trim().split('\n').slice(-2).join(' ')}`,
      );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
