/** What an LLM run is asked about: the comparison's own data, target, features and folds (its own file, so that the
 * LLM modules can share it without importing the evaluation loop — and each other — in a circle). */
import type { Dataset } from '../data/dataset.js';
import type { Target } from '../models/matrix.js';
import type { Fold } from '../result/artifacts.js';

export interface LlmInputs {
  readonly dataset: Dataset;
  readonly targetName: string;
  readonly target: Target;
  readonly features: readonly string[];
  readonly folds: readonly Fold[];
}
