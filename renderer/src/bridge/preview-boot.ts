/**
 * The browser preview's head start, as the Electron preload's (preload/contract/early-state.ts): the
 * first script of the preview's page (vite.preview.config.ts), it opens the socket to the host,
 * asking in its handshake for the window's first state (preload/contract/preview-socket.ts), while
 * the page's code still loads. ws-transport.ts takes the socket over, with what came meanwhile. It
 * imports only constants: it runs before the rest.
 */
import { FIRST_STATE_PARAM } from '../../../preload/contract/preview-socket.ts';

export interface EarlySocket {
  socket: WebSocket;
  /** What the host sent before the transport took the socket over, in order. */
  received: string[];
}

/**
 * The host's socket, with the host's key (from the page it served) and the browser's languages,
 * which stand in for the system's; said here as the page has them (Chromium's handshake carries its
 * own default Accept-Language, not the page's).
 */
export const socketURL = (key: string): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc?key=${encodeURIComponent(key)}&languages=${encodeURIComponent(navigator.languages.join(','))}`;

/** The host's key, from the page it served (test/host/ws-host.ts puts it first in <head>); none outside the preview. */
export const hostKey = (): string | undefined => document.querySelector<HTMLMetaElement>('meta[name="bam-host-key"]')?.content;

let early: EarlySocket | null = null;

/** Opens the socket, which the host answers with the first state once it is open. */
export function openEarly(key: string): void {
  const socket = new WebSocket(`${socketURL(key)}&${FIRST_STATE_PARAM}`);
  const received: string[] = [];
  socket.onmessage = (e: MessageEvent<string>) => void received.push(e.data);
  early = { socket, received };
}

/** The socket opened early, once (null after, or where the page has no host key). */
export function takeEarlySocket(): EarlySocket | null {
  const taken = early;
  early = null;
  return taken;
}

// Only in the preview's build: the app's drops this module whole (bench figure 1).
if (import.meta.env.BAM_TARGET === 'browser') {
  const key = hostKey();
  if (key) openEarly(key);
}
