/** The cookie-capture window behind the `sessions.openCaptureWindow` channel. */
import type { BrowserWindow } from 'electron';
import type { Core } from '../core/account-manager.ts';
import type { IpcRegistry } from '../core/ipc/registry.ts';
import type { Logger } from '../core/log.ts';

export function setupCapture(registry: IpcRegistry, core: Core, parent: () => BrowserWindow | null, log: Logger): void {
  registry.handle('sessions.openCaptureWindow', async ({ sessionID }) => {
    const step = core.cookiesStep(sessionID);
    // Loaded on first use: cookie capture (and its domain list) is not needed to start.
    const { openCaptureWindow } = await import('./capture-window.ts');
    const result = await openCaptureWindow(step, { parent: parent(), log });
    if (result.status === 'complete') return core.submitCookies(sessionID, result.values, { source: 'webview', lastURL: result.lastURL ?? undefined });
    return core.session(sessionID);
  });
}
