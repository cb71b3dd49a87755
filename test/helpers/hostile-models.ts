/**
 * The hostile model-file corpus (issue #15, defect 6): each case is a real model file from
 * test/fixtures/models/ with one thing broken, the way the audit broke them, and the error it must give.
 * `node --import tsx scripts/make-hostile-models.ts` writes them to test/fixtures/hostile-models/;
 * test/cli/hostile-models.test.ts runs each through `sapling predict`, `explain` and `rules`.
 * (The million-node chain is built by the test itself: it is ~50 MB.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeArray, encodeArray } from '../../app/engine/serialize.js';
import { FLAG_CATEGORICAL } from '../../app/engine/tree-store.js';
import { ROOT } from './run-cli.js';

export const MODELS_DIR = join(ROOT, 'test/fixtures/models');
export const HOSTILE_DIR = join(ROOT, 'test/fixtures/hostile-models');

/* eslint-disable @typescript-eslint/no-explicit-any -- model files are edited as plain JSON here */
type Json = any;

export function baseModel(name: string): Json {
  return JSON.parse(readFileSync(join(MODELS_DIR, `${name}.json`), 'utf8'));
}

type Kind = Int32ArrayConstructor | Float64ArrayConstructor | Uint8ArrayConstructor | Uint32ArrayConstructor;

/** Edit one typed array of an engine model's ensemble in place. */
export function editArray(file: Json, key: string, Kind: Kind, edit: (a: any) => void): void {
  const e = file.model.state.ensemble;
  const decoded = decodeArray(e[key], key, Kind as never);
  edit(decoded);
  e[key] = encodeArray(decoded);
}

/** Edit an engine model's tree links (left, right, feature) in place. */
function editNodes(file: Json, edit: (left: Int32Array, right: Int32Array, feature: Int32Array) => void): void {
  const e = file.model.state.ensemble;
  const [left, right, feature] = ['left', 'right', 'feature'].map((k) => decodeArray(e[k], k, Int32Array));
  edit(left, right, feature);
  Object.assign(e, { left: encodeArray(left), right: encodeArray(right), feature: encodeArray(feature) });
}

export interface HostileCase {
  readonly name: string;
  readonly base: string;
  /** What the audit found (or what else could go wrong). */
  readonly why: string;
  readonly mutate: (file: Json) => void;
  /** The error line must match this (after "error: <file> …"). */
  readonly expect: RegExp;
}

