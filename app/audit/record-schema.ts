/**
 * The shape a run record must have before anything reads it. A log is a file: its records may be `{}`,
 * hand-written or from another program, and a valid signature only says who wrote a record, not that it
 * has the fields `audit list`, the report and `reproduce` read. verifyChain checks every record against
 * this schema, so a record missing `dataset` is a named break in the chain, never a TypeError later.
 *
 * Only what readers rely on is checked, and unknown fields pass: records written by older or newer
 * Sapling versions keep verifying. The settings a record holds are re-checked by the comparison itself
 * when `reproduce` runs them again.
 */
import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');
const count = z.number().int().nonnegative();
const text = z.string().max(100_000);

const datasetRecord = z
  .object({
    fileName: text,
    path: text.optional(),
    sha256,
    bytes: count,
    rowsInFile: count,
    columns: z.array(z.object({ name: text, type: z.string(), missing: count }).passthrough()),
    parser: z
      .object({ delimiter: z.string(), decimalComma: z.boolean(), missingTokens: z.array(z.string()) })
      .passthrough(),
    warnings: z.array(z.string()),
  })
  .passthrough();

const runSettings = z
  .object({
    target: text,
    seed: z.number().int().nonnegative(),
    models: z.array(z.string()),
    exclude: z.array(z.string()),
    params: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]))),
  })
  .passthrough();

const outFile = { outFile: text, modelFileSha256: sha256 };

export const RUN_RECORD_SCHEMA = z
  .object({
    kind: z.enum(['compare', 'train', 'import']),
    status: z.enum(['started', 'completed', 'cancelled', 'failed']),
    error: z.string().optional(),
    startedAt: z.string(),
    finishedAt: z.string(),
    environment: z
      .object({
        sapling: z.string(),
        runtime: z.string(),
        platform: z.string(),
        libraries: z.record(z.string(), z.string()),
      })
      .passthrough(),
    dataset: datasetRecord,
    settings: runSettings,
    // decodeFolds allocates per fold and per row: both bounded before reproduce decodes them.
    split: z
      .object({
        rows: count.max(1e9),
        folds: z.number().int().min(1).max(1000),
        bitsPerRow: z.number().int().min(1).max(16),
        packed: z.string(),
      })
      .passthrough()
      .optional(),
    models: z
      .array(z.object({ id: z.string(), params: z.object({}).passthrough(), foldSeeds: z.array(count) }).passthrough())
      .optional(),
    result: z
      .object({ format: z.literal('sapling-compare') })
      .passthrough()
      .optional(),
    trained: z
      .object({ model: z.string(), seed: z.number().int(), rows: count, features: z.array(z.string()), ...outFile })
      .passthrough()
      .optional(),
    imported: z
      .object({ format: z.string(), fileName: text, sha256, detail: z.string(), ...outFile })
      .passthrough()
      .optional(),
    llm: z
      .object({ endpoint: z.string(), provider: z.string(), model: z.string(), cacheKeys: z.array(z.string()) })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** Why `value` is not a run record a reader can use (the first problem, with its field), or undefined. */
export function recordShapeProblem(value: unknown): string | undefined {
  const checked = RUN_RECORD_SCHEMA.safeParse(value);
  if (checked.success) return undefined;
  const issue = checked.error.issues[0];
  return `record.${issue.path.map(String).join('.')}: ${issue.message}`.replace(/\.: /, ': ');
}
