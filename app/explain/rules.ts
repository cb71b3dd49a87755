/**
 * A decision tree as readable rules — the one home for this text (the CLI's `sapling rules`, the
 * explanations' per-row paths):
 * - the path one row takes ("Income ≤ 120 and Seniority > 3 → good"), read from the engine's tree: conditions
 *   on the same feature along a path are merged into one range ("3 < Seniority ≤ 10"); category splits read as
 *   sets ("Home in {owner, parents}"); numeric x ≤ threshold goes left, category subsets go left, missing
 *   values go where the split learned to send them — "or missing" only for features that had missing values
 *   (the caller says which), so clean data gets clean paths;
 * - the whole tree, one IF … THEN … rule per leaf, read from the tree view's nodes (tree-view.ts: the nodes
 *   the desktop Inspect view draws, for both tree implementations), so the text and the picture cannot disagree.
 */
import { goesLeft, leftCodes, type TreeEnsemble } from '../engine/ensemble.js';
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from '../engine/tree-store.js';
import type { TreeNodeView } from '../result/views.js';
import { getModelFactory } from '../registry/models.js';
import type { TrainedPipeline } from '../pipeline/pipeline.js';
import { SaplingError } from '../util/errors.js';
import { fmtThreshold } from '../util/format.js';
import { TREE_MODELS, treeView } from './tree-view.js';

export interface RuleNaming {
  /** Per matrix column, the feature name. */
  readonly names: readonly string[];
  /** Per matrix column holding category codes, the level names (code = index). */
  readonly levels: readonly (readonly string[] | undefined)[];
  /** Class labels (classification) — leaf outcomes name the most probable class. */
  readonly classes?: readonly string[];
  /** Per matrix column holding a yes/no column as 0/1, the words for 0 and 1 (conditions then read "Records = no"). */
  readonly booleans?: readonly (readonly [string, string] | undefined)[];
  /** Whether a matrix column had missing values (then conditions say where missing values go). */
  readonly hasMissing?: (column: number) => boolean;
}

export interface Rule {
  readonly conditions: readonly string[];
  readonly outcome: string;
  /** Training weight reaching the leaf (rows, unless class weights were used). */
  readonly cover: number;
  readonly leaf: number;
}

interface Bounds {
  lo: number;
  hi: number;
  missing: boolean;
  set: Set<number> | null;
}

/** The leaf of tree t that row x reaches, and the rule for it. */
export function decisionPath(
  e: TreeEnsemble,
  t: number,
  x: Float64Array,
  offset: number,
  naming: RuleNaming,
): Rule & { readonly nodes: readonly number[] } {
  const nodes: number[] = [];
  let node = e.treeStart[t];
  while (e.left[node] >= 0) {
    nodes.push(node);
    node = goesLeft(e, node, x[offset + e.feature[node]]) ? e.left[node] : e.right[node];
  }
  nodes.push(node);
  return { ...ruleFor(e, nodes, naming), nodes };
}

/** One-line form of a path: "Income ≤ 120 and Seniority > 3 → good (p = 0.82, 340 rows)". */
export function pathText(rule: Rule): string {
  return `${rule.conditions.length > 0 ? rule.conditions.join(' and ') : '(no conditions)'} → ${rule.outcome}`;
}

function ruleFor(e: TreeEnsemble, path: readonly number[], naming: RuleNaming): Rule {
  const bounds = new Map<number, Bounds>();
  const order: number[] = [];
  for (let k = 0; k + 1 < path.length; k++) {
    const node = path[k];
    const left = path[k + 1] === e.left[node];
    const f = e.feature[node];
    let b = bounds.get(f);
    if (!b) {
      b = { lo: -Infinity, hi: Infinity, missing: true, set: null };
      bounds.set(f, b);
      order.push(f);
    }
    const missingHere = ((e.flags[node] & FLAG_MISSING_LEFT) !== 0) === left;
    b.missing &&= missingHere;
    if ((e.flags[node] & FLAG_CATEGORICAL) !== 0) {
      const leftSet = new Set(leftCodes(e, node));
      const levels = naming.levels[f]?.length ?? 0;
      const side = new Set<number>();
      for (let c = 0; c < levels; c++) if (leftSet.has(c) === left) side.add(c);
      b.set = b.set ? new Set([...b.set].filter((c) => side.has(c))) : side;
    } else if (left) b.hi = Math.min(b.hi, e.threshold[node]);
    else b.lo = Math.max(b.lo, e.threshold[node]);
  }
  const conditions = order.map((f) => conditionText(naming, f, bounds.get(f)!));
  const leaf = path[path.length - 1];
  return { conditions, outcome: outcomeText(e, leaf, naming), cover: e.cover[leaf], leaf };
}

