/** The main side of the compute worker: crashes and exits become INTERNAL results and the next call gets a fresh worker. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkerBackend } from '../../main/compute/worker-backend.js';

// A stand-in worker: answers 'pong', throws on {crash}, exits on {exit}.
const source = `
import { parentPort } from 'node:worker_threads';
const started = Date.now() + Math.random();
parentPort.on('message', (m) => {
  if (m.type !== 'call') return;
  if (m.args.crash) throw new Error('boom in the worker');
  if (m.args.exit) process.exit(3);
  parentPort.postMessage({ type: 'progress', id: m.id, progress: { fraction: 0.5, message: 'half' } });
  parentPort.postMessage({ type: 'result', id: m.id, result: { ok: true, value: started } });
});`;
const url = new URL(`data:text/javascript,${encodeURIComponent(source)}`);

test('a crash or an exit fails the pending call with INTERNAL (stack logged), and the next call starts a new worker', async () => {
  const logs: string[] = [];
  const backend = createWorkerBackend({ url, log: (m) => logs.push(m) });
  const call = (args: object) => backend.call('getRows', args as never);
  try {
    const progress: number[] = [];
    const first = await backend.call('getRows', {} as never, { onProgress: (p) => progress.push(p.fraction) });
    assert.equal(first.ok, true);
    assert.deepEqual(progress, [0.5]);
    const again = await call({});
    assert.deepEqual(again, first, 'the same worker answers while it lives');

    const crashed = await call({ crash: true });
    assert.equal(!crashed.ok && crashed.error.code, 'INTERNAL');
    assert.doesNotMatch(!crashed.ok ? crashed.error.message : '', /boom/);
    assert.match(logs.join('\n'), /boom in the worker/);
    const fresh = await call({});
    assert.equal(fresh.ok, true);
    assert.notDeepEqual(fresh, first, 'a new worker');

    const exited = await call({ exit: true });
    assert.equal(!exited.ok && exited.error.code, 'INTERNAL');
    assert.match(logs.join('\n'), /exited \(code 3\)/);
    assert.equal((await call({})).ok, true);
  } finally {
    await backend.close();
  }
});

test('cancel reports whether the operation was running', async () => {
  const backend = createWorkerBackend({ url });
  try {
    assert.equal(backend.cancel('nothing'), false);
    const pending = backend.call('getRows', {} as never, { operationId: 'op' });
    assert.equal(backend.cancel('op'), true);
    await pending;
    assert.equal(backend.cancel('op'), false);
  } finally {
    await backend.close();
  }
});

test('arguments that cannot be sent are an INTERNAL result, not a hang', async () => {
  const logs: string[] = [];
  const backend = createWorkerBackend({ url, log: (m) => logs.push(m) });
  try {
    const r = await backend.call('getRows', { notCloneable: () => 1 } as never, { operationId: 'x' });
    assert.equal(!r.ok && r.error.code, 'INTERNAL');
    assert.equal(backend.cancel('x'), false, 'nothing left pending');
    assert.match(logs.join('\n'), /could not send getRows/);
  } finally {
    await backend.close();
  }
});
