/**
 * ONNX tree ensembles as onnxmltools writes them for XGBoost (TreeEnsembleClassifier / TreeEnsembleRegressor,
 * ml opset 3, BRANCH_LT on a float input, missing values to the default side), built here from the XGBoost
 * fixtures → import → Sapling predicts what ONNX Runtime predicts on the same file (and what XGBoost did), to 1e-6.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { columnByName, type Dataset } from '../../../app/data/dataset.js';
import { prepareTarget } from '../../../app/data/target.js';
import { PRE_TRAINED_NOTE } from '../../../app/interop/imported.js';
import { importOnnx } from '../../../app/interop/onnx/import-onnx.js';
import {
  DT,
  floats,
  int,
  ints,
  ML_DOMAIN,
  modelBytes,
  str,
  strs,
  type Node,
} from '../../../app/interop/onnx/onnx-proto.js';
import { pipelineFromJSON } from '../../../app/pipeline/model-file.js';
import { predictDataset } from '../../../app/pipeline/pipeline.js';
import { SaplingError } from '../../../app/util/errors.js';
import { readCsvFile } from '../../../io/read-csv-file.js';
import { assertClose } from '../../helpers/samples.js';

const FIXTURES = new URL('../../fixtures/xgboost/', import.meta.url);

interface XgbTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
}

/** onnxmltools' XGBoost conversion: one ensemble node, BRANCH_LT, missing → default side, leaves as weights. */
function xgboostAsOnnx(modelJson: string, classifier: boolean, features: number, extraOp?: Node): Uint8Array {
  const json = JSON.parse(modelJson.replace(/\bNaN\b/g, 'null'));
  const trees = json.learner.gradient_booster.model.trees as XgbTree[];
  const n = { tree: [] as number[], node: [] as number[], feature: [] as number[], mode: [] as string[] };
  const values: number[] = [];
  const yes: number[] = [];
  const no: number[] = [];
  const missing: number[] = [];
  const leaf = { tree: [] as number[], node: [] as number[], id: [] as number[], weight: [] as number[] };
  trees.forEach((t, tree) => {
    t.left_children.forEach((l, i) => {
      n.tree.push(tree);
      n.node.push(i);
      const isLeaf = l === -1;
      n.feature.push(isLeaf ? 0 : t.split_indices[i]);
      n.mode.push(isLeaf ? 'LEAF' : 'BRANCH_LT');
      values.push(isLeaf ? 0 : t.split_conditions[i]);
      yes.push(isLeaf ? 0 : l);
      no.push(isLeaf ? 0 : t.right_children[i]);
      missing.push(isLeaf ? 0 : t.default_left[i]);
      if (isLeaf) {
        leaf.tree.push(tree);
        leaf.node.push(i);
        leaf.id.push(0);
        leaf.weight.push(t.split_conditions[i]);
      }
    });
  });
  const p = classifier ? 'class' : 'target';
  const base = Number.parseFloat(json.learner.learner_model_param.base_score);
  const attributes: Node['attributes'] = {
    nodes_treeids: ints(n.tree),
    nodes_nodeids: ints(n.node),
    nodes_featureids: ints(n.feature),
    nodes_modes: strs(n.mode),
    nodes_values: floats(values),
    nodes_truenodeids: ints(yes),
    nodes_falsenodeids: ints(no),
    nodes_missing_value_tracks_true: ints(missing),
    [`${p}_treeids`]: ints(leaf.tree),
    [`${p}_nodeids`]: ints(leaf.node),
    [`${p}_ids`]: ints(leaf.id),
    [`${p}_weights`]: floats(leaf.weight),
    post_transform: str(classifier ? 'LOGISTIC' : 'NONE'),
    base_values: floats([classifier ? -Math.log(1 / base - 1) : base]),
    ...(classifier ? { classlabels_int64s: ints([0, 1]) } : { n_targets: int(1) }),
  };
  const op = classifier ? 'TreeEnsembleClassifier' : 'TreeEnsembleRegressor';
  const outputs = classifier ? ['label', 'probabilities'] : ['variable'];
  const nodes: Node[] = [{ op, domain: ML_DOMAIN, name: 'trees', inputs: ['input'], outputs, attributes }];
  if (extraOp) nodes.unshift(extraOp);
  return modelBytes(
    {
      name: 'xgboost',
      nodes,
      inputs: [{ name: 'input', type: DT.FLOAT, shape: ['N', features] }],
      outputs: classifier
        ? [
            { name: 'label', type: DT.INT64, shape: ['N'] },
            { name: 'probabilities', type: DT.FLOAT, shape: ['N', 2] },
          ]
        : [{ name: 'variable', type: DT.FLOAT, shape: ['N', 1] }],
      initializers: [],
    },
    { producerVersion: 'test', docString: '', opsets: { '': 15, [ML_DOMAIN]: 3 }, metadata: {} },
  );
}

