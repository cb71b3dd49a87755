/**
 * The generic main ↔ worker service proxy in memory (no threads, no Electron), like VS Code's
 * test/common/ipc.test.ts: a service served by serveCompute on one end of an in-memory port, called through
 * toService on the other, with every message structured-cloned as postMessage would.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Result } from '../../app/ipc/contract.js';
import type { FromWorker, ToWorker } from '../../main/compute/protocol.js';
import { serveCompute, type PortLike } from '../../main/compute/serve.js';
import {
  fromService,
  serviceMethods,
  toService,
  type CallOptions,
  type ServiceChannel,
  type WorkContext,
} from '../../main/compute/service-proxy.js';
import { SaplingError } from '../../app/util/errors.js';
import { IpcFailure } from '../../main/result.js';

/** A small service with the shapes the compute service has: sync and async answers, progress, cancel, errors. */
class TestService {
  #secret = 'never sent';
  readonly field = 'not a method';
  double({ n }: { n: number }): number {
    return n * 2;
  }
  async echo(args: { text: string; when: Date }): Promise<{ text: string; year: number }> {
    return { text: args.text, year: args.when.getUTCFullYear() };
  }
  noArgs(): string {
    return 'none needed';
  }
  async slow(_args: Record<string, never>, ctx: WorkContext): Promise<string> {
    for (let i = 1; i <= 3; i++) {
      ctx.progress?.({ fraction: i / 3, message: `step ${i}` });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return 'done';
  }
  async waitForCancel(_args: Record<string, never>, ctx: WorkContext): Promise<string> {
    await new Promise<void>((resolve) => ctx.signal?.addEventListener('abort', () => resolve()));
    throw new SaplingError('CANCELLED', 'stopped');
  }
  fail({ code }: { code: 'BAD_INPUT' | 'bug' }): never {
    if (code === 'bug') throw new Error(`a bug with a ${this.#secret}`);
    throw new SaplingError('BAD_INPUT', 'row 3 is ragged', { file: 'x.csv', line: 4, column: 2 });
  }
  #helper(): string {
    return this.#secret;
  }
  usesHelper(): string {
    return this.#helper().length > 0 ? 'ok' : 'no';
  }
}

/**
 * A channel to serveCompute over an in-memory port: what main/compute/worker-backend.ts does with a real
 * Worker (ids, progress, cancel), with structuredClone standing in for postMessage.
 */
function inMemoryChannel(service: object): ServiceChannel & { cancel(operationId: string): void; sent: ToWorker[] } {
  let toWorker: ((message: ToWorker) => void) | undefined;
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; options: CallOptions }>();
  const port: PortLike = {
    on: (_event, listener) => (toWorker = listener),
    postMessage: (message: FromWorker) => {
      const m = structuredClone(message);
      const p = pending.get(m.id);
      if (m.type === 'progress') p?.options.onProgress?.(m.progress);
      else {
        pending.delete(m.id);
        p?.resolve(m.result);
      }
    },
  };
  serveCompute(port, service);
  let nextId = 1;
  const sent: ToWorker[] = [];
  const post = (message: ToWorker) => {
    sent.push(message);
    toWorker?.(structuredClone(message));
  };
  return {
    sent,
    call: (method, args, options = {}) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve, options });
        post({
          type: 'call',
          id,
          method,
          args,
          ...(options.operationId !== undefined ? { operationId: options.operationId } : {}),
        });
      }),
    cancel: (operationId) => post({ type: 'cancel', operationId }),
  };
}

describe('service proxy (toService ↔ serveCompute/fromService), in memory', () => {
  const channel = inMemoryChannel(new TestService());
  const client = toService<TestService>(channel);

  test('a method call crosses by name and comes back with its answer, sync or async', async () => {
    assert.equal(await client.double({ n: 21 }), 42);
    assert.deepEqual(await client.echo({ text: 'hi', when: new Date(Date.UTC(2026, 0, 1)) }), {
      text: 'hi',
      year: 2026,
    });
    assert.equal(await client.noArgs({}), 'none needed');
    assert.equal(await client.usesHelper({}), 'ok');
    const last = channel.sent.at(-1);
    assert.deepEqual(last?.type === 'call' && [last.method, last.args], ['usesHelper', {}]);
  });

  test('progress reaches the caller before the answer', async () => {
    const seen: string[] = [];
    const answer = await client.slow({}, { onProgress: (p) => seen.push(p.message) });
    assert.equal(answer, 'done');
    // The served side throttles progress (PROGRESS_MS) but always sends the last one (fraction 1).
    assert.equal(seen.at(-1), 'step 3');
  });

  test('a call with an operationId can be cancelled; the caller gets the CANCELLED error', async () => {
    const pending = client.waitForCancel({}, { operationId: 'op-1' });
    await new Promise((resolve) => setImmediate(resolve));
    channel.cancel('op-1');
    await assert.rejects(pending, (e: unknown) => e instanceof IpcFailure && e.error.code === 'CANCELLED');
  });

  test('errors come back as IpcFailure: a SaplingError keeps its code and location, a bug is INTERNAL and hides its text', async () => {
    await assert.rejects(
      client.fail({ code: 'BAD_INPUT' }),
      (e: unknown) =>
        e instanceof IpcFailure &&
        e.error.code === 'BAD_INPUT' &&
        e.error.message === 'row 3 is ragged' &&
        e.error.location?.line === 4,
    );
    await assert.rejects(
      client.fail({ code: 'bug' }),
      (e: unknown) => e instanceof IpcFailure && e.error.code === 'INTERNAL' && !e.error.message.includes('never sent'),
    );
  });

  test('only the methods of the service class can be called: no fields, no #private, nothing from Object', async () => {
    assert.deepEqual(
      [...serviceMethods(new TestService()).keys()].sort(),
      ['double', 'echo', 'fail', 'noArgs', 'slow', 'usesHelper', 'waitForCancel'].sort(),
    );
    const raw = client as unknown as Record<string, (args: unknown) => Promise<unknown>>;
    for (const name of ['field', 'helper', '#helper', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      await assert.rejects(raw[name]({}), (e: unknown) => e instanceof IpcFailure && e.error.code === 'INTERNAL', name);
    }
  });

  test('the client is not a thenable, so it can be awaited and returned from async functions', async () => {
    assert.equal((client as unknown as { then?: unknown }).then, undefined);
    const same = await Promise.resolve(client);
    assert.equal(same, client);
  });

  test('fromService dispatches without any channel (what serveCompute uses)', async () => {
    const handle = fromService(new TestService());
    assert.equal(await handle('double', { n: 2 }, {}), 4);
    await assert.rejects(handle('nothing', {}, {}), /no method 'nothing'/);
  });
});
