/**
 * The tree engine's EngineRunner on Node worker_threads (app/engine/parallel.ts defines the interface;
 * app/ itself never touches Node).
 *
 * - `size` workers, started on first use and kept for the life of the pool (a worker costs ~0.3 s to
 *   start under tsx, so fits reuse them). Idle workers are unref'd: a pool never keeps a process alive.
 * - `open(data)` copies the fit's typed arrays into SharedArrayBuffers once and posts them to every
 *   worker: all workers read the same memory, nothing is re-serialized per task.
 * - Tasks are queued and handed to idle workers; results come back as transferred buffers.
 * - `cancel` raises a shared stop flag (running tasks stop at their next node or round) and rejects the
 *   queued ones with CANCELLED. A worker that dies is replaced; its task fails.
 *
 * Workers run io/engine-worker.ts, started through io/engine-worker-entry.mjs, which registers tsx in the
 * worker (Node 20 does not apply the parent's `--import tsx` hooks to worker threads); a bundled build
 * passes its compiled worker as `entry`.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { EngineRunner, EngineSession } from '../app/engine/parallel.js';
import type { EngineData } from '../app/engine/data.js';
import type { EngineTask, EngineTaskResult } from '../app/engine/tasks.js';
import { cancelled, SaplingError, type SaplingErrorCode } from '../app/util/errors.js';
import { toShared } from '../app/engine/shared-arrays.js';

export interface WorkerPoolOptions {
  /** The worker script; default io/engine-worker-entry.mjs (io/engine-worker.ts under tsx). */
  readonly entry?: URL;
}

interface Pending {
  readonly session: number;
  readonly id: number;
  readonly task: EngineTask;
  readonly resolve: (r: EngineTaskResult) => void;
  readonly reject: (e: unknown) => void;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Members of a gang (dispatched together) share this array; undefined for a lone task. */
  readonly gang?: Pending[];
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  /** Sessions whose data this worker holds. */
  readonly sessions: Set<number>;
}

type WorkerMessage =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: EngineTaskResult }
  | { type: 'error'; id: number; error: { code?: SaplingErrorCode; message: string; stack?: string } };

interface SessionState {
  readonly data: EngineData | null;
  readonly stop: Int32Array;
  closed: boolean;
}

/** Typed arrays of the fit, moved into shared memory (once per session). */
function shareData(data: EngineData): EngineData {
  const b = data.binned;
  return {
    binned: {
      ...b,
      bins: toShared(b.bins),
      count: toShared(b.count),
      offset: toShared(b.offset),
      categorical: toShared(b.categorical),
      hasMissing: toShared(b.hasMissing),
      edges: toShared(b.edges),
      edgeStart: toShared(b.edgeStart),
      codeToBin: toShared(b.codeToBin),
      codeStart: toShared(b.codeStart),
      binLow: toShared(b.binLow),
      binHigh: toShared(b.binHigh),
    },
    codes: data.codes ? toShared(data.codes) : null,
    values: data.values ? toShared(data.values) : null,
    classes: data.classes,
  };
}

export class WorkerPool implements EngineRunner {
  readonly workers: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly sessions = new Map<number, SessionState>();
  private nextSession = 1;
  private nextTask = 1;
  private closed = false;
  private readonly entry: URL;