const swap = (xs: string[], i: number, j: number): void => {
  [xs[i], xs[j]] = [xs[j], xs[i]];
};

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'classes-shorter',
    base: 'iris-tree',
    why: 'class list shorter than the model’s (audit: stack trace)',
    mutate: (f) => f.target.classes.pop(),
    expect: /target\.classes has 2 classes, model\.classes 3/,
  },
  {
    name: 'classes-shorter-both',
    base: 'iris-tree',
    why: 'both class lists shorter than the leaves’ probability vectors',
    mutate: (f) => {
      f.target.classes.pop();
      f.model.classes.pop();
    },
    expect: /model\.state\.ensemble\.width is 3, expected 2/,
  },
  {
    name: 'classes-swapped',
    base: 'iris-tree',
    why: 'classes swapped (audit: 276 of 344 labels wrong, status 0)',
    mutate: (f) => swap(f.target.classes, 0, 2),
    expect: /target\.classes\[0\] is 'virginica' but model\.classes\[0\] is 'setosa': the labels would be swapped/,
  },
  {
    name: 'extra-class',
    base: 'iris-forest',
    why: 'an extra class shifts every probability column (status 0)',
    mutate: (f) => {
      f.target.classes.push('orchid');
      f.model.classes.push('orchid');
    },
    expect: /model\.state\.ensemble\.width is 3, expected 4/,
  },
  {
    name: 'extra-class-linear',
    base: 'iris-linear',
    why: 'an extra class in the target’s list only (an extra class in both lists of a linear or boosted model is a class absent from training: legitimate, it gets probability 0)',
    mutate: (f) => f.target.classes.push('orchid'),
    expect: /target\.classes has 4 classes, model\.classes 3/,
  },
  {
    name: 'duplicate-class',
    base: 'iris-tree',
    why: 'two classes with one name: labels cannot be told apart',
    mutate: (f) => {
      f.target.classes[1] = 'setosa';
      f.model.classes[1] = 'setosa';
    },
    expect: /target\.classes names a class twice/,
  },
  {
    name: 'task-mismatch',
    base: 'iris-tree',
    why: 'task mismatch: a classifier read as regression prints class codes (status 0)',
    mutate: (f) => {
      f.target = { name: f.target.name, task: 'regression' };
    },
    expect: /model\.task is 'classification' but target\.task is 'regression'/,
  },
  {
    name: 'task-mismatch-link',
    base: 'mtcars-boost',
    why: 'a regression booster relabelled as a classifier: identity link with classes',
    mutate: (f) => {
      f.target = { name: f.target.name, task: 'classification', classes: ['low', 'high'] };
      f.model.task = 'classification';
      f.model.classes = ['low', 'high'];
    },
    expect: /combine\.link is 'identity', which does not fit a classification model/,
  },
  {
    name: 'nan-leaf',
    base: 'iris-tree',
    why: 'NaN leaf values (audit: NaN probabilities, status 0)',
    mutate: (f) => editArray(f, 'value', Float64Array, (v) => v.fill(NaN, 0, 3)),
    expect: /model\.state\.ensemble\.value must be finite numbers/,
  },
  {
    name: 'nan-boost-base',
    base: 'iris-boost',
    why: 'a booster’s starting scores are not numbers',
    mutate: (f) => (f.model.state.ensemble.combine.base[0] = null),
    expect: /combine\.base must be a list of finite numbers/,
  },
  {
    name: 'probability-out-of-range',
    base: 'iris-forest',
    why: 'leaf “probabilities” of 5 and −4',
    mutate: (f) =>
      editArray(f, 'value', Float64Array, (v) => {
        const left = decodeArray(f.model.state.ensemble.left, 'left', Int32Array);
        const leaf = left.findIndex((l: number) => l < 0);
        v[leaf * 3] = 5;
        v[leaf * 3 + 1] = -4;
      }),
    expect: /leaf \d+ gives class 0 the probability 5, outside 0 … 1/,
  },
  {
    name: 'infinite-coefficient',
    base: 'iris-linear',
    why: 'a coefficient of 1e400 (JSON.parse reads Infinity)',
    mutate: (f) => (f.model.state.coef[0] = '__INFINITY__'),
    expect: /model\.state\.coef must be a list of finite numbers/,
  },
  {
    name: 'mljs-negative-count',
    base: 'iris-mljs-tree',
    why: 'class counts that are not counts',
    mutate: (f) => (f.model.state.tree.value[0] = -50),
    expect: /model\.state\.tree\.value: node 0 has a negative count/,
  },
  {
    name: 'bin-code-out-of-range',
    base: 'penguins-tree',
    why: 'out-of-range bin codes (audit: status 0)',
    mutate: (f) =>
      editArray(f, 'codeToBin', Int32Array, (v) => {
        v[0] = 300;
      }),
    expect: /codeToBin\[0\] is 300; bins are −1 … 255/,
  },
  {
    name: 'category-codes-beyond-levels',
    base: 'penguins-tree',
    why: 'the model knows more category codes than the column has levels',
    mutate: (f) => {
      const island = f.preprocessor.columns[0];
      island.levels = island.levels.slice(0, 2);
      if (!island.levels.includes(island.fill)) island.fill = island.levels[0];
    },
    expect: /codeStart gives column 'island' 3 category codes, but it has 2 levels/,
  },
  {
    name: 'categorical-split-on-number',
    base: 'penguins-tree',
    why: 'a category-subset split on a number column',
    mutate: (f) => {
      const e = f.model.state.ensemble;
      const feature = decodeArray(e.feature, 'feature', Int32Array);
      const flags = decodeArray(e.flags, 'flags', Uint8Array);
      const catNode = flags.findIndex((fl: number) => (fl & FLAG_CATEGORICAL) !== 0);
      feature[catNode] = 1; // bill_length_mm, a number column
      e.feature = encodeArray(feature);
    },
    expect: /splits number column 'bill_length_mm' by categories/,
  },
  {
    name: 'forest-zero-trees',
    base: 'iris-forest',
    why: 'a forest with 0 trees (audit: NaN for every row, status 0)',
    mutate: (f) => {
      const e = f.model.state.ensemble;
      Object.assign(e, { trees: 0, nodes: 0, treeStart: encodeArray(new Int32Array([0])) });
      for (const k of ['feature', 'left', 'right']) e[k] = '';
      for (const k of ['threshold', 'cover', 'value']) e[k] = '';
      e.flags = '';
    },
    expect: /model\.state\.ensemble\.trees is 0: a tree or forest needs at least one/,
  },
  {
    name: 'mljs-forest-zero-trees',
    base: 'iris-mljs-forest',
    why: 'an ml-cart forest with no trees',
    mutate: (f) => (f.model.state.trees = []),
    expect: /state\.trees must be a non-empty list/,
  },
  {
    name: 'feature-count-mismatch',
    base: 'iris-tree',
    why: 'the preprocessor produces fewer columns than the model reads (audit: stack trace)',
    mutate: (f) => {
      f.features.pop();
      f.preprocessor.columns.pop();
    },
    expect: /model\.featureNames has 4 features, but the preprocessor produces 3/,
  },
  {
    name: 'feature-list-mismatch',
    base: 'iris-linear',
    why: 'the feature list names a column the preprocessor does not have',
    mutate: (f) => f.features.push('petal colour'),
    expect: /features \(5\) are not the preprocessor's columns \(4\)/,
  },
  {
    name: 'feature-renamed',
    base: 'iris-tree',
    why: 'the model reads a column under another name than the preprocessor writes',
    mutate: (f) => (f.model.featureNames[2] = 'petal width (cm)'),
    expect:
      /model\.featureNames\[2\] is 'petal width \(cm\)', but the preprocessor's column 2 is 'petal length \(cm\)'/,
  },
  {
    name: 'feature-index-out-of-range',
    base: 'iris-tree',
    why: 'a split on feature 99 of 4',
    mutate: (f) =>
      editArray(f, 'feature', Int32Array, (v) => {
        v[0] = 99;
      }),
    expect: /node 0 splits on feature 99, but there are 4/,
  },
  {
    name: 'wrong-encoding',
    base: 'iris-tree',
    why: 'inputs encoded the way another model expects',
    mutate: (f) => (f.preprocessor.encoding = 'ordinal'),
    expect: /preprocessor\.encoding is 'ordinal', but a 'tree' model reads 'native' inputs/,
  },
  {
    name: 'child-loops-back',
    base: 'iris-tree',
    why: 'a cycle: a node whose child is the root',
    mutate: (f) =>
      editArray(f, 'left', Int32Array, (v) => {
        const inner = Array.from(v as Int32Array).findIndex((l, i) => i > 0 && l >= 0);
        v[inner] = 0;
      }),
    expect: /node \d+ has an invalid child 0 \(children come after their parent, in the tree\)/,
  },
  {
    name: 'two-parents',
    base: 'iris-tree',
    why: 'a node reachable from two parents (TreeSHAP covers and rules would be wrong)',
    mutate: (f) =>
      // The root's left child (a leaf) becomes a split whose children are the children of the root's right child.
      editNodes(f, (left, right, feature) => {
        const [a, b] = [left[0], right[0]];
        [left[a], right[a], feature[a]] = [left[b], right[b], 0];
      }),
    expect: /node \d+ has two parents/,
  },
  {
    name: 'unreachable-node',
    base: 'iris-tree',
    why: 'nodes no path reaches',
    mutate: (f) =>
      // The last split becomes a leaf: its two children are cut off from the tree.
      editNodes(f, (left, right, feature) => {
        const last = left.findLastIndex((l) => l >= 0);
        [left[last], right[last], feature[last]] = [-1, -1, -1];
      }),
    expect: /node \d+ cannot be reached from the tree's root 0/,
  },
  {
    name: 'too-many-trees',
    base: 'iris-boost',
    why: 'a size claim far beyond any Sapling model (memory exhaustion)',
    mutate: (f) => (f.model.state.ensemble.trees = 3_000_000),
    expect: /has 3000000 trees; a Sapling model has at most 2000000/,
  },
  {
    name: 'unknown-model',
    base: 'iris-tree',
    why: 'a model id this Sapling does not know',
    mutate: (f) => (f.model.id = 'xgboost-native'),
    expect: /model\.id 'xgboost-native' is not a model this Sapling knows/,
  },
  {
    name: 'imported-wrong-sha',
    base: 'penguins-imported',
    why: 'an imported file whose importedFrom is not a fingerprint',
    mutate: (f) => (f.importedFrom.sha256 = 'not-a-hash'),
    expect: /importedFrom\.sha256: expected a SHA-256 in hex/,
  },
];

