/**
 * Selected per-decision cards (app/report/cards.ts picks the rows): for each row, every model's decision
 * and probability with its top signed reasons, the tree's path, the nearest counterfactual, and — when
 * the LLM answered the row — its answer, the row as it was asked and its self-reported reason, labelled.
 */
import type { LlmAnswered } from '../../result/explain.js';
import type { DecisionCardView } from '../../result/views.js';
import { fmt, fmtMs, shownValue } from '../../util/format.js';
import type { ReportSection } from '../context.js';
import { esc, list, raw, table } from '../html.js';

/** Per card: what bounds its size (a card is 3–10 KB; at most MAX_REPORT_CARDS of them). */
const MAX_VALUES = 40;
const MAX_VALUE_CHARS = 40;
const MAX_PATH_CHARS = 800;
const MAX_PROMPT_CHARS = 1500;
const MAX_TEXT = 400;

export const cardsSection: ReportSection = {
  id: 'decision-cards',
  title: 'Selected per-decision cards',
  analyses: ['per-decision cards'],
  caveats: ({ cards }) =>
    cards && cards.length > 0
      ? [
          "The per-decision cards were chosen as the held-out rows where the models disagree most: they show where the models differ, not typical rows. A card's reasons are SHAP contributions of that one row (probability units for tree models, log-odds for boosting and the linear model), not rules the model follows.",
        ]
      : [],
  render({ cards, result }) {
    if (!cards || cards.length === 0) return null;
    return [
      `<p>${cards.length} held-out row${cards.length === 1 ? '' : 's'} where the models disagree most${result.llm ? ' (among the rows the LLM answered)' : ''}, each explained by the fold model that did not train on it. Reasons are signed: a positive value pushes towards the explained outcome.</p>`,
      ...cards.map(renderCard),
    ].join('\n');
  },
};

function renderCard(card: DecisionCardView): string {
  const shown = (v: string | undefined): string =>
    v === undefined || v === '' ? '(missing)' : clip(shownValue(v), MAX_VALUE_CHARS);
  const values = card.features
    .slice(0, MAX_VALUES)
    .map((f) => `${clip(f, MAX_VALUE_CHARS)} = ${shown(card.values[f])}`);
  const rows = card.models.map((m) => [
    m.label,
    shownValue(m.prediction),
    fmt(m.score, 3),
    raw(
      `${esc(m.explains)}: ${esc(fmt(m.baseValue, 3))} base${m.reasons
        .map(
          (r) =>
            ` <span class="${r.contribution >= 0 ? 'pos' : 'neg'}">${r.contribution >= 0 ? '+' : '−'}${esc(fmt(Math.abs(r.contribution), 3))}</span> ${esc(clip(r.feature, MAX_VALUE_CHARS))} = ${esc(shown(r.value))}`,
        )
        .join(';')}`,
    ),
  ]);
  const parts = [
    `<h3>Data row ${card.row + 1} — actual ${esc(shownValue(card.actual))}${card.disagree ? ' — <span class="flag">the models disagree</span>' : ''}</h3>`,
    `<p class="note">Fold ${card.fold + 1}. ${esc(values.join(', '))}${card.features.length > MAX_VALUES ? ` … and ${card.features.length - MAX_VALUES} more` : ''}</p>`,
    table(['model', 'prediction', 'probability / value', 'top reasons (SHAP)'], rows, {
      numeric: [false, false, true, false],
    }),
  ];
  const paths = card.models.filter((m) => m.path);
  if (paths.length)
    parts.push(
      list(
        paths.map((m) =>
          raw(`${esc(m.label)}'s path: <code class="path">${esc(clip(m.path ?? '', MAX_PATH_CHARS))}</code>`),
        ),
      ),
    );
  const flips = card.counterfactuals.flatMap(({ modelId, counterfactual: c }) => {
    const label = card.models.find((m) => m.id === modelId)?.label ?? modelId;
    if (!c) return [`${label}: no plausible change of one or two features flips its decision.`];
    return [
      `${label}: ${c.changes.map((ch) => `${ch.feature} ${ch.from || '(missing)'} → ${ch.to}`).join(' and ')} would make it ${c.to} (probability ${fmt(c.probability, 2)}).`,
    ];
  });
  if (flips.length) parts.push('<p class="note">Nearest counterfactual:</p>', list(flips));
  if (card.llm)
    parts.push(
      card.llm.asked ? renderLlm(card.llm) : `<p class="note">${esc(card.llm.label)}: ${esc(card.llm.note)}</p>`,
    );
  return `<div class="card">${parts.join('\n')}</div>`;
}

function renderLlm(llm: LlmAnswered): string {
  const row = [...llm.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const examples = llm.messages.filter((m) => m.role === 'assistant').length;
  const answer = llm.failed
    ? 'no answer (the request failed after every retry; scored as wrong)'
    : llm.prediction === null
      ? `invalid answer “${clip(llm.answer, MAX_TEXT)}” (scored as wrong)`
      : llm.prediction;
  return [
    `<p><b>${esc(llm.label)}</b>: ${esc(answer)}${llm.score !== null ? ` (probability ${esc(fmt(llm.score, 3))})` : ''}${llm.latencyMs !== null ? `, ${esc(fmtMs(llm.latencyMs))}` : ''}${llm.cached ? ', replayed from the response cache' : ''}. Asked in fold ${llm.fold + 1}${examples ? ` after ${examples} examples from that fold's training rows` : ''}; the row as sent:</p>`,
    `<pre>${esc(clip(row, MAX_PROMPT_CHARS))}</pre>`,
    llm.selfReported
      ? `<p class="note"><b>Self-reported by the LLM, not verified:</b> “${esc(clip(llm.selfReported.reason, MAX_TEXT))}”</p>`
      : '',
  ].join('\n');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
