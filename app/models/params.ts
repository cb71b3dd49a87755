/**
 * Model parameters: one schema per model gives each parameter's default, help text and
 * validity rule. The same schema drives `factory.defaults`, `factory.paramHelp`, validation in
 * `factory.create` and the CLI's string parsing (registry.parseParams), so they cannot drift apart.
 * A parameter's type is its default's type.
 */
import { SaplingError } from '../util/errors.js';

export type ParamValue = number | string | boolean;
export type Params = Readonly<Record<string, ParamValue>>;

export interface ParamSpec {
  readonly default: ParamValue;
  readonly help: string;
  /** Returns why a value (already of the default's type) is invalid, or undefined if it is fine. */
  readonly check?: (value: ParamValue) => string | undefined;
}

export type ParamSchema = Readonly<Record<string, ParamSpec>>;

/** A whole number in [min, max]. */
export function intParam(value: number, help: string, min: number, max = Number.MAX_SAFE_INTEGER): ParamSpec {
  return {
    default: value,
    help,
    check: (v) =>
      Number.isInteger(v) && (v as number) >= min && (v as number) <= max
        ? undefined
        : `must be a whole number from ${min} to ${max}`,
  };
}

/** A finite number > 0. */
export function positiveParam(value: number, help: string): ParamSpec {
  return {
    default: value,
    help,
    check: (v) => ((v as number) > 0 && Number.isFinite(v) ? undefined : 'must be a number greater than 0'),
  };
}

export function defaultsOf(schema: ParamSchema): Params {
  return Object.freeze(Object.fromEntries(Object.entries(schema).map(([name, spec]) => [name, spec.default])));
}

export function helpOf(schema: ParamSchema): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(Object.entries(schema).map(([name, spec]) => [name, spec.help])));
}

function unknownParam(model: string, name: string, schema: ParamSchema): SaplingError {
  const valid = Object.keys(schema).join(', ');
  return new SaplingError(
    'BAD_PARAMETER',
    `unknown parameter '${name}' for model '${model}'; valid parameters: ${valid}`,
  );
}

/** Defaults merged with `given` (in schema order); throws BAD_PARAMETER for unknown names, wrong types or invalid values. */
export function resolveParams(model: string, schema: ParamSchema, given: Params = {}): Params {
  for (const name of Object.keys(given)) if (!Object.hasOwn(schema, name)) throw unknownParam(model, name, schema);
  const out: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const value = Object.hasOwn(given, name) ? given[name] : spec.default;
    if (typeof value !== typeof spec.default || (typeof value === 'number' && Number.isNaN(value))) {
      throw new SaplingError(
        'BAD_PARAMETER',
        `parameter '${name}' of model '${model}' must be a ${typeof spec.default}, got ${JSON.stringify(value)}`,
      );
    }
    const problem = spec.check?.(value);
    if (problem !== undefined)
      throw new SaplingError(
        'BAD_PARAMETER',
        `parameter '${name}' of model '${model}' ${problem} (got ${JSON.stringify(value)})`,
      );
    out[name] = value;
  }
  return Object.freeze(out);
}

/** CLI strings → typed values (by each default's type), then full validation as in resolveParams. */
export function parseParamStrings(model: string, schema: ParamSchema, raw: Readonly<Record<string, string>>): Params {
  const typed: Record<string, ParamValue> = {};
  for (const [name, text] of Object.entries(raw)) {
    if (!Object.hasOwn(schema, name)) throw unknownParam(model, name, schema);
    const kind = typeof schema[name].default;
    const s = text.trim();
    if (kind === 'number') {
      const v = s === '' ? NaN : Number(s);
      if (!Number.isFinite(v))
        throw new SaplingError(
          'BAD_PARAMETER',
          `parameter '${name}' of model '${model}' must be a number, got '${text}'`,
        );
      typed[name] = v;
    } else if (kind === 'boolean') {
      if (s !== 'true' && s !== 'false')
        throw new SaplingError(
          'BAD_PARAMETER',
          `parameter '${name}' of model '${model}' must be true or false, got '${text}'`,
        );
      typed[name] = s === 'true';
    } else {
      typed[name] = s;
    }
  }
  return resolveParams(model, schema, typed);
}
