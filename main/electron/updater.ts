/** electron-updater behind the UpdaterDriver (main/policy/updater.ts). */
import { app } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core/account-manager.ts';
import type { Logger } from '../core/log.ts';
import { canSelfUpdate, UpdaterDriver, type InstallFacts, type UpdaterLike } from '../policy/updater.ts';

export function installFacts(): InstallFacts {
  let packageType: string | null = null;
  try {
    const file = path.join(process.resourcesPath, 'package-type');
    if (existsSync(file)) packageType = readFileSync(file, 'utf8').trim();
  } catch {
    packageType = null;
  }
  return {
    platform: process.platform,
    isPackaged: app.isPackaged,
    appImagePath: process.env['APPIMAGE'],
    packageType,
  };
}

export async function createUpdater(log: Logger): Promise<UpdaterDriver> {
  const facts = installFacts();
  let updater: UpdaterLike | null = null;
  if (canSelfUpdate(facts).ok) {
    // Loaded only where it can work, after the window is up: it is the heaviest import of all.
    const { autoUpdater } = (await import('electron-updater')).default;
    autoUpdater.logger = {
      info: (m: unknown) => log.info(`updater: ${String(m)}`),
      warn: (m: unknown) => log.warn(`updater: ${String(m)}`),
      error: (m: unknown) => log.error(`updater: ${String(m)}`),
      debug: (m: string) => log.debug(`updater: ${m}`),
    };
    updater = autoUpdater;
  }
  const driver = new UpdaterDriver(updater, facts);
  driver.onChange((s) => log.info('update state', { status: s.status }));
  return driver;
}

/**
 * Auto-update, shown in the window and the tray. `quitting` is told when a restart to update
 * begins, so closing the window then quits instead of hiding it.
 */
export async function setupUpdates(core: Core, log: Logger, quitting: (yes: boolean) => void): Promise<UpdaterDriver> {
  const updater = await createUpdater(log);
  core.setUpdater({
    current: () => updater.current(),
    onChange: (l) => updater.onChange(l),
    check: () => updater.check(),
    restartToUpdate: () => {
      quitting(true);
      const ok = updater.restartToUpdate();
      if (!ok) quitting(false);
      return ok;
    },
  });
  return updater;
}
