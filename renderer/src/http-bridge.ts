/**
 * `window.sapling` over HTTP, for browser mode (`sapling ui`, main/web/server.ts): the same SaplingBridge the
 * Electron preload exposes, so the rest of the renderer cannot tell the difference.
 *
 * - A call is a JSON POST to /api/call/<channel>; the answer is the handler's Result. The server's gate needs
 *   the session cookie, which the browser sends by itself (same origin).
 * - Progress and open-path events come over server-sent events (/api/events). A response names the last event
 *   sent before it (X-Sapling-Seq) and is delivered only after that event: progress comes before the result, as
 *   over IPC.
 * - There are no native dialogs in a page: chooseFile and openProject show the browser's file picker, stream
 *   the chosen file to /api/upload, then ask the server (whose open dialog answers with the upload). A file the
 *   server wrote for an export comes back as a download (X-Sapling-Download), and the answer's path becomes the
 *   downloaded file's name.
 */
import type {
  Channel,
  FileGrant,
  IpcError,
  MenuCommand,
  ProgressEvent,
  Request,
  Responses,
  Result,
  SaplingBridge,
} from '../../app/ipc/contract.js';

/** Mirrors main/web/events.ts and main/web/server.ts. */
const SEQ_HEADER = 'X-Sapling-Seq';
const DOWNLOAD_HEADER = 'X-Sapling-Download';
/** How long a response waits for its events when the event stream is down (then it is delivered anyway). */
const EVENT_WAIT_MS = 3000;

const SERVER_GONE: IpcError = {
  code: 'INTERNAL',
  message: 'Sapling’s server is not answering: was `sapling ui` stopped? Start it again and reload this page.',
};

export interface HttpBridge extends SaplingBridge {
  /** The in-page File menu (browser mode has no native menu) sends its commands through onMenuCommand. */
  menuCommand(command: MenuCommand): void;
}

type Upload = { readonly path: string; readonly fileName: string; readonly bytes: number; readonly sha256: string };

function refusal(status: number, text: string): IpcError {
  const reason = text.trim() || `HTTP ${status}`;
  return {
    code: 'INTERNAL',
    message:
      status === 401
        ? `The Sapling server refused this page (${reason}). Open the URL that \`sapling ui\` printed.`
        : `The Sapling server refused the request: ${reason}`,
  };
}

