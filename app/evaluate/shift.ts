/**
 * How different is the new file? Adversarial validation: a small forest learns to tell the rows of the two files
 * apart from the features alone (the target is left out). Its cross-validated ROC AUC says how different they are —
 * 0.5 means it cannot tell them apart — and its impurity importance names the columns that separate them most.
 *
 * Verdict rule (documented in the README): AUC < 0.6 "similar", 0.6–0.8 "noticeably different", ≥ 0.8 "very
 * different" — then the cross-validated scores on the training file are not a safe guide to the new data.
 */
import type { Column, Dataset } from '../data/dataset.js';
import { cellText, columnByName } from '../data/dataset.js';
import { fitPipeline } from '../pipeline/pipeline.js';
import { transform } from '../pipeline/preprocess.js';
import type { Target } from '../models/matrix.js';
import { deriveSeed } from '../util/random.js';
import { rocAuc } from './metrics.js';
import { stratifiedKFold, stratifiedSubsample } from './splits.js';
import type { ShiftResult } from '../result/external.js';

export type { ShiftResult } from '../result/external.js';

const MAX_ROWS_PER_FILE = 20_000;
const FOLDS = 3;
const TOP = 5;
const STREAM = 0x5b1f7;

/** One table holding both files' feature columns, plus `__file` (0 = main, 1 = external). */
function stack(
  main: Dataset,
  external: Dataset,
  features: readonly string[],
  mainRows: Int32Array,
  extRows: Int32Array,
) {
  const n = mainRows.length + extRows.length;
  const cell = (column: Column, rows: Int32Array) => Array.from(rows, (r) => cellText(column, r));
  const columns: Column[] = features.map((name) => {
    const a = columnByName(main, name)!;
    const b = columnByName(external, name)!;
    if (a.storage === 'number' && b.storage === 'number' && a.type !== 'boolean' && b.type !== 'boolean') {
      const values = new Float64Array(n);
      mainRows.forEach((r, i) => (values[i] = a.values[r]));
      extRows.forEach((r, i) => (values[mainRows.length + i] = b.values[r]));
      return { name, type: 'numeric', storage: 'number', values, missing: values.filter(Number.isNaN).length };
    }
    // Text (or mixed) columns: one dictionary over both files' words.
    const texts = [...cell(a, mainRows), ...cell(b, extRows)];
    const categories = [...new Set(texts.filter((t) => t !== ''))].sort();
    const index = new Map(categories.map((c, i) => [c, i]));
    const codes = Int32Array.from(texts, (t) => (t === '' ? -1 : index.get(t)!));
    return {
      name,
      type: 'categorical',
      storage: 'category',
      codes,
      categories,
      missing: codes.filter((c) => c < 0).length,
    };
  });
  const file = Int32Array.from({ length: n }, (_, i) => (i < mainRows.length ? 0 : 1));
  const dataset: Dataset = {
    source: { ...main.source, fileName: `${main.source.fileName} + ${external.source.fileName}` },
    rowCount: n,
    columns,
    warnings: [],
  };
  const target: Target = { task: 'classification', codes: file, classes: ['main', 'external'] };
  return { dataset, target };
}

function capped(n: number, seed: number): Int32Array {
  return n <= MAX_ROWS_PER_FILE
    ? Int32Array.from({ length: n }, (_, i) => i)
    : stratifiedSubsample(n, MAX_ROWS_PER_FILE, seed).slice().sort();
}

export async function shiftCheck(
  main: Dataset,
  external: Dataset,
  features: readonly string[],
  seed: number,
  signal?: AbortSignal,
): Promise<ShiftResult> {
  const mainRows = capped(main.rowCount, deriveSeed(seed, STREAM, 1));
  const extRows = capped(external.rowCount, deriveSeed(seed, STREAM, 2));
  const { dataset, target } = stack(main, external, features, mainRows, extRows);
  const codes = target.task === 'classification' ? target.codes : new Int32Array(0);
  const folds = stratifiedKFold(codes, FOLDS, deriveSeed(seed, STREAM)).folds;
  const oof = new Float64Array(dataset.rowCount * 2);
  const params = { trees: 50, maxDepth: 8 };
  for (const fold of folds) {
    const { pipeline } = await fitPipeline(dataset, '__file', target, features, fold.train, {
      modelId: 'forest',
      params,
      seed: deriveSeed(seed, STREAM, 10 + fold.index),
      signal,
    });
    const proba = pipeline.model.predictProba(transform(pipeline.preprocessor, dataset, fold.test));
    fold.test.forEach((row, i) => oof.set(proba.subarray(2 * i, 2 * i + 2), 2 * row));
  }
  const auc = rocAuc(codes, oof, 2);
  const all = Int32Array.from({ length: dataset.rowCount }, (_, i) => i);
  const { pipeline } = await fitPipeline(dataset, '__file', target, features, all, {
    modelId: 'forest',
    params,
    seed: deriveSeed(seed, STREAM, 99),
    signal,
  });
  const importance = pipeline.model.impurityImportance();
  const columns = importance
    ? features
        .map((name, f) => ({ name, importance: importance[f] }))
        .sort((a, b) => b.importance - a.importance)
        .slice(0, TOP)
    : [];
  const verdict = auc >= 0.8 ? 'very different' : auc >= 0.6 ? 'noticeably different' : 'similar';
  const names = columns
    .slice(0, 3)
    .map((c) => c.name)
    .join(', ');
  const message =
    verdict === 'similar'
      ? `A forest cannot tell the two files apart (ROC AUC ${auc.toFixed(3)}): the new data looks like the training data.`
      : `A forest tells the two files apart with ROC AUC ${auc.toFixed(3)} (${verdict}), mostly by ${names}: scores measured on the training file may not carry over to the new data.`;
  return {
    rocAuc: auc,
    folds: FOLDS,
    rows: { main: mainRows.length, external: extRows.length },
    verdict,
    columns,
    message,
  };
}
