/**
 * Pre-trained model files for the comparison ("Open model…", File menu and the Models screen): each is read and
 * checked by main when opened (chooseModelFile); the comparison scores it as it is on every held-out fold, as
 * `sapling compare --models …,file:model.json` does. The renderer keeps the grant (a token), never a path.
 */
import { useCallback, useState } from 'react';
import type { ModelFileInfo } from '../../../app/ipc/contract.js';
import { MAX_MODEL_FILES } from '../../../app/result/pre-trained.js';
import { bridge, call } from '../bridge.js';
import type { Feedback } from './use-banners.js';
import { useLatest } from './use-latest.js';

export interface ModelFilesState {
  readonly files: readonly ModelFileInfo[];
  readonly openModel: () => Promise<void>;
  readonly removeModel: (id: string) => void;
}

export function useModelFiles(feedback: Pick<Feedback, 'showError' | 'setNotice' | 'queueEvent'>): ModelFilesState {
  const { showError, setNotice, queueEvent } = feedback;
  const [files, setFiles] = useState<readonly ModelFileInfo[]>([]);
  const latest = useLatest(files);

  const openModel = useCallback(async () => {
    const res = await call(() => bridge().chooseModelFile({}));
    if (!res.ok) return showError('Could not open the model file', res.error);
    const file = res.value;
    if (file === null) return; // the user closed the dialog
    // The same file name twice would be two rows with one name: the newer file replaces the older.
    const others = latest.current.filter((f) => f.id !== file.id);
    if (others.length >= MAX_MODEL_FILES)
      return setNotice(`At most ${MAX_MODEL_FILES} model files per comparison: remove one first.`);
    setFiles([...others, file]);
    queueEvent('modelFileOpened', { id: file.id, fileName: file.fileName, model: file.model });
  }, [latest, queueEvent, setNotice, showError]);

  const removeModel = useCallback((id: string) => setFiles((current) => current.filter((f) => f.id !== id)), []);

  return { files, openModel, removeModel };
}
