/**
 * The `sapling compare` command line equivalent to the settings chosen in the UI, so a desktop run can be
 * reproduced (and scripted) from a terminal.
 */

export interface CliSettings {
  readonly fileName: string;
  readonly target: string;
  readonly models: readonly string[];
  readonly folds?: number;
  readonly holdout?: number;
  readonly seed: number;
  readonly task?: 'classification' | 'regression';
  readonly exclude?: readonly string[];
  readonly repeats?: number;
  readonly rope?: number;
  readonly calibrate?: 'isotonic' | 'platt';
  readonly subgroups?: readonly string[];
  /** A near-constant target the user confirmed. */
  readonly confirmTarget?: boolean;
  /** Only the parameters that differ from the defaults. */
  readonly params?: Readonly<Record<string, Readonly<Record<string, number | string | boolean>>>>;
  /** The LLM baseline's saved settings, when the run includes it (the key is never part of a command: it comes from SAPLING_LLM_API_KEY). */
  readonly llm?: LlmUserSettings;
  /** `--test-file`: the other file's name (the command runs next to both files). */
  readonly testFile?: string;
}

import type { LlmUserSettings } from '../../../app/ipc/contract.js';
import { DEFAULT_INSTRUCTIONS } from '../../../app/settings/llm.js';

/** POSIX-shell quoting: bare when safe, else single quotes. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_./:=,@%+-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function cliCommand(s: CliSettings): string {
  const words = [
    'npx',
    'sapling',
    'compare',
    s.fileName,
    '--target',
    s.target,
    '--models',
    [...s.models, ...(s.llm ? ['llm'] : [])].join(','),
  ];
  if (s.holdout !== undefined) words.push('--holdout', String(s.holdout));
  else words.push('--folds', String(s.folds ?? 5));
  words.push('--seed', String(s.seed));
  if (s.task !== undefined) words.push('--task', s.task);
  if (s.exclude !== undefined && s.exclude.length > 0) words.push('--exclude', s.exclude.join(','));
  if (s.repeats !== undefined) words.push('--repeats', String(s.repeats));
  if (s.rope !== undefined) words.push('--rope', String(s.rope));
  if (s.calibrate !== undefined) words.push('--calibrate', s.calibrate);
  if (s.subgroups !== undefined && s.subgroups.length > 0) words.push('--subgroups', s.subgroups.join(','));
  if (s.confirmTarget) words.push('--confirm-target');
  if (s.testFile !== undefined) words.push('--test-file', s.testFile);
  for (const model of s.models) {
    for (const [name, value] of Object.entries(s.params?.[model] ?? {}))
      words.push('--param', `${model}.${name}=${String(value)}`);
  }
  if (s.llm) {
    const l = s.llm;
    words.push(
      '--llm-provider',
      l.provider,
      '--llm-base-url',
      l.baseUrl,
      '--llm-model',
      l.model,
      '--llm-sample',
      String(l.sampleRows),
      '--llm-shots',
      String(l.shots),
    );
    if (l.template !== 'text') words.push('--llm-template', l.template);
    if (l.instructions !== DEFAULT_INSTRUCTIONS) words.push('--llm-instructions', l.instructions);
    words.push('--llm-price-in', String(l.inputPer1M), '--llm-price-out', String(l.outputPer1M));
    if (l.retrievedExamples) words.push('--llm-retrieved');
    if (l.treeColumns) words.push('--llm-columns', String(l.treeColumns));
    if (l.contaminationTrials) words.push('--llm-contamination', String(l.contaminationTrials));
    if (l.synthesizeRows) words.push('--llm-synthesize', String(l.synthesizeRows));
  }
  return words.map(shellQuote).join(' ');
}