/** Shows the browser's file picker; the chosen file, or null when the user cancels. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.hidden = true;
    const done = (file: File | null): void => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

function download(url: string): string {
  const name = decodeURIComponent(url.split('/').pop() ?? 'download');
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  return name;
}

export function createHttpBridge(): HttpBridge {
  // ---- events ----
  let lastSeq = 0;
  let streamOpen = false;
  const waiters = new Set<{ seq: number; resolve: () => void }>();
  const progressListeners = new Set<(event: ProgressEvent) => void>();
  const menuListeners = new Set<(command: MenuCommand) => void>();
  const pathListeners = new Set<(file: FileGrant) => void>();
  const unheardPaths: FileGrant[] = [];

  const seen = (seq: number): void => {
    if (Number.isFinite(seq) && seq > lastSeq) lastSeq = seq;
    for (const w of waiters) if (w.seq <= lastSeq) w.resolve();
  };
  const source = new EventSource('/api/events');
  source.addEventListener('open', () => (streamOpen = true));
  source.addEventListener('error', () => {
    streamOpen = false;
    for (const w of waiters) w.resolve(); // nothing will come until it reconnects: do not hold answers back
  });
  source.addEventListener('hello', (e) => seen((JSON.parse((e as MessageEvent<string>).data) as { seq: number }).seq));
  source.addEventListener('progress', (e) => {
    const message = e as MessageEvent<string>;
    const event = JSON.parse(message.data) as ProgressEvent;
    for (const listener of progressListeners) listener(event);
    seen(Number(message.lastEventId));
  });
  source.addEventListener('open-path', (e) => {
    const message = e as MessageEvent<string>;
    const file = JSON.parse(message.data) as FileGrant;
    if (pathListeners.size === 0) unheardPaths.push(file);
    for (const listener of pathListeners) listener(file);
    seen(Number(message.lastEventId));
  });

  const eventsUpTo = (seq: number): Promise<void> =>
    seq <= lastSeq || !streamOpen
      ? Promise.resolve()
      : new Promise((resolve) => {
          const waiter = {
            seq,
            resolve: () => {
              waiters.delete(waiter);
              clearTimeout(timer);
              resolve();
            },
          };
          const timer = setTimeout(waiter.resolve, EVENT_WAIT_MS);
          waiters.add(waiter);
        });

  // ---- calls ----
  async function post<T>(channel: Channel, request: unknown): Promise<Result<T>> {
    let response: Response;
    try {
      response = await fetch(`/api/call/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        credentials: 'same-origin',
      });
    } catch {
      return { ok: false, error: SERVER_GONE };
    }
    if (!response.headers.get('content-type')?.startsWith('application/json'))
      return { ok: false, error: refusal(response.status, await response.text().catch(() => '')) };
    let result: Result<T>;
    try {
      result = (await response.json()) as Result<T>;
    } catch {
      return { ok: false, error: SERVER_GONE };
    }
    await eventsUpTo(Number(response.headers.get(SEQ_HEADER) ?? 0));
    const downloads = response.headers.get(DOWNLOAD_HEADER);
    if (result.ok && downloads !== null) {
      const names = (JSON.parse(downloads) as string[]).map(download);
      return { ok: true, value: { ...(result.value as object), path: names[0] } as T };
    }
    return result;
  }

  async function upload(file: File, purpose: 'data' | 'project' | 'model'): Promise<Result<Upload>> {
    try {
      const response = await fetch(`/api/upload?purpose=${purpose}&name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: file,
        credentials: 'same-origin',
      });
      if (!response.headers.get('content-type')?.startsWith('application/json'))
        return { ok: false, error: refusal(response.status, await response.text().catch(() => '')) };
      return (await response.json()) as Result<Upload>;
    } catch {
      return { ok: false, error: SERVER_GONE };
    }
  }

  /** Uploads `file`, then asks the server's open dialog, which answers with that upload. */
  async function open<C extends 'chooseFile' | 'openProject' | 'chooseModelFile'>(
    channel: C,
    file: File | null,
  ): Promise<Result<Responses[C]>> {
    if (file === null) return { ok: true, value: null };
    const purpose = channel === 'openProject' ? 'project' : channel === 'chooseModelFile' ? 'model' : 'data';
    const sent = await upload(file, purpose);
    if (!sent.ok) return sent;
    return post<Responses[C]>(channel, {});
  }

  const call = (channel: Channel) => (request: unknown) => post(channel, request);
  const bridge = {
    chooseFile: () => pickFile('.csv,.tsv,.txt').then((f) => open('chooseFile', f)),
    openProject: () => pickFile('.sapling').then((f) => open('openProject', f)),
    chooseModelFile: () => pickFile('.json').then((f) => open('chooseModelFile', f)),
    onProgress(listener: (event: ProgressEvent) => void) {
      progressListeners.add(listener);
      return () => void progressListeners.delete(listener);
    },
    onMenuCommand(listener: (command: MenuCommand) => void) {
      menuListeners.add(listener);
      return () => void menuListeners.delete(listener);
    },
    onOpenPath(listener: (file: FileGrant) => void) {
      pathListeners.add(listener);
      for (const file of unheardPaths.splice(0)) listener(file);
      return () => void pathListeners.delete(listener);
    },
    /** A page never learns a dropped file's path: the drop is uploaded instead (uploadFile). */
    grantDroppedFile: () => Promise.resolve(undefined),
    uploadFile: (file: unknown) =>
      file instanceof File ? open('chooseFile', file) : Promise.resolve({ ok: true as const, value: null }),
    menuCommand(command: MenuCommand) {
      for (const listener of menuListeners) listener(command);
    },
  };
  // Every other member is a contract channel: one POST each.
  return new Proxy(bridge, {
    get: (target, name) =>
      typeof name === 'string' && !(name in target)
        ? (call(name as Channel) as (r: Request<Channel>) => Promise<Result<unknown>>)
        : (target as Record<string | symbol, unknown>)[name],
  }) as unknown as HttpBridge;
}

let installed: HttpBridge | undefined;

/** Installs the HTTP bridge as window.sapling when nothing else did (no preload, no test harness). */
export function installHttpBridge(): void {
  if (typeof window.sapling === 'object' && window.sapling !== null) return;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  installed = createHttpBridge();
  Object.defineProperty(window, 'sapling', { value: installed, writable: false, configurable: false });
}

/** The HTTP bridge when the page runs in browser mode; undefined in the desktop app. */
export function browserMode(): HttpBridge | undefined {
  return installed;
}
