/** Runs the real `sapling` command (bin/sapling.js) in a child process, as a user would. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONFIG_DIR_ENV, installationKey, type InstallationKey } from '../../io/signing-key.js';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/sapling.js', import.meta.url));

/**
 * The config folder of the `sapling` processes these tests start (one per test file): its run-signing key is the
 * one their logs are signed with, and the tests never touch the user's own config folder.
 */
export const TEST_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'sapling-config-'));

/** The run-signing key the CLI processes started by runCli sign with (e.g. to re-seal a log on purpose). */
export function cliKey(): Promise<InstallationKey> {
  return installationKey(TEST_CONFIG_DIR);
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `compare` and `train` append to sapling-runs.jsonl in the working directory by default: a test that runs them in
 * the repository itself must say --no-log (or --log elsewhere), else it would leave a run log in the checkout.
 */
function checkNoLogInRepository(args: readonly string[], cwd: string): void {
  const logs = args[0] === 'compare' || args[0] === 'train';
  if (
    logs &&
    resolve(cwd) === resolve(ROOT) &&
    !args.includes('--no-log') &&
    !args.includes('--log') &&
    !args.includes('--help')
  ) {
    throw new Error(
      `runCli: '${args.join(' ')}' would append to sapling-runs.jsonl in the repository: pass --no-log, --log PATH, or a temporary cwd`,
    );
  }
}

export function runCli(
  args: string[],
  /** interruptWhen: send SIGINT (Ctrl-C) once stderr has a line matching it. */
  options: { cwd?: string; env?: Record<string, string>; interruptWhen?: RegExp } = {},
): Promise<CliResult> {
  checkNoLogInRepository(args, options.cwd ?? ROOT);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, [CONFIG_DIR_ENV]: TEST_CONFIG_DIR, ...options.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    let interrupted = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (options.interruptWhen && !interrupted && options.interruptWhen.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The JSON result with every `timing` block removed: what must be identical between runs with the same seed. */
export function withoutTimings(json: string): unknown {
  return JSON.parse(json, (key, value: unknown) => (key === 'timing' ? undefined : value));
}
