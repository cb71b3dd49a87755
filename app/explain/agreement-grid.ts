/**
 * The rank-agreement section (result.shap.agreement) as two compact grids instead of one row per pair: methods ×
 * models (one row per model, one column per pair of importance methods) and models × methods (one row per method,
 * one column per pair of models). Cells hold Spearman ρ (Kendall τ alongside for a tooltip); a pair a model does
 * not have (e.g. no impurity importance for the linear model) is null. The desktop's Explanations card and the
 * report's agreement section draw the same grids, shaded with heatShade (app/util/palette.ts).
 */
import type { AgreementSection, RankPair } from '../result/explain.js';

export interface AgreementCell {
  readonly spearman: number;
  readonly kendall: number;
}

export interface AgreementGrid {
  /** Row keys (model ids, or method names) in the section's order. */
  readonly rows: readonly string[];
  /** Column keys: the pairs, as [a, b], in first-seen order. */
  readonly columns: readonly (readonly [string, string])[];
  readonly cells: readonly (readonly (AgreementCell | null)[])[];
}

function grid(groups: readonly { readonly key: string; readonly pairs: readonly RankPair[] }[]): AgreementGrid {
  const columns: [string, string][] = [];
  const index = new Map<string, number>();
  for (const g of groups)
    for (const p of g.pairs) {
      const key = `${p.a}\u0000${p.b}`;
      if (!index.has(key)) index.set(key, columns.push([p.a, p.b]) - 1);
    }
  const cells = groups.map((g) => {
    const row: (AgreementCell | null)[] = columns.map(() => null);
    for (const p of g.pairs) row[index.get(`${p.a}\u0000${p.b}`)!] = { spearman: p.spearman, kendall: p.kendall };
    return row;
  });
  return { rows: groups.map((g) => g.key), columns, cells };
}

/** Per model (rows), each pair of methods (columns). */
export const methodAgreementGrid = (a: AgreementSection): AgreementGrid =>
  grid(a.methods.map((m) => ({ key: m.model, pairs: m.pairs })));

/** Per method (rows), each pair of models (columns). */
export const modelAgreementGrid = (a: AgreementSection): AgreementGrid =>
  grid(a.models.map((m) => ({ key: m.method, pairs: m.pairs })));

/** How the grids name the importance methods (column and row headings). */
export const METHOD_HEADING: Readonly<Record<string, string>> = {
  shap: 'SHAP',
  permutation: 'Permutation',
  impurity: 'Impurity',
};
