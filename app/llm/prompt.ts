/**
 * Rows → prompts. A row is serialized with one of three templates (TabLLM, Hegselmann et al. 2023:
 * the sentence form "The <column> is <value>." worked best), wrapped in the user-editable instructions,
 * and preceded by k solved examples (k-shot) as user/assistant turns. The exact messages are what the
 * response cache keys on and what the desktop previews, so this module is the one place they are built.
 */
import type { Dataset } from '../data/dataset.js';
import { cellText, columnByName } from '../data/dataset.js';
import type { Target } from '../models/matrix.js';
import { SaplingError } from '../util/errors.js';
import type { TemplateKind } from '../settings/llm.js';
import type { ChatMessage } from './wire.js';

export interface PromptContext {
  readonly dataset: Dataset;
  readonly targetName: string;
  readonly target: Target;
  readonly features: readonly string[];
  readonly template: TemplateKind;
  readonly instructions: string;
  /** Answers constrained to {"answer": …}: the examples' answers are written in the same form. */
  readonly structured: boolean;
}

/** One feature's value taken from another row (permutation importance); every other cell stays the row's own. */
export interface RowSwap {
  readonly feature: string;
  readonly fromRow: number;
}

/** "The Age is 41.\nThe Home is rent." / "- Age: 41" / {"Age": 41, "Home": "rent"}. Missing cells say so. */
export function serializeRow(
  ctx: Pick<PromptContext, 'dataset' | 'features' | 'template'>,
  row: number,
  swap?: RowSwap,
): string {
  const cells = ctx.features.map((name) => {
    const column = columnByName(ctx.dataset, name);
    if (!column) throw new SaplingError('UNKNOWN_COLUMN', `no column '${name}' in ${ctx.dataset.source.fileName}`);
    const text = cellText(column, swap?.feature === name ? swap.fromRow : row);
    const numeric = column.storage === 'number' && column.type !== 'boolean';
    return { name, text, numeric };
  });
  switch (ctx.template) {
    case 'text':
      return cells.map((c) => `The ${c.name} is ${c.text === '' ? 'missing' : c.text}.`).join('\n');
    case 'list':
      return cells.map((c) => `- ${c.name}: ${c.text === '' ? 'missing' : c.text}`).join('\n');
    case 'json':
      return JSON.stringify(
        Object.fromEntries(cells.map((c) => [c.name, c.text === '' ? null : c.numeric ? Number(c.text) : c.text])),
      );
  }
}

export function taskDescription(targetName: string, target: Target): string {
  return target.task === 'classification'
    ? `Each record below describes one case. Predict its "${targetName}", which is one of: ${target.classes.join(', ')}.`
    : `Each record below describes one case. Predict its "${targetName}", a number.`;
}

/** The answer as the model should write it: the label (or number), or {"answer": …} under structured output. */
export function answerText(ctx: Pick<PromptContext, 'target' | 'structured'>, row: number): string {
  const value =
    ctx.target.task === 'classification' ? ctx.target.classes[ctx.target.codes[row]] : ctx.target.values[row];
  return ctx.structured ? JSON.stringify({ answer: value }) : String(value);
}

/** The JSON schema the answer must follow: an enum of the labels, or a number. */
export function answerSchema(target: Target): Record<string, unknown> {
  const answer = target.task === 'classification' ? { type: 'string', enum: [...target.classes] } : { type: 'number' };
  return { type: 'object', properties: { answer }, required: ['answer'], additionalProperties: false };
}

function userMessage(ctx: PromptContext, row: number, swap?: RowSwap): string {
  const classes = ctx.target.task === 'classification' ? ctx.target.classes.join(', ') : 'a number';
  const fill: Record<string, string> = {
    task: taskDescription(ctx.targetName, ctx.target),
    row: serializeRow(ctx, row, swap),
    target: ctx.targetName,
    classes,
  };
  return ctx.instructions.replace(/\{(task|row|target|classes)\}/g, (_, key: string) => fill[key]);
}

/** The full conversation for one row: system line, the k examples (rows from the training fold), the question. */
export function buildMessages(
  ctx: PromptContext,
  row: number,
  shotRows: ArrayLike<number>,
  swap?: RowSwap,
): ChatMessage[] {
  const format = ctx.structured ? ' Reply with a JSON object {"answer": …}.' : ' Reply with the answer only.';
  const messages: ChatMessage[] = [{ role: 'system', content: `You label tabular records.${format}` }];
  for (let i = 0; i < shotRows.length; i++) {
    messages.push({ role: 'user', content: userMessage(ctx, shotRows[i]) });
    messages.push({ role: 'assistant', content: answerText(ctx, shotRows[i]) });
  }
  messages.push({ role: 'user', content: userMessage(ctx, row, swap) });
  return messages;
}
