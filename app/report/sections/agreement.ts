/** Where models that score alike still answer differently: the agreement heatmap on held-out rows. */
import { modelColor } from '../../models/catalog/index.js';
import { fmtCount } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { heatmap } from '../heatmap.js';

export const agreementSection: ReportSection = {
  id: 'prediction-agreement',
  title: 'How often the models agree',
  render({ result }) {
    const a = result.predictionAgreement;
    if (!a) return null;
    const share = a.measure === 'same-class';
    const chart = heatmap({
      labels: a.labels,
      colors: a.ids.map(modelColor),
      matrix: a.matrix,
      format: (v) => (share ? `${Math.round(v * 100)}%` : v.toFixed(2)),
      title: share ? 'Share of held-out rows with the same predicted class' : 'Correlation of held-out predictions',
    });
    const what = share
      ? 'the share of held-out rows on which two models predict the same class'
      : 'the correlation (Pearson r) of two models’ predictions on held-out rows';
    return (
      `<p>Each square is ${what} (${fmtCount(a.rows)} rows). Two models with the same score can still decide ` +
      `differently for the same person: a low square means the choice between them matters row by row.</p>` +
      `<figure>${chart}</figure>`
    );
  },
};
