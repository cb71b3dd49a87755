/**
 * Keeps secrets out of records, logs and reports. A record has no field for a key, but settings and
 * messages pass through from users and endpoints: any property named like a credential is replaced,
 * and any string that looks like a bearer token or an API key (sk-…, Bearer …) is masked.
 */
export const REDACTED = '[redacted]';

/** Whole property names only: `missingTokens` or `maxTokens` are settings, not secrets. */
const SECRET_NAME =
  /^(x-)?(api[-_]?key|authorization|(client[-_]?)?secret|password|passwd|(access[-_]?|auth[-_]?|bearer[-_]?|refresh[-_]?)?token|credentials?)$/i;
const SECRET_TEXT = [
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(?:xox[bp]|ghp|gho|AIza)[A-Za-z0-9_-]{16,}/g,
];

export function redactSecrets<T>(value: T): T {
  return redact(value) as T;
}

function redact(value: unknown): unknown {
  if (typeof value === 'string') return SECRET_TEXT.reduce((text, pattern) => text.replace(pattern, REDACTED), value);
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_NAME.test(k) ? REDACTED : redact(v)]));
  }
  return value;
}
