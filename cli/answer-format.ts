/** The answer as terminal text: the recommendation (printed first), the checks before training, per-class scores. */
import { sizeText } from '../app/answer/size.js';
import type { PreTrainingChecks } from '../app/data/checks.js';
import type { TargetProposal } from '../app/data/target-check.js';
import type { CompareResult } from '../app/result/compare.js';
import { fmt, formatTable } from './format.js';
import { trainedModels } from '../app/evaluate/model-rows.js';

/** "Recommendation: Linear model" and its reasons; the rule; the alternatives. */
export function renderRecommendation(result: CompareResult): string[] {
  const r = result.recommendation;
  if (!r) return [];
  return [
    `Recommendation: ${r.label} (${r.modelId})`,
    ...[...r.reasons.slice(0, -1), ...(r.timing?.reasons ?? []), ...r.reasons.slice(-1)].map(
      (reason) => `  - ${reason}`,
    ),
    ...(r.alternatives.length > 0
      ? ['  alternatives:', ...r.alternatives.map((a) => `    ${a.label}: ${a.reason}`)]
      : []),
    ...(r.llm ? [`  the LLM: ${r.llm.text}`] : []),
    `  rule: ${r.rule}`,
    '',
  ];
}

/** Per-class recall and precision, MCC and PR AUC per model (classification). */
export function renderClassReports(result: CompareResult): string[] {
  const models = trainedModels(result).filter((m) => m.classReport);
  if (models.length === 0 || !result.dataset.classes) return [];
  const classes = result.dataset.classes;
  const binary = classes.length === 2;
  const header = [
    'model',
    ...classes.flatMap((c) => [`recall ${c}`, `precision ${c}`]),
    'MCC',
    ...(binary ? [`PR AUC (${models[0].classReport!.positiveClass})`] : []),
    'size',
  ];
  // Three decimals, as the leaderboard's scores: a column reads down evenly (0.622, not 0.622 next to 0.6806).
  const rows = models.map((m) => [
    m.label,
    ...m.classReport!.perClass.flatMap((c) => [fmt(c.recall), fmt(c.precision)]),
    fmt(m.classReport!.mcc),
    ...(binary ? [fmt(m.classReport!.prAuc)] : []),
    sizeText(m.size),
  ]);
  return [
    '',
    'per class (out-of-fold predictions at the default threshold):',
    formatTable(
      header,
      rows,
      header.map((_, j) => j > 0 && j < header.length - 1),
    ),
  ];
}

/** `sapling profile`: the proposed target and the checks (the same warnings `compare` prints). */
export function renderChecks(checks: PreTrainingChecks | undefined, proposal: TargetProposal | undefined): string[] {
  const lines: string[] = [];
  if (proposal) {
    lines.push(
      '',
      proposal.column !== null
        ? `proposed target: ${proposal.reason} (confirm with --target ${proposal.column})`
        : `no target proposed: ${proposal.reason}`,
    );
    for (const r of proposal.refused) lines.push(`  not proposed: ${r.reason}`);
  }
  if (checks && checks.warnings.length > 0)
    lines.push('', 'checks before training:', ...checks.warnings.map((w) => `  - ${w.message}`));
  return lines;
}
