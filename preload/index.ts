/**
 * Preload (sandboxed, bundled as CommonJS). Exposes exactly the named methods of the IPC contract
 * and an `on(event, listener)` for pushed events — never ipcRenderer itself, never a generic
 * "send anything" channel. Main validates every payload and the sender; this side only forwards.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from './contract/api.ts';
import { askStateEarly } from './contract/early-state.ts';
import { API_KEY, EVENTS, type Envelope, type EventChannel } from './contract/channels.ts';

const KNOWN_EVENTS: ReadonlySet<string> = new Set(Object.values(EVENTS));

// The window's first state is asked now, while the page's code loads (contract/early-state.ts).
const api = buildApi(
  askStateEarly({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload) as Promise<Envelope<unknown>>,
    subscribe: (channel: EventChannel, listener) => {
      if (!KNOWN_EVENTS.has(channel)) throw new Error(`Unknown event ${String(channel)}`);
      // Hand the page only the payload, never the IpcRendererEvent (it exposes the sender).
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => ipcRenderer.removeListener(channel, wrapped);
    },
  }),
);

contextBridge.exposeInMainWorld(API_KEY, api);
