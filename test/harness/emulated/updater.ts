/** electron-updater's autoUpdater: a scripted next version, and the installs it was asked for. */
import { EventEmitter } from 'node:events';
import type { EmulatedElectron } from '../emulated-electron.ts';

export class EmulatedAutoUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = false;
  allowPrerelease = false;
  channel: string | null = null;
  logger: unknown = null;
  checks = 0;
  installs: Array<{ isSilent: boolean | undefined; isForceRunAfter: boolean | undefined }> = [];
  /** What the next check finds: a newer version (downloaded at once) or nothing. */
  next: { version: string } | null = null;
  private readonly electron: EmulatedElectron;

  constructor(electron: EmulatedElectron) {
    super();
    this.electron = electron;
  }

  checkForUpdates(): Promise<unknown> {
    this.checks++;
    const found = this.next;
    setImmediate(() => {
      this.emit('checking-for-update');
      if (!found) {
        this.emit('update-not-available', { version: this.electron.app.getVersion() });
        return;
      }
      this.emit('update-available', found);
      if (!this.autoDownload) return;
      this.emit('download-progress', { percent: 100 });
      this.emit('update-downloaded', found);
    });
    return Promise.resolve({ updateInfo: found });
  }

  /** electron-updater quits the app, then the installer starts it again. */
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push({ isSilent, isForceRunAfter });
    this.electron.app.quit();
  }
}