function conditionText(naming: RuleNaming, f: number, b: Bounds): string {
  const name = naming.names[f];
  const orMissing = b.missing && naming.hasMissing?.(f) === true ? ' (or missing)' : '';
  if (b.set) {
    const levels = naming.levels[f] ?? [];
    const names = [...b.set].sort((a, c) => a - c).map((c) => levels[c] ?? `#${c}`);
    if (names.length === 0) return `${name} is missing`;
    return (names.length === 1 ? `${name} = ${names[0]}` : `${name} in {${names.join(', ')}}`) + orMissing;
  }
  if (b.lo === -Infinity && b.hi === Infinity) return `${name} is missing`;
  const words = naming.booleans?.[f];
  if (words) {
    // A 0/1 column: ≤ t (t < 1) keeps only 0, > t (t ≥ 0) keeps only 1.
    if (b.hi < 1 && b.lo < 0) return `${name} = ${words[0]}${orMissing}`;
    if (b.lo >= 0 && b.hi >= 1) return `${name} = ${words[1]}${orMissing}`;
  }
  if (b.lo === -Infinity) return `${name} ≤ ${num(b.hi)}${orMissing}`;
  if (b.hi === Infinity) return `${name} > ${num(b.lo)}${orMissing}`;
  return `${num(b.lo)} < ${name} ≤ ${num(b.hi)}${orMissing}`;
}

/** Below this many training rows a leaf's probability is an anecdote, not an estimate: the rule says so. */
export const FEW_LEAF_ROWS = 20;

function outcomeText(e: TreeEnsemble, leaf: number, naming: RuleNaming): string {
  const n = Math.round(e.cover[leaf]);
  const rows =
    `${n.toLocaleString('en-US')} training row${n === 1 ? '' : 's'}` +
    (n < FEW_LEAF_ROWS ? `, fewer than ${FEW_LEAF_ROWS}: an unreliable estimate` : '');
  if (!naming.classes) return `${num(e.value[leaf * e.width])} (${rows})`;
  let best = 0;
  for (let c = 1; c < e.width; c++) if (e.value[leaf * e.width + c] > e.value[leaf * e.width + best]) best = c;
  return `${naming.classes[best]} (p = ${e.value[leaf * e.width + best].toFixed(2)}, ${rows})`;
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

/** A saved single decision tree (`sapling train --model tree`, or the ml-cart tree) as rules text; other models are refused with a reason. */
export function savedTreeRules(pipeline: TrainedPipeline, fileName: string): string {
  const model = pipeline.model.toJSON();
  const label = getModelFactory(model.id).label;
  if (!TREE_MODELS.includes(model.id)) {
    throw new SaplingError(
      'BAD_PARAMETER',
      `${fileName} holds a ${label}: rules are written for a single decision tree (train one with --model tree)`,
    );
  }
  return treeRulesText(treeView(model, pipeline.preprocessor).nodes, pipeline.target.name, label);
}

/** The whole tree as text: a title line, then one numbered IF … THEN … rule per leaf, conditions from the root down. */
export function treeRulesText(nodes: readonly TreeNodeView[], target: string, modelLabel: string): string {
  if (nodes.length === 0) return '';
  const lines: string[] = [];
  const walk = (id: number, conditions: readonly string[]): void => {
    const node = nodes[id];
    if (node.left === undefined || node.right === undefined || node.feature === undefined) {
      const distribution = node.distribution
        ? ` (${Object.entries(node.distribution)
            .map(([label, p]) => `${label} ${(100 * p).toFixed(0)}%`)
            .join(', ')})`
        : '';
      const when = conditions.length ? `IF ${conditions.join('\n   AND ')}\n   ` : 'ALWAYS ';
      lines.push(
        `Rule ${lines.length + 1} — ${fmtRows(node.samples)}\n${when}THEN ${target} = ${node.prediction ?? '?'}${distribution}`,
      );
      return;
    }
    const [goLeft, goRight] = splitConditions(node);
    walk(node.left, [...conditions, goLeft]);
    walk(node.right, [...conditions, goRight]);
  };
  walk(0, []);
  return `${modelLabel}: ${lines.length} rule${lines.length === 1 ? '' : 's'} predicting ${target} (one per leaf; every row matches exactly one)\n\n${lines.join('\n\n')}\n`;
}

function splitConditions(node: TreeNodeView): [string, string] {
  const f = node.feature as string;
  const missing = (left: boolean): string =>
    node.missingGoesLeft === undefined ? '' : node.missingGoesLeft === left ? ' or missing' : '';
  if (node.leftCategories) {
    const set = `{${node.leftCategories.join(', ')}}`;
    return [`${f} in ${set}${missing(true)}`, `${f} not in ${set}${missing(false)}`];
  }
  const t = node.threshold ?? NaN;
  if (t === Infinity) return [`${f} is present${missing(true)}`, `${f} is missing`];
  const strict = node.comparison === '<';
  return [
    `${f} ${strict ? '<' : '≤'} ${fmtThreshold(t)}${missing(true)}`,
    `${f} ${strict ? '≥' : '>'} ${fmtThreshold(t)}${missing(false)}`,
  ];
}

function fmtRows(samples: number | undefined): string {
  return samples === undefined
    ? 'training rows unknown'
    : `${samples.toLocaleString('en-US')} training row${samples === 1 ? '' : 's'}`;
}
