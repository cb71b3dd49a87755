/**
 * Columns that look like protected attributes (characteristics anti-discrimination law protects), so a
 * user is told before training that a model may learn from them, can exclude them in one click, and
 * gets per-group error rates for them by default.
 *
 * Rule (docs/answer.md): a column is flagged when
 * - a word of its name (split at non-letters and camelCase humps, lower-cased) is in PROTECTED_WORDS, or
 * - at least two of its values (text columns) are in one category's PROTECTED_VALUES (e.g. 'male' and
 *   'female'; 'married' and 'divorced').
 * Words are matched whole, so 'mileage' or 'percentage' do not count as age. It is a heuristic with a
 * documented list: it finds `race`, `afam`, `Sex`, `gender`, `Age`, `Marital`, `religion`, …, and it can be
 * wrong both ways, which is why it only warns and never drops a column by itself.
 */

import type { Dataset } from './dataset.js';

export type ProtectedCategory =
  'race or ethnicity' | 'sex or gender' | 'age' | 'religion' | 'marital status' | 'nationality' | 'disability';

export const PROTECTED_WORDS: Readonly<Record<ProtectedCategory, readonly string[]>> = {
  'race or ethnicity': ['race', 'racial', 'ethnicity', 'ethnic', 'afam', 'black', 'hispanic', 'latino', 'caucasian'],
  'sex or gender': ['sex', 'gender', 'male', 'female'],
  age: ['age', 'dob', 'birthdate', 'birthday', 'yob'],
  religion: ['religion', 'religious', 'faith'],
  'marital status': ['marital', 'married', 'marriage', 'spouse'],
  nationality: ['nationality', 'citizenship', 'citizen', 'immigrant', 'foreign', 'foreigner', 'birthplace'],
  disability: ['disability', 'disabled', 'handicap', 'handicapped', 'impairment'],
};

export const PROTECTED_VALUES: Readonly<Partial<Record<ProtectedCategory, readonly string[]>>> = {
  'race or ethnicity': [
    'white',
    'black',
    'asian',
    'hispanic',
    'latino',
    'caucasian',
    'african american',
    'native american',
  ],
  'sex or gender': ['male', 'female', 'man', 'woman', 'men', 'women', 'non-binary'],
  religion: ['christian', 'muslim', 'jewish', 'hindu', 'buddhist', 'catholic', 'protestant', 'atheist'],
  'marital status': ['married', 'single', 'divorced', 'widowed', 'separated', 'widow'],
};

export interface ColumnLike {
  readonly name: string;
  /** Text values seen (all or the most frequent); absent for numeric columns. */
  readonly values?: readonly string[];
}

export interface ProtectedColumn {
  readonly column: string;
  readonly category: ProtectedCategory;
  /** What matched: "name word 'sex'" or "values 'male', 'female'". */
  readonly evidence: string;
}

/** Lower-cased words of a column name: 'maritalStatus' → ['marital', 'status'], 'AGE_yrs' → ['age', 'yrs']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
}

const CATEGORIES = Object.keys(PROTECTED_WORDS) as ProtectedCategory[];
/** Each protected name word → the first category (in PROTECTED_WORDS order) listing it: one lookup per word. */
const CATEGORY_OF_WORD = new Map<string, number>();
CATEGORIES.forEach((cat, k) => {
  for (const w of PROTECTED_WORDS[cat]) if (!CATEGORY_OF_WORD.has(w)) CATEGORY_OF_WORD.set(w, k);
});
const VALUE_CATEGORIES = Object.keys(PROTECTED_VALUES) as ProtectedCategory[];

/** Runs once per column of a file that may have 100,000 of them: lookups, no lists or sets made per column. */
export function detectProtected(columns: readonly ColumnLike[]): ProtectedColumn[] {
  const out: ProtectedColumn[] = [];
  for (const c of columns) {
    // The first category (in PROTECTED_WORDS order) that one of the name's words belongs to, and its first such word.
    let best = -1;
    let word = '';
    for (const w of nameWords(c.name)) {
      const k = CATEGORY_OF_WORD.get(w);
      if (k !== undefined && (best < 0 || k < best)) [best, word] = [k, w];
    }
    if (best >= 0) {
      out.push({ column: c.name, category: CATEGORIES[best], evidence: `name word '${word}'` });
      continue;
    }
    if (c.values === undefined || c.values.length < 2) continue;
    const values = new Set(c.values.map((v) => v.trim().toLowerCase()));
    for (const cat of VALUE_CATEGORIES) {
      const hits = PROTECTED_VALUES[cat]!.filter((v) => values.has(v));
      if (hits.length >= 2) {
        out.push({ column: c.name, category: cat, evidence: `values ${hits.map((v) => `'${v}'`).join(', ')}` });
        break;
      }
    }
  }
  return out;
}

/** The notice shown before training (CLI profile/compare, desktop Data page). */
export function protectedWarning(p: ProtectedColumn, usedAsFeature: boolean): string {
  return (
    `'${p.column}' looks like a protected attribute (${p.category}; ${p.evidence})` +
    (usedAsFeature ? ': the models may learn from it — exclude it if they must not' : '') +
    '; error rates per group are reported for it'
  );
}

/** A dataset's columns as detectProtected reads them (text values: the category dictionary; booleans: their words). */
export function columnsLike(dataset: Dataset): ColumnLike[] {
  return dataset.columns.map((c) =>
    c.storage === 'category'
      ? { name: c.name, values: c.categories.slice(0, 200) }
      : { name: c.name, ...(c.booleanLabels ? { values: [...c.booleanLabels] } : {}) },
  );
}
