/**
 * `sapling ui`'s server: the built renderer and the desktop's own handlers (main/handlers, validated by the
 * zod schemas of app/ipc/contract.ts, heavy work in the compute worker) over HTTP, for a browser on this machine.
 *
 *   GET  /                          the renderer (out/renderer), with the desktop's Content-Security-Policy
 *   POST /api/call/<channel>        a contract call: JSON request in, the handler's Result out (never an exception)
 *   GET  /api/events                progress and open-path events (server-sent events, main/web/events.ts)
 *   POST /api/upload?name=&purpose= a file's bytes, streamed into the session folder (main/web/files.ts)
 *   GET  /api/download/<id>/<name>  a file an export wrote, as an attachment
 *
 * Every request first passes main/web/gate.ts (Host, Origin, token). No Electron anywhere on this path.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHANNELS, type Channel, type ProgressEvent, type Result } from '../../app/ipc/contract.js';
import { SaplingError } from '../../app/util/errors.js';
import { contentTypeOf, resolveAsset } from '../app-protocol.js';
import type { ComputeBackend } from '../compute/protocol.js';
import { createHandlers, type Handlers } from '../handlers/index.js';
import { createFileGrants } from '../handlers/file-grants.js';
import { failure, toIpcError } from '../result.js';
import { CONTENT_SECURITY_POLICY } from '../security.js';
import { EventHub, SEQ_HEADER } from './events.js';
import { SessionFiles, type UploadPurpose } from './files.js';
import { TOKEN_PARAM, allowedHosts, createGate, isLoopbackHost, newToken, type Gate } from './gate.js';

/** Response header naming the download(s) a call produced (a JSON array of same-origin URL paths). */
export const DOWNLOAD_HEADER = 'X-Sapling-Download';
/** Channels whose `{ path }` answer is a file the handler wrote: in the browser it becomes a download. */
export const WRITES_FILE: readonly Channel[] = ['exportResult', 'exportReport', 'exportModel', 'saveProject'];
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Sent with every response: the desktop's CSP, and no sniffing, framing, referrers or caching. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export interface UiServerOptions {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly samplesDir: string;
  /** Recent files and LLM settings of browser mode. */
  readonly userDataDir: string;
  /** Where the run-signing key lives (tests: a temporary folder); default: the user's config folder. */
  readonly configDir?: string;
  readonly compute: ComputeBackend;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** True when the user named the host explicitly (--host): only then may it be a non-loopback address. */
  readonly hostExplicit?: boolean;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default: a fresh random token. */
  readonly token?: string;
  /** Where the session folder is created (default: the OS temp folder). */
  readonly sessionParent?: string;
  /** HTML → PDF for report export; without it PDF export says why it cannot. */
  readonly printToPdf?: (html: string) => Promise<Uint8Array>;
  readonly log?: (message: string) => void;
  /** Every contract call, before it runs (the end-to-end tests record them). */
  readonly onCall?: (channel: Channel, payload: unknown) => void;
  /** Every progress event, as it is sent to the page (the end-to-end tests record them). */
  readonly onProgress?: (event: ProgressEvent) => void;
}

export interface UiServer {
  /** The URL to open: the origin with `?token=…`. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly gate: Gate;
  readonly handlers: Handlers;
  readonly events: EventHub;
  readonly files: SessionFiles;
  /** Asks the page to open a data file (a path given on the command line). */
  openPath(path: string): void;
  close(): Promise<void>;
}

