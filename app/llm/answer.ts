/**
 * Reading the LLM's answer. Strict on purpose: an answer is valid only if it *is* a label (or a number),
 * possibly wrapped as {"answer": …}, in quotes, with a trailing full stop, or written as "Answer: X".
 * Anything else is invalid and is scored as wrong — it is never mapped to the closest label or replaced
 * by a guess (tools that do that inflate LLM scores).
 */
import type { Target } from '../models/matrix.js';
import type { TokenLogprob } from './wire.js';

/** A class code (classification), a number (regression), or null for an invalid answer. */
export type ParsedAnswer = number | null;

function normalize(text: string): string {
  return text
    .trim()
    .replace(/^["'`*\s]+|["'`*\s.!]+$/g, '')
    .trim()
    .toLowerCase();
}

/** The candidate answer strings in a reply: the JSON answer field if the reply is such an object, else the text, its last line, "Answer: X". */
function candidates(text: string): string[] {
  const trimmed = text.trim();
  const out: string[] = [];
  try {
    const json = JSON.parse(trimmed) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json) && 'answer' in json) {
      const value = (json as { answer: unknown }).answer;
      if (typeof value === 'string' || typeof value === 'number') return [String(value)];
      return [];
    }
    if (typeof json === 'string' || typeof json === 'number') return [String(json)];
  } catch {
    /* not JSON: read it as text */
  }
  out.push(trimmed);
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > 1) out.push(lines[lines.length - 1]);
  for (const line of lines) {
    const m = /^\s*(?:final\s+)?(?:answer|label|prediction)\s*[:=-]\s*(.+)$/i.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}

export function parseAnswer(text: string, target: Target): ParsedAnswer {
  const found = new Set<number>();
  for (const candidate of candidates(text)) {
    const value = normalize(candidate);
    if (target.task === 'classification') {
      const code = target.classes.findIndex((c) => c.toLowerCase() === value);
      if (code >= 0) found.add(code);
    } else if (/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(value.replace(/,/g, ''))) {
      found.add(Number(value.replace(/,/g, '')));
    }
  }
  // Two different readings of one reply ("good … Answer: bad") are as invalid as none.
  return found.size === 1 ? [...found][0] : null;
}

/**
 * Class probabilities from the top log-probabilities at the token where the answer starts: each
 * alternative token that begins exactly one class label (case-insensitive) adds its probability to
 * that class; the masses are then normalized. A first-token approximation: labels sharing their first
 * token cannot be told apart, and then (or with no label among the alternatives) the result is null.
 */
export function classProbabilities(
  text: string,
  logprobs: readonly TokenLogprob[] | null,
  classes: readonly string[],
): Float64Array | null {
  if (!logprobs || logprobs.length === 0) return null;
  const position = answerTokenIndex(text, logprobs);
  if (position < 0) return null;
  const mass = new Float64Array(classes.length);
  const lower = classes.map((c) => c.toLowerCase());
  const alternatives =
    logprobs[position].top.length > 0
      ? logprobs[position].top
      : [{ token: logprobs[position].token, logprob: logprobs[position].logprob }];
  const seen = new Set<string>();
  for (const alt of alternatives) {
    const token = alt.token.replace(/^[\s"'`]+/, '').toLowerCase();
    if (token === '' || seen.has(token)) continue;
    seen.add(token);
    const matches = lower.flatMap((c, i) => (c.startsWith(token) ? [i] : []));
    if (matches.length === 1) mass[matches[0]] += Math.exp(alt.logprob);
  }
  const total = mass.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return null;
  // Labels sharing the first token: the split between them is unknown.
  for (let i = 0; i < lower.length; i++)
    for (let j = i + 1; j < lower.length; j++) if (firstTokenClash(lower[i], lower[j], alternatives)) return null;
  return mass.map((m) => m / total);
}

function firstTokenClash(a: string, b: string, alternatives: readonly { token: string }[]): boolean {
  return alternatives.some((alt) => {
    const t = alt.token.replace(/^[\s"'`]+/, '').toLowerCase();
    return t !== '' && a.startsWith(t) && b.startsWith(t);
  });
}

/** Index of the generated token in which the answer value begins (after `{"answer": "` under structured output). */
function answerTokenIndex(text: string, logprobs: readonly TokenLogprob[]): number {
  const m = /^\s*\{\s*"answer"\s*:\s*"?/.exec(text);
  const start = m ? m[0].length : text.length - text.trimStart().length;
  let offset = 0;
  for (let i = 0; i < logprobs.length; i++) {
    const end = offset + logprobs[i].token.length;
    if (end > start && logprobs[i].token.slice(Math.max(0, start - offset)).trim() !== '') return i;
    offset = end;
  }
  return -1;
}
