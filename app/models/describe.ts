/**
 * What a model says about itself — scikit-learn's estimator tags, as data. One `ModelDescription` per model,
 * in app/models/catalog/<id>.ts; the catalog (app/models/catalog/index.ts) lists them and everything that
 * used to switch on model ids (colours, input encoding, explainer, tree view, counterfactuals) reads these
 * fields instead.
 *
 * This module and the catalog are LIGHT: plain data and types, no learning code, so the renderer bundle can
 * import them (test/app/models/catalog.test.ts walks their imports to keep it so).
 */

import type { ParamSchema } from './params.js';

/** How the preprocessor hands a model its inputs (app/pipeline/preprocess.ts). */
export type InputEncoding =
  /** Numbers as they are, categories as codes the model splits on natively, missing values kept (NaN). */
  | 'native'
  /** Missing values imputed, categories as sorted integer codes. */
  | 'ordinal'
  /** Missing values imputed, one 0/1 column per category. */
  | 'onehot';

/** A family groups models that look alike to a user (the UI and report may group by it). */
export type ModelFamily = 'single tree' | 'tree ensemble' | 'boosted trees' | 'linear';

export interface ModelTags {
  /** `predictProba` gives meaningful class probabilities (all Sapling classifiers do). */
  readonly probabilities: boolean;
  /** `impurityImportance()` returns a vector rather than undefined. */
  readonly impurityImportance: boolean;
  /** One readable tree the Inspect view can draw (and rules can be read from). */
  readonly treeView: boolean;
  /** The decision card searches a nearest counterfactual for this model (cheap, exact for the engine's trees). */
  readonly counterfactual: boolean;
  /** A second, independent implementation kept to cross-check another model (the app lists it apart). */
  readonly reference?: boolean;
}

/**
 * Which learning code fits the model (app/registry/learners.ts maps each kind to it). Several models may share
 * a learner with different settings: `forest` and `extra-trees` are both the engine's forest learner, one
 * searching the best threshold of each candidate feature, the other drawing one at random.
 */
export type LearnerSpec =
  | { readonly kind: 'engine-tree' }
  | { readonly kind: 'engine-forest'; readonly splitter: 'best' | 'random' }
  | { readonly kind: 'engine-boost' }
  | { readonly kind: 'mljs-tree' }
  | { readonly kind: 'mljs-forest' }
  | { readonly kind: 'linear' };

export type LearnerKind = LearnerSpec['kind'];

export interface ModelDescription<Id extends string = string> {
  readonly id: Id;
  /** Short name shown in lists, legends and the report. */
  readonly label: string;
  readonly family: ModelFamily;
  /** One or two plain-language sentences: what it is, when it is a good choice. */
  readonly description: string;
  /** The model's one colour, shared by every chart of the desktop app and the exported report. */
  readonly color: string;
  /** Ticked when the app starts and run by `sapling compare` without --models. */
  readonly selectedByDefault: boolean;
  readonly encoding: InputEncoding;
  /** TreeSHAP (exact, for trees) or linear SHAP (coefficient × centred input). */
  readonly explainer: 'tree-shap' | 'linear-shap';
  readonly tags: ModelTags;
  /** Every parameter with its default, limits and help (CLI flags, UI form and validation derive from it). */
  readonly params: ParamSchema;
  readonly learner: LearnerSpec;
}

/** Keeps the id's literal type, so the catalog can derive the `ModelId` union from its entries. */
export function describeModel<const Id extends string>(d: ModelDescription<Id>): ModelDescription<Id> {
  return Object.freeze({ ...d, tags: Object.freeze({ ...d.tags }), params: Object.freeze({ ...d.params }) });
}