/** Refuses a non-loopback address unless the user asked for it with --host (the caller then warns). */
export function checkBindHost(host: string, explicit: boolean): void {
  if (!isLoopbackHost(host) && !explicit)
    throw new SaplingError(
      'BAD_PARAMETER',
      `refusing to listen on ${host}: only loopback addresses (127.0.0.1, ::1, localhost) are allowed unless --host is given explicitly`,
    );
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new SaplingError('BAD_INPUT', `request body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const host = options.host ?? '127.0.0.1';
  checkBindHost(host, options.hostExplicit ?? false);
  const log = options.log ?? ((message: string) => console.error(message));
  const events = new EventHub();
  const files = await SessionFiles.create(options.sessionParent);
  // The page opens data files by token only (main/handlers/file-grants.ts): uploads (through the open dialog)
  // and files named on the command line (openPath) are the files this user chose.
  const grants = createFileGrants();
  const handlers = createHandlers({
    grants,
    compute: options.compute,
    samplesDir: options.samplesDir,
    userDataDir: options.userDataDir,
    ...(options.configDir !== undefined ? { configDir: options.configDir } : {}),
    showOpenDialog: async () => files.takeUpload('data'),
    showOpenProjectDialog: async () => files.takeUpload('project'),
    showOpenModelDialog: async () => files.takeUpload('model'),
    showSaveDialog: (defaultName) => files.savePath(defaultName),
    ...(options.printToPdf ? { printToPdf: options.printToPdf } : {}),
    progress: (event) => {
      options.onProgress?.(event);
      events.send('progress', event);
    },
    log,
  });
  const channels = new Set<string>(CHANNELS);

  async function call(channel: Channel, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let result: Result<unknown>;
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      result = failure('INVALID_REQUEST', `${channel}: send the request as application/json`);
    } else {
      let payload: unknown;
      try {
        payload = JSON.parse(await readBody(req, MAX_REQUEST_BYTES));
      } catch (error) {
        payload = undefined;
        result =
          error instanceof SaplingError
            ? failure('INVALID_REQUEST', `${channel}: ${error.message}`)
            : failure('INVALID_REQUEST', `${channel}: the request body is not JSON`);
      }
      result ??= await run(channel, payload);
    }
    const headers: Record<string, string> = { [SEQ_HEADER]: String(events.lastSeq) };
    if (result.ok && WRITES_FILE.includes(channel)) {
      const path = (result.value as { path?: unknown } | null)?.path;
      const url = typeof path === 'string' ? await files.offer(path) : undefined;
      if (url) headers[DOWNLOAD_HEADER] = JSON.stringify([url]);
    }
    sendJson(res, 200, result, headers);
  }

  async function run(channel: Channel, payload: unknown): Promise<Result<unknown>> {
    options.onCall?.(channel, payload);
    try {
      return await (handlers[channel] as (p: unknown) => Promise<Result<unknown>>)(payload);
    } catch (error) {
      return { ok: false, error: toIpcError(error).error }; // handlers never throw; a last guard
    }
  }

  async function upload(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const purpose = url.searchParams.get('purpose') as UploadPurpose;
    const name = url.searchParams.get('name') ?? '';
    if (purpose !== 'data' && purpose !== 'project' && purpose !== 'model') {
      req.resume();
      return sendJson(res, 400, failure('INVALID_REQUEST', "upload: purpose must be 'data', 'project' or 'model'"));
    }
    try {
      const done = await files.upload(req, name, purpose);
      sendJson(res, 200, { ok: true, value: done });
    } catch (error) {
      req.resume();
      sendJson(res, 200, { ok: false, error: toIpcError(error).error });
    }
  }

  async function download(id: string, res: ServerResponse): Promise<void> {
    const path = files.download(id);
    const body = path ? await readFile(path).catch(() => undefined) : undefined;
    if (!path || !body) return send(res, 404, 'Not found');
    const name = path.split(/[\\/]/).pop() ?? 'download';
    res
      .writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': contentTypeOf(path),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Content-Length': String(body.length),
      })
      .end(body);
  }

  async function asset(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const file = resolveAsset(options.rendererDir, url.href, url.host);
    const body = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!file || !body) return send(res, 404, 'Not found');
    res
      .writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) })
      .end(req.method === 'HEAD' ? undefined : body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const decision = gate.check({ method, url: req.url ?? '/', headers: req.headers });
    if (decision.kind === 'refuse') {
      log(`sapling ui: refused ${method} ${(req.url ?? '/').replace(/token=[^&]*/, 'token=…')}: ${decision.reason}`);
      req.resume();
      return send(res, decision.status, `${decision.reason}\n`);
    }
    if (decision.kind === 'login')
      return send(res, 303, 'Signed in\n', { Location: decision.location, 'Set-Cookie': decision.cookie });
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const path = url.pathname;
    if (path === '/api/events' && method === 'GET') {
      const last = req.headers['last-event-id'];
      return events.attach(res, Array.isArray(last) ? last[0] : last, SECURITY_HEADERS);
    }
    if (path.startsWith('/api/call/') && method === 'POST') {
      const channel = path.slice('/api/call/'.length);
      if (!channels.has(channel)) {
        req.resume();
        return sendJson(res, 404, failure('INVALID_REQUEST', `there is no channel '${channel}'`));
      }
      return call(channel as Channel, req, res);
    }
    if (path === '/api/upload' && method === 'POST') return upload(url, req, res);
    const dl = /^\/api\/download\/([0-9a-f]{24})\/[^/]+$/.exec(path);
    if (dl && method === 'GET') return download(dl[1], res);
    if (path.startsWith('/api/')) {
      req.resume();
      return send(res, 404, 'Not found');
    }
    if (method !== 'GET' && method !== 'HEAD') {
      req.resume();
      return send(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    return asset(url, req, res);
  }

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hosts = allowedHosts(host, port);
  const token = options.token ?? newToken();
  const gate = createGate({ token, port, hosts });
  // Attached once the gate exists (the port is known only after listen); no request is read before this.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      log(`sapling ui: ${req.method} ${req.url} failed\n${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.end();
    });
  });

  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;

  return {
    url: `${origin}/?${TOKEN_PARAM}=${token}`,
    origin,
    port,
    gate,
    handlers,
    events,
    files,
    openPath: (path) => events.send('open-path', grants.grant(path)),
    async close() {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await files.remove();
    },
  };
}
