/**
 * Asking for synthetic rows and accounting for them: the replies (cached and replayable like every other question),
 * the checked rows per fold, and the counts and costs of the synthesis. The trees are re-scored in compare/synthetic.ts.
 */
import type { SynthesisFold, SynthesisResult } from '../result/llm.js';
import type { LlmSettings } from '../settings/llm.js';
import type { Asked, Question } from './ask.js';
import type { LlmInputs } from './inputs.js';
import { mapLimit } from './pool.js';
import type { SynthesisPlan, SynthesisQuestion } from './synthesize.js';
import type { EncodedRow } from './synthetic-rows.js';
import { checkReplies, realRowKeys } from './synthetic-rows.js';

export interface SyntheticFold {
  readonly fold: number;
  readonly rows: readonly EncodedRow[];
  readonly record: SynthesisFold;
}

export interface SynthesisAsked {
  readonly folds: readonly SyntheticFold[];
  /** Everything of the result but the trees' re-scoring. */
  readonly summary: Omit<SynthesisResult, 'effects' | 'message'>;
}

export async function askForSynthesis(
  inputs: LlmInputs,
  settings: Pick<LlmSettings, 'synthesizeRows' | 'concurrency' | 'prices'>,
  plan: SynthesisPlan,
  io: {
    readonly ask: (q: Question) => Promise<Extract<Asked, { entry: unknown }> | null>;
    readonly signal?: AbortSignal;
  },
): Promise<SynthesisAsked | null> {
  if (plan.questions.length === 0) return null;
  const replies = await mapLimit(plan.questions, settings.concurrency, io.signal, async (q: SynthesisQuestion) => ({
    q,
    got: await io.ask(q),
  }));
  const real = realRowKeys(inputs.dataset, inputs.features, inputs.target);
  const invalidReasons: Record<string, number> = {};
  const folds: SyntheticFold[] = [];
  for (const [fold, schema] of plan.schemas) {
    const mine = replies.filter((r) => r.q.fold === fold);
    const checked = checkReplies(
      schema,
      mine.map((r) => (r.got ? r.got.entry.reply.text : null)),
      real,
    );
    let invalid = 0;
    for (const [reason, n] of Object.entries(checked.invalid)) {
      invalidReasons[reason] = (invalidReasons[reason] ?? 0) + n;
      invalid += n;
    }
    folds.push({
      fold,
      rows: checked.rows,
      record: {
        fold,
        ...(schema.target.task === 'classification' ? { class: schema.target.label } : {}),
        exampleRows: [...new Set(mine.flatMap((r) => r.q.exampleRows))].sort((a, b) => a - b),
        asked: mine.reduce((a, r) => a + r.q.count, 0),
        received: checked.received,
        invalid,
        duplicates: checked.duplicates,
        added: checked.rows.length,
        failedRequests: mine.filter((r) => !r.got).length,
      },
    });
  }
  const answered = replies.flatMap((r) => (r.got ? [r.got] : []));
  const paid = answered.filter((g) => !g.cached);
  const tokens = (list: typeof answered) => ({
    in: list.reduce((a, g) => a + g.entry.reply.tokensIn, 0),
    out: list.reduce((a, g) => a + g.entry.reply.tokensOut, 0),
  });
  const price = (t: { in: number; out: number }) =>
    (t.in * settings.prices.inputPer1M + t.out * settings.prices.outputPer1M) / 1e6;
  const all = tokens(answered);
  return {
    folds,
    summary: {
      rowsPerFold: settings.synthesizeRows,
      folds: folds.map((f) => f.record),
      invalidReasons,
      requests: paid.length,
      cachedResponses: answered.length - paid.length,
      tokensIn: all.in,
      tokensOut: all.out,
      runCost: price(tokens(paid)),
      cost: price(all),
    },
  };
}
