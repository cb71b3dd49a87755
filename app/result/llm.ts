/**
 * The LLM's section of the comparison JSON (`CompareResult.llm`), the cascade curve
 * (`CompareResult.cascade`) and the distilled tree (`CompareResult.distilled`). Like the rest of the
 * result, everything but `timing` follows from data, settings, seed and the model's answers — which
 * the response cache pins down for re-runs.
 */
import type { ImportanceEntry, Summary } from './summary.js';
import type { LlmSettings, PromptVariantKind } from '../settings/llm.js';

export interface LlmEstimate {
  readonly requests: number;
  /** Of those, already in the response cache (cost nothing). */
  readonly cachedRequests: number;
  readonly tokensIn: number;
  /** Upper estimate: the longest answer's tokens per request. */
  readonly tokensOut: number;
  /** For the requests not cached, at the configured prices. */
  readonly cost: number;
  readonly minutes: number;
}

export interface LlmFoldRecord {
  readonly fold: number;
  /** Dataset rows asked (0-based, after rows with a missing target were dropped). */
  readonly rows: readonly number[];
  /** Dataset rows shown as examples: always from this fold's training rows. */
  readonly shotRows: readonly number[];
}

export interface LlmResult {
  /** 'llm' for the plain prompt; 'llm:retrieved', 'llm:columns' for the prompt variants. */
  readonly id: 'llm' | `llm:${PromptVariantKind}`;
  readonly label: string;
  readonly settings: Omit<LlmSettings, 'secondsPerRequestGuess'>;
  /** Test rows asked in total, and per fold in `folds`. */
  readonly sampleRows: number;
  readonly folds: readonly LlmFoldRecord[];
  /** The same metrics as the trees, per fold on the fold's sample, summarized over folds. */
  readonly metrics: Readonly<Record<string, Summary>>;
  readonly foldMetrics: readonly Readonly<Record<string, number>>[];
  /** Accuracy pooled over all sampled rows with its Wilson 95% interval: what the sample size allows one to say. */
  readonly pooledAccuracy?: { readonly value: number; readonly ci95: readonly [number, number]; readonly n: number };
  /** Rows = true class, columns = predicted class, then one last column for invalid answers. */
  readonly confusionMatrix?: readonly (readonly number[])[];
  /** 'available', or why ROC AUC, log loss and Brier are not (e.g. the server returned no log-probabilities). */
  readonly probabilities: string;
  readonly requests: number;
  readonly cachedResponses: number;
  /** Rows whose request failed after all retries: scored as wrong, like invalid answers. */
  readonly failedRows: number;
  readonly invalidAnswers: number;
  /** Of the invalid answers, those cut off at max_tokens (finish_reason "length") before they parsed. */
  readonly truncatedAnswers: number;
  /** (invalid answers + failed rows) / sample rows. */
  readonly invalidAnswerRate: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** What this run's HTTP requests cost at the configured prices (cached answers cost nothing). */
  readonly runCost: number;
  /** Cost of one thousand predictions at the configured prices, from the counted tokens of every answer (cached or not). */
  readonly estimatedCostPer1000: number;
  /** Share of re-asked rows that got the same answer the second time; null without a probe. `fromCache`: second answers replayed from the cache. */
  readonly determinism: { readonly rows: number; readonly agreement: number; readonly fromCache: number } | null;
  /**
   * Permutation importance on a small sample (`rows`): the drop in `metric` when one feature's values are shuffled
   * among those rows — the harness's model-agnostic measure, one repeat (std is NaN). Null when not asked for.
   */
  readonly importance: {
    readonly rows: number;
    readonly metric: string;
    readonly permutation: readonly ImportanceEntry[];
  } | null;
  /**
   * The model's own explanations for some answers — self-reported, not verified: they need not reflect how it decided.
   * `row` is a dataset row as in `folds` (0-based, after rows with a missing target were dropped).
   */
  readonly selfReported: {
    readonly note: string;
    readonly rows: readonly { readonly row: number; readonly answer: string; readonly reason: string }[];
  } | null;
  readonly estimate: LlmEstimate;
  /** The prompt variants (small models helping the LLM), each on exactly the plain prompt's rows. */
  readonly variants?: readonly LlmVariantResult[];
  /** Has the model memorised this file? Present when the check was asked for (`contaminationTrials` > 0). */
  readonly contamination?: ContaminationResult;
  /** LLM-written training rows and what they did to the trees. Present when asked for (`synthesizeRows` > 0). */
  readonly synthesis?: SynthesisResult;
  readonly notes: readonly string[];
  readonly timing: {
    /** Per answered row; cached answers count with the latency they had when first asked. */
    readonly latencyMsP50: number;
    readonly latencyMsP95: number;
    /** Rows answered per second of wall time in this run (cache hits included). */
    readonly rowsPerSecond: number;
    readonly wallSeconds: number;
  };
}

export interface CascadePoint {
  /** The tree answers when its top class probability is ≥ threshold; otherwise the LLM does. */
  readonly threshold: number;
  readonly accuracy: number;
  /** Share of rows sent to the LLM. */
  readonly llmShare: number;
  readonly costPer1000: number;
}

