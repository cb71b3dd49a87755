/**
 * Canonical JSON: the one byte sequence a value hashes as, whoever wrote it.
 *
 * Object keys sorted by UTF-16 code units, no whitespace, strings and numbers exactly as
 * JSON.stringify writes them — the rules of RFC 8785 (JCS), whose number and string forms are
 * ECMAScript's own. Like JSON.stringify, non-finite numbers become null and undefined properties
 * are dropped, so a value hashes the same before it is written and after it is read back.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return 'null'; // functions, symbols, bigints: never part of a record
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return canonicalJson(withToJson.toJSON());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
