/** Command-line argument helpers shared by the commands (built on Node's own util.parseArgs). */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { SaplingError } from '../app/util/errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** CSV reading options every command that reads a CSV accepts (read by cli/load.ts). */
export const CSV_OPTIONS = {
  delimiter: { type: 'string' },
  missing: { type: 'string' },
  'decimal-comma': { type: 'boolean' },
  encoding: { type: 'string' },
} as const satisfies OptionSpec;

/** CSV_OPTIONS as a usage line. */
export const CSV_USAGE =
  '[--delimiter , | ; | tab | "|"] [--missing NA,?] [--decimal-comma] [--encoding utf-8 | windows-1252 | latin1]';

export function parse<T extends OptionSpec>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs messages are already specific ("Unknown option '--fold'"); add the usage line.
    throw new SaplingError(
      'BAD_PARAMETER',
      `${(error as Error).message.replace(/\. To specify.*$/s, '')}\nusage: ${usage}`,
    );
  }
}

export function requireString(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new SaplingError('BAD_PARAMETER', `missing ${flag}\nusage: ${usage}`);
  return value;
}

export function parseList(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}

export function parseNumber(
  value: string | undefined,
  flag: string,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new SaplingError('BAD_PARAMETER', `${flag} must be ${expected}, got '${value}'`);
  }
  return n;
}

/** `--param name=value` (train) or `--param model.name=value` (compare) into raw string maps. */
export function parseParamFlags(values: string[] | undefined, qualified: boolean): Map<string, Record<string, string>> {
  const byModel = new Map<string, Record<string, string>>();
  for (const raw of values ?? []) {
    const eq = raw.indexOf('=');
    const key = eq > 0 ? raw.slice(0, eq).trim() : '';
    if (!key)
      throw new SaplingError(
        'BAD_PARAMETER',
        `--param takes ${qualified ? 'model.name=value' : 'name=value'}, got '${raw}'`,
      );
    const dot = key.indexOf('.');
    if (qualified && dot <= 0)
      throw new SaplingError('BAD_PARAMETER', `--param takes model.name=value (e.g. forest.trees=200), got '${raw}'`);
    const model = qualified ? key.slice(0, dot) : '';
    const name = qualified ? key.slice(dot + 1) : key;
    const entry = byModel.get(model) ?? {};
    entry[name] = raw.slice(eq + 1).trim();
    byModel.set(model, entry);
  }
  return byModel;
}

/** `--trust FP,FP`: run-log signers to accept besides this installation's own key (app/audit/chain.ts). */
export const TRUST_OPTION = { trust: { type: 'string' } } as const;

export function parseTrust(value: string | undefined): string[] {
  const fingerprints = parseList(value);
  for (const fp of fingerprints)
    if (!/^ed25519:[0-9a-f]{32}$/.test(fp))
      throw new SaplingError(
        'BAD_PARAMETER',
        `--trust takes key fingerprints as audit verify prints them (ed25519: and 32 hex digits), got '${fp}'`,
      );
  return fingerprints;
}
