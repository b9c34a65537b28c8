/**
 * The browser preview's stand-in for the Electron preload: the same contract API, carried over
 * the WebSocket host (test/host/ws-host.ts). The host's key comes from the page it served.
 * `host: openExternal` messages open a new tab — the "system browser" of the preview.
 */
import { buildApi, type BeeperAccountManagerAPI } from '../../../preload/contract/api.ts';
import type { Envelope, EventChannel } from '../../../preload/contract/channels.ts';

interface Pending {
  resolve: (e: Envelope<unknown>) => void;
}

/** `lostMessage`: what a call pending when the socket drops fails with, in the user's language. */
export function connectWebSocketApi(key: string, onStatus: (connected: boolean) => void, onOpenExternal: (url: string) => void, lostMessage: () => string): BeeperAccountManagerAPI {
  // The browser's languages stand in for the system's; said here, as the page has them: Chromium's
  // handshake carries its own default Accept-Language, not the page's.
  const languages = encodeURIComponent(navigator.languages.join(','));
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc?key=${encodeURIComponent(key)}&languages=${languages}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let socket: WebSocket | null = null;
  let nextID = 1;
  let retry = 250;

  const open = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retry = 250;
      onStatus(true);
      for (const m of queue.splice(0)) ws.send(m);
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      const msg = JSON.parse(e.data) as { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown; host?: string; url?: string };
      if (typeof msg.id === 'number' && msg.envelope) {
        pending.get(msg.id)?.resolve(msg.envelope);
        pending.delete(msg.id);
      } else if (msg.event) {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      } else if (msg.host === 'openExternal' && msg.url && /^https?:\/\//.test(msg.url)) {
        window.open(msg.url, '_blank', 'noopener');
        onOpenExternal(msg.url); // a popup blocker may have stopped it: offer a link too
      }
    };
    ws.onclose = () => {
      socket = null;
      onStatus(false);
      // Requests in flight will never be answered by this socket.
      for (const [id, p] of pending) {
        p.resolve({ ok: false, error: { kind: 'network', message: lostMessage() } });
        pending.delete(id);
      }
      setTimeout(open, retry);
      retry = Math.min(retry * 2, 5_000);
    };
  };
  open();

  return buildApi({
    invoke: (channel, payload) =>
      new Promise((resolve) => {
        const id = nextID++;
        pending.set(id, { resolve });
        const text = JSON.stringify({ id, channel, payload });
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      }),
    subscribe: (channel: EventChannel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  });
}
