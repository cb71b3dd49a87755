// The preload (bundled to out/main/preload.cjs, runs sandboxed): exposes window.sapling and nothing else.
// Main passes the call names as a process argument (webPreferences.additionalArguments, main/index.ts).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { channelsFromArgv } from '../../app/ipc/bridge.js';
import { createIpcBridge } from './bridge.js';

const channels = channelsFromArgv(process.argv);
if (channels.length === 0) console.error('sapling: the preload got no call names from main (--sapling-channels)');
contextBridge.exposeInMainWorld('sapling', createIpcBridge(ipcRenderer, webUtils, channels));
