/**
 * Model parameter inputs: the UI edits text, the contract wants typed values. A parameter's type is its
 * default's type (as in app/models/params.ts); range rules are checked by the core and come back as errors.
 */

export type ParamValue = number | string | boolean;

export type ParsedParam =
  { readonly ok: true; readonly value: ParamValue } | { readonly ok: false; readonly message: string };

/** Text from an input → a value of the default's type. */
export function parseParamInput(raw: string, defaultValue: ParamValue): ParsedParam {
  if (typeof defaultValue === 'boolean') {
    if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
    return { ok: false, message: 'must be true or false' };
  }
  if (typeof defaultValue === 'number') {
    const text = raw.trim();
    if (text === '') return { ok: false, message: 'enter a number' };
    const value = Number(text);
    if (!Number.isFinite(value)) return { ok: false, message: 'must be a number' };
    // Range rules (whole numbers, minimums) are the core's: it names the rule in its error.
    return { ok: true, value };
  }
  if (raw.length > 100) return { ok: false, message: 'at most 100 characters' };
  return { ok: true, value: raw };
}

/** The value as the text an input shows. */
export function paramText(value: ParamValue): string {
  return String(value);
}

/** Parameters that differ from the defaults (what the CLI equivalent needs to spell out). */
export function changedParams(
  values: Readonly<Record<string, ParamValue>>,
  defaults: Readonly<Record<string, ParamValue>>,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(values)) if (defaults[name] !== value) out[name] = value;
  return out;
}
