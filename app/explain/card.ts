/**
 * The per-decision card of a finished comparison (the desktop's Inspect view): one row — or the user's
 * what-if edit of it — through every model of the fold that held the row out, plus the nearest
 * counterfactual for the models tagged `counterfactual` (the engine's tree and forests); and the LLM baseline's stored answer, when it was asked about the row.
 */
import { columnByName } from '../data/dataset.js';
import type { ComparisonArtifacts } from '../result/artifacts.js';
import type { CompareResult } from '../result/compare.js';
import type { DecisionCardView } from '../result/views.js';
import { modelDescription } from '../models/catalog/index.js';
import { SaplingError } from '../util/errors.js';
import { nearestCounterfactual } from './counterfactual.js';
import { decisionCard, type DecisionModel } from './decision.js';
import { llmDecision, llmDisagrees } from './llm-decision.js';
import { rowValues } from './rows.js';
import { trainedModels } from '../evaluate/model-rows.js';

export interface CardRequest {
  /** 0-based data row of the file (what the card reports). */
  readonly fileRow: number;
  /** The same row in artifacts.dataset. */
  readonly row: number;
  /** The fold whose test set holds the row. */
  readonly fold: number;
  readonly edits: Readonly<Record<string, string>>;
  readonly top: number;
}

export function decisionCardFor(
  result: CompareResult,
  artifacts: ComparisonArtifacts,
  request: CardRequest,
): DecisionCardView {
  const { dataset, features, folds } = artifacts;
  const original = rowValues(dataset, request.row);
  for (const name of Object.keys(request.edits)) {
    if (!features.includes(name)) {
      throw new SaplingError(
        'BAD_PARAMETER',
        `'${name}' is not a feature of this comparison; the features are: ${features.join(', ')}`,
      );
    }
  }
  const values = { ...original, ...request.edits };
  const models: DecisionModel[] = trainedModels(result).map((m) => ({
    id: m.id,
    label: m.label,
    pipeline: artifacts.models.get(m.id)!.pipelines[request.fold],
  }));
  const card = decisionCard(models, dataset, values, request.top);
  const train = folds[request.fold].train;
  const counterfactuals =
    result.dataset.task === 'classification'
      ? models
          .filter((m) => modelDescription(m.pipeline.model.id)?.tags.counterfactual === true)
          .map((m) => ({ modelId: m.id, counterfactual: nearestCounterfactual(m, dataset, train, values) }))
      : [];
  const edited = features.filter((f) => values[f] !== original[f]);
  // The LLM is never asked again for a what-if (it costs money): its answer stays the file row's, marked stale.
  const llm = llmDecision(result, artifacts, request.row, edited.length > 0);
  const classification = result.dataset.task === 'classification';
  const choices: Record<string, string[]> = {};
  for (const name of features) {
    const column = columnByName(dataset, name);
    if (column?.storage === 'category') {
      const seen = new Set<number>();
      for (const r of train) if (column.codes[r] >= 0) seen.add(column.codes[r]);
      choices[name] = [...seen].sort((a, b) => a - b).map((c) => column.categories[c]);
    } else if (column?.type === 'boolean' && column.booleanLabels) choices[name] = [...column.booleanLabels];
  }
  return {
    row: request.fileRow,
    fold: request.fold,
    actual: original[result.dataset.target] ?? '',
    values,
    edited,
    features,
    choices,
    models: card.models,
    disagree:
      card.disagree ||
      (classification &&
        llmDisagrees(
          llm,
          card.models.map((m) => m.prediction),
        )),
    counterfactuals,
    ...(llm ? { llm } : {}),
  };
}
