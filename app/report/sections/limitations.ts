/**
 * Limitations: what the numbers cannot tell, the caveats of each explanation method used, the run's own
 * warnings, and — plainly — which analyses were not part of this run.
 */
import type { CompareResult } from '../../result/compare.js';
import type { Analysis } from '../context.js';
import { capped, list } from '../html.js';

const MAX_WARNINGS = 50;

/** `methodCaveats`: what each rendered section's method cannot tell (ReportSection.caveats). */
export function renderLimitations(
  result: CompareResult,
  methodCaveats: readonly string[],
  missing: readonly Analysis[],
): string {
  const holdout = result.settings.holdout !== undefined;
  const caveats = [
    ...methodCaveats,
    holdout
      ? 'A single holdout split gives one estimate per model and no interval: differences between models may be chance.'
      : 'Intervals are Student-t intervals over folds. Cross-validation folds share training rows, so they are not independent and the intervals are somewhat too narrow (Nadeau & Bengio, 2003); overlapping intervals mean the models are not clearly different.',
    'Scores are estimates for data like this file. They say nothing about rows from a different population, a later period, or with a different meaning of the columns.',
    'Latency and throughput were measured on the machine that ran the comparison and vary with its load.',
  ];
  const parts = ['<h3>Caveats of the methods</h3>', list(caveats)];
  if (missing.length > 0) {
    parts.push(
      '<h3>Analyses not part of this run</h3>',
      `<p>This report does not contain: ${missing.join('; ')}. They were not computed in this run, so nothing in this report should be read as evidence about them.</p>`,
    );
  }
  if (result.warnings.length > 0) {
    const { shown, note } = capped(
      result.warnings.map((w) => w.message),
      MAX_WARNINGS,
    );
    parts.push('<h3>Warnings from this run</h3>', list(shown), note);
  }
  return parts.join('\n');
}
