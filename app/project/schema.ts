/**
 * The `.sapling` project file, version by version. A project holds the data reference and its
 * fingerprint, the comparison settings, the latest result, the run log (sealed records, as in
 * sapling-runs.jsonl) and trained models (model files, as `sapling train` writes them).
 *
 * Changing the format: bump PROJECT_VERSION, keep the old schema's shape reachable through a migration
 * in migrations.ts (version n → n+1), and add a test that opens a file of the old version.
 */
import { z } from 'zod';
import { SETTINGS, settingFields, withSplitRules, type SettingKey } from '../settings/compare.js';

export const PROJECT_FORMAT = 'sapling-project';
export const PROJECT_VERSION = 1;

/** Every setting of the schema; target, seed, exclude and models are spelled out below (always present, models kept as written). */
const PROJECT_OPTIONAL_SETTINGS = (Object.keys(SETTINGS) as SettingKey[]).filter(
  (key) => !['target', 'seed', 'exclude', 'models'].includes(key),
);

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex');

export const projectSchema = z
  .object({
    format: z.literal(PROJECT_FORMAT),
    version: z.literal(PROJECT_VERSION),
    sapling: z.string(),
    savedAt: z.string(),
    name: z.string(),
    data: z
      .object({
        fileName: z.string().min(1),
        /** Where the data file was when the project was saved (absolute, or relative to the project's folder). */
        path: z.string().min(1),
        sha256,
        bytes: z.number().int().nonnegative(),
        parser: z
          .object({
            delimiter: z.string(),
            decimalComma: z.boolean(),
            missingTokens: z.array(z.string()),
            // Absent: UTF-8 (projects saved before encodings were detected, or a UTF-8 file).
            encoding: z.literal('windows-1252').optional(),
          })
          .strict(),
      })
      .strict()
      .nullable(),
    /** The comparison settings, checked by the one settings schema (app/settings/compare.ts) like the CLI and the desktop. */
    settings: withSplitRules(
      z
        .object({
          ...settingFields(PROJECT_OPTIONAL_SETTINGS),
          target: z.string(),
          seed: SETTINGS.seed.schema,
          exclude: SETTINGS.exclude.schema,
          // Kept as written: a project may name a model this Sapling does not offer (the run says so when it starts).
          models: z.array(z.string()),
          params: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]))),
          /** LlmSettings: plain data, never the key. */
          llm: z
            .object({ provider: z.enum(['openai', 'ollama']), baseUrl: z.string(), model: z.string() })
            .passthrough()
            .optional(),
        })
        .strict(),
    ).nullable(),
    /** The latest comparison result (the `compare --json` document); checked by its own format marker. */
    result: z
      .object({ format: z.literal('sapling-compare'), version: z.number() })
      .passthrough()
      .nullable(),
    /** The run log: one sealed record per entry, exactly the lines of a sapling-runs.jsonl (without the newline). */
    runLog: z.array(z.string()),
    /** Trained models by name: model files as `sapling train` writes them (`sapling predict` loads each). */
    models: z.record(z.string(), z.object({ format: z.literal('sapling-model') }).passthrough()),
  })
  .strict();

export type ProjectFile = z.infer<typeof projectSchema>;
