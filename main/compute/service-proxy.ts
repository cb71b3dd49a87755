/**
 * A service behind a message channel, proxied generically — the idea of VS Code's ProxyChannel.fromService /
 * toService (src/vs/base/parts/ipc/common/ipc.ts). The served side is a plain object whose methods take
 * `(args, context)` and return a value or a promise; the calling side gets an object with the same method
 * names that sends `(method, args)` over the channel and resolves to the answer. A new call is a new method
 * on the service: nothing to register, no message type, no dispatch table.
 *
 * Errors cross as Results (never as exceptions, which do not survive structured cloning): the served side
 * turns a throw into `{ ok: false, error }` (main/compute/serve.ts) and the proxy throws it again as an
 * IpcFailure, so callers simply `await` and the handler wrapper turns it back into a Result for the renderer.
 * Nothing here knows about threads: main/compute/worker-backend.ts is the channel in the app, the tests use
 * an in-memory one.
 */
import type { Result } from '../../app/ipc/contract.js';
import type { PartialLeaderboard } from '../../app/result/compare.js';
import { unwrap } from '../result.js';

/** Progress of one call, as the service reports it (main adds the operationId before it goes to the renderer). */
export interface WorkProgress {
  readonly fraction: number;
  readonly message: string;
  readonly done?: number;
  readonly total?: number;
  readonly etaSeconds?: number;
  readonly etaUntimed?: number;
  /** A comparison's leaderboard so far: never dropped by progress throttling (main/compute/serve.ts). */
  readonly partial?: PartialLeaderboard;
}

/** What a served method gets besides its arguments: its cancellation and where its progress goes. */
export interface WorkContext {
  readonly signal?: AbortSignal;
  readonly progress?: (progress: WorkProgress) => void;
}

/** What a caller may add to a call: an id that makes it cancellable, and a progress listener. */
export interface CallOptions {
  /** Makes the call cancellable with cancel(operationId). */
  readonly operationId?: string;
  readonly onProgress?: (progress: WorkProgress) => void;
}

/** Carries calls to a served object: one request, one Result (the worker thread in the app). */
export interface ServiceChannel {
  call(method: string, args: unknown, options?: CallOptions): Promise<Result<unknown>>;
}

/**
 * The calling side's view of a service S: every method `m(args, context?)` of S becomes
 * `m(args, options?) => Promise<answer>`. Only the public methods appear (TypeScript's keyof leaves out
 * private members); a method without arguments takes `{}`.
 */
export type ServiceClient<S> = {
  readonly [K in keyof S as S[K] extends (...args: never[]) => unknown ? K : never]: S[K] extends (
    ...args: infer P
  ) => infer R
    ? (args: P extends [] ? Record<string, never> : P[0], options?: CallOptions) => Promise<Awaited<R>>
    : never;
};

/** The calling side: a proxy whose every method sends its name and arguments over `channel`. */
export function toService<S>(channel: ServiceChannel): ServiceClient<S> {
  const methods = new Map<string, (args: unknown, options?: CallOptions) => Promise<unknown>>();
  return new Proxy({} as ServiceClient<S>, {
    get(_target, name) {
      // Not a method: symbols (inspection), and `then`, so that awaiting the client does not call a method named then.
      if (typeof name !== 'string' || name === 'then') return undefined;
      let method = methods.get(name);
      if (method === undefined) {
        method = async (args, options) => unwrap(await channel.call(name, args, options));
        methods.set(name, method);
      }
      return method;
    },
  });
}

/**
 * The served side: dispatches `(method, args, context)` to the service's method of that name. Only methods
 * of the service's own class are callable — not Object's (constructor, toString, __proto__ …) and not
 * fields; ES `#private` methods are invisible by construction.
 */
export function fromService(
  service: object,
): (method: string, args: unknown, context: WorkContext) => Promise<unknown> {
  const callable = serviceMethods(service);
  return async (method, args, context) => {
    const fn = callable.get(method);
    if (fn === undefined) throw new Error(`the service has no method '${method}'`);
    return fn.call(service, args, context);
  };
}

/** The methods of the service: its own function properties and those of its classes (below Object). */
export function serviceMethods(service: object): ReadonlyMap<string, (...args: unknown[]) => unknown> {
  const found = new Map<string, (...args: unknown[]) => unknown>();
  for (let proto: object | null = service; proto !== null && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (name !== 'constructor' && typeof value === 'function' && !found.has(name)) found.set(name, value);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return found;
}
