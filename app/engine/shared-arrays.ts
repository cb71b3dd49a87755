/**
 * Typed arrays in shared memory, so a fit's data and a fitted ensemble reach the engine's worker threads without being
 * copied: posting a typed array over a SharedArrayBuffer hands the other thread the same memory, while one over an
 * ArrayBuffer is serialized and copied on every message (issue 14: a compare at 100k rows posted each fold's
 * fully grown forest, ~90 MB, to a permutation job and a SHAP job).
 *
 * Where SharedArrayBuffer does not exist (a browser page without cross-origin isolation) everything falls back to
 * ordinary buffers: the arrays work the same, only posting them copies.
 */
type Typed = Int32Array | Uint32Array | Float64Array | Uint8Array;
type TypedConstructor<T extends Typed> = { new (buffer: ArrayBufferLike): T; readonly BYTES_PER_ELEMENT: number };

export const canShare = typeof SharedArrayBuffer === 'function';

/** A zeroed buffer of `bytes` bytes in shared memory when the platform has it. */
export function sharedBuffer(bytes: number): ArrayBufferLike {
  return canShare ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** A zeroed typed array of `length` elements in shared memory when the platform has it. */
export function sharedArray<T extends Typed>(ctor: TypedConstructor<T>, length: number): T {
  return new ctor(sharedBuffer(length * ctor.BYTES_PER_ELEMENT));
}

export function isShared(a: Typed): boolean {
  return canShare && a.buffer instanceof SharedArrayBuffer;
}

/** A copy of `a` in shared memory (when the platform has it). */
export function sharedCopy<T extends Typed>(a: T): T {
  const copy = sharedArray(a.constructor as TypedConstructor<T>, a.length);
  copy.set(a as never);
  return copy;
}

/** `a` itself if it already lives in shared memory, else a copy there. */
export function toShared<T extends Typed>(a: T): T {
  return !canShare || isShared(a) ? a : sharedCopy(a);
}
