import { describeModel } from '../describe.js';

export const mljsTree = describeModel({
  id: 'mljs-tree',
  label: 'Decision tree (ml-cart)',
  family: 'single tree',
  description:
    'A decision tree from the ml-cart library, kept as an independent second implementation to cross-check the engine on small data.',
  color: '#8C6D31',
  selectedByDefault: false,
  encoding: 'ordinal',
  explainer: 'tree-shap',
  tags: { probabilities: true, impurityImportance: true, treeView: true, counterfactual: false },
});
