/**
 * An engine worker thread (started by io/worker-pool.ts). It keeps each open session's shared data and
 * runs tasks with app/engine's runEngineTask — the very function the main thread runs when no pool is
 * installed, so results do not depend on where they were computed.
 */
import { parentPort } from 'node:worker_threads';
import type { RawTree } from '../app/engine/raw-tree.js';
import { rawTreeBuffers } from '../app/engine/raw-tree.js';
import { runEngineTask, TaskCache, type EngineTask, type EngineTaskResult } from '../app/engine/tasks.js';
import type { EngineData } from '../app/engine/data.js';
import { SaplingError } from '../app/util/errors.js';
import { jobTransferList, runJob } from '../app/compare/jobs.js';

interface Session {
  readonly data: EngineData | null;
  readonly stop: Int32Array;
  readonly cache: TaskCache;
}

type Message =
  | { type: 'open'; session: number; data: EngineData | null; stop: Int32Array }
  | { type: 'close'; session: number }
  | { type: 'run'; session: number; id: number; task: EngineTask };

const port = parentPort;
if (!port) throw new Error('io/engine-worker.ts runs as a worker thread (see io/worker-pool.ts)');
const sessions = new Map<number, Session>();

function transferList(result: EngineTaskResult): ArrayBuffer[] {
  if (result.kind === 'boost-helper') return [];
  if (result.kind === 'job') return jobTransferList(result.output);
  const trees: RawTree[] = result.kind === 'trees' ? result.outputs.map((o) => o.tree) : result.result.trees;
  const buffers = trees.flatMap(rawTreeBuffers);
  if (result.kind === 'trees') {
    for (const o of result.outputs) {
      buffers.push(o.importance.buffer as ArrayBuffer);
      if (o.oobRows) buffers.push(o.oobRows.buffer as ArrayBuffer);
      if (o.oobLeaves) buffers.push(o.oobLeaves.buffer as ArrayBuffer);
    }
  }
  // A buffer may back several views (subarrays); list each once, and never a shared one.
  return [...new Set(buffers)].filter((b) => !((b as unknown) instanceof SharedArrayBuffer));
}

port.on('message', (msg: Message) => {
  if (msg.type === 'open') {
    sessions.set(msg.session, { data: msg.data, stop: msg.stop, cache: new TaskCache() });
    return;
  }
  if (msg.type === 'close') {
    sessions.delete(msg.session);
    return;
  }
  const session = sessions.get(msg.session);
  try {
    if (!session) throw new Error(`unknown session ${msg.session}`);
    const hooks = {
      shouldStop: () => Atomics.load(session.stop, 0) !== 0,
      progress: (done: number, total: number) => port.postMessage({ type: 'progress', id: msg.id, done, total }),
    };
    const task = msg.task;
    let result: EngineTaskResult;
    if (task.kind === 'job') result = { kind: 'job', output: runJob(task.name, task.input, hooks.shouldStop) };
    else if (session.data === null) throw new Error(`engine task '${task.kind}' needs a session with data`);
    else result = runEngineTask(session.data, task, hooks, session.cache);
    port.postMessage({ type: 'result', id: msg.id, result }, transferList(result));
  } catch (error) {
    const e = error as Error;
    const code = error instanceof SaplingError ? error.code : undefined;
    port.postMessage({
      type: 'error',
      id: msg.id,
      error: { ...(code ? { code } : {}), message: e?.message ?? String(error), stack: e?.stack },
    });
  }
});
