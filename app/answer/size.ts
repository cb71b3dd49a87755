/**
 * How much a reader has to read to follow a model: leaves (one rule each) for a tree, the total leaves of
 * an ensemble, the non-zero coefficients of a linear model. One number per model on one scale
 * (`count`), so "2,000× smaller" compares like with like; `sizeText` says what it counts. Light (types and
 * wording only): the renderer imports it; measuring a fitted model is model-size.ts.
 */

export interface ModelSize {
  /** What `count` counts: leaves (= rules) of the tree(s), or non-zero coefficients. */
  readonly measure: 'leaves' | 'coefficients';
  readonly count: number;
  /** Trees in the model (tree models). */
  readonly trees?: number;
  /** Deepest leaf (tree models). */
  readonly depth?: number;
}

/** "14 leaves, depth 5", "100 trees, 41,230 leaves", "21 coefficients". */
export function sizeText(size: ModelSize | undefined): string {
  if (size === undefined) return 'size not measured';
  const n = size.count.toLocaleString('en-US');
  if (size.measure === 'coefficients') return `${n} coefficient${size.count === 1 ? '' : 's'}`;
  const leaves = `${n} lea${size.count === 1 ? 'f' : 'ves'}`;
  if ((size.trees ?? 1) > 1) return `${size.trees!.toLocaleString('en-US')} trees, ${leaves}`;
  return size.depth !== undefined ? `${leaves}, depth ${size.depth}` : leaves;
}
