/**
 * The LLM settings form's draft: numbers are kept as typed (a half-typed number is not reset while
 * editing) and checked when the user saves.
 */
import type { LlmUserSettings } from '../../../../app/ipc/contract.js';
import { DEFAULT_BASE_URL, DEFAULT_INSTRUCTIONS, LLM_DEFAULTS } from '../../../../app/settings/llm.js';

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
  contaminationTrials: 0,
  retrievedExamples: false,
  treeColumns: 0,
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

/** Raw text per numeric field, so a half-typed number is not reset while editing. */
export type Draft = Omit<
  LlmUserSettings,
  'inputPer1M' | 'outputPer1M' | 'sampleRows' | 'shots' | 'contaminationTrials' | 'treeColumns'
> & {
  inputPer1M: string;
  outputPer1M: string;
  sampleRows: string;
  shots: string;
  contaminationTrials: string;
  treeColumns: string;
};

export const toDraft = (s: LlmUserSettings): Draft => ({
  ...s,
  inputPer1M: String(s.inputPer1M),
  outputPer1M: String(s.outputPer1M),
  sampleRows: String(s.sampleRows),
  shots: String(s.shots),
  contaminationTrials: String(s.contaminationTrials ?? 0),
  retrievedExamples: s.retrievedExamples ?? false,
  treeColumns: String(s.treeColumns ?? 0),
});

export function fromDraft(d: Draft): { settings?: LlmUserSettings; problem?: string } {
  const num = (text: string) => (text.trim() === '' ? NaN : Number(text));
  const settings = {
    ...d,
    inputPer1M: num(d.inputPer1M),
    outputPer1M: num(d.outputPer1M),
    sampleRows: num(d.sampleRows),
    shots: num(d.shots),
    contaminationTrials: num(d.contaminationTrials),
    treeColumns: num(d.treeColumns),
    model: d.model.trim(),
    baseUrl: d.baseUrl.trim(),
  };
  if (settings.model === '') return { problem: 'Enter the model name.' };
  if (!(settings.inputPer1M >= 0) || !(settings.outputPer1M >= 0)) return { problem: 'Prices must be numbers ≥ 0.' };
  if (!Number.isInteger(settings.sampleRows) || settings.sampleRows < 1)
    return { problem: 'Sample rows must be a whole number ≥ 1.' };
  if (!Number.isInteger(settings.shots) || settings.shots < 0 || settings.shots > 64)
    return { problem: 'Examples must be a whole number from 0 to 64.' };
  if (
    !Number.isInteger(settings.contaminationTrials) ||
    settings.contaminationTrials < 0 ||
    settings.contaminationTrials > 200
  )
    return { problem: 'Memorisation checks must be a whole number from 0 to 200.' };
  if (!Number.isInteger(settings.treeColumns) || settings.treeColumns < 0)
    return { problem: 'Tree-chosen columns must be a whole number ≥ 0 (0 = off).' };
  if (settings.retrievedExamples && settings.shots === 0)
    return { problem: 'Retrieved examples replace the random ones: set examples per prompt to 1 or more.' };
  if (!settings.instructions.includes('{row}'))
    return { problem: 'The instructions must contain {row}, where the record goes.' };
  return { settings };
}
