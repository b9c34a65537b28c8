/**
 * "Start when I log in to this computer". Electron's `app.setLoginItemSettings` works only on
 * macOS and Windows; on Linux the desktop starts what `$XDG_CONFIG_HOME/autostart/*.desktop` names
 * (the XDG Autostart specification), so the app writes and removes that entry itself. An unpackaged
 * build (development) has no stable program to start: the option is not offered there.
 */
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ID } from './app-id.ts';

export type LoginItemSupport = 'system' | 'xdg' | null;

/** How start-at-login works here, or null where it cannot. */
export function loginItemSupport(platform: NodeJS.Platform, isPackaged: boolean): LoginItemSupport {
  if (!isPackaged) return null;
  if (platform === 'darwin' || platform === 'win32') return 'system';
  if (platform === 'linux') return 'xdg';
  return null;
}

export interface AutostartEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  /** The running executable (a deb install); an AppImage runs from a temporary mount, so `APPIMAGE` wins. */
  execPath: string;
  name: string;
}

export function autostartFile(e: Pick<AutostartEnv, 'env' | 'home'>): string {
  const config = e.env['XDG_CONFIG_HOME'] && path.isAbsolute(e.env['XDG_CONFIG_HOME']) ? e.env['XDG_CONFIG_HOME'] : path.join(e.home, '.config');
  return path.join(config, 'autostart', `${APP_ID}.desktop`);
}

/** An Exec argument quoted as the Desktop Entry specification asks: in double quotes, with ", `, $ and \ escaped. */
const quoteExec = (arg: string): string => `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;

export function autostartEntry(e: Pick<AutostartEnv, 'env' | 'execPath' | 'name'>): string {
  const program = e.env['APPIMAGE'] || e.execPath;
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${e.name.replace(/[\r\n]/g, ' ')}`,
    `Exec=${quoteExec(program)} --hidden`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes the autostart entry, or removes it. */
export function setXdgAutostart(enabled: boolean, e: AutostartEnv): void {
  const file = autostartFile(e);
  if (enabled) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, autostartEntry(e));
    // Whatever the umask, and for an entry that already existed with another mode.
    chmodSync(file, 0o644);
  } else if (existsSync(file)) {
    rmSync(file);
  }
}
