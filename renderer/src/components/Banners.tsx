import type { ShownError } from '../types.js';

/** An error the user can act on, naming the file, line and column when the core knows them. */
export function ErrorBanner({ shown, onDismiss }: { shown: ShownError; onDismiss: () => void }) {
  const { error } = shown;
  const loc = error.location;
  const where: string[] = [];
  if (loc?.file) where.push(loc.file);
  if (loc?.line !== undefined) where.push(`line ${loc.line}`);
  if (loc?.column !== undefined) where.push(`column ${loc.column}`);
  return (
    <div className="banner error" role="alert" data-testid="error-banner" data-code={error.code}>
      <div className="banner-body">
        <strong className="banner-title">{shown.context}</strong>
        <p className="banner-message" data-testid="error-message">
          {error.message}
        </p>
        {where.length > 0 && (
          <p className="banner-location" data-testid="error-location">
            {where.join(', ')}
          </p>
        )}
        <p className="banner-code">Error code: {error.code}</p>
      </div>
      <button type="button" className="button secondary" onClick={onDismiss} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}

/** A neutral notice (e.g. "cancelled"): information, not a failure. */
export function NoticeBanner({ text, onDismiss }: { text: string; onDismiss: () => void }) {
  return (
    <div className="banner notice" role="status" data-testid="notice">
      <p className="banner-message">{text}</p>
      <button type="button" className="button secondary" onClick={onDismiss} aria-label="Dismiss notice">
        Dismiss
      </button>
    </div>
  );
}
