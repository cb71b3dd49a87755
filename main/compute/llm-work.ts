/**
 * The compute worker's LLM work that needs no finished run: the exact prompt for one row, the estimate of a
 * comparison's LLM part, and what a comparison needs to ask the LLM (client, cache, key).
 */
import { isMissing, type Dataset } from '../../app/data/dataset.js';
import { requireColumn } from '../../app/data/target.js';
import type { CompareOptions } from '../../app/compare/run.js';
import type { CompareSettings } from '../../app/settings/compare.js';
import type { LlmEstimate, LlmPromptPreview, Request } from '../../app/ipc/contract.js';
import { defaultDeps, type FetchLike } from '../../app/llm/client.js';
import type { LlmSettings } from '../../app/settings/llm.js';
import { comparisonLlmInputs, estimateComparisonLlm } from '../../app/compare/llm-plan.js';
import { buildMessages } from '../../app/llm/prompt.js';
import { sampleFolds } from '../../app/llm/sample.js';
import { SaplingError } from '../../app/util/errors.js';
import { DirectoryCache } from '../../io/llm-cache.js';

/** The LLM part of a runCompare call, added by main: settings, the key (main → worker only), the response cache folder. */
export interface LlmRunArgs {
  readonly settings: LlmSettings;
  readonly apiKey?: string;
  readonly cacheDir: string;
}

/** estimateLlm as the worker gets it: the renderer's request plus the saved settings main adds. */
export type EstimateArgs = Request<'estimateLlm'> & { readonly llm: LlmSettings; readonly cacheDir: string };

/** The exact conversation for one row (a file row, 0-based), with the examples its fold would show. */
export function previewPrompt(source: Dataset, args: Request<'previewLlmPrompt'>): LlmPromptPreview {
  const targetColumn = requireColumn(source, args.target);
  if (args.row >= source.rowCount)
    throw new SaplingError(
      'BAD_PARAMETER',
      `row ${args.row + 1} does not exist: ${source.source.fileName} has ${source.rowCount} data rows`,
    );
  if (isMissing(targetColumn, args.row))
    throw new SaplingError(
      'BAD_INPUT',
      `row ${args.row + 1} has no value for the target '${args.target}', so the LLM would not be asked about it`,
    );
  let row = 0;
  for (let i = 0; i < args.row; i++) if (!isMissing(targetColumn, i)) row++;
  const inputs = comparisonLlmInputs(source, compareSplit(args));
  const fold = inputs.folds.find((f) => f.test.includes(row)) ?? inputs.folds[0];
  const shotRows = sampleFolds(inputs.target, [fold], 1, args.shots, args.seed)[0].shotRows;
  const ctx = {
    dataset: inputs.dataset,
    targetName: args.target,
    target: inputs.target,
    features: inputs.features,
    template: args.template,
    instructions: args.instructions,
    structured: true,
  };
  return { fold: fold.index, messages: buildMessages(ctx, row, shotRows) };
}

export function estimateLlm(source: Dataset, args: EstimateArgs): Promise<LlmEstimate> {
  return estimateComparisonLlm(source, { ...compareSplit(args), llm: args.llm }, new DirectoryCache(args.cacheDir));
}

/** What runComparison needs to ask the LLM during a comparison. */
export function llmRuntime(llm: LlmRunArgs): NonNullable<CompareOptions['llm']> {
  return {
    ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
    deps: defaultDeps(fetch as unknown as FetchLike),
    cache: new DirectoryCache(llm.cacheDir),
  };
}

function compareSplit(args: EstimateArgs | Request<'previewLlmPrompt'>): CompareSettings {
  return {
    target: args.target,
    seed: args.seed,
    ...(args.task !== undefined ? { task: args.task } : {}),
    ...(args.exclude !== undefined ? { exclude: args.exclude } : {}),
    ...(args.holdout !== undefined ? { holdout: args.holdout } : {}),
    ...(args.folds !== undefined ? { folds: args.folds } : {}),
  };
}
