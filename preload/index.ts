/**
 * Preload (runs sandboxed, bundled as CommonJS). Exposes only named, typed methods of the IPC
 * contract to the renderer through contextBridge — never ipcRenderer itself.
 */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('beeperAccountManager', Object.freeze({ platform: process.platform }));
