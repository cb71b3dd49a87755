import { ENGINE_BOOST_PARAMS } from '../engine-params.js';
import { describeModel } from '../describe.js';

export const boost = describeModel({
  id: 'boost',
  label: 'Gradient boosting',
  family: 'boosted trees',
  description:
    'Small trees added one after another, each correcting the errors of those before it. Often the most accurate on tables; needs more care against overfitting.',
  color: '#CC79A7',
  selectedByDefault: true,
  encoding: 'native',
  explainer: 'tree-shap',
  tags: { probabilities: true, impurityImportance: true, treeView: false, counterfactual: false },
  params: ENGINE_BOOST_PARAMS,
  learner: { kind: 'engine-boost' },
});
