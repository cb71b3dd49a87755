// The preload (bundled to out/main/preload.cjs, runs sandboxed): exposes window.sapling and nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('sapling', createBridge(ipcRenderer, webUtils));
