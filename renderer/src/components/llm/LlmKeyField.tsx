/**
 * The API key field: write-only (main keeps the key and never sends it back), with how the saved key is
 * stored — encrypted by the OS keychain, or in plain text where the system offers no encryption.
 */
import type { LlmSettingsView } from '../../../../app/ipc/contract.js';

interface Props {
  view: LlmSettingsView | null;
  /** The key being typed ('' = keep the saved one). */
  value: string;
  onChange: (text: string) => void;
  /** Removes the saved key; undefined while the settings form does not validate. */
  onForget: (() => void) | undefined;
  busy: boolean;
}

export function LlmKeyField({ view, value, onChange, onForget, busy }: Props) {
  return (
    <div className="field">
      <label htmlFor="llm-key">API key</label>
      <input
        id="llm-key"
        type="password"
        autoComplete="off"
        value={value}
        disabled={busy}
        onChange={(e) => onChange(e.target.value)}
        placeholder={view?.key === 'none' || !view ? 'not needed for a local server' : 'saved — type to replace'}
        aria-describedby="llm-key-help"
      />
      <span className="help" id="llm-key-help" data-testid="llm-key-storage">
        {view?.key === 'encrypted' && 'A key is saved, encrypted by the operating system’s keychain.'}
        {view?.key === 'plain-text' && (
          <strong className="inline-error">
            A key is saved in plain text: this system offers no encrypted storage.
          </strong>
        )}
        {(view?.key ?? 'none') === 'none' &&
          (view?.encryptionAvailable === false ? (
            <strong className="inline-error">
              This system offers no encrypted storage: a key you save here is kept in plain text in Sapling’s settings
              folder.
            </strong>
          ) : (
            'No key saved. A key you save is encrypted by the operating system’s keychain.'
          ))}
      </span>
      {view && view.key !== 'none' && (
        <button
          type="button"
          className="button small"
          disabled={busy || onForget === undefined}
          onClick={() => onForget?.()}
        >
          Forget the key
        </button>
      )}
    </div>
  );
}
