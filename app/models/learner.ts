/**
 * A learner is the learning code behind one kind of model (app/models/describe.ts LearnerSpec): given a
 * model's description it returns the model's factory. The description supplies the id, label and parameter
 * schema, so two models sharing a learner (forest, extra-trees) differ only in their descriptions.
 */
import type { ModelId } from './catalog/index.js';
import type { ModelDescription } from './describe.js';
import type { Estimator, FittedModel, ModelFactory, SerializedModel } from './estimator.js';
import type { Task } from './matrix.js';
import { defaultsOf, helpOf, resolveParams, type Params } from './params.js';
import { checkTask } from './validate.js';

export type Learner = (description: ModelDescription<ModelId>) => ModelFactory;

/** The factory of a described model: parameters are validated against its schema before `create` sees them. */
export function describedFactory(
  d: ModelDescription<ModelId>,
  parts: {
    readonly create: (task: Task, params: Params) => Estimator;
    readonly fromJSON: (json: SerializedModel) => FittedModel;
  },
): ModelFactory {
  return {
    id: d.id,
    label: d.label,
    description: d,
    defaults: defaultsOf(d.params),
    paramHelp: helpOf(d.params),
    create: (task: Task, params?: Params): Estimator =>
      parts.create(checkTask(task), resolveParams(d.id, d.params, params)),
    fromJSON: parts.fromJSON,
  };
}
