/** The explanation sections of a comparison as terminal text, printed under the leaderboard. */
import type { CompareResult } from '../app/result/compare.js';
import { MIN_GAP_ROWS } from '../app/explain/subgroups.js';
import { fmt, formatTable } from './format.js';

export function renderExplanations(result: CompareResult): string[] {
  const lines: string[] = [];
  const label = (id: string): string => result.models.find((m) => m.id === id)?.label ?? id;
  if (result.verdicts && result.verdicts.length > 0) {
    const repeats = result.settings.repeats ? ` × ${result.settings.repeats} repeats` : '';
    lines.push(
      '',
      `verdicts (corrected resampled t-test and Bayesian correlated t-test on the same ${result.settings.folds ?? 1} folds${repeats}):`,
    );
    for (const v of result.verdicts) lines.push(`  - ${v.text}`);
  }
  if (result.shap) {
    lines.push('', 'top features by mean |SHAP| on held-out rows:');
    for (const m of result.shap.models) {
      const top = [...m.meanAbs].sort((a, b) => b.mean - a.mean).slice(0, 4);
      lines.push(
        `  ${label(m.id)} (${m.units}, ${m.rowsPerFold} rows/fold): ${top.map((e) => `${e.feature} ${fmt(e.mean, 3)}`).join(', ')}`,
      );
    }
    const within = result.shap.agreement.methods.map(
      (m) => `${label(m.model)}: ${m.pairs.map((p) => `${p.a}~${p.b} ρ=${fmt(p.spearman, 2)}`).join(', ')}`,
    );
    if (within.length > 0)
      lines.push(
        '',
        'agreement between importance methods (Spearman ρ of the rankings):',
        ...within.map((w) => `  ${w}`),
      );
    if (result.shap.agreement.notes.length > 0) lines.push(...result.shap.agreement.notes.map((n) => `  - ${n}`));
  }
  if (result.calibration) {
    const calibrated = result.calibration.method;
    const header = ['model', 'ECE', 'Brier', ...(calibrated ? [`ECE ${calibrated}`, `Brier ${calibrated}`] : [])];
    const rows = result.calibration.models.map((m) => [
      label(m.id),
      fmt(m.raw.ece, 3),
      fmt(m.raw.brier, 3),
      ...(calibrated ? [fmt(m.calibrated?.ece, 3), fmt(m.calibrated?.brier, 3)] : []),
    ]);
    lines.push(
      '',
      `calibration (${result.calibration.models[0]?.raw.event ?? ''}, out-of-fold):`,
      formatTable(
        header,
        rows,
        header.map((_, j) => j > 0),
      ),
    );
  }
  for (const s of result.subgroups ?? []) {
    const classification = s.positiveClass !== undefined;
    lines.push(
      '',
      `subgroups by '${s.column}'${classification ? ` (selected = predicted '${s.positiveClass}')` : ''}:`,
    );
    const header = classification
      ? ['model', 'group', 'rows', 'selected', 'accuracy', 'TPR', 'FPR']
      : ['model', 'group', 'rows', 'MAE'];
    const rows: string[][] = [];
    for (const m of s.models) {
      for (const g of m.groups) {
        rows.push(
          classification
            ? [
                label(m.model),
                g.group,
                String(g.count),
                fmt(g.selectionRate, 3),
                fmt(g.accuracy, 3),
                fmt(g.tpr, 3),
                fmt(g.fpr, 3),
              ]
            : [label(m.model), g.group, String(g.count), fmt(g.mae, 3)],
        );
      }
      rows.push([
        label(m.model),
        `gap (groups ≥ ${MIN_GAP_ROWS} rows)`,
        '',
        ...(classification ? ['selectionRate', 'accuracy', 'tpr', 'fpr'] : ['mae']).map((k) => fmt(m.gaps[k], 3)),
      ]);
    }
    lines.push(
      formatTable(
        header,
        rows,
        header.map((_, j) => j > 1),
      ),
    );
  }
  return lines;
}
