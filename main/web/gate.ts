/**
 * The rules every request to `sapling ui` passes before anything else runs (the local server must not become
 * a way into the machine), as plain functions that test/main/web-gate.test.ts pins one refusal at a time:
 *
 * - Host must name this server (127.0.0.1:PORT, localhost:PORT, [::1]:PORT, or the explicit --host): a page
 *   on another site that re-points its DNS name at 127.0.0.1 (DNS rebinding) is refused.
 * - Origin, when the browser sends one, must be this server's; POSTs must carry it, and `Sec-Fetch-Site` must
 *   not say cross-site: another site's page cannot call the API (CSRF).
 * - The per-start token: given once in the printed URL (`/?token=…`), turned into an HttpOnly SameSite=Strict
 *   cookie and stripped from the address bar by a redirect; every later request must carry the cookie.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { networkInterfaces, hostname } from 'node:os';

export const TOKEN_PARAM = 'token';

/** A fresh per-start token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** "host:port" as it appears in a Host header (IPv6 addresses in brackets), lower-case. */
export function hostHeaderFor(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${h}:${port}`.toLowerCase();
}

/**
 * The Host values this server answers to. Bound to loopback: the loopback names. Bound to an explicit address:
 * that address (and, for 0.0.0.0 / ::, every address of this machine's interfaces and its host name).
 */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const hosts = new Set<string>();
  const add = (h: string): void => void hosts.add(hostHeaderFor(h, port));
  if (isLoopbackHost(bindHost) || bindHost === '0.0.0.0' || bindHost === '::')
    for (const h of ['127.0.0.1', 'localhost', '::1']) add(h);
  if (bindHost === '0.0.0.0' || bindHost === '::') {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) add(a.address);
    add(hostname());
  } else add(bindHost);
  return hosts;
}

export interface GateRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export type GateDecision =
  | { readonly kind: 'pass' }
  /** The first URL with the right token: set the cookie and redirect to `location` (the URL without the token). */
  | { readonly kind: 'login'; readonly location: string; readonly cookie: string }
  | { readonly kind: 'refuse'; readonly status: 400 | 401 | 403; readonly reason: string };

export interface Gate {
  readonly token: string;
  readonly cookieName: string;
  readonly hosts: ReadonlySet<string>;
  check(request: GateRequest): GateDecision;
}

function header(request: GateRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createGate(options: { token: string; port: number; hosts: ReadonlySet<string> }): Gate {
  // Cookies are not separated by port: two servers on one machine each get their own cookie name.
  const cookieName = `sapling-token-${options.port}`;
  const { token, hosts } = options;
  return {
    token,
    cookieName,
    hosts,
    check(request) {
      const host = header(request, 'host')?.toLowerCase();
      if (host === undefined || !hosts.has(host))
        return {
          kind: 'refuse',
          status: 403,
          reason: `unknown Host '${host ?? ''}' (this server answers only to its own address)`,
        };
      const origin = header(request, 'origin');
      if (origin !== undefined && origin !== `http://${host}`)
        return { kind: 'refuse', status: 403, reason: `cross-origin request from '${origin}' refused` };
      const site = header(request, 'sec-fetch-site');
      if (site === 'cross-site' || site === 'same-site')
        return { kind: 'refuse', status: 403, reason: `${site} request refused` };
      if (request.method !== 'GET' && request.method !== 'HEAD' && origin === undefined)
        return { kind: 'refuse', status: 403, reason: `${request.method} without an Origin header refused` };

      let url: URL;
      try {
        url = new URL(request.url, `http://${host}`);
      } catch {
        return { kind: 'refuse', status: 400, reason: 'malformed URL' };
      }
      const given = url.searchParams.get(TOKEN_PARAM);
      if (given !== null && request.method === 'GET') {
        if (!sameSecret(given, token)) return { kind: 'refuse', status: 401, reason: 'wrong token' };
        url.searchParams.delete(TOKEN_PARAM);
        return {
          kind: 'login',
          location: `${url.pathname}${url.search}`,
          cookie: `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        };
      }
      const cookie = cookieValue(header(request, 'cookie'), cookieName);
      if (cookie === undefined || !sameSecret(cookie, token))
        return { kind: 'refuse', status: 401, reason: 'no valid token: open the URL that `sapling ui` printed' };
      return { kind: 'pass' };
    },
  };
}
