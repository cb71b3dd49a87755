/**
 * Reading a SerializedModel back. Model files come from disk and may be hand-edited, truncated
 * or from another version, so every field is checked and any problem is a BAD_MODEL_FILE error
 * rather than a crash (or an endless loop through a corrupt tree) later.
 */
import { SaplingError } from '../util/errors.js';
import type { ModelId, SerializedModel } from './estimator.js';
import type { ModelHeader } from './fitted.js';
import { resolveParams, type ParamSchema } from './params.js';

export function badModel(message: string): SaplingError {
  return new SaplingError('BAD_MODEL_FILE', `model file: ${message}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw badModel(`${what} must be a list of strings`);
  return v;
}

/** Checks the common fields; returns the header and the model-specific state object. */
export function readHeader(
  json: SerializedModel,
  id: ModelId,
  schema: ParamSchema,
): { header: ModelHeader; state: Record<string, unknown> } {
  if (!isRecord(json)) throw badModel('not a JSON object');
  if (json.id !== id) throw badModel(`expected a '${id}' model, found '${String(json.id)}'`);
  if (json.task !== 'classification' && json.task !== 'regression')
    throw badModel(`unknown task '${String(json.task)}'`);
  if (!Number.isInteger(json.seed)) throw badModel('seed must be an integer');
  const featureNames = stringArray(json.featureNames, 'featureNames');
  if (featureNames.length === 0) throw badModel('featureNames is empty');
  let params;
  try {
    params = resolveParams(id, schema, isRecord(json.params) ? (json.params as Record<string, never>) : {});
  } catch (e) {
    throw badModel(e instanceof Error ? e.message : String(e));
  }
  if (!isRecord(json.state)) throw badModel('state must be an object');
  const notes = stringArray(json.state.notes ?? [], 'state.notes').map((message) => ({ message }));
  const header: ModelHeader = { id, task: json.task, params, seed: json.seed, featureNames, notes };
  if (json.task === 'classification') {
    const classes = stringArray(json.classes, 'classes');
    if (classes.length === 0) throw badModel('classes is empty');
    return { header: { ...header, classes }, state: json.state };
  }
  return { header, state: json.state };
}

/** A finite-number array, optionally of a given length. */
export function numbers(v: unknown, what: string, length?: number): Float64Array {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
    throw badModel(`${what} must be a list of finite numbers`);
  if (length !== undefined && v.length !== length)
    throw badModel(`${what} has ${v.length} entries, expected ${length}`);
  return Float64Array.from(v as number[]);
}

export function integers(v: unknown, what: string, length?: number): Int32Array {
  const xs = numbers(v, what, length);
  if (!xs.every((x) => Number.isInteger(x) && Math.abs(x) < 2 ** 31))
    throw badModel(`${what} must be a list of integers`);
  return Int32Array.from(xs);
}

export function field(state: Record<string, unknown>, key: string): unknown {
  if (!(key in state)) throw badModel(`state.${key} is missing`);
  return state[key];
}

export function record(v: unknown, what: string): Record<string, unknown> {
  if (!isRecord(v)) throw badModel(`${what} must be an object`);
  return v;
}
