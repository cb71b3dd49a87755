/**
 * Distillation: a shallow decision tree trained to imitate the LLM — on the LLM's answers, not the true
 * labels — as a readable surrogate of what the LLM does. It costs no extra requests: it learns from the
 * answers the LLM gave on its sampled test rows, cross-fitted by fold (the surrogate for fold f learns
 * from the other folds' rows), so its fidelity — agreement with the LLM — is measured on rows it never saw.
 * Invalid answers are left out: there is nothing to imitate.
 */
import type { Dataset } from '../data/dataset.js';
import { booleanLabel, columnByName } from '../data/dataset.js';
import type { TreeEnsemble } from '../engine/ensemble.js';
import { isEngineModel } from '../engine/fitted.js';
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from '../engine/tree-store.js';
import type { Target } from '../models/matrix.js';
import { fitPipeline } from '../pipeline/pipeline.js';
import type { PreprocessorState } from '../pipeline/preprocess.js';
import { transform } from '../pipeline/preprocess.js';
import { SaplingError } from '../util/errors.js';
import { deriveSeed } from '../util/random.js';
import type { LlmInputs, LlmRowAnswer } from './evaluate.js';
import type { DistilledResult } from '../result/llm.js';

export const DISTILL_DEPTH = 3;

export async function distillLlm(
  inputs: LlmInputs,
  answers: readonly LlmRowAnswer[],
  seed: number,
  signal?: AbortSignal,
): Promise<DistilledResult | { readonly skipped: string }> {
  const { target } = inputs;
  if (target.task !== 'classification') return { skipped: 'distillation is for classification targets' };
  const valid = answers.filter((a) => a.answer !== null);
  const labels = new Int32Array(inputs.dataset.rowCount).fill(-1);
  for (const a of valid) labels[a.row] = a.answer!;
  const llmTarget: Target = { task: 'classification', codes: labels, classes: target.classes };
  const params = { maxDepth: DISTILL_DEPTH };
  const fit = (rows: number[], s: number) =>
    fitPipeline(inputs.dataset, inputs.targetName, llmTarget, inputs.features, Int32Array.from(rows).sort(), {
      modelId: 'tree',
      params,
      seed: s,
      signal,
    });
  const foldFidelity: number[] = [];
  const folds = [...new Set(valid.map((a) => a.fold))].sort((a, b) => a - b);
  try {
    for (const fold of folds) {
      const train = valid.filter((a) => a.fold !== fold).map((a) => a.row);
      const test = valid.filter((a) => a.fold === fold).map((a) => a.row);
      if (train.length < 2 || test.length === 0) continue;
      const { pipeline } = await fit(train, deriveSeed(seed, 0xd157, fold));
      const predicted = pipeline.model.predict(transform(pipeline.preprocessor, inputs.dataset, Int32Array.from(test)));
      let agree = 0;
      test.forEach((row, i) => (agree += predicted[i] === labels[row] ? 1 : 0));
      foldFidelity.push(agree / test.length);
    }
    if (valid.length < 2) return { skipped: 'fewer than 2 valid LLM answers to learn from' };
    const { pipeline } = await fit(
      valid.map((a) => a.row),
      deriveSeed(seed, 0xd157),
    );
    const model = pipeline.model;
    if (!isEngineModel(model)) throw new Error('the tree model is expected to come from the tree engine');
    return {
      fidelity: foldFidelity.length === 0 ? NaN : foldFidelity.reduce((a, b) => a + b, 0) / foldFidelity.length,
      foldFidelity,
      rows: valid.length,
      maxDepth: DISTILL_DEPTH,
      rules: treeRules(model.ensemble, pipeline.preprocessor, target.classes, inputs.dataset),
    };
  } catch (error) {
    // E.g. the LLM gave one answer for every row: there is no tree to grow, and that is worth saying.
    if (error instanceof SaplingError && error.code !== 'CANCELLED')
      return { skipped: `no surrogate tree: ${error.message}` };
    throw error;
  }
}

/** One rule per leaf: the conditions on the path, then the class the leaf predicts, its share and rows. */
export function treeRules(
  e: TreeEnsemble,
  pre: PreprocessorState,
  classes: readonly string[],
  dataset: Dataset,
): string[] {
  const rules: string[] = [];
  const walk = (node: number, path: string[]): void => {
    if (e.left[node] < 0) {
      const values = e.value.subarray(node * e.width, (node + 1) * e.width);
      let best = 0;
      for (let c = 1; c < values.length; c++) if (values[c] > values[best]) best = c;
      const then = `${classes[best]} (${(values[best] * 100).toFixed(0)}% of ${Math.round(e.cover[node])} row${Math.round(e.cover[node]) === 1 ? '' : 's'})`;
      rules.push(path.length === 0 ? `always ${then}` : `if ${path.join(' and ')} then ${then}`);
      return;
    }
    const f = e.feature[node];
    const spec = pre.columns[f];
    const missingLeft = (e.flags[node] & FLAG_MISSING_LEFT) !== 0;
    const column = columnByName(dataset, spec.name);
    // Only columns that have missing cells get the "(or missing)" remark; elsewhere the direction is moot.
    const missing = (left: boolean): string =>
      column && column.missing > 0 && left === missingLeft ? ' (or missing)' : '';
    if ((e.flags[node] & FLAG_CATEGORICAL) !== 0 && spec.kind === 'category') {
      const set = e.threshold[node];
      const from = e.codeStart[f];
      const leftLevels: string[] = [];
      const rightLevels: string[] = [];
      spec.levels.forEach((level, code) => {
        const bin = code < e.codeStart[f + 1] - from ? e.codeToBin[from + code] : -1;
        const goesLeft = bin < 0 ? missingLeft : (e.catSets[8 * set + (bin >>> 5)] & (1 << (bin & 31))) !== 0;
        (goesLeft ? leftLevels : rightLevels).push(level);
      });
      walk(e.left[node], [...path, `${spec.name} in {${leftLevels.join(', ')}}${missing(true)}`]);
      walk(e.right[node], [...path, `${spec.name} in {${rightLevels.join(', ')}}${missing(false)}`]);
      return;
    }
    if (column?.storage === 'number' && column.type === 'boolean') {
      // Booleans are stored 0/1; the split is always at 0.5: say it with the file's words.
      walk(e.left[node], [...path, `${spec.name} is ${booleanLabel(column, 0)}${missing(true)}`]);
      walk(e.right[node], [...path, `${spec.name} is ${booleanLabel(column, 1)}${missing(false)}`]);
      return;
    }
    const t = Number(e.threshold[node].toPrecision(6));
    walk(e.left[node], [...path, `${spec.name} ≤ ${t}${missing(true)}`]);
    walk(e.right[node], [...path, `${spec.name} > ${t}${missing(false)}`]);
  };
  walk(e.treeStart[0], []);
  return rules;
}
