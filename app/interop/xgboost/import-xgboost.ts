/**
 * An XGBoost model saved as JSON (Booster.save_model('m.json'), XGBoost ≥ 1.0) → the engine's tree ensemble,
 * so predict, explain (exact TreeSHAP on XGBoost's own covers), rules, reports and compare treat it as a
 * Sapling boosting model.
 *
 * Covered: gbtree boosters with binary:logistic, multi:softprob (and multi:softmax, whose trees are the same),
 * reg:squarederror; numeric features with missing values (default_left); categorical partition and one-hot
 * splits (split_type 1: categories in the node's set go RIGHT, others left, missing by default_left).
 * Not covered (refused by name): dart and gblinear boosters, other objectives, multi-target trees.
 *
 * Exactness: XGBoost compares float32(x) < float32 threshold. For each threshold t the importer stores the
 * largest double T with float32(x) < t ⇔ x ≤ T, so Sapling's double comparison takes the same branch for
 * every input. Leaf values are XGBoost's float32 numbers; XGBoost sums them in float32, Sapling in double,
 * which is where the ~1e-7 differences come from.
 */
import type { Dataset } from '../../data/dataset.js';
import type { Combine } from '../../engine/ensemble.js';
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from '../../engine/tree-store.js';
import { assemble, type RawTree } from '../../engine/raw-tree.js';
import { ensembleToJSON } from '../../engine/serialize.js';
import { SaplingError } from '../../util/errors.js';
import { float32Boundary } from '../float32.js';
import { blankTree, engineOrder } from '../tree-layout.js';
import {
  importedModelFile,
  matchSchema,
  positionalFeatures,
  type ImportColumn,
  type ImportedModel,
  type ImportOptions,
} from '../imported.js';

const OBJECTIVES = ['binary:logistic', 'multi:softprob', 'multi:softmax', 'reg:squarederror'] as const;

type Json = Record<string, unknown>;

function bad(fileName: string, message: string): SaplingError {
  return new SaplingError('BAD_MODEL_FILE', `${fileName}: ${message}`, { file: fileName });
}

