import { ENGINE_TREE_PARAMS } from '../engine-params.js';
import { describeModel } from '../describe.js';

export const tree = describeModel({
  id: 'tree',
  label: 'Decision tree',
  family: 'single tree',
  description:
    'One tree of yes/no questions about the columns. Easy to read end to end; often less accurate than an ensemble of trees.',
  color: '#009E73',
  selectedByDefault: true,
  encoding: 'native',
  explainer: 'tree-shap',
  tags: { probabilities: true, impurityImportance: true, treeView: true, counterfactual: true },
  params: ENGINE_TREE_PARAMS,
  learner: { kind: 'engine-tree' },
});
