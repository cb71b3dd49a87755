/**
 * How much a reader has to read to follow a model: leaves (one rule each) for a tree, the total leaves of
 * an ensemble, the non-zero coefficients of a linear model. One number per model on one scale
 * (`count`), so "2,000× smaller" compares like with like; `sizeText` says what it counts. Light (types and
 * wording only): the renderer imports it; measuring a fitted model is model-size.ts.
 */
import type { ModelSize } from '../result/answer.js';
export type { ModelSize };

/** "14 leaves, depth 5", "100 trees, 41,230 leaves", "21 coefficients". */
export function sizeText(size: ModelSize | undefined): string {
  if (size === undefined) return 'size not measured';
  const n = size.count.toLocaleString('en-US');
  if (size.measure === 'coefficients') return `${n} coefficient${size.count === 1 ? '' : 's'}`;
  const leaves = `${n} lea${size.count === 1 ? 'f' : 'ves'}`;
  if ((size.trees ?? 1) > 1) return `${size.trees!.toLocaleString('en-US')} trees, ${leaves}`;
  return size.depth !== undefined ? `${leaves}, depth ${size.depth}` : leaves;
}
