/** Start at login, in the tray: the OS login item on macOS and Windows, an XDG autostart entry on Linux. */
import { app } from 'electron';
import type { Logger } from '../core/log.ts';
import type { SettingsStore } from '../core/storage/settings.ts';
import { setXdgAutostart, type loginItemSupport } from '../policy/autostart.ts';

/** Applies the setting now, and again only when it changes (not on every other setting's change, such as the window moving). */
export function setupLoginItem(support: ReturnType<typeof loginItemSupport>, settings: SettingsStore, log: Logger): void {
  let applied: boolean | null = null;
  const apply = (): void => {
    const openAtLogin = settings.get('startAtLogin');
    if (openAtLogin === applied) return;
    applied = openAtLogin;
    if (support === 'system') app.setLoginItemSettings({ openAtLogin, args: ['--hidden'] });
    else if (support === 'xdg') {
      try {
        setXdgAutostart(openAtLogin, { env: process.env, home: app.getPath('home'), execPath: process.execPath, name: app.getName() });
      } catch (e) {
        log.warn('could not change the autostart entry', { error: e });
      }
    }
  };
  apply();
  settings.onChange(apply);
}
