/**
 * A trained pipeline as ONE standard SQL SELECT that scores a table in the database: every column of the table,
 * then `prediction` and, for classifiers, one `proba_<class>` per class — the columns of `sapling predict`.
 *
 * Only CASE WHEN, OR-ed equalities, COALESCE, LOWER, arithmetic and EXP. Numbers are written as approximate literals (1.5e+0)
 * so every database does double arithmetic (DuckDB reads 0.5 as a DECIMAL, SQLite 3 / 2 as integer division).
 * Each output is a scalar subquery over the table's row (`d`), with a derived table holding the raw scores, so
 * `d.*` passes the table's columns through untouched without knowing them; the scores are computed once per
 * output column. Inner SELECTs without FROM are accepted by SQLite, DuckDB, PostgreSQL, MySQL and SQL Server.
 *
 * Arithmetic follows Sapling's order (base + tree 1 + tree 2 …; the mean divides the sum; softmax subtracts the
 * maximum), so results agree to the last few bits.
 */
import type { TreeEnsemble } from '../../engine/ensemble.js';
import { booleanWords, scoringModel, type LinearScoring, type RawInput, type TreeScoring } from '../scoring.js';
import type { TrainedPipeline } from '../../pipeline/pipeline.js';

export interface SqlOptions {
  /** Table to read (default `data`). */
  readonly table?: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** An approximate-numeric literal that parses back to the same double. */
export function num(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`SQL export: cannot write ${v} as a literal`);
  const text = (v === 0 ? 0 : v).toExponential();
  return v < 0 ? `(${text})` : text;
}

/** The value a raw input column holds, as the model reads it (missing stays NULL). */
function column(input: RawInput): string {
  const ref = `d.${quoteIdent(input.name)}`;
  if (input.kind !== 'boolean') return ref;
  const words = booleanWords(input.words);
  return `(CASE WHEN ${inList(`LOWER(${ref})`, words.one)} THEN 1e+0 WHEN ${inList(`LOWER(${ref})`, words.zero)} THEN 0e+0 END)`;
}

/** x equals one of the values. OR of equalities rather than IN: DuckDB turns each IN list into a join, which
 * inside a 1,000-leaf tree takes minutes; NULL gives NULL, so CASE falls to ELSE either way. */
function inList(x: string, values: readonly string[]): string {
  return values.length === 1
    ? `${x} = ${quoteText(values[0])}`
    : `(${values.map((v) => `${x} = ${quoteText(v)}`).join(' OR ')})`;
}

/**
 * Tree t's output `k` as one flat CASE with a WHEN per leaf — the conjunction of the conditions on the path
 * from the root (nested CASEs as deep as the tree stall DuckDB's planner on a 1,000-leaf tree). Each condition
 * is TRUE exactly for the rows taking that branch, NULLs included, so the WHENs never overlap.
 */
function treeExpression(s: TreeScoring, t: number, k: number): string {
  const e = s.ensemble;
  const leaves: { path: readonly string[]; value: string }[] = [];
  const walk = (node: number, path: readonly string[]): void => {
    if (e.left[node] < 0) {
      leaves.push({ path, value: num(e.value[node * e.width + k]) });
      return;
    }
    const [left, right] = branchConditions(s, node);
    if (left !== NEVER) walk(e.left[node], left === null ? path : [...path, left]);
    if (right !== NEVER) walk(e.right[node], right === null ? path : [...path, right]);
  };
  walk(e.treeStart[t], []);
  // The last leaf is the ELSE: every row that reaches no earlier leaf reaches it.
  const last = leaves.pop()!;
  if (leaves.length === 0) return last.value;
  return `CASE ${leaves.map((l) => `WHEN ${l.path.join(' AND ')} THEN ${l.value}`).join(' ')} ELSE ${last.value} END`;
}

/** A branch no row takes. */
const NEVER = 'never';

/** The conditions for going left and right at a split (null: every row reaching the split; NEVER: none). */
function branchConditions(s: TreeScoring, node: number): [string | null, string | null] {
  const split = s.split(node);
  const x = column(s.inputs[split.input]);
  const orMissing = (c: string): string => `(${x} IS NULL OR ${c})`;
  if (split.kind === 'number') {
    if (split.threshold === Infinity) return split.missingLeft ? [null, NEVER] : [`${x} IS NOT NULL`, `${x} IS NULL`];
    const le = `${x} <= ${num(split.threshold)}`;
    const gt = `${x} > ${num(split.threshold)}`;
    return split.missingLeft ? [orMissing(le), gt] : [le, orMissing(gt)];
  }
  // Levels in neither list (never binned) and unseen levels go where missing values go.
  if (split.missingLeft) {
    if (split.right.length === 0) return [null, NEVER];
    const inRight = inList(x, split.right);
    return [orMissing(`NOT ${inRight}`), inRight];
  }
  if (split.left.length === 0) return [NEVER, null];
  const inLeft = inList(x, split.left);
  return [inLeft, orMissing(`NOT ${inLeft}`)];
}

/** Left-associated sum, in the order given (the engine's order). */
function sum(terms: readonly string[]): string {
  return terms.length === 0 ? '0e+0' : terms.join('\n + ');
}

interface Outputs {
  /** Named raw-score expressions computed once per output (columns r_0 …). */
  readonly raw: readonly string[];
  /** Per class (classification) or the single value (regression), an expression over r_0 …. */
  readonly values: readonly string[];
}

