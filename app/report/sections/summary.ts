/**
 * The report's first page: the answer (which model, why, the alternatives), what it was ranked by and against
 * which baseline, the checks a reader must know about (protected attributes, warnings), and the ROC and
 * precision–recall curves of every model (binary targets) in the models' own colours.
 */
import { sizeText } from '../../answer/size.js';
import { fmtMeanCi, fmtSig } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { esc } from '../html.js';
import { modelColor } from '../../models/catalog/index.js';
import { lineChart } from '../svg.js';
import { metricLabel } from './leaderboard.js';
import { trainedModels } from '../../evaluate/model-rows.js';

export const summarySection: ReportSection = {
  id: 'summary',
  title: 'Summary',
  render({ result }) {
    const r = result.recommendation;
    const parts: string[] = [];
    if (r) {
      const reasons = [...r.reasons.slice(0, -1), ...(r.timing?.reasons ?? [])];
      parts.push(
        `<div class="answer${r.beatsBaseline ? '' : ' caution'}"><p class="use">Use <b>${esc(r.label)}</b>${r.kind === 'winner' ? ' — the clear winner' : r.kind === 'tie' ? ' — as accurate as the best, and simpler' : ''}.</p>`,
        `<ul>${reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`,
        r.alternatives.length > 0
          ? `<p><b>Alternatives</b></p><ul>${r.alternatives.map((a) => `<li><b>${esc(a.label)}</b>: ${esc(a.reason)}</li>`).join('')}</ul>`
          : '',
        r.llm ? `<p><b>The LLM</b>: ${esc(r.llm.text)}</p>` : '',
        `<p class="note">Rule: ${esc(r.rule)}</p></div>`,
      );
    } else parts.push('<p>No model produced a score, so there is no recommendation.</p>');
    const primary = result.primaryMetric;
    parts.push(
      `<p>Ranked by ${esc(result.primaryMetricReason ?? metricLabel(primary))}.` +
        (result.baseline
          ? ` ${esc(result.baseline.label)} (${esc(result.baseline.rule)}): ${esc(metricLabel(primary))} ${esc(fmtMeanCi(result.baseline.metrics[primary], primary))}.`
          : '') +
        '</p>',
    );
    const sizes = trainedModels(result).filter((m) => m.size);
    if (sizes.length > 0)
      parts.push(
        `<p class="note">Size (what a reader has to read): ${sizes.map((m) => `${esc(m.label)} ${esc(sizeText(m.size))}`).join('; ')}.</p>`,
      );
    if ((result.protectedColumns ?? []).length > 0)
      parts.push(
        `<p class="flag">Protected attributes: ${result
          .protectedColumns!.map((p) => `${esc(p.column)} (${esc(p.category)})`)
          .join(', ')} — per-group error rates are in the Subgroups section.</p>`,
      );
    const binary = trainedModels(result).filter((m) => m.classReport?.roc && m.classReport.pr);
    if (binary.length > 0) {
      const positive = binary[0].classReport!.positiveClass ?? '';
      const series = (pick: 'roc' | 'pr') =>
        binary.map((m) => ({
          // The label without its parenthesis ("Linear (logistic / ridge)" → "Linear") so the AUC stays in the legend.
          label: `${m.label.replace(/ \(.*\)$/, '')} ${fmtSig(pick === 'pr' ? m.classReport!.prAuc : m.metrics.rocAuc?.mean, 3)}`,
          color: modelColor(m.id),
          points: m.classReport![pick]!,
        }));
      const fixed = { x: [0, 1] as const, y: [0, 1] as const };
      parts.push(
        `<div class="grid pair"><figure>${lineChart(series('roc'), 'false positive rate', 'true positive rate', `ROC curves for '${positive}'`, { fixed, diagonal: true, width: 470, height: 300, legendWidth: 180 })}<figcaption>ROC curve of the rarer class '${esc(positive)}', out-of-fold (legend: ROC AUC).</figcaption></figure>` +
          `<figure>${lineChart(series('pr'), 'recall', 'precision', `Precision–recall for '${positive}'`, { fixed, width: 470, height: 300, legendWidth: 180 })}<figcaption>Precision against recall for '${esc(positive)}' (legend: PR AUC); the baseline's precision is the class's share of rows.</figcaption></figure></div>`,
      );
    }
    if (result.warnings.length > 0)
      parts.push(
        `<p><b>Read before relying on these numbers</b></p><ul>${result.warnings
          .slice(0, 8)
          .map((w) => `<li>${esc(w.message)}</li>`)
          .join('')}</ul>`,
      );
    return parts.join('\n');
  },
};
