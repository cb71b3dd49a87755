/** `--report out.html [--pdf out.pdf] [--threshold …]` for compare: the explanation report, and a PDF of it where Chromium is installed. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chosenThresholdProblem, thresholdModel, type ChosenThreshold } from '../app/answer/threshold.js';
import type { SealedRecord } from '../app/audit/chain.js';
import type { Dataset } from '../app/data/dataset.js';
import { profileDataset } from '../app/data/profile.js';
import { DEFAULT_REPORT_CARDS, MAX_REPORT_CARDS, reportCards } from '../app/report/cards.js';
import { renderReport } from '../app/report/report.js';
import type { ComparisonArtifacts } from '../app/result/artifacts.js';
import type { CompareResult } from '../app/result/compare.js';
import type { RowId } from '../app/result/pre-trained.js';
import { trainedModels } from '../app/evaluate/model-rows.js';
import { SaplingError } from '../app/util/errors.js';
import { fmtBytes } from '../app/util/format.js';
import { writeFileAtomic } from '../io/files.js';
import { findChromium, printHtmlToPdf } from '../io/pdf.js';

export const REPORT_OPTIONS = {
  report: { type: 'string' },
  pdf: { type: 'string' },
  'report-cards': { type: 'string' },
  threshold: { type: 'string', multiple: true },
} as const;

export const REPORT_USAGE = `[--report out.html] [--pdf out.pdf] [--report-cards ${DEFAULT_REPORT_CARDS}] [--threshold [model=]0.3 ...]`;

/** A `--threshold` as given: without `model=` it is for the model the report's threshold section is about. */
interface GivenThreshold {
  readonly modelId?: string;
  readonly threshold: number;
}

/**
 * `--threshold [model=]p` (repeatable): the decision threshold to show as chosen in the report's Decision threshold
 * section, like the desktop's slider. Checked before the run: syntax, 0 < p < 1, a listed model, a report asked for.
 */
export function reportThresholds(
  values: readonly string[] | undefined,
  listed: readonly string[],
  reportAsked: boolean,
): GivenThreshold[] {
  if (values === undefined || values.length === 0) return [];
  if (!reportAsked)
    throw new SaplingError(
      'BAD_PARAMETER',
      '--threshold is shown in the report: add --report out.html or --pdf out.pdf',
    );
  return values.map((value) => {
    const eq = value.lastIndexOf('=');
    const modelId = eq < 0 ? undefined : value.slice(0, eq).trim();
    const text = (eq < 0 ? value : value.slice(eq + 1)).trim();
    const threshold = Number(text);
    if (!/^(0?\.\d+|\d+(\.\d*)?(e-?\d+)?)$/i.test(text) || !(threshold > 0 && threshold < 1))
      throw new SaplingError(
        'BAD_PARAMETER',
        `--threshold '${value}': the threshold must be a number between 0 and 1 (exclusive), e.g. --threshold 0.3 or --threshold linear=0.3`,
      );
    if (modelId !== undefined && !listed.includes(modelId))
      throw new SaplingError(
        'BAD_PARAMETER',
        `--threshold '${value}': '${modelId}' is not one of the compared models (${listed.join(', ')})`,
      );
    return modelId === undefined ? { threshold } : { modelId, threshold };
  });
}

/** The given thresholds against the finished run (a bare one goes to the section's model), or a specific error. */
function chosenThresholds(given: readonly GivenThreshold[], result: CompareResult): ChosenThreshold[] {
  const models = trainedModels(result);
  const sectionModel = thresholdModel(models, result.recommendation?.modelId);
  const chosen = given.map((g) => {
    const modelId = g.modelId ?? sectionModel?.id;
    if (modelId === undefined)
      throw new SaplingError(
        'BAD_PARAMETER',
        '--threshold: no model of this run has a decision threshold (only two-class models with probabilities do)',
      );
    return { modelId: modelId as RowId, threshold: g.threshold };
  });
  const problem = chosenThresholdProblem(models, chosen);
  if (problem !== null) throw new SaplingError('BAD_PARAMETER', `--threshold: ${problem}`);
  return chosen;
}

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
  options: { report?: string; pdf?: string; 'report-cards'?: string; threshold?: string[] },
  result: CompareResult,
  dataset: Dataset,
  run: { sealed: SealedRecord; log: string } | undefined,
  artifacts?: ComparisonArtifacts,
): Promise<string[]> {
  if (options.report === undefined && options.pdf === undefined) return [];
  const count = reportCardCount(options['report-cards']);
  const thresholds = chosenThresholds(
    reportThresholds(options.threshold, [...result.models.map((m) => m.id)], true),
    result,
  );
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
    thresholds,
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
