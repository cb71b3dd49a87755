import { describeModel } from '../describe.js';
import { intParam, positiveParam } from '../params.js';

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
  params: {
    C: positiveParam(1, 'classification: inverse L2 penalty strength (as scikit-learn); smaller = simpler model'),
    alpha: positiveParam(1, 'regression: ridge penalty on standardized coefficients; larger = simpler model'),
    maxIter: intParam(1000, 'classification: maximum L-BFGS iterations', 1, 100000),
  },
  learner: { kind: 'linear' },
});
