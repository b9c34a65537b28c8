/**
 * The browser preview's stand-in for the Electron preload: the same contract API, carried over
 * the WebSocket host (test/host/ws-host.ts). The host's key comes from the page it served.
 * `host: openExternal` messages open a new tab — the "system browser" of the preview.
 */
import { buildApi, type BeeperAccountManagerAPI } from '../../../preload/contract/api.ts';
import type { Envelope, EventChannel } from '../../../preload/contract/channels.ts';
import { EarlyState } from '../../../preload/contract/early-state.ts';
import { FIRST_STATE_ID } from '../../../preload/contract/preview-socket.ts';
import { socketURL, takeEarlySocket, type EarlySocket } from './preview-boot.ts';

interface Pending {
  resolve: (e: Envelope<unknown>) => void;
}

/** The answer to a question the dropped socket will never answer. */
const lostAnswer = (message: string): Envelope<unknown> => ({ ok: false, error: { kind: 'network', message } });

/** The socket preview-boot.ts opened, and the first state its handshake asked for, answered here. */
function earlyQuestion(lostMessage: () => string) {
  let early = takeEarlySocket();
  let answer: ((e: Envelope<unknown>) => void) | null = null;
  const state = early && new EarlyState(new Promise<Envelope<unknown>>((resolve) => (answer = resolve)));
  const answered = (e: Envelope<unknown>): void => {
    answer?.(e);
    answer = null;
  };
  const lost = (): void => answered(lostAnswer(lostMessage()));
  return {
    state,
    answered,
    /** The socket dropped before the answer: the page's first getState asks again. */
    lost,
    /** The early socket, the first time, while it is open or opening (one closed already: asked again). */
    takeSocket(): EarlySocket | null {
      const usable = early && early.socket.readyState <= WebSocket.OPEN ? early : null;
      if (early && !usable) lost();
      early = null;
      return usable;
    },
  };
}

/** `lostMessage`: what a call pending when the socket drops fails with, in the user's language. */
export function connectWebSocketApi(key: string, onStatus: (connected: boolean) => void, onOpenExternal: (url: string) => void, lostMessage: () => string): BeeperAccountManagerAPI {
  const url = socketURL(key);
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let socket: WebSocket | null = null;
  let nextID = 1;
  let retry = 250;
  const early = earlyQuestion(lostMessage);

  const opened = (ws: WebSocket): void => {
    retry = 250;
    onStatus(true);
    for (const m of queue.splice(0)) ws.send(m);
  };
  const open = (): void => {
    const adopted = early.takeSocket();
    const ws = adopted?.socket ?? new WebSocket(url);
    socket = ws;
    ws.onopen = () => opened(ws);
    ws.onmessage = (e: MessageEvent<string>) => {
      const msg = JSON.parse(e.data) as { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown; host?: string; url?: string };
      if (msg.id === FIRST_STATE_ID && msg.envelope) early.answered(msg.envelope);
      else if (typeof msg.id === 'number' && msg.envelope) {
        pending.get(msg.id)?.resolve(msg.envelope);
        pending.delete(msg.id);
      } else if (msg.event) {
        early.state?.pushed();
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      } else if (msg.host === 'openExternal' && msg.url && /^https?:\/\//.test(msg.url)) {
        window.open(msg.url, '_blank', 'noopener');
        onOpenExternal(msg.url); // a popup blocker may have stopped it: offer a link too
      }
    };
    ws.onclose = () => {
      socket = null;
      onStatus(false);
      // Requests in flight will never be answered by this socket (the early one is then asked again).
      early.lost();
      for (const [id, p] of pending) {
        p.resolve(lostAnswer(lostMessage()));
        pending.delete(id);
      }
      setTimeout(open, retry);
      retry = Math.min(retry * 2, 5_000);
    };
    if (!adopted) return;
    if (ws.readyState === WebSocket.OPEN) opened(ws);
    for (const data of adopted.received.splice(0)) ws.onmessage(new MessageEvent('message', { data }));
  };
  open();

  const send = (channel: string, payload: unknown): Promise<Envelope<unknown>> =>
    new Promise((resolve) => {
      const id = nextID++;
      pending.set(id, { resolve });
      const text = JSON.stringify({ id, channel, payload });
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else queue.push(text);
    });
  return buildApi({
    invoke: (channel, payload) => (early.state ? early.state.invoke(channel, () => send(channel, payload)) : send(channel, payload)),
    subscribe: (channel: EventChannel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  });
}
