/**
 * Binds the core's handler registry to ipcMain.handle, one handler per contract channel. Every
 * message must come from the main window's own top frame showing the app; anything else is refused
 * before the registry sees it. Events go to the main window only.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { INVOKE, type Envelope } from '../../preload/contract/channels.ts';
import type { IpcRegistry, SenderInfo } from '../core/ipc/registry.ts';
import type { Logger } from '../core/log.ts';
import { isTrustedSender } from '../policy/security.ts';

export function senderFacts(event: IpcMainInvokeEvent): { webContentsID: number; frameURL: string | null; isMainFrame: boolean } {
  const frame = event.senderFrame;
  return { webContentsID: event.sender.id, frameURL: frame?.url ?? null, isMainFrame: Boolean(frame && frame === event.sender.mainFrame) };
}

/**
 * Every channel has its handler from the start, before the registry exists (the window is made
 * first, main/electron/start.ts): a message that comes early waits for it.
 */
export function bindIpc(registry: IpcRegistry | Promise<IpcRegistry>, mainWindow: () => BrowserWindow | null, origins: string[], log: Logger): () => void {
  const channels = Object.values(INVOKE);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<unknown>> => {
      const win = mainWindow();
      const facts = senderFacts(event);
      if (!isTrustedSender(facts, win && !win.isDestroyed() ? win.webContents.id : null, origins)) {
        log.warn('IPC message from outside the app window refused', { channel, frame: facts.frameURL?.slice(0, 200) ?? null });
        return { ok: false, error: { kind: 'invalid_request', message: 'This window may not talk to Beeper Account Manager.', code: 'UNTRUSTED_SENDER' } };
      }
      const sender: SenderInfo = { transport: 'electron', id: String(event.sender.id), url: facts.frameURL ?? undefined };
      return (await registry).invoke(channel, payload, sender);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Pushes an event to the main window, if it is there. */
export function sendToWindow(win: BrowserWindow | null, channel: string, payload: unknown): void {
  if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(channel, payload);
}
