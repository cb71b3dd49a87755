import { useRef } from 'react';

/**
 * A ref that always holds this render's value. For listeners subscribed once (menu commands, drops, files
 * opened from outside) that must call the current callback without re-subscribing on every render.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
