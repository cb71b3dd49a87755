/** `--report out.html [--pdf out.pdf]` for compare: the explanation report, and a PDF of it where Chromium is installed. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { SealedRecord } from '../app/audit/chain.js';
import type { Dataset } from '../app/data/dataset.js';
import { profileDataset } from '../app/data/profile.js';
import { DEFAULT_REPORT_CARDS, MAX_REPORT_CARDS, reportCards } from '../app/report/cards.js';
import { renderReport } from '../app/report/report.js';
import type { ComparisonArtifacts } from '../app/result/artifacts.js';
import type { CompareResult } from '../app/result/compare.js';
import { SaplingError } from '../app/util/errors.js';
import { fmtBytes } from '../app/util/format.js';
import { writeFileAtomic } from '../io/files.js';
import { findChromium, printHtmlToPdf } from '../io/pdf.js';

export const REPORT_OPTIONS = {
  report: { type: 'string' },
  pdf: { type: 'string' },
  'report-cards': { type: 'string' },
} as const;

export const REPORT_USAGE = `[--report out.html] [--pdf out.pdf] [--report-cards ${DEFAULT_REPORT_CARDS}]`;

/** `--report-cards N`: how many per-decision cards the report shows (0 = none). Checked before the comparison runs. */
export function reportCardCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_REPORT_CARDS;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > MAX_REPORT_CARDS)
    throw new SaplingError(
      'BAD_PARAMETER',
      `--report-cards must be a whole number from 0 to ${MAX_REPORT_CARDS}, got '${value}'`,
    );
  return n;
}

/** Writes what was asked; returns the lines to print (one per file written, or why the PDF was not). */
export async function writeReports(
  options: { report?: string; pdf?: string; 'report-cards'?: string },
  result: CompareResult,
  dataset: Dataset,
  run: { sealed: SealedRecord; log: string } | undefined,
  artifacts?: ComparisonArtifacts,
): Promise<string[]> {
  if (options.report === undefined && options.pdf === undefined) return [];
  const count = reportCardCount(options['report-cards']);
  const cards = artifacts && count > 0 ? reportCards(result, artifacts, { count }) : [];
  const html = renderReport({
    result,
    profile: profileDataset(dataset, result.dataset.target),
    ...(run
      ? {
          run: {
            hash: run.sealed.hash,
            prev: run.sealed.prev,
            seq: run.sealed.seq,
            log: basename(run.log),
            record: run.sealed.record,
            ...(run.sealed.signer ? { signer: run.sealed.signer.fingerprint } : {}),
          },
        }
      : {}),
    generatedAt: new Date().toISOString(),
    cards,
  });
  const lines: string[] = [];
  let htmlPath = options.report;
  let temp: string | undefined;
  if (htmlPath !== undefined) {
    await writeFileAtomic(htmlPath, html);
    lines.push(`report: ${htmlPath} (${fmtBytes(new TextEncoder().encode(html).length)})`);
  }
  if (options.pdf !== undefined) {
    const chromium = findChromium();
    if (chromium === undefined) {
      lines.push(
        `pdf: not written — no Chromium found (set SAPLING_CHROMIUM to its path, or print ${htmlPath ?? 'the --report HTML'} from a browser); the HTML report has the same content`,
      );
    } else {
      try {
        if (htmlPath === undefined) {
          temp = await mkdtemp(join(tmpdir(), 'sapling-report-'));
          htmlPath = join(temp, 'report.html');
          await writeFileAtomic(htmlPath, html);
        }
        await printHtmlToPdf(chromium, htmlPath, options.pdf);
        lines.push(`pdf: ${options.pdf}`);
      } finally {
        if (temp) await rm(temp, { recursive: true, force: true });
      }
    }
  }
  return lines;
}
