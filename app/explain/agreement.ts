/**
 * The agreement view: do SHAP, permutation and impurity importance tell the same story about one model,
 * and do the models rely on the same features? Rank correlations (Spearman ρ, Kendall τ-b) per pair,
 * and plain-language notes where they part ways, naming the likely reason.
 */
import { kendallTauB, spearman } from './rank.js';
import type { AgreementSection, ImportanceMethod, RankPair } from '../result/explain.js';
export type { AgreementSection, ImportanceMethod, RankPair };

export interface ModelImportances {
  readonly id: string;
  readonly label: string;
  /** Per feature, in feature order; null where the method does not apply to the model. */
  readonly shap: readonly number[] | null;
  readonly permutation: readonly number[] | null;
  readonly impurity: readonly number[] | null;
}

const METHODS: readonly ImportanceMethod[] = ['shap', 'permutation', 'impurity'];
const METHOD_LABEL: Readonly<Record<ImportanceMethod, string>> = {
  shap: 'SHAP',
  permutation: 'permutation',
  impurity: 'impurity',
};
/** Below this Spearman ρ two rankings are called different. */
export const DISAGREE_BELOW = 0.5;
/** A feature whose rank moves by at least this many places between two methods gets a note. */
const RANK_JUMP = 3;
/** Impurity notes look at the features impurity puts in its top this-many. */
const TOP_FOR_NOTES = 5;

/** 1 = most important; ties share the better rank. */
export function importanceRanks(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}

export function agreement(
  features: readonly string[],
  models: readonly ModelImportances[],
  distinctValues: readonly number[],
): AgreementSection {
  const notes: string[] = [];
  const methods = models.map((m) => {
    const pairs: RankPair[] = [];
    const available = METHODS.filter((k) => m[k] !== null);
    for (let i = 0; i < available.length; i++) {
      for (let j = i + 1; j < available.length; j++) {
        const a = m[available[i]]!;
        const b = m[available[j]]!;
        pairs.push({ a: available[i], b: available[j], spearman: spearman(a, b), kendall: kendallTauB(a, b) });
      }
    }
    notes.push(...methodNotes(m, features, distinctValues, pairs));
    return { model: m.id, pairs };
  });
  const between = METHODS.map((method) => {
    const pairs: RankPair[] = [];
    const withMethod = models.filter((m) => m[method] !== null);
    for (let i = 0; i < withMethod.length; i++) {
      for (let j = i + 1; j < withMethod.length; j++) {
        const a = withMethod[i];
        const b = withMethod[j];
        const pair = {
          a: a.id,
          b: b.id,
          spearman: spearman(a[method]!, b[method]!),
          kendall: kendallTauB(a[method]!, b[method]!),
        };
        pairs.push(pair);
        if (method === 'shap' && pair.spearman < DISAGREE_BELOW) {
          notes.push(
            `${a.label} and ${b.label} rely on different features (Spearman ${pair.spearman.toFixed(2)} on mean |SHAP|): ` +
              `${a.label} leans on ${top(a.shap!, features)}, ${b.label} on ${top(b.shap!, features)}.`,
          );
        }
      }
    }
    return { method, pairs };
  }).filter((m) => m.pairs.length > 0);
  return { methods, models: between, notes };
}

function top(values: readonly number[], features: readonly string[], k = 3): string {
  return values
    .map((v, f) => [v, f] as const)
    .sort((x, y) => y[0] - x[0] || x[1] - y[1])
    .slice(0, k)
    .map(([, f]) => `'${features[f]}'`)
    .join(', ');
}

function methodNotes(
  m: ModelImportances,
  features: readonly string[],
  distinct: readonly number[],
  pairs: readonly RankPair[],
): string[] {
  const notes: string[] = [];
  const ranks = Object.fromEntries(
    METHODS.filter((k) => m[k] !== null).map((k) => [k, importanceRanks(m[k]!)]),
  ) as Partial<Record<ImportanceMethod, number[]>>;
  const sortedDistinct = [...distinct].sort((a, b) => a - b);
  const medianDistinct = sortedDistinct[Math.floor(sortedDistinct.length / 2)] ?? 0;
  const heldOut = ranks.permutation ? 'permutation' : ranks.shap ? 'shap' : null;
  if (ranks.impurity && heldOut) {
    for (let f = 0; f < features.length; f++) {
      const ri = ranks.impurity[f];
      const rh = ranks[heldOut]![f];
      if (rh - ri >= RANK_JUMP && ri <= TOP_FOR_NOTES && distinct[f] > medianDistinct) {
        notes.push(
          `${m.label}: impurity importance ranks '${features[f]}' #${ri} but ${METHOD_LABEL[heldOut]} ranks it #${rh} — ` +
            `impurity importance favours many-valued columns ('${features[f]}' has ${distinct[f].toLocaleString('en-US')} distinct values) and is measured on training rows.`,
        );
      }
    }
  }
  if (ranks.shap && ranks.permutation) {
    for (let f = 0; f < features.length; f++) {
      const rs = ranks.shap[f];
      const rp = ranks.permutation[f];
      if (rp - rs >= RANK_JUMP && rs <= 3) {
        notes.push(
          `${m.label}: '${features[f]}' moves the model's output a lot (SHAP #${rs}) but shuffling it costs little accuracy (permutation #${rp}) — ` +
            'it shifts confidence more than decisions, or a correlated column can stand in for it.',
        );
      } else if (rs - rp >= RANK_JUMP && rp <= 3) {
        notes.push(
          `${m.label}: shuffling '${features[f]}' hurts accuracy (permutation #${rp}) more than its average SHAP size suggests (#${rs}) — ` +
            'it matters on few rows, but those decisions hinge on it.',
        );
      }
    }
  }
  for (const p of pairs) {
    if (p.spearman < DISAGREE_BELOW) {
      notes.push(
        `${m.label}: ${METHOD_LABEL[p.a as ImportanceMethod]} and ${METHOD_LABEL[p.b as ImportanceMethod]} importance disagree overall (Spearman ${p.spearman.toFixed(2)}); trust held-out methods (permutation, SHAP on test rows) over training-set impurity.`,
      );
    }
  }
  const firsts = METHODS.filter((k) => ranks[k]).map((k) => ranks[k]!.indexOf(1));
  if (firsts.length > 1 && firsts.every((f) => f === firsts[0]) && firsts[0] >= 0) {
    notes.push(`${m.label}: every method puts '${features[firsts[0]]}' first.`);
  }
  return notes;
}
