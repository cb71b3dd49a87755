/**
 * Re-running a recorded run: the settings it used, the fingerprint check, and the number-by-number
 * comparison that says whether the run reproduced. Timing blocks are the only numbers allowed to differ
 * (they measure this machine, not the models).
 */
import type { Dataset } from '../data/dataset.js';
import type { CompareSettings } from '../settings/compare.js';
import { SaplingError } from '../util/errors.js';
import type { DatasetRecord, RunSettings } from './record.js';

/**
 * A record's settings are the comparison's own settings as runSettingsOf (record.ts) wrote them, in plain
 * JSON, so they run again as they are: one mapping, kept in one place.
 */
export function compareSettingsOf(settings: RunSettings): CompareSettings {
  // The model files are not settings: reproduce reads them again (checked by SHA-256) and passes them beside.
  const { preTrained: _files, ...compare } = settings;
  return compare;
}

/** The data must be byte-for-byte the data the run used: otherwise no number can be expected to match. */
export function checkFingerprint(
  recorded: DatasetRecord,
  file: Pick<Dataset['source'], 'sha256' | 'fileName'>,
  path: string,
): void {
  if (file.sha256 !== recorded.sha256) {
    throw new SaplingError(
      'BAD_INPUT',
      `${path} is not the data this run used: its SHA-256 is ${file.sha256.slice(0, 12)}…, the record says ${recorded.sha256.slice(0, 12)}… (${recorded.fileName}, ${recorded.bytes} bytes). The file changed since the run, or this is another file.`,
      { file: file.fileName },
    );
  }
}

export interface Difference {
  /** Where, e.g. models[0].metrics.accuracy.mean. */
  readonly path: string;
  readonly recorded: unknown;
  readonly reproduced: unknown;
}

/**
 * Every leaf that differs between two JSON documents, skipping keys in `ignore` at any depth.
 * Both sides go through JSON first, so NaN (written as null) compares equal to itself.
 */
export function differences(
  recorded: unknown,
  reproduced: unknown,
  ignore: readonly string[] = ['timing'],
): Difference[] {
  const out: Difference[] = [];
  walk(
    JSON.parse(JSON.stringify(recorded ?? null)),
    JSON.parse(JSON.stringify(reproduced ?? null)),
    '',
    new Set(ignore),
    out,
  );
  return out;
}

function walk(a: unknown, b: unknown, path: string, ignore: ReadonlySet<string>, out: Difference[]): void {
  if (
    a !== null &&
    b !== null &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    Array.isArray(a) === Array.isArray(b)
  ) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])];
    for (const key of keys) {
      if (ignore.has(key)) continue;
      walk(ao[key], bo[key], Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key, ignore, out);
    }
    return;
  }
  if (!Object.is(a, b)) out.push({ path: path || '(the whole document)', recorded: a, reproduced: b });
}
