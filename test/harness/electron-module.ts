/**
 * What `import … from 'electron'` gives the main process inside the harness: every export
 * forwards to the EmulatedElectron of the app now running (./launch-app.ts sets it), so a fresh
 * launch gets fresh Electron state while module bindings stay the same.
 */
import type { EmulatedElectron } from './emulated-electron.ts';
import type { EmulatedMenuItem } from './emulated/os-ui.ts';
import { EmulatedMenu } from './emulated/os-ui.ts';

const CURRENT = Symbol.for('bam.harness.electron');

export function setCurrentElectron(e: EmulatedElectron | null): void {
  (globalThis as Record<symbol, unknown>)[CURRENT] = e;
}

function current(): EmulatedElectron {
  const e = (globalThis as Record<symbol, unknown>)[CURRENT] as EmulatedElectron | null | undefined;
  if (!e) throw new Error('no emulated Electron is running');
  return e;
}

/** An object whose every property is read from the running emulation's `key`. */
function live<K extends keyof EmulatedElectron>(key: K): EmulatedElectron[K] {
  return new Proxy({}, {
    get(_t, prop) {
      const target = current()[key] as object;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set(_t, prop, value) {
      return Reflect.set(current()[key] as object, prop, value);
    },
  }) as EmulatedElectron[K];
}

export const app = live('app');
export const ipcMain = live('ipcMain');
export const protocol = live('protocol');
export const session = live('session');
export const shell = live('shell');
export const net = live('net');
export const safeStorage = live('safeStorage');
export const dialog = live('dialog');
export const nativeTheme = live('nativeTheme');
export const nativeImage = live('nativeImage');
export const screen = live('screen');

export class BrowserWindow {
  constructor(options: Record<string, unknown> = {}) {
    return current().createWindow(options);
  }
  static getAllWindows(): unknown[] {
    return [...current().windows];
  }
}

export class Tray {
  constructor(image: { path: string }) {
    return current().createTray(image);
  }
}

export class Notification {
  constructor(options: { title: string; body: string }) {
    return current().createNotification(options);
  }
  static isSupported(): boolean {
    return current().notificationsSupported;
  }
}

export const Menu = {
  buildFromTemplate: (template: EmulatedMenuItem[]): EmulatedMenu => EmulatedMenu.buildFromTemplate(template),
  setApplicationMenu: (): void => undefined,
};

export default { app, ipcMain, protocol, session, shell, net, safeStorage, dialog, nativeTheme, nativeImage, screen, BrowserWindow, Tray, Notification, Menu };
