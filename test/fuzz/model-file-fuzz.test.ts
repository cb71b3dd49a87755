/**
 * Fuzzing model files (issue #15): 2,000 seeded mutations of real model files (test/fixtures/models: every model
 * kind, and one imported from XGBoost) — byte-level damage and structure-level edits (json-mutations.ts). Every
 * input must either load or be refused with a SaplingError, never another exception. What loads must then predict
 * (or refuse with a SaplingError) with finite values and probabilities that are probabilities, explain a few rows
 * with finite attributions, and print its rules when it is a tree: a model that loads is a model that works.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../app/data/dataset.js';
import { explainerFor } from '../../app/explain/explainer.js';
import { savedTreeRules } from '../../app/explain/rules.js';
import { pipelineFromJSON } from '../../app/pipeline/model-file.js';
import { predictDataset, type TrainedPipeline } from '../../app/pipeline/pipeline.js';
import { transform } from '../../app/pipeline/preprocess.js';
import { SaplingError } from '../../app/util/errors.js';
import { parseJsonFile } from '../../app/util/json.js';
import { readCsvFile } from '../../io/read-csv-file.js';
import { createRng, mutateJson, mutateText, OutcomeCounts } from './json-mutations.js';
import { MODELS_DIR } from '../helpers/hostile-models.js';
import { ROOT } from '../helpers/run-cli.js';

const SEED = Number(process.env.SAPLING_FUZZ_SEED ?? 15);
const CASES = Number(process.env.SAPLING_FUZZ_CASES ?? 2000);

const bases = readdirSync(MODELS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(MODELS_DIR, name), 'utf8') }));
const datasets = new Map<string, Dataset>();
for (const d of ['iris', 'penguins', 'mtcars']) datasets.set(d, await readCsvFile(join(ROOT, `examples/${d}.csv`)));

/** Predict, explain three rows and print rules: anything but a SaplingError, or a non-finite number, is a bug. */
function use(pipeline: TrainedPipeline, dataset: Dataset, fileName: string): void {
  const p = predictDataset(pipeline, dataset);
  if (pipeline.target.task === 'classification') {
    const k = pipeline.target.classes!.length;
    assert.ok(
      p.labels!.every((l) => typeof l === 'string'),
      'every row gets a class label',
    );
    for (let i = 0; i < p.proba!.length; i += k) {
      let sum = 0;
      for (let c = 0; c < k; c++) {
        assert.ok(p.proba![i + c] >= 0 && p.proba![i + c] <= 1, `probability ${p.proba![i + c]}`);
        sum += p.proba![i + c];
      }
      assert.ok(Math.abs(sum - 1) < 1e-6, `probabilities sum to ${sum}`);
    }
  } else assert.ok(p.values.every(Number.isFinite), 'finite predictions');
  const X = transform(pipeline.preprocessor, dataset, Int32Array.from([0, 1, 2]));
  const explainer = explainerFor(pipeline.model);
  for (let r = 0; r < 3; r++) assert.ok(explainer.shap(X.data, r * X.cols).every(Number.isFinite), 'finite SHAP');
  if (pipeline.model.id === 'tree' || pipeline.model.id === 'mljs-tree') savedTreeRules(pipeline, fileName);
}

test(
  `${CASES} mutated model files: each loads and works, or is refused with a SaplingError`,
  { timeout: 120_000 },
  (t) => {
    const rng = createRng(SEED);
    const counts = new OutcomeCounts();
    for (let i = 0; i < CASES; i++) {
      const base = bases[i % bases.length];
      let text: string;
      if (rng.next() < 0.5) text = mutateText(rng, base.text);
      else {
        let json = JSON.parse(base.text) as unknown;
        for (let m = 1 + rng.int(3); m > 0; m--) json = mutateJson(rng, json);
        text = JSON.stringify(json);
      }
      const fileName = `case-${i}.json`;
      const where = `case ${i} (seed ${SEED}, from ${base.name})`;
      let pipeline: TrainedPipeline;
      try {
        pipeline = pipelineFromJSON(parseJsonFile(text, fileName, { code: 'BAD_MODEL_FILE' }), fileName);
      } catch (error) {
        if (!(error instanceof SaplingError)) assert.fail(`${where}: loading threw ${(error as Error).stack}`);
        assert.ok(error.message.includes(fileName), `${where}: the error names the file: ${error.message}`);
        counts.add(`refused ${error.code}`);
        continue;
      }
      const dataset = datasets.get(base.name.slice(0, base.name.indexOf('-')))!;
      try {
        use(pipeline, dataset, fileName);
        counts.add('loaded, predicted, explained');
      } catch (error) {
        if (!(error instanceof SaplingError)) assert.fail(`${where}: a loaded model failed: ${(error as Error).stack}`);
        counts.add(`loaded, then ${error.code} on the data`);
      }
    }
    t.diagnostic(`model files: ${counts}`);
    assert.equal(counts.total, CASES);
    assert.ok(counts.get('loaded, predicted, explained') > 0, 'some mutations leave a working model');
  },
);