function treeOutputs(s: TreeScoring, classes: number): Outputs {
  const e: TreeEnsemble = s.ensemble;
  const c = e.combine;
  const trees = Array.from({ length: e.trees }, (_, t) => t);
  if (c.kind === 'mean') {
    const raw = Array.from({ length: e.width }, (_, k) => {
      const total = sum(trees.map((t) => treeExpression(s, t, k)));
      return e.trees > 1 ? `(${total}) / ${num(e.trees)}` : total;
    });
    return { raw, values: raw.map((_, k) => `r_${k}`) };
  }
  const raw = Array.from({ length: c.outputs }, (_, k) =>
    sum([num(c.base[k]), ...trees.filter((t) => t % c.outputs === k).map((t) => treeExpression(s, t, 0))]),
  );
  if (c.link === 'identity') return { raw, values: ['r_0'] };
  const values = new Array<string>(classes).fill('0e+0');
  if (c.link === 'logistic') {
    const p = '1e+0 / (1e+0 + EXP(-r_0))';
    values[c.classMap[0]] = `1e+0 - ${p}`;
    values[c.classMap[1]] = p;
    return { raw, values };
  }
  return { raw, values: softmax(raw.length, c.classMap, values) };
}

/** exp(r_k − max) / Σ exp(r_j − max), into values[classMap[k]]. */
function softmax(n: number, classMap: ArrayLike<number>, values: string[]): string[] {
  const max = Array.from({ length: n - 1 }, (_, k) => {
    const others = Array.from({ length: n - k - 1 }, (_, j) => `r_${k} >= r_${k + j + 1}`).join(' AND ');
    return `WHEN ${others} THEN r_${k}`;
  });
  const m = n === 1 ? 'r_0' : `(CASE ${max.join(' ')} ELSE r_${n - 1} END)`;
  const denominator = Array.from({ length: n }, (_, j) => `EXP(r_${j} - ${m})`).join(' + ');
  for (let k = 0; k < n; k++) values[classMap[k]] = `EXP(r_${k} - ${m}) / (${denominator})`;
  return values;
}

function linearOutputs(s: LinearScoring, classes: number): Outputs {
  const z = s.columns.map((col, j) => {
    const input = s.inputs[col.input];
    const x =
      input.kind === 'category'
        ? `CASE WHEN COALESCE(${column(input)}, ${quoteText(input.fill)}) = ${quoteText(col.level!)} THEN 1e+0 ELSE 0e+0 END`
        : `COALESCE(${column(input)}, ${num(input.fill)})`;
    return s.stds[j] > 0 ? `((${x}) - ${num(s.means[j])}) / ${num(s.stds[j])}` : null;
  });
  const raw = s.coef.map((row, f) =>
    sum([num(s.intercept[f]), ...row.flatMap((w, j) => (z[j] === null ? [] : [`${num(w)} * ${z[j]}`]))]),
  );
  if (!s.present) return { raw, values: ['r_0'] };
  const values = new Array<string>(classes).fill('0e+0');
  const present = s.present;
  if (present.length === 1) {
    values[present[0]] = '1e+0';
    return { raw: ['0e+0'], values };
  }
  if (present.length === 2) {
    // The binary model's logits are [0, s]: the same softmax over two scores.
    return { raw: ['0e+0', raw[0]], values: softmax(2, present, values) };
  }
  return { raw, values: softmax(present.length, present, values) };
}

/** Argmax over the class probabilities, ties to the first class (as Sapling's predict). */
function argmaxLabel(values: readonly string[], classes: readonly string[]): string {
  if (classes.length === 1) return quoteText(classes[0]);
  const whens = classes.slice(0, -1).map((label, k) => {
    const tests = values
      .slice(k + 1)
      .map((_, j) => `p_${k} >= p_${k + j + 1}`)
      .join(' AND ');
    return `WHEN ${tests} THEN ${quoteText(label)}`;
  });
  return `CASE ${whens.join(' ')} ELSE ${quoteText(classes[classes.length - 1])} END`;
}

export function pipelineToSql(pipeline: TrainedPipeline, fileName: string, options: SqlOptions = {}): string {
  const { target, scoring } = scoringModel(pipeline, fileName);
  const classes = target.task === 'classification' ? (target.classes ?? []) : null;
  const out =
    scoring.kind === 'trees'
      ? treeOutputs(scoring, classes?.length ?? 1)
      : linearOutputs(scoring, classes?.length ?? 1);
  const rawTable = `(SELECT ${out.raw.map((r, k) => `${r}\n AS r_${k}`).join(',\n ')}) AS r`;
  const scalar = (expr: string): string => `(SELECT ${expr} FROM ${rawTable})`;
  const columns: string[] = [];
  if (!classes) columns.push(`${scalar(out.values[0])} AS prediction`);
  else {
    const probaTable = `(SELECT ${out.values.map((v, k) => `${v} AS p_${k}`).join(', ')} FROM ${rawTable}) AS p`;
    columns.push(`(SELECT ${argmaxLabel(out.values, classes)} FROM ${probaTable}) AS prediction`);
    classes.forEach((label, k) => columns.push(`${scalar(out.values[k])} AS ${quoteIdent(`proba_${label}`)}`));
  }
  const header = `-- Sapling ${scoring.kind === 'trees' ? pipeline.model.id : 'linear'} model for ${target.name} (${target.task}), exported from ${fileName}\n`;
  return `${header}SELECT d.*,\n${columns.join(',\n')}\nFROM ${quoteIdent(options.table ?? 'data')} AS d\n`;
}
