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
import { keyOrigin, llmSettings, type LlmSettings } from '../../app/settings/llm.js';
import { SaplingError } from '../../app/util/errors.js';
import { writeFileAtomic } from '../../io/files.js';

export const LLM_SETTINGS_FILE = 'llm-settings.json';
export const LLM_CACHE_FOLDER = 'llm-cache';
/** Owner read/write only. */
export const KEY_FILE_MODE = 0o600;

/** The part of Electron's safeStorage we use (injected: tests and the e2e harness pass their own). */
export interface SecretStore {
  /** True only when encryptString really encrypts (on Linux, not with the 'basic_text' backend). */
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
}

/**
 * The saved key and the origin (scheme://host:port) it was entered for: it is only ever sent there. A key saved
 * before keys were bound (no `origin`) belongs to the base URL saved with it.
 */
type StoredKey = {
  readonly kind: 'encrypted' | 'plain-text';
  readonly data: string;
  readonly origin?: string;
};

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
    synthesizeRows: user.synthesizeRows ?? 0,
    seed,
  });
}

/** The origin the stored key belongs to (see StoredKey). */
function originOf(stored: StoredFile): string | undefined {
  if (!stored.key) return undefined;
  if (stored.key.origin !== undefined) return stored.key.origin;
  try {
    return keyOrigin(stored.settings.baseUrl);
  } catch {
    return undefined;
  }
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
      const origin = keyOrigin(toRunSettings(settings, 0).baseUrl); // refuses what a run would refuse, now
      const previous = await load();
      // A saved key stays only while the base URL keeps its origin: pointing Sapling at another server (or a
      // compromised renderer doing so) drops the key, and the user must enter it again for the new server.
      let key: StoredKey | undefined =
        clearKey || !previous?.key || originOf(previous) !== origin ? undefined : { ...previous.key, origin };
      if (apiKey !== undefined) {
        key = encryption()
          ? { kind: 'encrypted', data: Buffer.from(secrets!.encryptString(apiKey)).toString('base64'), origin }
          : { kind: 'plain-text', data: apiKey, origin };
      }
      const next: StoredFile = { version: 1, settings, ...(key ? { key } : {}) };
      // Owner-only (0600): the file may hold the key as plain text (no OS keychain).
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { mode: KEY_FILE_MODE });
      return viewOf(next);
    },
    async forRun(seed) {
      const stored = await load();
      if (!stored)
        throw new SaplingError(
          'BAD_PARAMETER',
          'no LLM is configured: set the provider, base URL and model in the LLM settings first',
        );
      const settings = toRunSettings(stored.settings, seed);
      // Belt and braces: a file edited by hand so the key's origin and the base URL differ sends no key.
      const apiKey = originOf(stored) === keyOrigin(settings.baseUrl) ? keyOf(stored.key) : undefined;
      return { settings, ...(apiKey ? { apiKey } : {}) };
    },
  };
}