function floatInput(data: Dataset, names: readonly string[]): ort.Tensor {
  const x = new Float32Array(data.rowCount * names.length);
  names.forEach((name, j) => {
    const column = columnByName(data, name)!;
    if (column.storage !== 'number') throw new Error(`${name} is not numeric`);
    for (let i = 0; i < data.rowCount; i++) x[i * names.length + j] = column.values[i];
  });
  return new ort.Tensor('float32', x, [data.rowCount, names.length]);
}

const CASES = [
  { name: 'breast-cancer-binary', csv: 'breast_cancer', target: 'target', classifier: true },
  { name: 'airquality-regression', csv: 'airquality', target: 'Ozone', classifier: false },
];

describe('ONNX tree-ensemble import equals ONNX Runtime', () => {
  for (const c of CASES) {
    test(`${c.name} as an onnxmltools-style ${c.classifier ? 'TreeEnsembleClassifier' : 'TreeEnsembleRegressor'}`, async () => {
      const schema = await readCsvFile(new URL(`../../../examples/${c.csv}.csv`, import.meta.url).pathname, {});
      const features = schema.columns.filter((col) => col.name !== c.target).map((col) => col.name);
      const bytes = xgboostAsOnnx(
        await readFile(new URL(`${c.name}.model.json`, FIXTURES), 'utf8'),
        c.classifier,
        features.length,
      );
      const file = importOnnx(bytes, { fileName: `${c.name}.onnx`, sha256: '0'.repeat(64) }, schema, {
        target: c.target,
      });
      assert.ok((file.model.state as { notes: string[] }).notes.includes(PRE_TRAINED_NOTE));
      const pipeline = pipelineFromJSON(JSON.parse(JSON.stringify(file)), 'imported.json');
      const data = prepareTarget(schema, c.target).dataset;
      const mine = predictDataset(pipeline, data);
      const session = await ort.InferenceSession.create(bytes);
      const out = await session.run({ input: floatInput(data, features) });
      const expected = JSON.parse(await readFile(new URL(`${c.name}.expected.json`, FIXTURES), 'utf8')) as {
        predictions: number[];
      };
      if (c.classifier) {
        assertClose(mine.proba!, out.probabilities.data as Float32Array, 1e-6, 'probabilities vs ONNX Runtime');
        const p1 = Array.from({ length: data.rowCount }, (_, i) => mine.proba![2 * i + 1]);
        assertClose(p1, expected.predictions, 1e-6, 'P(class 1) vs XGBoost');
      } else {
        assertClose(mine.values, out.variable.data as Float32Array, 1e-6, 'values vs ONNX Runtime');
        assertClose(mine.values, expected.predictions, 1e-6, 'values vs XGBoost');
      }
    });
  }

  test('an unsupported operator, a wrong feature count and a truncated file are one clear error each', async () => {
    const schema = await readCsvFile(new URL('../../../examples/airquality.csv', import.meta.url).pathname, {});
    const text = await readFile(new URL('airquality-regression.model.json', FIXTURES), 'utf8');
    const source = { fileName: 'm.onnx', sha256: '0'.repeat(64) };
    const scaler: Node = { op: 'Scaler', domain: ML_DOMAIN, name: 'scale', inputs: ['raw'], outputs: ['input'] };
    const cases: [Uint8Array, RegExp][] = [
      [xgboostAsOnnx(text, false, 5, scaler), /operator 'Scaler' \(ai\.onnx\.ml\) is not supported/],
      [
        xgboostAsOnnx(text, false, 7),
        /m\.onnx has 7 features and does not name them, but airquality\.csv has 5 columns besides 'Ozone'/,
      ],
      [xgboostAsOnnx(text, false, 5).slice(0, 400), /m\.onnx: not a readable ONNX model: .*truncated/],
    ];
    for (const [bytes, message] of cases) {
      assert.throws(
        () => importOnnx(bytes, source, schema, { target: 'Ozone' }),
        (e: unknown) => e instanceof SaplingError && message.test(e.message),
      );
    }
  });
});
