/**
 * "Open Beeper Desktop" behind the `connection.openBeeperDesktop` channel: the system opens the app
 * registered for Beeper's own links ([GUESS] `beeper://`, docs/beeper-desktop-api.md §1.1). Only
 * this fixed address is ever opened; nothing from the window decides where.
 */
import { shell } from 'electron';
import type { IpcRegistry } from '../core/ipc/registry.ts';
import type { Logger } from '../core/log.ts';
import { AppError } from '../core/errors.ts';
import { t } from '../core/i18n.ts';

/** Beeper Desktop's own link scheme, with nothing after it: opens the app, nothing in it. */
export const BEEPER_DESKTOP_LINK = 'beeper://';

export function setupOpenBeeperDesktop(registry: IpcRegistry, log: Logger): void {
  registry.handle('connection.openBeeperDesktop', async () => {
    try {
      await shell.openExternal(BEEPER_DESKTOP_LINK);
    } catch (e) {
      log.warn('could not open Beeper Desktop', { error: e });
      throw new AppError('not_running', t('error.cannotOpenDesktop'));
    }
    return null;
  });
}
