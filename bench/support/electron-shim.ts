/**
 * Just enough of Electron for the built main process to start (figure 9): creating the window is
 * the measurement; making the tray (the rest of main composed) is reported too, and ends the run.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const userData = mkdtempSync(path.join(os.tmpdir(), 'bam-bench-start-'));
const noop = (): void => undefined;

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: (name: string) => (name === 'userData' ? userData : os.tmpdir()),
  setPath: noop,
  getVersion: () => '0.1.0',
  getName: () => 'Beeper Account Manager',
  getPreferredSystemLanguages: () => ['en-US'],
  commandLine: { getSwitchValue: (_name: string) => '', hasSwitch: (_name: string) => false },
  requestSingleInstanceLock: () => true,
  setAsDefaultProtocolClient: () => true,
  setAppUserModelId: noop,
  setLoginItemSettings: noop,
  whenReady: () => Promise.resolve(),
  quit: noop,
});
export const ipcMain = Object.assign(new EventEmitter(), { handle: noop, removeHandler: noop });
export const protocol = { registerSchemesAsPrivileged: noop, handle: noop };
export const net = { fetch };
export const shell = { openExternal: () => Promise.resolve() };
export const safeStorage = {
  isAsyncEncryptionAvailable: () => Promise.resolve(false),
  encryptStringAsync: (s: string) => Promise.resolve(Buffer.from(s)),
  decryptStringAsync: (b: Buffer) => Promise.resolve({ result: b.toString(), shouldReEncrypt: false }),
  getSelectedStorageBackend: () => 'basic_text',
};
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });
export const nativeImage = { createFromPath: (p: string) => ({ path: p }) };
export const session = { defaultSession: {}, fromPartition: () => ({}) };
export const dialog = { showMessageBox: () => Promise.resolve({ response: 0 }) };
export const Menu = { buildFromTemplate: (t: unknown) => t };
const since = (): number => performance.now() - ((globalThis as Record<string, unknown>)['__benchStartedAt'] as number);
let windowAt: number | null = null;

export class Tray {
  constructor() {
    console.log(JSON.stringify({ ms: windowAt, composed: since() }));
    process.exit(0);
  }
}
export class Notification {
  static isSupported(): boolean {
    return false;
  }
}
const webContents = Object.assign(new EventEmitter(), {
  id: 1,
  isDestroyed: () => false,
  send: noop,
  setWindowOpenHandler: noop,
  session: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop },
});
export class BrowserWindow extends EventEmitter {
  readonly webContents = webContents;
  constructor() {
    super();
    windowAt ??= since();
  }
  loadURL = (): Promise<void> => Promise.resolve();
  isDestroyed = (): boolean => false;
  isVisible = (): boolean => false;
  isMinimized = (): boolean => false;
  getChildWindows = (): unknown[] => [];
}
export default { app, ipcMain, protocol, net, shell, safeStorage, screen, nativeTheme, nativeImage, session, dialog, Menu, Tray, Notification, BrowserWindow };
