/**
 * What `sapling explain` writes: per row the prediction, its probability and the top-k signed reasons —
 * the form an adverse-action notice needs — as CSV (formula-escaped like every Sapling export), and as
 * JSON with the full attribution so anyone can check that baseValue + Σ contributions = value.
 */
import { csvText } from '../pipeline/predictions-csv.js';
import type { ModelDecision } from './decision.js';

export function decisionsToCsv(decisions: readonly ModelDecision[], top: number): string {
  const header = ['row', 'prediction', 'probability', 'explains', 'base_value'];
  for (let k = 1; k <= top; k++) header.push(`reason_${k}`, `contribution_${k}`);
  const rows = decisions.map((d, i) => {
    const row: (string | number)[] = [
      i + 1,
      asCell(d.prediction),
      d.probabilities ? d.score : '',
      d.explains,
      d.baseValue,
    ];
    for (let k = 0; k < top; k++) {
      const r = d.reasons[k];
      row.push(r ? `${r.feature} = ${r.value === '' ? '(missing)' : r.value}` : '', r ? r.contribution : '');
    }
    return row;
  });
  return csvText(header, rows);
}

export interface DecisionRecord {
  /** 1-based data row of the input file. */
  readonly row: number;
  readonly prediction: string;
  readonly probabilities: Readonly<Record<string, number>> | null;
  readonly explains: string;
  readonly units: string;
  readonly baseValue: number;
  readonly value: number;
  readonly contributions: Readonly<Record<string, number>>;
  readonly reasons: ModelDecision['reasons'];
}

export function decisionsToJson(decisions: readonly ModelDecision[]): DecisionRecord[] {
  return decisions.map((d, i) => ({
    row: i + 1,
    prediction: d.prediction,
    probabilities: d.probabilities,
    explains: d.explains,
    units: d.units,
    baseValue: d.baseValue,
    value: d.value,
    contributions: d.contributions,
    reasons: d.reasons,
  }));
}

/** Class labels like "-1" stay numeric so they are not prefixed as formulas. */
function asCell(label: string): string | number {
  const n = Number(label);
  return label.trim() !== '' && Number.isFinite(n) && String(n) === label ? n : label;
}
