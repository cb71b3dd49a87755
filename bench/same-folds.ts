/**
 * Extra-trees against scikit-learn on the SAME folds: Sapling's stratified 5-fold split (seed 0, as
 * `compare --seed 0`) is handed to scikit-learn (bench/reference.py --cv), which fits ExtraTreesClassifier
 * and RandomForestClassifier (100 trees, default parameters; median / most-frequent imputation and one-hot
 * encoding inside each fold) for `seeds` random states. Sapling fits `extra-trees` and `forest` (defaults,
 * 100 trees) on the same training rows for the same number of model seeds. Accuracy = mean over the folds;
 * the table shows the mean over seeds and, for scikit-learn, the range.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../app/data/read-csv.js';
import { featureColumns, prepareTarget } from '../app/data/target.js';
import { stratifiedKFold, type Fold } from '../app/evaluate/splits.js';
import type { ModelId } from '../app/models/estimator.js';
import type { Target } from '../app/models/matrix.js';
import { fitPipeline } from '../app/pipeline/pipeline.js';
import { transform } from '../app/pipeline/preprocess.js';
import type { Dataset } from '../app/data/dataset.js';
import { deriveSeed } from '../app/util/random.js';

const PYTHON = '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('./reference.py', import.meta.url));

async function saplingAccuracy(
  modelId: ModelId,
  dataset: Dataset,
  targetName: string,
  target: Target & { task: 'classification' },
  features: readonly string[],
  folds: readonly Fold[],
  seed: number,
): Promise<number> {
  let sum = 0;
  for (const fold of folds) {
    const { pipeline } = await fitPipeline(dataset, targetName, target, features, fold.train, {
      modelId,
      seed: deriveSeed(seed, fold.index),
    });
    const predicted = pipeline.model.predict(transform(pipeline.preprocessor, dataset, fold.test));
    let hits = 0;
    fold.test.forEach((row, i) => (hits += predicted[i] === target.codes[row] ? 1 : 0));
    sum += hits / fold.test.length;
  }
  return sum / folds.length;
}

/** The folds and the data, as bench/reference.py --cv reads them. */
function foldsJson(dataset: Dataset, features: readonly string[], labels: readonly string[], folds: readonly Fold[]) {
  const numeric: Record<string, (number | null)[]> = {};
  const categorical: Record<string, (string | null)[]> = {};
  for (const name of features) {
    const c = dataset.columns.find((col) => col.name === name)!;
    if (c.storage === 'number') numeric[name] = Array.from(c.values, (v) => (Number.isNaN(v) ? null : v));
    else categorical[name] = Array.from(c.codes, (k) => (k < 0 ? null : c.categories[k]));
  }
  return { numeric, categorical, labels, tests: folds.map((f) => Array.from(f.test)) };
}

export interface SameFoldsRow {
  readonly name: string;
  readonly rows: number;
  readonly saplingEt: number[];
  readonly saplingRf: number[];
  readonly sklearnEt: number[];
  readonly sklearnRf: number[];
}

export async function sameFolds(name: string, targetName: string, seeds: number): Promise<SameFoldsRow> {
  const bytes = new Uint8Array(await readFile(new URL(`../examples/${name}.csv`, import.meta.url)));
  const prepared = prepareTarget(await readCsv(bytes, { fileName: `${name}.csv` }), targetName);
  const { dataset, target } = prepared;
  if (target.task !== 'classification') throw new Error(`${name}: not a classification set`);
  const features = featureColumns(dataset, targetName).map((c) => c.name);
  const folds = stratifiedKFold(target.codes, 5, 0, target.classes).folds;
  const saplingEt: number[] = [];
  const saplingRf: number[] = [];
  for (let s = 0; s < seeds; s++) {
    saplingEt.push(await saplingAccuracy('extra-trees', dataset, targetName, target, features, folds, s));
    saplingRf.push(await saplingAccuracy('forest', dataset, targetName, target, features, folds, s));
  }
  const dir = await mkdtemp(join(tmpdir(), 'sapling-folds-'));
  try {
    const file = join(dir, 'folds.json');
    const labels = Array.from(target.codes, (c) => target.classes[c]);
    await writeFile(file, JSON.stringify(foldsJson(dataset, features, labels, folds)));
    const run = spawnSync(PYTHON, [REFERENCE, '--cv', file, '--seeds', String(seeds)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${name}: scikit-learn reference failed: ${run.stderr}`);
    const ref = JSON.parse(run.stdout) as { et: number[]; rf: number[] };
    return { name, rows: dataset.rowCount, saplingEt, saplingRf, sklearnEt: ref.et, sklearnRf: ref.rf };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const range = (xs: readonly number[]): string => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

export function sameFoldsTable(rows: readonly SameFoldsRow[], seeds: number): string {
  const lines = [
    `| dataset | rows | extra-trees | sklearn ExtraTrees (${seeds} seeds: range) | Δ | forest | sklearn RandomForest | Δ |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const et = mean(r.saplingEt);
    const ske = mean(r.sklearnEt);
    const rf = mean(r.saplingRf);
    const skr = mean(r.sklearnRf);
    lines.push(
      `| ${r.name} | ${r.rows} | ${et.toFixed(3)} (${range(r.saplingEt)}) | ${ske.toFixed(3)} (${range(r.sklearnEt)}) | ${signed(et - ske)} | ${rf.toFixed(3)} | ${skr.toFixed(3)} | ${signed(rf - skr)} |`,
    );
  }
  const dEt = mean(rows.map((r) => mean(r.saplingEt) - mean(r.sklearnEt)));
  const dRf = mean(rows.map((r) => mean(r.saplingRf) - mean(r.sklearnRf)));
  lines.push(`| **mean Δ** | | | | **${signed(dEt)}** | | | **${signed(dRf)}** |`);
  return `${lines.join('\n')}\n`;
}
