/**
 * Small models helping the LLM (the survey's "retrieval" and "feature selection" roles), each measured as a prompt
 * variant on exactly the same sampled rows as the plain prompt:
 *
 * - 'retrieved': a row's k examples are training-fold rows that land in the same leaf of a small decision tree fitted
 *   on that training fold (rows the tree considers alike), instead of k random stratified training rows;
 * - 'columns': the prompt holds only the k columns the same tree found most important on its training fold
 *   (permutation importance on the training rows), cutting tokens and cost.
 *
 * Everything is fitted on the fold's training rows only: no test row's label is ever used to choose a prompt.
 * Paired against the plain prompt on the same rows with McNemar's exact test.
 */
import type { Fold } from '../evaluate/splits.js';
import { leafOf } from '../engine/ensemble.js';
import { isEngineModel } from '../engine/fitted.js';
import { permutationDrops } from '../evaluate/permutation.js';
import { accuracy, r2 } from '../evaluate/metrics.js';
import type { Target } from '../models/matrix.js';
import { selectTarget } from '../models/matrix.js';
import { fitPipeline } from '../pipeline/pipeline.js';
import { featureGroups, transform } from '../pipeline/preprocess.js';
import { createRng, deriveSeed, shuffleInPlace } from '../util/random.js';
import type { LlmSettings, PromptVariantKind } from '../settings/llm.js';
import type { LlmInputs } from './inputs.js';
import type { LlmFoldSample } from './sample.js';

/** What the small model contributes to one fold's prompts. */
export interface FoldHelp {
  readonly fold: number;
  /** 'retrieved': per sampled test row, its examples (training rows sharing its leaf), sorted. */
  readonly shotsFor: ReadonlyMap<number, Int32Array>;
  /** 'columns': the prompt's columns, most important first. */
  readonly columns: readonly string[];
}

export const VARIANT_LABELS: Readonly<Record<PromptVariantKind, string>> = {
  retrieved: 'examples retrieved by a tree',
  columns: 'columns chosen by a tree',
};

const STREAM = 0x7e1f;
const TREE_DEPTH = 6;

/** Fits one small tree per fold on its training rows and derives both helps from it. */
export async function treeHelp(
  inputs: LlmInputs,
  samples: readonly LlmFoldSample[],
  settings: Pick<LlmSettings, 'shots' | 'variantColumns' | 'seed'>,
  signal?: AbortSignal,
): Promise<Map<number, FoldHelp>> {
  const helps = new Map<number, FoldHelp>();
  const k = Math.max(1, settings.shots);
  for (const sample of samples) {
    const fold: Fold = inputs.folds.find((f) => f.index === sample.fold)!;
    const seed = deriveSeed(settings.seed, STREAM, fold.index);
    const { pipeline, X } = await fitPipeline(
      inputs.dataset,
      inputs.targetName,
      inputs.target,
      inputs.features,
      fold.train,
      // Leaves of at least 2k rows, so every leaf can supply k examples with a choice among them.
      { modelId: 'tree', params: { maxDepth: TREE_DEPTH, minSamplesLeaf: Math.max(2 * k, 5) }, seed, signal },
    );
    const model = pipeline.model;
    if (!isEngineModel(model)) throw new Error('the tree model is expected to come from the tree engine');
    const e = model.ensemble;
    const root = e.treeStart[0];
    // Training rows by leaf.
    const byLeaf = new Map<number, number[]>();
    for (let i = 0; i < fold.train.length; i++) {
      const leaf = leafOf(e, root, X.data, i * X.cols);
      const list = byLeaf.get(leaf) ?? [];
      list.push(fold.train[i]);
      byLeaf.set(leaf, list);
    }
    const Xtest = transform(pipeline.preprocessor, inputs.dataset, sample.rows);
    const shotsFor = new Map<number, Int32Array>();
    for (let i = 0; i < sample.rows.length; i++) {
      const row = sample.rows[i];
      const pool = byLeaf.get(leafOf(e, root, Xtest.data, i * Xtest.cols)) ?? [];
      const order = shuffleInPlace(Int32Array.from(pool.keys()), createRng(deriveSeed(seed, row)));
      shotsFor.set(row, Int32Array.from(order.subarray(0, Math.min(k, pool.length)), (j) => pool[j]).sort());
    }
    // Permutation importance of the tree on its own training rows: which columns its decisions rest on.
    const y = selectTarget(inputs.target, fold.train);
    const score = (M: typeof X): number => {
      const predicted = model.predict(M);
      return y.task === 'classification' ? accuracy(y.codes, predicted) : r2(y.values, predicted);
    };
    const drops = permutationDrops(X, {
      groups: featureGroups(pipeline.preprocessor),
      featureCount: inputs.features.length,
      repeats: 1,
      seed,
      score,
      signal,
    });
    const columns = inputs.features
      .map((name, f) => ({ name, drop: drops[f][0], f }))
      .sort((a, b) => b.drop - a.drop || a.f - b.f)
      .slice(0, Math.min(settings.variantColumns, inputs.features.length))
      .map((c) => c.name);
    helps.set(fold.index, { fold: fold.index, shotsFor, columns });
  }
  return helps;
}

/**
 * McNemar's exact test on paired right/wrong answers: `b` rows only the plain prompt got right, `c` only the variant.
 * Two-sided p from the binomial(b + c, ½) distribution (exact, so honest for the small counts a 200-row sample gives).
 */
export function mcnemar(b: number, c: number): { readonly b: number; readonly c: number; readonly p: number } {
  const n = b + c;
  if (n === 0) return { b, c, p: 1 };
  let tail = 0;
  let term = 0.5 ** n; // C(n, 0) / 2^n
  for (let i = 0; i <= Math.min(b, c); i++) {
    tail += term;
    term = (term * (n - i)) / (i + 1);
  }
  return { b, c, p: Math.min(1, 2 * tail) };
}

/** True labels of the sampled rows, for pairing (classification only). */
export function truthOf(target: Target, rows: readonly number[]): Int32Array | null {
  return target.task === 'classification' ? Int32Array.from(rows, (r) => target.codes[r]) : null;
}
