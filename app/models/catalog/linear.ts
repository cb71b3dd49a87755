import { describeModel } from '../describe.js';

export const linear = describeModel({
  id: 'linear',
  label: 'Linear (logistic / ridge)',
  family: 'linear',
  description:
    'A weighted sum of the standardized columns: logistic regression for classes, ridge regression for numbers. The simplest baseline; each weight is one number to read.',
  color: '#D55E00',
  selectedByDefault: true,
  encoding: 'onehot',
  explainer: 'linear-shap',
  tags: { probabilities: true, impurityImportance: false, treeView: false, counterfactual: false },
});
