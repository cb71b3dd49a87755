/**
 * The one thing Sapling asks of ml-cart: the best split of some rows on some features.
 * A fit with maxDepth 0 runs exactly one best-split search at the root, records its column and
 * threshold, and stops (the node is then made a leaf, which we ignore).
 */
import { DecisionTreeClassifier, DecisionTreeRegression, type CartNode } from 'ml-cart';
import type { FeatureMatrix, Target } from '../matrix.js';

const ONE_SPLIT = { maxDepth: 0, minNumSamples: 0 };

export interface Split {
  readonly feature: number;
  /** Rows with x < threshold go left (ml-cart's rule). */
  readonly threshold: number;
}

/** ml-cart's best split of `rows` on features `feats`, if it separates the rows into two non-empty sides. */
export function bestSplit(X: FeatureMatrix, y: Target, rows: Int32Array, feats: Int32Array): Split | undefined {
  const { cols, data } = X;
  const table: number[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * cols;
    const row = new Array<number>(feats.length);
    for (let f = 0; f < feats.length; f++) row[f] = data[base + feats[f]];
    table[r] = row;
  }
  let root: CartNode;
  if (y.task === 'classification') {
    const cart = new DecisionTreeClassifier(ONE_SPLIT);
    cart.train(
      table,
      Array.from(rows, (i) => y.codes[i]),
    );
    root = cart.root;
  } else {
    const cart = new DecisionTreeRegression(ONE_SPLIT);
    cart.train(
      table,
      Array.from(rows, (i) => y.values[i]),
    );
    root = cart.root;
  }
  const { splitColumn, splitValue } = root;
  // A non-finite threshold can only come from (a + b) / 2 overflowing; treat it as no split.
  if (splitColumn === undefined || splitValue === undefined || !Number.isFinite(splitValue)) return undefined;
  const f = feats[splitColumn];
  let nLeft = 0;
  for (const r of rows) if (data[r * cols + f] < splitValue) nLeft++;
  // A threshold between tied values can leave one side empty: that separates nothing.
  return nLeft === 0 || nLeft === rows.length ? undefined : { feature: f, threshold: splitValue + 0 }; // + 0: −0 → 0, as JSON does
}
