import { describeModel } from '../describe.js';
import { intParam } from '../params.js';

/**
 * Above this many rows each tree is grown on a stratified bootstrap sample of this size, drawn
 * from all rows (so the forest as a whole still sees all the data). Measured, 100 trees with
 * maxFeatures 'sqrt' (one core, 20 noisy features, a worst case): 1,000 rows ≈ 17 s, 2,000 rows
 * ≈ 75 s, 5,000 rows ≈ 500 s; credit_data's 9 numeric columns: 1,000 rows ≈ 10 s, 2,000 rows ≈ 32 s.
 */
export const FOREST_ROW_CAP = 1000;

export type MaxFeatures =
  { kind: 'sqrt' | 'log2' | 'all' } | { kind: 'fraction'; value: number } | { kind: 'count'; value: number };

/** 'sqrt' | 'log2' | 'all' | a fraction in (0, 1) | a whole number ≥ 1; '1' means one feature, 'all' (or '1.0') all of them. */
export function parseMaxFeatures(text: string): MaxFeatures | undefined {
  if (text === 'sqrt' || text === 'log2' || text === 'all') return { kind: text };
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const v = Number(text);
  if (/^\d+$/.test(text)) return v >= 1 ? { kind: 'count', value: v } : undefined;
  return v > 0 && v <= 1 ? { kind: 'fraction', value: v } : undefined;
}

export const mljsForest = describeModel({
  id: 'mljs-forest',
  label: 'Random forest (ml-cart)',
  family: 'tree ensemble',
  description:
    "A random forest built from ml-cart trees, kept as an independent second implementation to cross-check Sapling's own forest ('Random forest') on small data: each tree sees at most " +
    `${FOREST_ROW_CAP.toLocaleString('en-US')} rows.`,
  color: '#56B4E9',
  selectedByDefault: false,
  encoding: 'ordinal',
  explainer: 'tree-shap',
  tags: { probabilities: true, impurityImportance: true, treeView: false, counterfactual: false, reference: true },
  params: {
    trees: intParam(100, 'number of trees', 1, 10000),
    maxFeatures: {
      default: 'sqrt',
      help: "features tried at each split: 'sqrt', 'log2', 'all', a fraction such as '0.5', or a count such as '3'",
      check: (v) =>
        parseMaxFeatures(v as string) === undefined
          ? "must be 'sqrt', 'log2', 'all', a fraction in (0, 1], or a whole number ≥ 1"
          : undefined,
    },
    maxDepth: intParam(0, 'maximum depth of each tree; 0 = unlimited', 0, 1000),
    minSamplesSplit: intParam(2, 'a node needs at least this many rows to be split', 2),
    rowCap: intParam(
      FOREST_ROW_CAP,
      'above this many rows, each tree sees a stratified bootstrap sample of this size (fit time grows with rows²)',
      2,
    ),
  },
  learner: { kind: 'mljs-forest' },
});
