/**
 * The LLM settings form's draft: numbers are kept as typed (a half-typed number is not reset while
 * editing) and checked when the user saves — against the same limits llmSettings and the IPC schema use
 * (LLM_FIELDS in app/settings/llm-fields.ts), so the form cannot accept what the run would refuse.
 */
import { LLM_FIELDS } from '../../../../app/settings/llm-fields.js';
import type { LlmUserSettings } from '../../../../app/ipc/contract.js';
import { DEFAULT_BASE_URL, DEFAULT_INSTRUCTIONS, LLM_DEFAULTS, withinLimit } from '../../../../app/settings/llm.js';

export const blank = (): LlmUserSettings => ({
  provider: 'openai',
  baseUrl: DEFAULT_BASE_URL.openai,
  model: '',
  inputPer1M: 0,
  outputPer1M: 0,
  sampleRows: LLM_DEFAULTS.sampleRows,
  shots: LLM_DEFAULTS.shots,
  template: LLM_DEFAULTS.template,
  instructions: DEFAULT_INSTRUCTIONS,
  contaminationTrials: LLM_DEFAULTS.contaminationTrials,
  retrievedExamples: false,
  treeColumns: 0,
  synthesizeRows: LLM_DEFAULTS.synthesizeRows,
});

/**
 * What "Add an LLM" fills in when nothing is saved yet: the README's example, OpenAI's gpt-4o-mini at its list
 * prices per 1M tokens when this was written (0.15 in, 0.60 out) — the estimate shows what they imply before any
 * request, and the user can change every field. The key is never prefilled.
 */
export const suggested = (): LlmUserSettings => ({
  ...blank(),
  model: 'gpt-4o-mini',
  inputPer1M: 0.15,
  outputPer1M: 0.6,
});

/** The whole-number fields, typed as text while editing. */
const NUMBER_FIELDS = [
  'inputPer1M',
  'outputPer1M',
  'sampleRows',
  'shots',
  'contaminationTrials',
  'treeColumns',
  'synthesizeRows',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** Raw text per numeric field, so a half-typed number is not reset while editing. */
export type Draft = Omit<LlmUserSettings, NumberField> & { [K in NumberField]: string };

export const toDraft = (s: LlmUserSettings): Draft => ({
  ...s,
  inputPer1M: String(s.inputPer1M),
  outputPer1M: String(s.outputPer1M),
  sampleRows: String(s.sampleRows),
  shots: String(s.shots),
  contaminationTrials: String(s.contaminationTrials ?? 0),
  retrievedExamples: s.retrievedExamples ?? false,
  treeColumns: String(s.treeColumns ?? 0),
  synthesizeRows: String(s.synthesizeRows ?? 0),
});

export function fromDraft(d: Draft): { settings?: LlmUserSettings; problem?: string } {
  const num = (text: string) => (text.trim() === '' ? NaN : Number(text));
  const settings = {
    ...d,
    ...(Object.fromEntries(NUMBER_FIELDS.map((k) => [k, num(d[k])])) as Record<NumberField, number>),
    model: d.model.trim(),
    baseUrl: d.baseUrl.trim(),
  };
  if (settings.model === '') return { problem: 'Enter the model name.' };
  for (const key of ['inputPer1M', 'outputPer1M'] as const)
    if (!LLM_FIELDS[key].schema.safeParse(settings[key]).success)
      return { problem: `Prices must each be ${LLM_FIELDS[key].message}.` };
  if (!withinLimit(LLM_FIELDS.sampleRows, settings.sampleRows))
    return { problem: `Sample rows must be ${LLM_FIELDS.sampleRows.message}.` };
  if (!withinLimit(LLM_FIELDS.shots, settings.shots))
    return { problem: `Examples must be ${LLM_FIELDS.shots.message}.` };
  if (!withinLimit(LLM_FIELDS.contaminationTrials, settings.contaminationTrials))
    return { problem: `Memorisation checks must be ${LLM_FIELDS.contaminationTrials.message}.` };
  if (settings.treeColumns !== 0 && !withinLimit(LLM_FIELDS.variantColumns, settings.treeColumns))
    return { problem: `Tree-chosen columns must be 0 (off) or ${LLM_FIELDS.variantColumns.message}.` };
  if (!withinLimit(LLM_FIELDS.synthesizeRows, settings.synthesizeRows))
    return { problem: `Written training rows must be ${LLM_FIELDS.synthesizeRows.message} (0 = off).` };
  if (settings.retrievedExamples && settings.shots === 0)
    return { problem: 'Retrieved examples replace the random ones: set examples per prompt to 1 or more.' };
  if (!LLM_FIELDS.instructions.schema.safeParse(settings.instructions).success)
    return { problem: `The instructions must be ${LLM_FIELDS.instructions.message}.` };
  return { settings };
}
