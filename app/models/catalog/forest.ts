import { ENGINE_FOREST_PARAMS } from '../engine-params.js';
import { describeModel } from '../describe.js';

export const forest = describeModel({
  id: 'forest',
  label: 'Random forest',
  family: 'tree ensemble',
  description:
    'Many trees, each grown on a bootstrap sample of the rows and a random subset of the columns at every split; their votes are averaged. Accurate with little tuning.',
  color: '#0072B2',
  selectedByDefault: true,
  encoding: 'native',
  explainer: 'tree-shap',
  tags: { probabilities: true, impurityImportance: true, treeView: false, counterfactual: true },
  params: ENGINE_FOREST_PARAMS,
  learner: { kind: 'engine-forest', splitter: 'best' },
});
