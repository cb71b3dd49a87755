/**
 * Files that reach the app from outside the page: File › Open Recent and the OS (main sends a grant for them),
 * and a CSV dragged onto the window (the desktop's preload asks main to grant the dropped File; in a browser,
 * `sapling ui`, the bridge uploads it and answers with a grant for the server's copy).
 */
import { useEffect, useState } from 'react';
import type { FileGrant, IpcError } from '../../../app/ipc/contract.js';
import { bridge, hasBridge } from '../bridge.js';
import { useLatest } from './use-latest.js';

export function useOpenPath(loadPath: (file: FileGrant) => void): void {
  const latest = useLatest(loadPath);
  useEffect(() => {
    if (!hasBridge() || typeof bridge().onOpenPath !== 'function') return;
    return bridge().onOpenPath((file) => latest.current(file));
  }, [latest]);
}

interface DropDeps {
  readonly isBusy: () => boolean;
  readonly showError: (context: string, error: IpcError) => void;
  readonly loadPath: (file: FileGrant) => void;
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
      const upload = hasBridge() ? bridge().uploadFile : undefined;
      if (upload !== undefined) {
        // Browser mode: the file's bytes go to the server, which answers with a grant for its copy.
        void upload(file).then((res) => {
          if (!res.ok) showError(`Could not open ${file.name}`, res.error);
          else if (res.value !== null) latestLoad.current(res.value);
        });
        return;
      }
      void (hasBridge() ? bridge().grantDroppedFile(file) : Promise.resolve(undefined)).then((grant) => {
        if (grant === undefined)
          showError(`Could not open ${file.name}`, {
            code: 'BAD_INPUT',
            message: 'Dropped files can only be opened in the desktop app. Use “Open CSV file…” instead.',
          });
        else if (!grant.ok) showError(`Could not open ${file.name}`, grant.error);
        else latestLoad.current(grant.value);
      });
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
