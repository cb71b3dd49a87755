/**
 * The worker's side of the protocol: answers `call` messages with the ComputeService's method of that name
 * (fromService, main/compute/service-proxy.ts) and aborts running calls on `cancel`. Calls run concurrently (the core yields while it works), so a cancel or a quick
 * getRows is answered while a comparison runs. Progress is throttled to one message per PROGRESS_MS per
 * call (the last one, fraction 1, always goes through).
 */
import type { Result } from '../../app/ipc/contract.js';
import { describeError, toIpcError } from '../result.js';
import type { FromWorker, ToWorker, WorkProgress } from './protocol.js';
import { fromService } from './service-proxy.js';
import { ComputeService } from './service.js';

export const PROGRESS_MS = 50;

export interface PortLike {
  on(event: 'message', listener: (message: ToWorker) => void): unknown;
  postMessage(message: FromWorker): void;
}

export function serveCompute(port: PortLike, service: object = new ComputeService()): void {
  const handle = fromService(service);
  const running = new Map<string, AbortController>();
  port.on('message', (message) => {
    if (message.type === 'cancel') {
      running.get(message.operationId)?.abort();
      return;
    }
    void answer(message);
  });

  async function answer(message: Extract<ToWorker, { type: 'call' }>): Promise<void> {
    const { id, operationId } = message;
    const controller = new AbortController();
    if (operationId !== undefined) running.set(operationId, controller);
    let last = -Infinity;
    const progress = (p: WorkProgress): void => {
      const now = Date.now();
      // Throttled, except the events that carry results (a model's leaderboard row must not be lost).
      if (p.fraction < 1 && p.partial === undefined && now - last < PROGRESS_MS) return;
      last = now;
      port.postMessage({ type: 'progress', id, progress: p });
    };
    let reply: FromWorker;
    try {
      const value = await handle(message.method, message.args, { signal: controller.signal, progress });
      reply = { type: 'result', id, result: { ok: true, value } as Result<unknown> };
    } catch (error) {
      const { error: ipcError, internal } = toIpcError(error);
      reply = {
        type: 'result',
        id,
        result: { ok: false, error: ipcError },
        ...(internal ? { internal: describeError(error) } : {}),
      };
    } finally {
      if (operationId !== undefined && running.get(operationId) === controller) running.delete(operationId);
    }
    try {
      port.postMessage(reply);
    } catch (error) {
      // A value that cannot be cloned is a bug in the service: answer INTERNAL rather than leave the call hanging.
      const { error: ipcError } = toIpcError(error);
      port.postMessage({ type: 'result', id, result: { ok: false, error: ipcError }, internal: describeError(error) });
    }
  }
}
