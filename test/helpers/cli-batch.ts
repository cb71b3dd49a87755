/**
 * Runs many `sapling` command lines in ONE process, through the CLI's own entry point (cli/main.ts `main`: the
 * same dispatch and error handling as bin/sapling.js), and writes each one's exit code, stdout, stderr — or the
 * exception that escaped main, which bin/sapling.js would print as a stack trace — as JSON. Spawning the CLI
 * once per command line costs ~0.5 s of CPU each; a corpus of 90 command lines would dominate the suite.
 *   node --import tsx test/helpers/cli-batch.ts <commands.json> <results.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { main } from '../../cli/main.js';

export interface BatchResult {
  readonly argv: readonly string[];
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when something other than a SaplingError escaped main (a bug: the real CLI would print a stack). */
  readonly escaped?: string;
}

const [commandsPath, resultsPath] = process.argv.slice(2);
const commands = JSON.parse(readFileSync(commandsPath, 'utf8')) as string[][];
const results: BatchResult[] = [];
const out = process.stdout.write.bind(process.stdout);
const err = process.stderr.write.bind(process.stderr);
for (const argv of commands) {
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => (
    (stdout += String(chunk)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (
    (stderr += String(chunk)),
    true
  )) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    results.push({ argv, code, stdout, stderr });
  } catch (error) {
    results.push({ argv, code: null, stdout, stderr, escaped: (error as Error).stack ?? String(error) });
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
writeFileSync(resultsPath, JSON.stringify(results));