  constructor(size: number = availableParallelism(), options: WorkerPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1)
      throw new SaplingError('BAD_PARAMETER', `the worker pool needs a whole number of workers ≥ 1, got ${size}`);
    this.workers = size;
    this.entry = options.entry ?? new URL('./engine-worker-entry.mjs', import.meta.url);
  }

  open(data: EngineData | null): EngineSession {
    if (this.closed) throw new Error('the worker pool is closed');
    const id = this.nextSession++;
    const state: SessionState = {
      data: data === null ? null : shareData(data),
      stop: new Int32Array(new SharedArrayBuffer(4)),
      closed: false,
    };
    this.sessions.set(id, state);
    return {
      run: (task, onProgress) => this.submit(id, task, onProgress),
      runGang: (tasks, onProgress) => this.submitGang(id, tasks, onProgress),
      cancel: () => this.cancelSession(id),
      close: () => this.closeSession(id),
    };
  }

  /** Terminates the workers; running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(cancelled());
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private submit(
    session: number,
    task: EngineTask,
    onProgress?: (done: number, total: number) => void,
  ): Promise<EngineTaskResult> {
    const state = this.sessions.get(session);
    if (!state || state.closed) return Promise.reject(new Error('the engine session is closed'));
    if (Atomics.load(state.stop, 0) !== 0) return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
      this.queue.push({ session, id: this.nextTask++, task, resolve, reject, onProgress });
      this.dispatch();
    });
  }

  /** Tasks that wait for each other run together: they are queued as one unit and dispatched when enough workers are free. */
  private submitGang(
    session: number,
    tasks: readonly EngineTask[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<EngineTaskResult>[] {
    const state = this.sessions.get(session);
    if (tasks.length > this.workers)
      return tasks.map(() =>
        Promise.reject(
          new Error(`a gang of ${tasks.length} tasks needs as many workers; the pool has ${this.workers}`),
        ),
      );
    if (!state || state.closed) return tasks.map(() => Promise.reject(new Error('the engine session is closed')));
    if (Atomics.load(state.stop, 0) !== 0) return tasks.map(() => Promise.reject(cancelled()));
    const gang: Pending[] = [];
    const promises = tasks.map(
      (task, i) =>
        new Promise<EngineTaskResult>((resolve, reject) => {
          gang.push({
            session,
            id: this.nextTask++,
            task,
            resolve,
            reject,
            onProgress: i === 0 ? onProgress : undefined,
            gang,
          });
        }),
    );
    this.queue.push(...gang);
    this.dispatch();
    return promises;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0];
      const needed = head.gang?.length ?? 1;
      while (this.slots.length < this.workers && this.slots.filter((s) => s.busy === null).length < needed)
        this.spawn();
      const idle = this.slots.filter((s) => s.busy === null);
      if (idle.length < needed) return; // a gang waits at the head of the queue until enough workers are free
      const jobs = this.queue.splice(0, needed);
      const state = this.sessions.get(head.session);
      if (!state || state.closed) {
        for (const job of jobs) job.reject(new Error('the engine session is closed'));
        continue;
      }
      jobs.forEach((job, i) => this.start(idle[i], job, state));
    }
  }

  private start(slot: Slot, job: Pending, state: SessionState): void {
    if (!slot.sessions.has(job.session)) {
      slot.worker.postMessage({ type: 'open', session: job.session, data: state.data, stop: state.stop });
      slot.sessions.add(job.session);
    }
    slot.busy = job;
    slot.worker.ref();
    slot.worker.postMessage({ type: 'run', session: job.session, id: job.id, task: job.task });
  }

  private spawn(): Slot {
    // No inherited flags (e.g. --test, --cpu-prof): the entry sets up what it needs.
    const worker = new Worker(this.entry, { execArgv: [] });
    const slot: Slot = { worker, busy: null, sessions: new Set() };
    worker.unref();
    worker.on('message', (msg: WorkerMessage) => this.onMessage(slot, msg));
    worker.on('error', (error) => this.onExit(slot, error));
    worker.on('exit', (code) =>
      this.onExit(slot, new Error(`an engine worker stopped unexpectedly (exit code ${code})`)),
    );
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, msg: WorkerMessage): void {
    const job = slot.busy;
    if (!job || msg.id !== job.id) return;
    if (msg.type === 'progress') {
      job.onProgress?.(msg.done, msg.total);
      return;
    }
    slot.busy = null;
    slot.worker.unref();
    if (msg.type === 'result') job.resolve(msg.result);
    else {
      const e = msg.error;
      if (e.code) job.reject(new SaplingError(e.code, e.message));
      else {
        const error = new Error(`engine worker: ${e.message}`);
        if (e.stack) error.stack = e.stack;
        job.reject(error);
      }
    }
    this.dispatch();
  }

  private onExit(slot: Slot, error: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (this.closed) return;
    slot.busy?.reject(error);
    slot.busy = null;
    this.dispatch();
  }

  private cancelSession(id: number): void {
    const state = this.sessions.get(id);
    if (!state) return;
    Atomics.store(state.stop, 0, 1);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].session === id) this.queue.splice(i, 1)[0].reject(cancelled());
    }
  }

  private closeSession(id: number): void {
    const state = this.sessions.get(id);
    if (!state) return;
    state.closed = true;
    this.sessions.delete(id);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].session === id) this.queue.splice(i, 1)[0].reject(cancelled());
    }
    for (const slot of this.slots) {
      if (slot.sessions.delete(id)) slot.worker.postMessage({ type: 'close', session: id });
    }
  }
}

/** A pool of `workers` engine workers (default: the number of cores). */
export function createWorkerPool(
  workers: number = availableParallelism(),
  options: WorkerPoolOptions = {},
): WorkerPool {
  return new WorkerPool(workers, options);
}
