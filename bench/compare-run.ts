/**
 * One end-to-end `sapling compare` with the default models, timed stage by stage (bench/compare.ts runs this
 * in a fresh process per measurement). Does what the CLI does — read the CSV, run the comparison on the
 * worker pool — and prints one JSON line: seconds per stage, total, peak RSS.
 *
 *   node --import tsx bench/compare-run.ts --file f.csv --target y [--workers N] [--folds-out folds.txt]
 *
 * --folds-out writes each (target-present) row's test fold, one per line, so the scikit-learn reference
 * cross-validates on exactly the same folds.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { makeFolds } from '../app/compare/folds.js';
import { runComparison } from '../app/compare/run.js';
import type { CompareSettings } from '../app/settings/compare.js';
import { StageClock } from '../app/evaluate/stages.js';
import { prepareTarget } from '../app/data/target.js';
import { loadCsv } from '../cli/load.js';
import { withEngineWorkers } from '../cli/workers.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      target: { type: 'string' },
      workers: { type: 'string' },
      'folds-out': { type: 'string' },
      'json-out': { type: 'string' },
    },
  });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const dataset = await loadCsv(values.file!, {});
  const parseSeconds = (performance.now() - started) / 1000;
  const parseCpu = process.cpuUsage(cpuStarted);
  const settings: CompareSettings = { target: values.target!, seed: 42 };
  if (values['folds-out']) {
    const { target } = prepareTarget(dataset, settings.target);
    const fold = new Int32Array(target.task === 'classification' ? target.codes.length : target.values.length);
    for (const f of makeFolds(target, fold.length, settings).folds) for (const row of f.test) fold[row] = f.index;
    await writeFile(values['folds-out'], `${fold.join('\n')}\n`);
  }
  const cpuMs = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const clock = new StageClock(cpuMs);
  const workers = Number(values.workers ?? availableParallelism());
  const { result } = await withEngineWorkers(workers, () => runComparison(dataset, settings, { stages: clock }));
  const totalSeconds = (performance.now() - started) / 1000;
  if (values['json-out']) await writeFile(values['json-out'], JSON.stringify(result));
  process.stdout.write(
    `${JSON.stringify({
      rows: dataset.rowCount,
      workers,
      stages: { parse: parseSeconds, ...clock.seconds() },
      cpuStages: { parse: (parseCpu.user + parseCpu.system) / 1e6, ...clock.cpuSeconds() },
      totalSeconds,
      totalCpuSeconds: (() => {
        const u = process.cpuUsage(cpuStarted);
        return (u.user + u.system) / 1e6;
      })(),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      shapRowsPerFold: Object.fromEntries((result.shap?.models ?? []).map((m) => [m.id, m.rowsPerFold])),
      rowsPerSecond: Object.fromEntries(result.models.map((m) => [m.id, m.timing.rowsPerSecond])),
      accuracy: Object.fromEntries(result.models.map((m) => [m.id, m.metrics.accuracy?.mean ?? m.metrics.r2?.mean])),
    })}\n`,
  );
}

await main();
