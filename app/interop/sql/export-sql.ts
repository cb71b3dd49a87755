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
 * Tree t's output `k` as nested CASE expressions, one per split: `CASE WHEN <a row with a value goes this way>
 * THEN … ELSE <the side missing values take> END`. A NULL (or, for categories, an unseen level) makes the WHEN
 * not TRUE, so it falls to ELSE — exactly the engine's rule — without an IS NULL test per split.
 */
function treeExpression(s: TreeScoring, t: number, k: number): string {
  const e = s.ensemble;
  const walk = (node: number): string => {
    if (e.left[node] < 0) return num(e.value[node * e.width + k]);
    const split = s.split(node);
    const test = presentSide(s.inputs[split.input], split);
    const [present, absent] = split.missingLeft ? [e.right[node], e.left[node]] : [e.left[node], e.right[node]];
    if (test === null) return walk(absent); // no value goes the other way
    return `CASE WHEN ${test} THEN ${walk(present)} ELSE ${walk(absent)} END`;
  };
  return walk(e.treeStart[t]);
}

/**
 * The condition for the side missing values do NOT take (TRUE only for present values going there), or null when
 * no present value goes there.
 */
function presentSide(input: RawInput, split: ReturnType<TreeScoring['split']>): string | null {
  const toLeft = !split.missingLeft;
  if (split.kind === 'category') {
    const levels = toLeft ? split.left : split.right;
    return levels.length === 0 ? null : inList(`d.${quoteIdent(input.name)}`, levels);
  }
  if (input.kind === 'boolean') {
    // A yes/no column holds 0 or 1: test the words of the values going this way.
    const words = booleanWords(input.words);
    const goes = (v: number): boolean => v <= split.threshold === toLeft;
    const chosen = [...(goes(0) ? words.zero : []), ...(goes(1) ? words.one : [])];
    return chosen.length === 0 ? null : inList(`LOWER(d.${quoteIdent(input.name)})`, chosen);
  }
  const x = `d.${quoteIdent(input.name)}`;
  if (split.threshold === Infinity) return toLeft ? `${x} IS NOT NULL` : null;
  return toLeft ? `${x} <= ${num(split.threshold)}` : `${x} > ${num(split.threshold)}`;
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
  // Only the raw scores an expression reads: a forest's proba_good needs the good-class sums alone.
  const rawTable = (exprs: readonly string[]): string => {
    const used = out.raw
      .map((r, k) => ({ r, k }))
      .filter(({ k }) => exprs.some((e) => new RegExp(`\\br_${k}\\b`).test(e)));
    const cols = used.length > 0 ? used : [{ r: '0e+0', k: 0 }];
    return `(SELECT ${cols.map(({ r, k }) => `${r}\n AS r_${k}`).join(',\n ')}) AS r`;
  };
  const scalar = (expr: string): string => `(SELECT ${expr} FROM ${rawTable([expr])})`;
  const columns: string[] = [];
  if (!classes) columns.push(`${scalar(out.values[0])} AS prediction`);
  else {
    const probaTable = `(SELECT ${out.values.map((v, k) => `${v} AS p_${k}`).join(', ')} FROM ${rawTable(out.values)}) AS p`;
    columns.push(`(SELECT ${argmaxLabel(out.values, classes)} FROM ${probaTable}) AS prediction`);
    classes.forEach((label, k) => columns.push(`${scalar(out.values[k])} AS ${quoteIdent(`proba_${label}`)}`));
  }
  const header = `-- Sapling ${scoring.kind === 'trees' ? pipeline.model.id : 'linear'} model for ${target.name} (${target.task}), exported from ${fileName}\n`;
  return `${header}SELECT d.*,\n${columns.join(',\n')}\nFROM ${quoteIdent(options.table ?? 'data')} AS d\n`;
}
