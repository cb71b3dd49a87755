/**
 * A decision tree as readable rules: the path one row takes ("Income ≤ 120 and Seniority > 3 → good"),
 * and the whole tree as one rule per leaf. Conditions on the same feature along a path are merged into
 * one range ("3 < Seniority ≤ 10"); category splits read as sets ("Home in {owner, parents}").
 *
 * Works on the engine's tree (`tree`): numeric x ≤ threshold goes left, category subsets go left, missing
 * values go where the split learned to send them — the rules say "or missing" only for features that had
 * missing values (the caller says which), so clean data gets clean rules.
 */
import { goesLeft, leftCodes, type TreeEnsemble } from '../engine/ensemble.js';
import { FLAG_CATEGORICAL, FLAG_MISSING_LEFT } from '../engine/grow.js';

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
export function decisionPath(e: TreeEnsemble, t: number, x: Float64Array, offset: number, naming: RuleNaming): Rule & { readonly nodes: readonly number[] } {
  const nodes: number[] = [];
  let node = e.treeStart[t];
  while (e.left[node] >= 0) {
    nodes.push(node);
    node = goesLeft(e, node, x[offset + e.feature[node]]) ? e.left[node] : e.right[node];
  }
  nodes.push(node);
  return { ...ruleFor(e, nodes, naming), nodes };
}

/** Every leaf of tree t as a rule, left to right. */
export function treeRules(e: TreeEnsemble, t: number, naming: RuleNaming): Rule[] {
  const rules: Rule[] = [];
  const visit = (node: number, path: number[]): void => {
    path.push(node);
    if (e.left[node] < 0) rules.push(ruleFor(e, path, naming));
    else {
      visit(e.left[node], path);
      visit(e.right[node], path);
    }
    path.pop();
  };
  visit(e.treeStart[t], []);
  return rules;
}

/** The rules as text, one line per leaf: "IF a AND b THEN good (p = 0.82, 340 rows)". */
export function rulesText(rules: readonly Rule[]): string {
  return rules.map((r) => `IF ${r.conditions.length > 0 ? r.conditions.join(' AND ') : 'always'} THEN ${r.outcome}`).join('\n') + '\n';
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

function outcomeText(e: TreeEnsemble, leaf: number, naming: RuleNaming): string {
  const n = Math.round(e.cover[leaf]);
  const rows = `${n.toLocaleString('en-US')} training row${n === 1 ? '' : 's'}`;
  if (!naming.classes) return `${num(e.value[leaf * e.width])} (${rows})`;
  let best = 0;
  for (let c = 1; c < e.width; c++) if (e.value[leaf * e.width + c] > e.value[leaf * e.width + best]) best = c;
  return `${naming.classes[best]} (p = ${e.value[leaf * e.width + best].toFixed(2)}, ${rows})`;
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