/** The file text of a case ('__INFINITY__' stands for a number JSON cannot write: 1e400). */
export function hostileText(c: HostileCase): string {
  const file = baseModel(c.base);
  c.mutate(file);
  return `${JSON.stringify(file).replace('"__INFINITY__"', '1e400')}\n`;
}

/**
 * A tree model whose one tree is a chain of `nodes` nodes (each split's left child a leaf, its right child the
 * next split): depth nodes/2. The audit's 1M-node chain ran 88 s and died with a RangeError.
 */
export function chainModel(nodes: number): string {
  const file = baseModel('iris-tree');
  const n = nodes % 2 === 1 ? nodes : nodes + 1;
  const feature = new Int32Array(n).fill(-1);
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  const threshold = new Float64Array(n);
  const value = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) value[i * 3] = 1;
  for (let i = 0; i + 2 < n; i += 2) {
    feature[i] = 0;
    left[i] = i + 1;
    right[i] = i + 2;
    threshold[i] = 5 + i / n;
  }
  // Buffer's base64 of the little-endian bytes: what encodeArray writes, ~20× faster for 1M nodes.
  const b64 = (a: Int32Array | Float64Array | Uint8Array): string =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  const e = file.model.state.ensemble;
  Object.assign(e, {
    nodes: n,
    treeStart: b64(new Int32Array([0, n])),
    feature: b64(feature),
    threshold: b64(threshold),
    flags: b64(new Uint8Array(n)),
    left: b64(left),
    right: b64(right),
    cover: b64(new Float64Array(n).fill(1)),
    value: b64(value),
  });
  return JSON.stringify(file);
}
