/**
 * XGBoost fixtures (scripts/xgboost-fixtures.py, python3-xgboost 1.7.4) → import → Sapling's predictions equal
 * XGBoost's to 1e-6 and its TreeSHAP equals XGBoost's pred_contribs to 1e-5.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { prepareTarget } from '../../../app/data/target.js';
import { explainerFor } from '../../../app/explain/explainer.js';
import { PRE_TRAINED_NOTE } from '../../../app/interop/imported.js';
import { float32Boundary } from '../../../app/interop/float32.js';
import { importXgboost } from '../../../app/interop/xgboost/import-xgboost.js';
import { pipelineFromJSON } from '../../../app/pipeline/model-file.js';
import { predictDataset } from '../../../app/pipeline/pipeline.js';
import { transform } from '../../../app/pipeline/preprocess.js';
import { readCsvFile } from '../../../io/read-csv-file.js';
import { assertClose } from '../../helpers/samples.js';

const FIXTURES = new URL('../../fixtures/xgboost/', import.meta.url);
const CASES = ['credit-binary', 'penguins-multiclass', 'airquality-regression', 'breast-cancer-binary'];

interface Expected {
  csv: string;
  target: string;
  objective: string;
  classes: string[] | null;
  features: string[];
  predictions: number[];
  predictionWidth: number;
  contribs: number[][];
}

async function imported(name: string) {
  const expected = JSON.parse(await readFile(new URL(`${name}.expected.json`, FIXTURES), 'utf8')) as Expected;
  const text = await readFile(new URL(`${name}.model.json`, FIXTURES), 'utf8');
  const schema = await readCsvFile(new URL(`../../../${expected.csv}`, import.meta.url).pathname, {});
  const file = importXgboost(text, { fileName: `${name}.model.json`, sha256: 'f'.repeat(64) }, schema, {
    target: expected.target,
  });
  const pipeline = pipelineFromJSON(JSON.parse(JSON.stringify(file)), 'imported.json');
  const data = prepareTarget(schema, expected.target).dataset;
  return { expected, file, pipeline, data };
}

describe('XGBoost JSON import equals XGBoost', () => {
  for (const name of CASES) {
    test(`${name}: predictions to 1e-6, SHAP to 1e-5`, async () => {
      const { expected, file, pipeline, data } = await imported(name);
      assert.equal(file.model.id, 'boost');
      assert.ok((file.model.state as { notes: string[] }).notes.includes(PRE_TRAINED_NOTE));
      assert.deepEqual(pipeline.features, expected.features);
      const predictions = predictDataset(pipeline, data);
      if (expected.objective === 'binary:logistic') {
        const p1 = Array.from({ length: data.rowCount }, (_, i) => predictions.proba![2 * i + 1]);
        assertClose(p1, expected.predictions, 1e-6, 'P(class 1)');
      } else if (expected.classes) {
        assertClose(predictions.proba!, expected.predictions, 1e-6, 'probabilities');
      } else {
        assertClose(predictions.values, expected.predictions, 1e-6, 'predictions');
      }
      const X = transform(pipeline.preprocessor, data);
      const explainer = explainerFor(pipeline.model);
      const outputs = explainer.baseValue.length;
      const cols = X.cols;
      expected.contribs.forEach((row, i) => {
        const phi = explainer.shap(X.data, i * cols);
        const mine: number[] = [];
        for (let o = 0; o < outputs; o++) {
          for (let f = 0; f < cols; f++) mine.push(phi[f * outputs + o]);
          mine.push(explainer.baseValue[o]);
        }
        assertClose(mine, row, 1e-5, `row ${i} SHAP`);
      });
    });
  }

  test('thresholds: x ≤ T in double exactly when float32(x) < t', () => {
    for (const t of [0.1, 2.5, -0.3, 1e-30, 123456.7, 0]) {
      const T = float32Boundary(t);
      const f = Math.fround(t);
      assert.ok(Math.fround(T) < f, `${t}: T itself goes left`);
      const next = T + Math.max(Math.abs(T) * Number.EPSILON, Number.MIN_VALUE);
      assert.ok(!(Math.fround(next) < f), `${t}: the next double goes right`);
    }
  });
});