export interface CascadeResult {
  /** The tree-side model (id) used for routing. */
  readonly model: string;
  /** Rows the curve is computed on: the LLM's sampled test rows (each scored by its fold's models). */
  readonly rows: number;
  readonly treeOnly: { readonly accuracy: number; readonly costPer1000: number };
  readonly llmOnly: { readonly accuracy: number; readonly costPer1000: number };
  readonly points: readonly CascadePoint[];
}

export interface DistilledResult {
  /** Mean over folds of the share of held-out sampled rows where the surrogate tree agrees with the LLM. */
  readonly fidelity: number;
  readonly foldFidelity: readonly number[];
  /** Rows with a valid LLM answer the surrogate learned from (final tree: all of them). */
  readonly rows: number;
  readonly maxDepth: number;
  /** The final surrogate, trained on every valid LLM answer, as readable if/then rules. */
  readonly rules: readonly string[];
}

/** One prompt variant, scored like the plain prompt on the same sampled rows, and paired with it row by row. */
export interface LlmVariantResult extends Omit<
  LlmResult,
  'variants' | 'contamination' | 'determinism' | 'importance' | 'selfReported' | 'estimate'
> {
  readonly variant: PromptVariantKind;
  /** What the small model did for the prompt, in one sentence. */
  readonly description: string;
  /** 'columns': the columns each fold's prompt held (chosen on that fold's training rows). */
  readonly columns?: readonly { readonly fold: number; readonly columns: readonly string[] }[];
  /**
   * McNemar's exact test against the plain prompt on the same rows (classification): `b` rows only the plain prompt
   * answered right, `c` only the variant; `accuracyDelta` = variant − plain accuracy on those rows. Null for regression.
   */
  readonly vsPlain: {
    readonly b: number;
    readonly c: number;
    readonly p: number;
    readonly accuracyDelta: number;
  } | null;
}

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** One asked row. `answer` is a class code / number, or null when invalid or failed. */
export interface LlmRowAnswer {
  readonly row: number;
  /** The response-cache key of this row's request: where its recorded reply is (an audit record lists these). */
  readonly key: string;
  readonly fold: number;
  /** The exact conversation sent for this row (system line, k examples, the row): what the per-decision card shows. */
  readonly messages: readonly ChatMessage[];
  readonly text: string;
  readonly answer: number | null;
  readonly failed: boolean;
  /** The server stopped at max_tokens (finish_reason "length") and the reply did not parse: invalid because cut. */
  readonly truncated: boolean;
  readonly proba: Float64Array | null;
  readonly latencyMs: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly cached: boolean;
}

export type ContaminationTestName = 'header' | 'row' | 'feature';

export interface ContaminationTest {
  readonly test: ContaminationTestName;
  /** Rows (header test, row completion) or values (feature completion) the model was asked to reproduce. */
  readonly trials: number;
  /** Exactly reproduced. */
  readonly matches: number;
  readonly rate: number;
  /** Feature completion only: the column left out, and how often its most frequent value would have been right. */
  readonly column?: string;
  readonly baselineRate?: number;
}

export interface ContaminationResult {
  readonly tests: readonly ContaminationTest[];
  readonly verdict: 'memorised' | 'no-evidence';
  /** One plain sentence for the app, the report and the CLI. */
  readonly message: string;
  readonly requests: number;
}

/** One training fold's synthetic rows: asked, written, dropped (by reason) and added. */
export interface SynthesisFold {
  readonly fold: number;
  /** Classification: the class the rows were asked for (the fold's least frequent). */
  readonly class?: string;
  /** Dataset rows shown as examples (0-based, after rows with a missing target were dropped): training rows only. */
  readonly exampleRows: readonly number[];
  readonly asked: number;
  /** Whole objects the replies held. */
  readonly received: number;
  readonly invalid: number;
  /** Valid rows dropped because they repeated another synthetic row or a real row of the file. */
  readonly duplicates: number;
  /** Rows added to this fold's training rows. */
  readonly added: number;
  /** Requests that failed after their retries (their rows are missing). */
  readonly failedRequests: number;
}

/** One tree model scored on the same untouched test folds, trained on real rows and on real + synthetic rows. */
export interface SynthesisEffect {
  readonly model: string;
  readonly label: string;
  readonly metric: string;
  /** Per fold: the score trained on real rows only (the leaderboard's) and with the fold's synthetic rows added. */
  readonly folds: readonly { readonly fold: number; readonly real: number; readonly synthetic: number }[];
  readonly real: number;
  readonly synthetic: number;
  /** Synthetic − real, mean over folds, with a t interval over the folds' paired differences. */
  readonly delta: { readonly mean: number; readonly ci95: readonly [number, number]; readonly n: number };
}

export interface SynthesisResult {
  /** Rows asked for per training fold. */
  readonly rowsPerFold: number;
  readonly folds: readonly SynthesisFold[];
  readonly invalidReasons: Readonly<Record<string, number>>;
  /** Requests sent in this run (cached replies cost nothing), and replies replayed from the cache. */
  readonly requests: number;
  readonly cachedResponses: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** What these requests cost this run, and what writing the rows costs at the configured prices (cached or not). */
  readonly runCost: number;
  readonly cost: number;
  /** Empty when no row survived the checks (nothing to re-score). */
  readonly effects: readonly SynthesisEffect[];
  readonly message: string;
}
