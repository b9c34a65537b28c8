/** Finds the app API: the preload's in Electron, or a WebSocket bridge in the browser preview. */
import type { BeeperAccountManagerAPI } from '../../../preload/contract/api.ts';
import { API_KEY } from '../../../preload/contract/channels.ts';
import { hostKey } from './preview-boot.ts';
import { connectWebSocketApi } from './ws-transport.ts';

declare global {
  interface Window {
    [API_KEY]?: BeeperAccountManagerAPI;
  }
}

/**
 * The preload's API in the app; the WebSocket transport only in the preview's build, where the
 * constant below is true: the app's build drops the transport (bench figure 1).
 */
export function findApi(onHostStatus: (connected: boolean) => void, onOpenExternal: (url: string) => void, lostMessage: () => string): BeeperAccountManagerAPI | null {
  const fromPreload = window[API_KEY];
  if (fromPreload) return fromPreload;
  if (import.meta.env.BAM_TARGET !== 'browser') return null;
  const key = hostKey();
  return key ? connectWebSocketApi(key, onHostStatus, onOpenExternal, lostMessage) : null;
}
