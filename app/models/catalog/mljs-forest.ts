import { describeModel } from '../describe.js';

export const mljsForest = describeModel({
  id: 'mljs-forest',
  label: 'Random forest (ml-cart)',
  family: 'tree ensemble',
  description:
    'A random forest built from ml-cart trees, kept as an independent second implementation to cross-check the engine on small data.',
  color: '#56B4E9',
  selectedByDefault: false,
  encoding: 'ordinal',
  explainer: 'tree-shap',
  tags: { probabilities: true, impurityImportance: true, treeView: false, counterfactual: false },
});
