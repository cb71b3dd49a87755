/**
 * Server → page events for `sapling ui` over server-sent events (GET /api/events): progress and open-path.
 *
 * Why SSE and not a WebSocket: the events only ever flow from the server to the page (requests are JSON POSTs),
 * EventSource is built into every browser and reconnects by itself (resuming with Last-Event-ID), it is plain
 * HTTP — so the same Host/Origin/cookie gate and CSP `connect-src 'self'` cover it — and Node serves it with no
 * dependency (a WebSocket server would need one, e.g. `ws`).
 *
 * Every event gets a sequence number. A call's response carries the number of the last event sent before it
 * (X-Sapling-Seq), and the page's bridge delivers the response only after it has seen that event: progress
 * arrives before the result, as over Electron's IPC. Recent events are kept so a reconnecting page gets what it
 * missed.
 */
import type { ServerResponse } from 'node:http';

export const SEQ_HEADER = 'X-Sapling-Seq';
const REPLAY = 500;
const HEARTBEAT_MS = 15_000;

export type EventName = 'progress' | 'open-path';

interface Sent {
  readonly seq: number;
  readonly text: string;
}

export class EventHub {
  private seq = 0;
  private readonly recent: Sent[] = [];
  private readonly clients = new Set<ServerResponse>();
  /** Open-path events sent while no page was connected: the first page to connect gets them (like the desktop's pending paths). */
  private readonly unheard: string[] = [];
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** The number of the last event sent. */
  get lastSeq(): number {
    return this.seq;
  }

  get connected(): number {
    return this.clients.size;
  }

  send(name: EventName, data: unknown): void {
    if (name === 'open-path' && this.clients.size === 0) {
      this.unheard.push(data as string);
      return;
    }
    this.seq += 1;
    const sent = { seq: this.seq, text: `id: ${this.seq}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n` };
    this.recent.push(sent);
    if (this.recent.length > REPLAY) this.recent.shift();
    for (const client of this.clients) client.write(sent.text);
  }

  /** Takes over a GET /api/events response. `lastEventId`: what a reconnecting EventSource saw last. */
  attach(res: ServerResponse, lastEventId: string | undefined, headers: Readonly<Record<string, string>>): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    // The first message tells the page where the sequence stands, so it never waits for an event sent before it connected.
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ seq: this.seq })}\n\n`);
    const after = Number(lastEventId);
    if (Number.isInteger(after) && after > 0) for (const e of this.recent) if (e.seq > after) res.write(e.text);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    for (const path of this.unheard.splice(0)) this.send('open-path', path);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
