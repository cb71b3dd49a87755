/**
 * The desktop app's LLM settings and API key, kept by main in the user-data folder (llm-settings.json).
 * The key is encrypted with Electron's safeStorage (the OS keychain) where the OS offers it; where it
 * offers only plain-text storage the file holds the key as text and the UI says so. The key never goes
 * back to the renderer: it leaves main only inside the compute worker's runCompare call (same process)
 * and in the Authorization header of the LLM requests.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LlmSettingsView, LlmUserSettings } from '../../app/ipc/contract.js';
import { llmSettings, type LlmSettings } from '../../app/settings/llm.js';
import { SaplingError } from '../../app/util/errors.js';
import { writeFileAtomic } from '../../io/files.js';

export const LLM_SETTINGS_FILE = 'llm-settings.json';
export const LLM_CACHE_FOLDER = 'llm-cache';

/** The part of Electron's safeStorage we use (injected: tests and the e2e harness pass their own). */
export interface SecretStore {
  /** True only when encryptString really encrypts (on Linux, not with the 'basic_text' backend). */
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
}

type StoredKey =
  { readonly kind: 'encrypted'; readonly data: string } | { readonly kind: 'plain-text'; readonly data: string };

interface StoredFile {
  readonly version: 1;
  readonly settings: LlmUserSettings;
  readonly key?: StoredKey;
}

export interface LlmStore {
  view(): Promise<LlmSettingsView>;
  save(settings: LlmUserSettings, apiKey?: string, clearKey?: boolean): Promise<LlmSettingsView>;
  /** Full run settings and the key, or a BAD_PARAMETER error telling the user to configure the LLM first. */
  forRun(seed: number): Promise<{ readonly settings: LlmSettings; readonly apiKey?: string }>;
  readonly cacheDir: string;
}

/** Core settings from what the user edits (validated: a bad URL or instructions without {row} are refused). */
export function toRunSettings(user: LlmUserSettings, seed: number): LlmSettings {
  return llmSettings({
    provider: user.provider,
    baseUrl: user.baseUrl,
    model: user.model,
    prices: { inputPer1M: user.inputPer1M, outputPer1M: user.outputPer1M },
    sampleRows: user.sampleRows,
    shots: user.shots,
    template: user.template,
    instructions: user.instructions,
    contaminationTrials: user.contaminationTrials ?? 0,
    variants: [
      ...(user.retrievedExamples ? (['retrieved'] as const) : []),
      ...(user.treeColumns ? (['columns'] as const) : []),
    ],
    ...(user.treeColumns ? { variantColumns: user.treeColumns } : {}),
    seed,
  });
}

export function createLlmStore(userDataDir: string, secrets: SecretStore | undefined): LlmStore {
  const file = join(userDataDir, LLM_SETTINGS_FILE);
  const encryption = (): boolean => secrets?.isEncryptionAvailable() ?? false;

  async function load(): Promise<StoredFile | null> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new SaplingError('BAD_INPUT', `cannot read the LLM settings (${file}): ${(error as Error).message}`);
    }
    try {
      const parsed = JSON.parse(text) as StoredFile;
      if (parsed.version !== 1 || typeof parsed.settings !== 'object') throw new Error('unknown format');
      return parsed;
    } catch (error) {
      throw new SaplingError(
        'BAD_INPUT',
        `the LLM settings file ${file} is damaged (${(error as Error).message}); save the settings again to replace it`,
        { file: LLM_SETTINGS_FILE },
      );
    }
  }

  const viewOf = (stored: StoredFile | null): LlmSettingsView => ({
    settings: stored?.settings ?? null,
    key: stored?.key?.kind ?? 'none',
    encryptionAvailable: encryption(),
  });

  function keyOf(stored: StoredKey | undefined): string | undefined {
    if (!stored) return undefined;
    if (stored.kind === 'plain-text') return stored.data;
    if (!secrets)
      throw new SaplingError(
        'BAD_PARAMETER',
        'the saved LLM key is encrypted, but the keychain is not available now; enter the key again',
      );
    try {
      return secrets.decryptString(Uint8Array.from(Buffer.from(stored.data, 'base64')));
    } catch {
      throw new SaplingError(
        'BAD_PARAMETER',
        'the saved LLM key cannot be decrypted (was the OS keychain reset?); enter the key again',
      );
    }
  }

  return {
    cacheDir: join(userDataDir, LLM_CACHE_FOLDER),
    view: async () => viewOf(await load()),
    async save(settings, apiKey, clearKey) {
      toRunSettings(settings, 0); // refuse what a run would refuse, now rather than at run time
      const previous = await load();
      let key: StoredKey | undefined = clearKey ? undefined : previous?.key;
      if (apiKey !== undefined) {
        key = encryption()
          ? { kind: 'encrypted', data: Buffer.from(secrets!.encryptString(apiKey)).toString('base64') }
          : { kind: 'plain-text', data: apiKey };
      }
      const next: StoredFile = { version: 1, settings, ...(key ? { key } : {}) };
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
      return viewOf(next);
    },
    async forRun(seed) {
      const stored = await load();
      if (!stored)
        throw new SaplingError(
          'BAD_PARAMETER',
          'no LLM is configured: set the provider, base URL and model in the LLM settings first',
        );
      const apiKey = keyOf(stored.key);
      return { settings: toRunSettings(stored.settings, seed), ...(apiKey ? { apiKey } : {}) };
    },
  };
}
