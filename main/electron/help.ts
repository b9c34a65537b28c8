/**
 * The Help section's desktop-only actions: "Save diagnostics report…" (a save dialog, then the core's
 * report written where the user chose) and "Open logs folder" (the file manager, at the app's own
 * logs folder). Nothing from the window decides a path.
 */
import type { BrowserWindow } from 'electron';
import { dialog, shell } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { Core } from '../core/account-manager.ts';
import { AppError } from '../core/errors.ts';
import type { IpcRegistry } from '../core/ipc/registry.ts';
import type { Logger } from '../core/log.ts';
import { t } from '../core/i18n.ts';

export function setupHelp(registry: IpcRegistry, core: Core, window: () => BrowserWindow | null, logDir: string, log: Logger): void {
  registry.handle('help.saveDiagnostics', async () => {
    const { text, fileName } = core.diagnostics();
    const options = { title: t('help.saveTitle'), defaultPath: fileName, filters: [{ name: 'Text', extensions: ['txt'] }] };
    const parent = window();
    const choice = await (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options));
    if (choice.canceled || !choice.filePath) return { saved: false };
    try {
      await writeFile(choice.filePath, text, { encoding: 'utf8', mode: 0o600 });
    } catch (e) {
      log.warn('could not save the diagnostics report', { error: e });
      throw new AppError('unknown', t('error.reportNotSaved'));
    }
    return { saved: true };
  });
  registry.handle('help.openLogs', async () => {
    // shell.openPath answers with an error message, or '' when it opened.
    const failed = await shell.openPath(logDir);
    if (failed) {
      log.warn('could not open the logs folder', { reason: failed });
      throw new AppError('unknown', t('error.logsNotOpened'));
    }
    return null;
  });
}
