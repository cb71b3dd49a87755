/**
 * Shows a big screen a few sections at a time: one React commit per task, so that the page paints and answers
 * input between them instead of freezing while everything mounts at once. Issue 14 bounds every main-thread task at
 * 100 ms; mounting the whole Compare screen in one commit (leaderboard, charts, tables) took ~125 ms of CPU on a
 * loaded 2-core machine (test/e2e/responsive.spec.ts).
 *
 * `shown` counts the sections on screen (`total` when nothing is being revealed). `restart(then)` starts again from
 * the first section and runs `then` once the last one is committed; `whenRevealed(fn)` runs `fn` now, or after the
 * reveal in progress — app events announcing the screen wait for it, so a test that sees them sees the whole screen.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';

export interface Reveal {
  readonly shown: number;
  restart(then?: () => void): void;
  whenRevealed(fn: () => void): void;
}

export function useReveal(total: number): Reveal {
  const [shown, setShown] = useState(total);
  const revealing = useRef(false);
  const waiting = useRef<(() => void)[]>([]);

  useEffect(() => {
    if (shown >= total) {
      revealing.current = false;
      for (const fn of waiting.current.splice(0)) fn();
      return;
    }
    // A task of its own for the next section: the browser paints and handles input in between.
    const id = setTimeout(() => startTransition(() => setShown((s) => s + 1)), 0);
    return () => clearTimeout(id);
  }, [shown, total]);

  const restart = useCallback((then?: () => void) => {
    revealing.current = true;
    if (then) waiting.current.push(then);
    setShown(1);
  }, []);

  const whenRevealed = useCallback((fn: () => void) => {
    if (revealing.current) waiting.current.push(fn);
    else fn();
  }, []);

  return { shown, restart, whenRevealed };
}
