/**
 * Files that reach the app from outside the page: File › Open Recent and the OS (main sends their path),
 * and a CSV dragged onto the window (its path comes from the bridge's pathForFile, desktop app only).
 */
import { useEffect, useState } from 'react';
import type { IpcError } from '../../../app/ipc/contract.js';
import { bridge, hasBridge } from '../bridge.js';
import { useLatest } from './use-latest.js';

export function useOpenPath(loadPath: (path: string) => void): void {
  const latest = useLatest(loadPath);
  useEffect(() => {
    if (!hasBridge() || typeof bridge().onOpenPath !== 'function') return;
    return bridge().onOpenPath((path) => latest.current(path));
  }, [latest]);
}

interface DropDeps {
  readonly isBusy: () => boolean;
  readonly showError: (context: string, error: IpcError) => void;
  readonly loadPath: (path: string) => void;
}

/** Drag and drop a CSV anywhere on the window; true while files are dragged over it (the overlay shows). */
export function useFileDrop({ isBusy, showError, loadPath }: DropDeps): boolean {
  const [dragging, setDragging] = useState(false);
  const latestLoad = useLatest(loadPath);
  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed: count them to know when the pointer left the window.
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = isBusy() ? 'none' : 'copy';
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file === undefined || isBusy()) return;
      const path = hasBridge() ? bridge().pathForFile(file) : undefined;
      if (path === undefined || path === '') {
        showError(`Could not open ${file.name}`, {
          code: 'BAD_INPUT',
          message: 'Dropped files can only be opened in the desktop app. Use “Open CSV file…” instead.',
        });
        return;
      }
      latestLoad.current(path);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [isBusy, latestLoad, showError]);
  return dragging;
}
