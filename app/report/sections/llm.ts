/**
 * The LLM baseline: how it was asked, what the sample allows one to say, what it cost, how fast and how
 * repeatable it was, and — kept apart and labelled — the reasons it gave for some answers, which are
 * self-reported and not verified.
 */
import { TEST_NAMES } from '../../llm/contamination.js';
import { fmt, fmtCount, fmtMs, fmtPercent } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { capped, definitionList, esc, raw, table } from '../html.js';
import { modelColor } from '../../models/catalog/index.js';
import { barChart } from '../svg.js';
import { metricLabel } from './leaderboard.js';

const MAX_REASONS = 20;
const MAX_REASON_CHARS = 400;
const MAX_CLASSES = 12;
const TOP_IN_CHART = 12;

/**
 * The endpoint without its scheme: the report never holds a fetchable URL (it is checked to be offline),
 * and a base URL carries no key — keys travel in a header and never reach the result.
 */
export function endpointText(baseUrl: string): string {
  const m = /^(https?):\/\/(.*)$/i.exec(baseUrl);
  return m ? `${m[2]} (over ${m[1].toLowerCase()})` : baseUrl;
}

export const llmSection: ReportSection = {
  id: 'llm',
  title: 'LLM baseline',
  analyses: ['LLM baseline'],
  caveats: ({ result }) => {
    const llm = result.llm;
    if (!llm) return [];
    const pooled = llm.pooledAccuracy;
    return [
      `The LLM was scored on a sample of ${fmtCount(llm.sampleRows)} test rows, not all ${fmtCount(result.dataset.rows)}: ${pooled ? `its accuracy is known only to within ${fmt(pooled.ci95[0], 3)}–${fmt(pooled.ci95[1], 3)} (95% Wilson interval)` : 'its interval is wide'}, and a difference from a tree model smaller than that interval is not evidence either way.`,
      llm.contamination
        ? `Contamination check (header test, row and feature completion; Bordt et al. 2024): ${llm.contamination.message}`
        : 'If this data set (or one like it) is public, the LLM may have seen it, or its rows, during training: its score can then reflect memorization rather than reasoning from the features, and would not carry over to new, private data. No contamination check was run (sapling compare --llm-contamination 10).',
      'Reasons the LLM states for its answers are self-reported: they are text the model generated, not a measurement of how it decided, and nothing here verifies them. Its permutation importance (when shown) is measured on a small sample with one shuffle.',
      "The LLM's answers depend on the endpoint: the same model name can answer differently after a provider update. The response cache holds this run's exact answers; sapling reproduce --live reports drift.",
    ];
  },
  render({ result }) {
    const llm = result.llm;
    if (!llm) return null;
    const s = llm.settings;
    const pooled = llm.pooledAccuracy;
    const parts = [
      `<p>${esc(llm.label)} answered ${fmtCount(llm.sampleRows)} test rows drawn (seeded, stratified) from the same folds as the tree models — ${llm.folds.map((f) => f.rows.length).join(' + ')} per fold — ${s.shots > 0 ? `with ${s.shots} examples per prompt taken from that fold's training rows only` : 'with no examples (zero-shot)'}. An answer that is not one of the allowed labels is counted as wrong, never guessed.</p>`,
      definitionList([
        [
          'Model and endpoint',
          raw(`${esc(s.model)} via ${esc(s.provider)} at <code>${esc(endpointText(s.baseUrl))}</code>`),
        ],
        [
          'Prompt',
          `'${s.template}' row template, ${s.shots}-shot, temperature ${s.temperature}, seed ${s.seed}${s.structuredOutput ? ', answers constrained by a JSON schema' : ''}`,
        ],
        ...(pooled
          ? ([
              [
                'Accuracy on the sample',
                `${fmt(pooled.value, 3)} (95% Wilson interval ${fmt(pooled.ci95[0], 3)}–${fmt(pooled.ci95[1], 3)}, n = ${fmtCount(pooled.n)})`,
              ],
            ] as const)
          : []),
        ...Object.entries(llm.metrics)
          .filter(([k]) => k !== 'accuracy' || !pooled)
          .slice(0, 6)
          .map(
            ([k, v]) =>
              [
                `${metricLabel(k)} (mean over folds)`,
                `${fmt(v.mean, 3)} (95% interval ${fmt(v.ci95[0], 3)}–${fmt(v.ci95[1], 3)})`,
              ] as const,
          ),
        [
          'Invalid answers',
          `${fmtCount(llm.invalidAnswers)} invalid${llm.truncatedAnswers > 0 ? ` (${fmtCount(llm.truncatedAnswers)} cut off at the token limit)` : ''}${llm.failedRows > 0 ? ` + ${fmtCount(llm.failedRows)} failed requests` : ''}: ${fmtPercent(llm.invalidAnswerRate)} of the sample, scored as wrong`,
        ],
        ['Class probabilities', llm.probabilities],
        ['Requests', `${fmtCount(llm.requests)} (${fmtCount(llm.cachedResponses)} answered from the response cache)`],
        ['Tokens', `${fmtCount(llm.tokensIn)} in, ${fmtCount(llm.tokensOut)} out`],
        [
          'Cost',
          `${fmt(llm.estimatedCostPer1000, 4)} per 1,000 predictions; this run ${fmt(llm.runCost, 4)} (at ${fmt(s.prices.inputPer1M, 2)} / ${fmt(s.prices.outputPer1M, 2)} per 1M input / output tokens)`,
        ],
        [
          'Latency per row',
          `p50 ${fmtMs(llm.timing.latencyMsP50)}, p95 ${fmtMs(llm.timing.latencyMsP95)}; ${fmt(llm.timing.rowsPerSecond, 1)} rows per second at concurrency ${s.concurrency}${llm.cachedResponses > 0 ? ' (cache replays included, so faster than the endpoint)' : ''}`,
        ],
        [
          'Determinism probe',
          llm.determinism
            ? `${fmtPercent(llm.determinism.agreement)} of ${fmtCount(llm.determinism.rows)} re-asked rows got the same answer${llm.determinism.fromCache > 0 ? ` (${fmtCount(llm.determinism.fromCache)} second answers replayed from the cache)` : ''}`
            : 'not run (no rows were re-asked)',
        ],
      ]),
    ];
    const classes = result.dataset.classes;
    if (llm.confusionMatrix && classes && classes.length <= MAX_CLASSES) {
      parts.push(
        '<h3>Confusion matrix on the sample</h3>',
        table(
          ['true ↓ / answered →', ...classes, 'invalid'],
          llm.confusionMatrix.map((row, i) => [classes[i], ...row.map(fmtCount)]),
          { numeric: [false, ...classes.map(() => true), true] },
        ),
      );
    }
    if (llm.contamination) {
      const c = llm.contamination;
      parts.push(
        '<h3>Has the LLM memorised this file?</h3>',
        `<p class="${c.verdict === 'memorised' ? 'flag' : 'note'}">${esc(c.message)}</p>`,
        table(
          ['test', 'asked to reproduce', 'reproduced exactly', 'rate', 'by chance'],
          c.tests.map((t) => [
            `${TEST_NAMES[t.test]}${t.column ? ` (${t.column})` : ''}`,
            fmtCount(t.trials),
            fmtCount(t.matches),
            fmtPercent(t.rate),
            t.baselineRate === undefined ? '—' : fmtPercent(t.baselineRate),
          ]),
          { numeric: [false, true, true, true, true] },
        ),
      );
    }
    if (llm.variants && llm.variants.length > 0) {
      parts.push(
        '<h3>Small models helping the LLM: prompt variants on the same rows</h3>',
        table(
          ['prompt', 'accuracy (95% interval)', 'invalid', 'tokens in', 'cost per 1,000', 'vs plain prompt (McNemar)'],
          [
            [
              'plain',
              pooled ? `${fmt(pooled.value, 3)} (${fmt(pooled.ci95[0], 3)}–${fmt(pooled.ci95[1], 3)})` : '—',
              fmtPercent(llm.invalidAnswerRate),
              fmtCount(llm.tokensIn),
              fmt(llm.estimatedCostPer1000, 4),
              '—',
            ],
            ...llm.variants.map((v) => [
              `${v.id}: ${v.description}${v.columns ? ` Columns: ${v.columns.map((c) => c.columns.join(', ')).join(' | ')}.` : ''}`,
              v.pooledAccuracy
                ? `${fmt(v.pooledAccuracy.value, 3)} (${fmt(v.pooledAccuracy.ci95[0], 3)}–${fmt(v.pooledAccuracy.ci95[1], 3)})`
                : '—',
              fmtPercent(v.invalidAnswerRate),
              fmtCount(v.tokensIn),
              fmt(v.estimatedCostPer1000, 4),
              v.vsPlain
                ? `${v.vsPlain.accuracyDelta >= 0 ? '+' : ''}${fmt(v.vsPlain.accuracyDelta * 100, 1)} points, p = ${fmt(v.vsPlain.p, 3)}`
                : 'n/a (regression)',
            ]),
          ],
          { numeric: [false, true, true, true, true, false] },
        ),
      );
    }
    if (llm.importance) {
      const top = [...llm.importance.permutation].sort((a, b) => b.mean - a.mean).slice(0, TOP_IN_CHART);
      parts.push(
        '<h3>What the LLM relies on (permutation importance)</h3>',
        `<figure>${barChart(
          top.map((e) => ({ label: e.feature, value: e.mean })),
          `${llm.label}: permutation importance`,
          `drop in ${metricLabel(llm.importance.metric)}`,
          modelColor('llm'),
          480,
        )}<figcaption>${esc(`On ${llm.importance.rows} sampled rows, one shuffle per feature: a rough measure, with no interval.`)}</figcaption></figure>`,
      );
    }
    if (llm.selfReported && llm.selfReported.rows.length > 0) {
      const { shown, note } = capped(llm.selfReported.rows, MAX_REASONS);
      parts.push(
        '<h3>Reasons the LLM gave — self-reported, not verified</h3>',
        `<p class="note">${esc(llm.selfReported.note)} They are shown for what they are: the model's own words, not how it reached its answer.</p>`,
        table(
          ['data row', 'answer', 'stated reason (self-reported)'],
          shown.map((r) => [
            String(r.row + 1),
            r.answer,
            r.reason.length > MAX_REASON_CHARS ? `${r.reason.slice(0, MAX_REASON_CHARS)}…` : r.reason,
          ]),
          { numeric: [true, false, false] },
        ),
        note,
      );
    }
    return parts.join('\n');
  },
};
