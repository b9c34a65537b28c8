/** Finds the app API: the preload's in Electron, or a WebSocket bridge in the browser preview. */
import type { BeeperAccountManagerAPI } from '../../../preload/contract/api.ts';
import { API_KEY } from '../../../preload/contract/channels.ts';

declare global {
  interface Window {
    [API_KEY]?: BeeperAccountManagerAPI;
  }
}

/** The preload's API at once; the preview's WebSocket transport is loaded only in the preview. */
export async function findApi(onHostStatus: (connected: boolean) => void, onOpenExternal: (url: string) => void, lostMessage: () => string): Promise<BeeperAccountManagerAPI | null> {
  const fromPreload = window[API_KEY];
  if (fromPreload) return fromPreload;
  const key = document.querySelector<HTMLMetaElement>('meta[name="bam-host-key"]')?.content;
  if (!key) return null;
  const { connectWebSocketApi } = await import('./ws-transport.ts');
  return connectWebSocketApi(key, onHostStatus, onOpenExternal, lostMessage);
}
