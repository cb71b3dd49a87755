/**
 * A local stand-in for an LLM endpoint on 127.0.0.1, speaking the OpenAI chat-completions wire format
 * (POST /v1/chat/completions) and Ollama's native one (POST /api/chat). It answers by a rule applied to
 * the last user message, and can be scripted per request to misbehave: an HTTP status (with
 * Retry-After), a hang past the client's timeout, malformed JSON, a dropped connection, an invalid
 * label, or an error body that echoes the Authorization header (to prove the key is redacted).
 * Token counts are ~4 characters per token, like the client's estimate.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Action =
  | { readonly kind: 'answer' }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string; readonly body?: string }
  | { readonly kind: 'hang' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'invalid'; readonly text: string }
  /** Under a JSON schema, the answer object pretty-printed with `indent` spaces (as some models write it). */
  | { readonly kind: 'indented'; readonly indent: number }
  | { readonly kind: 'echo-key' };

export interface FakeRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

export interface FakeLlm {
  readonly url: string;
  /** Base URL for the OpenAI-compatible client (…/v1); Ollama's is `url`. */
  readonly openaiBaseUrl: string;
  readonly requests: FakeRequest[];
  /** Actions for the next requests, consumed one per request; afterwards every request is answered. */
  readonly script: Action[];
  /** Return token log-probabilities when asked (default true). */
  logprobs: boolean;
  close(): Promise<void>;
}

const tokens = (text: string): number => Math.ceil(text.length / 4);

/** A message as the server received it. */
export type FakeMessage = { readonly role: string; readonly content: string };

/** `rule(prompt, classes, messages)` gives the label for the last user message (the whole conversation is there too). */
export async function startFakeLlm(
  rule: (prompt: string, classes: readonly string[], messages: readonly FakeMessage[]) => string,
): Promise<FakeLlm> {
  const requests: FakeRequest[] = [];
  const script: Action[] = [];
  const hanging = new Set<ServerResponse>();
  const state = { logprobs: true };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const path = req.url ?? '';
    requests.push({ path, authorization: req.headers.authorization, body });
    const action = script.shift() ?? { kind: 'answer' };
    const openai = path === '/v1/chat/completions';
    if (!openai && path !== '/api/chat') return send(res, 404, { error: `no route ${path}` });
    switch (action.kind) {
      case 'status':
        res.writeHead(action.status, {
          'content-type': 'application/json',
          ...(action.retryAfter !== undefined ? { 'retry-after': action.retryAfter } : {}),
        });
        res.end(action.body ?? JSON.stringify({ error: { message: `scripted ${action.status}` } }));
        return;
      case 'hang':
        hanging.add(res);
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"choices": [');
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'echo-key':
        return send(res, 401, { error: { message: `invalid key: ${req.headers.authorization ?? ''}` } });
      default:
    }
    const messages = body.messages as { role: string; content: string }[];
    const prompt = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const schema = (
      openai
        ? (body.response_format as { json_schema?: { schema?: unknown } } | undefined)?.json_schema?.schema
        : body.format
    ) as { properties?: { answer?: { enum?: string[] } } } | undefined;
    const classes = schema?.properties?.answer?.enum ?? /exactly one of: (.*)\.$/m.exec(prompt)?.[1].split(', ') ?? [];
    const label = action.kind === 'invalid' ? action.text : rule(prompt, classes, messages);
    const prefix = schema ? '{"answer":"' : '';
    const full =
      schema && action.kind === 'indented'
        ? `{\n${' '.repeat(action.indent)}"answer": ${JSON.stringify(label)}\n}`
        : schema && action.kind !== 'invalid'
          ? `${prefix}${label}"}`
          : label;
    // Like a real server, generation stops at max_tokens (finish_reason "length"), possibly mid-object.
    const limit = Number(
      openai ? body.max_tokens : (body.options as { num_predict?: number } | undefined)?.num_predict,
    );
    const cut = Number.isFinite(limit) && limit > 0 && tokens(full) > limit;
    const text = cut ? full.slice(0, limit * 4) : full;
    const promptTokens = messages.reduce((a, m) => a + tokens(m.content), 0);
    const wantLogprobs = state.logprobs && (openai ? body.logprobs === true : body.logprobs === true);
    const top = [label, ...classes.filter((c) => c !== label)].map((t, i) => ({
      token: t,
      logprob: Math.log(i === 0 ? 0.8 : 0.2 / Math.max(1, classes.length - 1)),
    }));
    const lp = [
      ...(prefix ? [{ token: prefix, logprob: 0, top_logprobs: [{ token: prefix, logprob: 0 }] }] : []),
      { token: label, logprob: top[0].logprob, top_logprobs: top },
      ...(prefix ? [{ token: '"}', logprob: 0, top_logprobs: [{ token: '"}', logprob: 0 }] }] : []),
    ];
    if (openai) {
      send(res, 200, {
        id: 'fake',
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text },
            finish_reason: cut ? 'length' : 'stop',
            ...(wantLogprobs ? { logprobs: { content: lp } } : {}),
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: tokens(text),
          total_tokens: promptTokens + tokens(text),
        },
      });
    } else {
      send(res, 200, {
        model: body.model,
        message: { role: 'assistant', content: text },
        done: true,
        done_reason: cut ? 'length' : 'stop',
        prompt_eval_count: promptTokens,
        eval_count: tokens(text),
        ...(wantLogprobs ? { logprobs: lp } : {}),
      });
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, { error: error.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    requests,
    script,
    get logprobs() {
      return state.logprobs;
    },
    set logprobs(value: boolean) {
      state.logprobs = value;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(json));
}

/** Sleep that records the waits and returns at once, for retry tests. */
export function instantSleep(): { waits: number[]; sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new Error('aborted');
      waits.push(ms);
    },
  };
}
