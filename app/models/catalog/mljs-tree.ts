import { describeModel } from '../describe.js';
import { intParam } from '../params.js';

/**
 * Above this many rows a tree is fitted on a stratified subsample. ml-cart re-scans a node once
 * per candidate threshold, O(features·n²) per node. Measured (one core, 20 noisy features, two
 * overlapping classes — a worst case): 1,000 rows 0.9 s, 2,000 rows 3.0 s, 3,000 rows 6.6 s,
 * 5,000 rows 22 s; credit_data's 9 numeric columns: 2,000 rows 1.3 s, 4,000 rows 4.8 s.
 * Pathological data is worse still: labels alternating along one feature give a degenerate,
 * O(n³) tree (2,000 rows: 2 minutes) — cancellable, but slow until the fast-engine issue lands.
 */
export const TREE_ROW_CAP = 2000;

export const mljsTree = describeModel({
  id: 'mljs-tree',
  label: 'Decision tree (ml-cart)',
  family: 'single tree',
  description:
    "A decision tree from the ml-cart library (textbook CART), kept as an independent second implementation to cross-check Sapling's own tree engine ('Decision tree') on small data: it reads text columns as numbered codes, grows unpruned by default and samples files above " +
    `${TREE_ROW_CAP.toLocaleString('en-US')} rows.`,
  color: '#8C6D31',
  selectedByDefault: false,
  encoding: 'ordinal',
  explainer: 'tree-shap',
  tags: { probabilities: true, impurityImportance: true, treeView: true, counterfactual: false, reference: true },
  // Defaults follow scikit-learn's DecisionTree: grow until leaves are pure.
  params: {
    maxDepth: intParam(0, 'maximum depth of the tree; 0 = unlimited (grow until leaves are pure)', 0, 1000),
    minSamplesSplit: intParam(2, 'a node needs at least this many training rows to be split', 2),
    rowCap: intParam(
      TREE_ROW_CAP,
      'train on a stratified subsample of at most this many rows (fit time grows with rows²)',
      2,
    ),
  },
  learner: { kind: 'mljs-tree' },
});