/** JSON.parse that accepts XGBoost's bare NaN / Infinity tokens (categorical nodes store NaN thresholds). */
export function parseXgboostJson(text: string, fileName: string): Json {
  const cleaned = text.replace(/"(?:[^"\\]|\\.)*"|-?\bNaN\b|-?\bInfinity\b/g, (token) =>
    token.startsWith('"') ? token : 'null',
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(cleaned);
  } catch (error) {
    throw bad(fileName, `not a complete JSON document (truncated?): ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || !('learner' in parsed))
    throw bad(fileName, 'not an XGBoost JSON model (no "learner" object; save it with booster.save_model("m.json"))');
  return parsed as Json;
}

function get(obj: unknown, path: string, fileName: string): unknown {
  let at: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || !(key in at)) throw bad(fileName, `"${path}" is missing`);
    at = (at as Json)[key];
  }
  return at;
}

function numberList(v: unknown, what: string, fileName: string, length?: number): number[] {
  if (!Array.isArray(v)) throw bad(fileName, `${what} must be a list`);
  if (length !== undefined && v.length !== length)
    throw bad(fileName, `${what} has ${v.length} entries, expected ${length}`);
  return v.map((x) => (x === null ? NaN : typeof x === 'number' ? x : NaN));
}

interface XgbTree {
  readonly left: number[];
  readonly right: number[];
  readonly feature: number[];
  readonly condition: number[];
  readonly defaultLeft: number[];
  readonly splitType: number[];
  readonly hessian: number[];
  readonly gain: number[];
  /** Categorical node → the category codes of its set (they go right). */
  readonly categories: Map<number, number[]>;
}

function readTree(v: unknown, t: number, fileName: string): XgbTree {
  const what = `tree ${t}`;
  const tree = v as Json;
  const left = numberList(tree.left_children, `${what} left_children`, fileName);
  const n = left.length;
  const list = (key: string, fallback?: number): number[] =>
    key in tree || fallback === undefined
      ? numberList(tree[key], `${what} ${key}`, fileName, n)
      : new Array<number>(n).fill(fallback);
  const categories = new Map<number, number[]>();
  const catNodes = numberList(tree.categories_nodes ?? [], `${what} categories_nodes`, fileName);
  const catSegments = numberList(tree.categories_segments ?? [], `${what} categories_segments`, fileName);
  const catSizes = numberList(tree.categories_sizes ?? [], `${what} categories_sizes`, fileName);
  const catValues = numberList(tree.categories ?? [], `${what} categories`, fileName);
  catNodes.forEach((node, i) => categories.set(node, catValues.slice(catSegments[i], catSegments[i] + catSizes[i])));
  if ('size_leaf_vector' in ((tree.tree_param as Json) ?? {}) && Number((tree.tree_param as Json).size_leaf_vector) > 1)
    throw bad(fileName, `${what} has vector leaves (multi-target trees), which import does not support`);
  return {
    left,
    right: list('right_children'),
    feature: list('split_indices'),
    condition: list('split_conditions'),
    defaultLeft: list('default_left'),
    splitType: list('split_type', 0),
    hessian: list('sum_hessian'),
    gain: list('loss_changes', 0),
    categories,
  };
}

/**
 * One XGBoost tree in the engine's layout: nodes renumbered breadth-first so that children follow their parent
 * and each right child sits right after its left sibling.
 */
function toRawTree(
  x: XgbTree,
  t: number,
  columns: readonly ImportColumn[],
  fileName: string,
  importance: Float64Array,
): RawTree {
  const { order, newId } = engineOrder(
    (node) => {
      if (node < 0 || node >= x.left.length) throw bad(fileName, `tree ${t} refers to a node ${node} it does not have`);
      return x.left[node] === -1 ? null : [x.left[node], x.right[node]];
    },
    (message) => bad(fileName, `tree ${t} ${message}`),
  );
  const tree = { ...blankTree(order.length, 1), catSets: [] as number[] };
  order.forEach((node, i) => {
    tree.cover[i] = x.hessian[node];
    if (x.left[node] === -1) {
      const v = x.condition[node];
      if (!Number.isFinite(v)) throw bad(fileName, `tree ${t} has a leaf without a value`);
      tree.value[i] = v;
      return;
    }
    const f = x.feature[node];
    const column = columns[f];
    if (!column) throw bad(fileName, `tree ${t} splits on feature ${f}, but the model has ${columns.length}`);
    importance[f] += Math.max(0, x.gain[node]);
    tree.feature[i] = f;
    tree.left[i] = newId.get(x.left[node])!;
    tree.right[i] = newId.get(x.right[node])!;
    const missingLeft = x.defaultLeft[node] === 1;
    if (x.splitType[node] === 1) {
      if (column.kind !== 'category')
        throw bad(fileName, `tree ${t} splits '${column.name}' by category, but the data holds numbers there`);
      const right = new Set(x.categories.get(node) ?? []);
      const set = new Uint32Array(8);
      // Every level not in XGBoost's set goes left (XGBoost: "not chosen" → left).
      for (let code = 0; code < column.levels.length; code++) if (!right.has(code)) set[code >>> 5] |= 1 << (code & 31);
      tree.threshold[i] = tree.catSets.length / 8;
      tree.catSets.push(...set);
      tree.flags[i] = FLAG_CATEGORICAL | (missingLeft ? FLAG_MISSING_LEFT : 0);
    } else {
      if (column.kind === 'category')
        throw bad(fileName, `tree ${t} splits '${column.name}' as a number, but the data holds text there`);
      tree.threshold[i] = float32Boundary(x.condition[node]);
      tree.flags[i] = missingLeft ? FLAG_MISSING_LEFT : 0;
    }
  });
  return { ...tree, catSets: Uint32Array.from(tree.catSets) };
}

/** Reads the model, checks it against the schema's columns, and returns a Sapling model file. */
export function importXgboost(
  text: string,
  source: { readonly fileName: string; readonly sha256: string },
  schema: Dataset,
  options: ImportOptions,
): ImportedModel {
  const fileName = source.fileName;
  const json = parseXgboostJson(text, fileName);
  const learner = get(json, 'learner', fileName) as Json;
  const boosterName = String(get(learner, 'gradient_booster.name', fileName));
  if (boosterName !== 'gbtree')
    throw bad(fileName, `the '${boosterName}' booster is not supported; import reads gbtree models`);
  const objective = String(get(learner, 'objective.name', fileName));
  if (!(OBJECTIVES as readonly string[]).includes(objective))
    throw bad(fileName, `objective '${objective}' is not supported; import reads ${OBJECTIVES.join(', ')}`);
  const param = get(learner, 'learner_model_param', fileName) as Json;
  const numFeature = Number(param.num_feature);
  const numClass = Number(param.num_class ?? 0);
  const baseScore = Number.parseFloat(String(param.base_score ?? '0.5'));
  if (!Number.isFinite(baseScore)) throw bad(fileName, 'learner_model_param.base_score is not a number');
  const names = Array.isArray(learner.feature_names) ? (learner.feature_names as string[]) : [];
  const types = Array.isArray(learner.feature_types) ? (learner.feature_types as string[]) : [];
  const classification = objective !== 'reg:squarederror';
  const K = objective.startsWith('multi:') ? numClass : 1;
  if (objective.startsWith('multi:') && !(K >= 2)) throw bad(fileName, `${objective} with num_class ${numClass}`);

  if (names.length > 0 && names.length !== numFeature)
    throw bad(fileName, `lists ${names.length} feature names for ${numFeature} features`);
  const featureNames = names.length > 0 ? names : positionalFeatures(schema, options.target, numFeature, fileName);
  const task = classification ? 'classification' : 'regression';
  const features = featureNames.map((name, f) => ({ name, categorical: types[f] === 'c' }));
  const schemaOf = matchSchema(schema, options, task, features, fileName);
  const { columns, classes } = schemaOf;
  if (classification && classes.length !== Math.max(K, 2))
    throw new SaplingError(
      'BAD_INPUT',
      `${fileName} predicts ${Math.max(K, 2)} classes, but '${options.target}' in ${schema.source.fileName} has ${classes.length} (${classes.join(', ')})`,
    );

  const model = get(learner, 'gradient_booster.model', fileName) as Json;
  const treesJson = get(model, 'trees', fileName);
  if (!Array.isArray(treesJson)) throw bad(fileName, '"trees" must be a list');
  const treeInfo = numberList(model.tree_info ?? treesJson.map(() => 0), 'tree_info', fileName, treesJson.length);
  const importance = new Float64Array(columns.length);
  const byClass: RawTree[][] = Array.from({ length: K }, () => []);
  treesJson.forEach((tj, t) => {
    const k = treeInfo[t];
    if (!(k >= 0 && k < K)) throw bad(fileName, `tree ${t} is for output ${k}, but the model has ${K}`);
    byClass[k].push(toRawTree(readTree(tj, t, fileName), t, columns, fileName, importance));
  });
  const rounds = byClass[0].length;
  if (byClass.some((trees) => trees.length !== rounds))
    throw bad(fileName, 'the classes have different numbers of trees; import needs one tree per class per round');
  // The engine adds tree t to output t mod K: interleave the classes round by round.
  const trees: RawTree[] = [];
  for (let r = 0; r < rounds; r++) for (let k = 0; k < K; k++) trees.push(byClass[k][r]);

  const codeStart = new Int32Array(columns.length + 1);
  columns.forEach((c, f) => (codeStart[f + 1] = codeStart[f] + (c.kind === 'category' ? c.levels.length : 0)));
  const codeToBin = new Int32Array(codeStart[columns.length]);
  columns.forEach((c, f) => {
    if (c.kind === 'category') for (let code = 0; code < c.levels.length; code++) codeToBin[codeStart[f] + code] = code;
  });
  const combine: Combine =
    objective === 'binary:logistic'
      ? {
          kind: 'sum',
          link: 'logistic',
          outputs: 1,
          base: Float64Array.of(Math.fround(-Math.log(1 / baseScore - 1))),
          classMap: Int32Array.of(0, 1),
        }
      : objective.startsWith('multi:')
        ? {
            kind: 'sum',
            link: 'softmax',
            outputs: K,
            base: new Float64Array(K).fill(baseScore),
            classMap: Int32Array.from({ length: K }, (_, k) => k),
          }
        : { kind: 'sum', link: 'identity', outputs: 1, base: Float64Array.of(baseScore), classMap: new Int32Array(0) };
  const ensemble = assemble(trees, { cols: columns.length, codeToBin, codeStart }, 1, combine);
  const total = importance.reduce((s, v) => s + v, 0);
  return importedModelFile({
    source: {
      format: 'xgboost-json',
      fileName,
      sha256: source.sha256,
      detail: `XGBoost ${objective}, ${treesJson.length} trees`,
    },
    schema: schemaOf,
    task,
    modelId: 'boost',
    params: { rounds: Math.max(1, rounds) },
    state: {
      ensemble: ensembleToJSON(ensemble),
      importance: Array.from(importance, (v) => (total > 0 ? v / total : 0)),
      rounds,
    },
  });
}
