/**
 * The explanation report: one self-contained HTML file shaped like a model card (purpose and data, models,
 * results, explanations, limitations, environment). Offline by construction: styles inline, charts as
 * inline SVG, no script, no external URL — and a Content-Security-Policy that forbids loading anything.
 * Its size depends on the number of models, features and classes (each capped), never on the row count.
 */
import { paletteCssVariables } from '../util/palette.js';
import { SAPLING_VERSION } from '../version.js';
import { ANALYSES, type Analysis, type ReportInput, type ReportSection } from './context.js';
import { esc } from './html.js';
import { agreementSection } from './sections/agreement.js';
import { appendixSection } from './sections/appendix.js';
import { calibrationSection } from './sections/calibration.js';
import { cardsSection } from './sections/cards.js';
import { cascadeSection } from './sections/cascade.js';
import { confusionSection } from './sections/confusion.js';
import { distilledSection } from './sections/distilled.js';
import { externalSection } from './sections/external.js';
import { importanceSection } from './sections/importance.js';
import { leaderboardSection } from './sections/leaderboard.js';
import { renderLimitations } from './sections/limitations.js';
import { llmSection } from './sections/llm.js';
import { modelsSection } from './sections/models.js';
import { purposeSection } from './sections/purpose.js';
import { subgroupsSection } from './sections/subgroups.js';
import { summarySection } from './sections/summary.js';
import { synthesisSection } from './sections/synthesis.js';
import { thresholdSection } from './sections/threshold.js';
import { tradeoffSection } from './sections/tradeoff.js';
import { verdictsSection } from './sections/verdicts.js';

/** The bound the tests hold every report to, whatever the data (100k rows, hundreds of columns…). */
export const REPORT_MAX_BYTES = 1_000_000;

/** The result sections, in reading order. Add a section: one module in sections/, one entry here. */
export const RESULT_SECTIONS: readonly ReportSection[] = [
  summarySection,
  purposeSection,
  modelsSection,
  leaderboardSection,
  verdictsSection,
  agreementSection,
  thresholdSection,
  tradeoffSection,
  importanceSection,
  calibrationSection,
  subgroupsSection,
  confusionSection,
  externalSection,
  llmSection,
  synthesisSection,
  cascadeSection,
  distilledSection,
  cardsSection,
];

/**
 * Ids of the sections every report has (tests check for them). The others render when the run has their
 * analysis — verdicts (k-fold), calibration (classification), subgroups (--subgroups), the LLM, its cascade
 * and distilled tree, the selected cards — and otherwise the limitations name the analysis as not part of the run.
 */
export const REQUIRED_SECTION_IDS = [
  'summary',
  'purpose-and-data',
  'models-and-settings',
  'leaderboard',
  'accuracy-latency-cost',
  'feature-importance',
  'limitations',
  'appendix',
] as const;

export function renderReport(input: ReportInput, sections: readonly ReportSection[] = RESULT_SECTIONS): string {
  const rendered: { id: string; title: string; body: string }[] = [];
  const covered = new Set<Analysis>();
  const caveats: string[] = [];
  for (const section of sections) {
    const body = section.render(input);
    if (body === null) continue;
    rendered.push({ id: section.id, title: section.title, body });
    const analyses = typeof section.analyses === 'function' ? section.analyses(input) : (section.analyses ?? []);
    for (const a of analyses) covered.add(a);
    caveats.push(...(section.caveats?.(input) ?? []));
  }
  rendered.push({
    id: 'limitations',
    title: 'Limitations',
    body: renderLimitations(
      input.result,
      caveats,
      ANALYSES.filter((a) => !covered.has(a)),
    ),
  });
  rendered.push({ id: 'appendix', title: appendixSection.title, body: appendixSection.render(input) ?? '' });

  const d = input.result.dataset;
  const title = `Sapling report: ${d.fileName} → ${d.target}`;
  const subtitle = `${input.result.models.map((m) => m.label).join(' · ')} — written ${input.generatedAt}${input.run ? ` — run ${input.run.hash.slice(0, 12)}` : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Sapling ${esc(SAPLING_VERSION)}">
${input.run ? `<meta name="sapling-run" content="${esc(input.run.hash)}">\n` : ''}<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p class="sub">${esc(subtitle)}</p>
<nav><ol>${rendered.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join('')}</ol></nav></header>
<main>
${rendered.map((s) => `<section id="${s.id}"><h2>${esc(s.title)}</h2>\n${s.body}\n</section>`).join('\n')}
</main>
</body>
</html>
`;
}

// Sign and path colours are the app's (app/util/palette.ts), written as the same CSS variables the desktop sets.
const PALETTE_VARS = Object.entries(paletteCssVariables())
  .map(([name, value]) => `${name}:${value}`)
  .join(';');

const STYLE = `
:root{color-scheme:light;${PALETTE_VARS}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;max-width:980px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #e2e8f0;padding-bottom:4px;margin-top:32px}h3{font-size:15px;margin:18px 0 6px}
.sub{color:#475569;margin:0 0 8px}nav ol{columns:2;margin:8px 0;padding-left:20px}nav a{color:#1d4ed8;text-decoration:none}
table{border-collapse:collapse;margin:8px 0;font-size:12.5px}th,td{border:1px solid #e2e8f0;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f8fafc}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}caption{text-align:left;font-weight:600}table.agreement td.heat{text-align:center;font-variant-numeric:tabular-nums;min-width:3.2em}table.agreement td.low{font-weight:700;text-decoration:underline dotted}table.agreement{break-inside:avoid}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dt{color:#475569}dd{margin:0;overflow-wrap:anywhere}
code{font:12px ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
figure{margin:12px 0}figcaption{color:#475569;font-size:12px}.grid{display:flex;flex-wrap:wrap;gap:8px}.grid figure{margin:0;max-width:480px}
.note{color:#475569;font-size:12.5px}svg{max-width:100%;height:auto}
pre{font:12px ui-monospace,Menlo,Consolas,monospace;background:#f8fafc;border:1px solid #e2e8f0;padding:6px 8px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:none}
.card{border:1px solid #cbd5e1;border-radius:6px;padding:4px 12px;margin:12px 0}.pos{color:var(--sign-positive)}.neg{color:var(--sign-negative)}code.path{background:var(--path-fill);color:var(--path-ink);padding:0 2px}.flag{color:#b45309;font-weight:600}
.answer{border:2px solid #1f6f50;background:#e3f1ea;border-radius:8px;padding:4px 14px;margin:8px 0}.answer.caution{border-color:#b7791f;background:#fff7e6}.answer .use{font-size:17px;margin:8px 0}
@media print{body{padding:0;max-width:none}nav{display:none}.grid.pair{flex-wrap:nowrap}.grid.pair figure{flex:1 1 0;min-width:0;max-width:none}section{break-inside:auto}#summary{break-after:page}h2,h3{break-after:avoid;break-inside:avoid}h2+*,h3+*{break-before:avoid}figure,table,.card,.answer,.keep{break-inside:avoid}a{color:inherit}}
@page{size:A4;margin:14mm}
`;
