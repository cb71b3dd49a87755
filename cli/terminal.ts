/**
 * The CLI's only way out to the terminal: every command prints through these (lint forbids process.stdout.write and
 * process.stderr.write elsewhere in cli/), so no text from a file reaches the terminal raw (see terminalText).
 */
import { terminalText } from '../app/util/terminal-text.js';

/** Human-readable output: tables, summaries, usage. */
export function printOut(text: string): void {
  process.stdout.write(terminalText(text));
}

/** Errors, warnings, progress lines and "wrote …" notes. */
export function printErr(text: string): void {
  process.stderr.write(terminalText(text));
}

/**
 * Data on stdout that a user redirects to a file or a pipe (predict's CSV): kept byte-exact there, made safe only
 * when stdout is a terminal that would act on it.
 */
export function printData(text: string): void {
  process.stdout.write(process.stdout.isTTY ? terminalText(text) : text);
}
