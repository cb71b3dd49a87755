/**
 * The security rules of the desktop app as plain functions (Electron's security checklist: validate every
 * IPC sender, limit navigation and new windows, open only the app's own https links, a strict CSP).
 * main/index.ts applies them; test/main/security.test.ts pins them. URLs are always parsed with `new URL`,
 * never compared with startsWith.
 */

/** The app's own scheme: the renderer is served from app://sapling/ (main/app-protocol.ts), not file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sapling';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The only external links Sapling opens (Help menu): the survey whose thesis Sapling lets users check on
 * their own data, and the reference for the permutation importance it reports.
 */
export const SURVEY_URL = 'https://arxiv.org/abs/2409.06857';
export const PERMUTATION_IMPORTANCE_URL = 'https://scikit-learn.org/stable/modules/permutation_importance.html';
export const EXTERNAL_LINKS: readonly string[] = [SURVEY_URL, PERMUTATION_IMPORTANCE_URL];

/**
 * The Content-Security-Policy: scripts, styles and fonts only from the app itself, no network, no
 * frames, no plugins. Inline style attributes are allowed (charts set them); inline scripts are not.
 * `frame-ancestors` only works as a header, so the <meta> variant leaves it out.
 */
const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];
export const CONTENT_SECURITY_POLICY = [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; ');
export const CONTENT_SECURITY_POLICY_META = CSP_DIRECTIVES.join('; ');

/** Where the renderer is served from: protocol and host (host includes the port), e.g. app: + sapling. */
export interface AppLocation {
  readonly protocol: string;
  readonly host: string;
}

export const APP_LOCATION: AppLocation = { protocol: `${APP_SCHEME}:`, host: APP_HOST };

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The location of a URL the renderer is loaded from (a dev server or the e2e harness's http server). */
export function locationOf(url: string): AppLocation {
  const u = parse(url);
  if (!u || u.host === '') throw new Error(`not an app URL: ${url}`);
  return { protocol: u.protocol, host: u.host };
}

/** Whether a URL belongs to the app itself (same scheme and host). */
export function isAppUrl(url: string, app: AppLocation = APP_LOCATION): boolean {
  const u = parse(url);
  return (
    u !== undefined && u.protocol === app.protocol && u.host === app.host && u.username === '' && u.password === ''
  );
}

/** What the IPC layer knows about the frame that sent a message (Electron's WebFrameMain has these). */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** VS Code's rule: only the app's own main frame may call main (no subframes, no other origins). */
export function isTrustedSender(frame: FrameLike | null | undefined, app: AppLocation = APP_LOCATION): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, app);
}

/** Only https links the app itself offers (EXTERNAL_LINKS, exact match) go to the system browser. */
export function isAllowedExternalUrl(url: string, allowed: readonly string[] = EXTERNAL_LINKS): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username !== '' || u.password !== '') return false;
  return allowed.some((a) => parse(a)?.href === u.href);
}
