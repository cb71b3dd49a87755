/**
 * The default `tree` before and after the honest default (pruning: 'auto', app/engine/auto-prune.ts), against
 * scikit-learn's tuned tree (bench/reference_tuned_tree.json, from bench/sklearn_tuned_tree.py) on the
 * shared datasets: accuracy / R², balanced accuracy, log loss, leaves. 5-fold CV, seed 0, the bench:accuracy
 * protocol. Usage: node --import tsx bench/tree-default.ts [--out table.md] [name …]
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { modelSize } from '../app/answer/model-size.js';
import { readCsv } from '../app/data/read-csv.js';
import { runComparison } from '../app/compare/run.js';
import { writeFileAtomic } from '../io/files.js';

interface Tuned {
  kind: 'c' | 'r';
  accuracy?: number;
  balanced_accuracy?: number;
  r2?: number;
  leaves: number;
}
const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
const tuned = JSON.parse(await readFile(new URL('./reference_tuned_tree.json', import.meta.url), 'utf8')) as Record<
  string,
  Tuned
>;
const targets = JSON.parse(await readFile(new URL('./reference_sklearn.json', import.meta.url), 'utf8')) as Record<
  string,
  { target: string }
>;
const names = positionals.length > 0 ? positionals : Object.keys(tuned);
const lines = [
  '| dataset | rows | metric | unpruned (before) | leaves | `tree` default (after) | leaves | sklearn tuned tree | leaves | log loss before → after |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');
for (const name of names) {
  const bytes = new Uint8Array(await readFile(new URL(`../examples/${name}.csv`, import.meta.url)));
  const dataset = await readCsv(bytes, { fileName: `${name}.csv` });
  const ref = tuned[name];
  const metric = ref.kind === 'c' ? 'accuracy' : 'r2';
  const run = async (pruning: string) => {
    const { result, artifacts } = await runComparison(dataset, {
      target: targets[name].target,
      seed: 0,
      folds: 5,
      models: ['tree'],
      params: { tree: { pruning } },
      permutationRepeats: 1,
      latencyCalls: 10,
      shapRows: 10,
    });
    const pipelines = artifacts.models.get('tree')!.pipelines;
    const leaves = pipelines.reduce((s, p) => s + modelSize(p.model).count, 0) / pipelines.length;
    return { m: result.models[0].metrics, leaves };
  };
  const before = await run('none');
  const after = await run('auto');
  lines.push(
    `| ${name} | ${dataset.rowCount} | ${metric} | ${f3(before.m[metric].mean)} | ${before.leaves.toFixed(0)} | ${f3(after.m[metric].mean)} | ${after.leaves.toFixed(1)} | ${f3(ref[metric]!)} | ${ref.leaves.toFixed(1)} | ${ref.kind === 'c' ? `${f3(before.m.logLoss.mean)} → ${f3(after.m.logLoss.mean)}` : '—'} |`,
  );
  process.stderr.write(`${lines.at(-1)}\n`);
}
const table = `${lines.join('\n')}\n`;
if (values.out) await writeFileAtomic(values.out, table);
process.stdout.write(table);
