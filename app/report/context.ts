/** What a report is built from: the comparison's result, and where available the data profile and the run record. */
import type { ChosenThreshold } from '../answer/threshold.js';
import type { RunRecord } from '../audit/record.js';
import type { DatasetProfile } from '../data/profile.js';
import type { CompareResult } from '../result/compare.js';
import type { DecisionCardView } from '../result/views.js';

export interface ReportRun {
  /** The sealed record's hash, seq and log file name: the reader's link to `sapling audit verify`. */
  readonly hash: string;
  readonly prev: string;
  readonly seq: number;
  readonly log: string;
  readonly record: RunRecord;
  /** Fingerprint of the key that signed the record (compare it with `sapling audit verify`'s output). */
  readonly signer?: string;
}

export interface ReportInput {
  readonly result: CompareResult;
  /** Column types, class balance and profile warnings (profileDataset on the same file and target). */
  readonly profile?: DatasetProfile;
  /** The run record this report belongs to; without one the appendix says the run was not logged. */
  readonly run?: ReportRun;
  /** When the report was written (ISO 8601). */
  readonly generatedAt: string;
  /** Selected per-decision cards (app/report/cards.ts picks the rows); absent or empty = none asked for. */
  readonly cards?: readonly DecisionCardView[];
  /** Decision thresholds the user chose (desktop slider, `compare --threshold`), checked by chosenThresholdProblem. */
  readonly thresholds?: readonly ChosenThreshold[];
}

/**
 * One section of the report. Sections are independent modules (sections/*.ts) listed in report.ts:
 * a new analysis (SHAP, verdicts, calibration, subgroups, decision cards, the LLM baseline) adds one file
 * and one line there. `analyses` names what the section shows, so the limitations can list, plainly, which
 * analyses were not part of this run.
 */
export interface ReportSection {
  readonly id: string;
  readonly title: string;
  /** Names from ANALYSES that this section covers when it renders (a function when that depends on the run). */
  readonly analyses?: readonly Analysis[] | ((input: ReportInput) => readonly Analysis[]);
  /** The section's inner HTML, or null when the run has nothing for it (then it is left out). */
  render(input: ReportInput): string | null;
  /**
   * What the method shown here cannot tell (plain sentences), listed under Limitations when the section renders —
   * e.g. an LLM section's "the model's stated reasons are self-reported, not how it decided".
   */
  caveats?(input: ReportInput): readonly string[];
}

/** The analyses a Sapling report can hold (the issue's model-card outline). */
export const ANALYSES = [
  'leaderboard with intervals',
  'statistical verdicts (paired tests between models)',
  'accuracy vs latency and cost',
  'feature importance',
  'SHAP explanations',
  'calibration',
  'subgroup table',
  'per-decision cards',
  'LLM baseline',
  'cascade (tree first, LLM for the rest)',
  'distilled tree of the LLM',
  'evaluation on another file',
] as const;
export type Analysis = (typeof ANALYSES)[number];
