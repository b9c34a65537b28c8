/**
 * A fake `electron` module for unit tests of the shell adapters: the surface they use, recording
 * what they ask for, with helpers to fire events. Loaded with vi.mock('electron', …).
 */
type Handler = (...args: unknown[]) => unknown;

class Emitter {
  readonly handlers = new Map<string, Handler[]>();
  on(event: string, fn: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Handler): this {
    return this.on(event, fn);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.handlers.get(event) ?? []).map((fn) => fn(...args));
  }
}

export class FakeSession {
  /** As Electron calls them: with the requesting URL/origin and whether it is the top frame. */
  permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void) | null = null;
  permissionCheck: ((wc: unknown, permission: string, requestingOrigin: string, details: { isMainFrame: boolean }) => boolean) | null = null;
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) beeper-account-manager/0.1.0 Chrome/142.0.0.0 Electron/45.5.0 Safari/537.36';
  beforeSendHeaders: Handler | null = null;
  cleared = 0;
  readonly partition: string;
  readonly cookieJar: Array<{ name: string; value: string; domain?: string }> = [];
  constructor(partition = 'default') {
    this.partition = partition;
  }
  setPermissionRequestHandler(fn: FakeSession['permissionRequest']): void {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn: FakeSession['permissionCheck']): void {
    this.permissionCheck = fn;
  }
  setUserAgent(ua: string): void {
    this.userAgent = ua;
  }
  getUserAgent(): string {
    return this.userAgent;
  }
  webRequest = {
    onBeforeSendHeaders: (fn: Handler | null): void => {
      this.beforeSendHeaders = fn;
    },
  };
  cookies = { get: async (): Promise<FakeSession['cookieJar']> => Promise.resolve(this.cookieJar) };
  clearStorageData(): Promise<void> {
    this.cleared++;
    return Promise.resolve();
  }
  clearCache(): Promise<void> {
    return Promise.resolve();
  }
}

let nextID = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextID++;
  readonly session: FakeSession;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  readonly mainFrame = { url: 'app://bundle/index.html' };
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  url = '';
  destroyed = false;
  isolatedWorldResults: unknown[] = [];
  constructor(session: FakeSession) {
    super();
    this.session = session;
  }
  setWindowOpenHandler(fn: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = fn;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  /** The code of every isolated-world script run, in order. */
  readonly isolatedWorldCalls: string[] = [];
  executeJavaScriptInIsolatedWorld(_world: number, scripts: Array<{ code: string }>): Promise<unknown> {
    this.isolatedWorldCalls.push(scripts[0]?.code ?? '');
    return Promise.resolve(this.isolatedWorldResults.shift() ?? {});
  }
  /** Fires a navigation event the way Electron does; returns whether it was prevented. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class BrowserWindow extends Emitter {
  static readonly instances: BrowserWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents: FakeWebContents;
  visible = false;
  minimized = false;
  destroyed = false;
  loaded: string | null = null;
  title = '';
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    const prefs = (options['webPreferences'] ?? {}) as { partition?: string };
    this.webContents = new FakeWebContents(prefs.partition ? session.fromPartition(prefs.partition) : defaultSession);
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  /** As Electron: 'show' and 'hide' fire when the visibility changes. */
  show(): void {
    if (this.destroyed || this.visible) return;
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.emit('hide');
  }
  /** As Electron: 'focus' when a shown window takes the focus. */
  focus(): void {
    if (this.visible && !this.destroyed) this.emit('focus');
  }
  getChildWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => w.options['parent'] === this && !w.destroyed);
  }
  setTitle(title: string): void {
    this.title = title;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    if (this.minimized) return;
    this.minimized = true;
    this.emit('minimize');
  }
  restore(): void {
    if (!this.minimized) return;
    this.minimized = false;
    this.emit('restore');
  }
  maximize(): void {}
  isMaximized(): boolean {
    return false;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 10, y: 20, width: 900, height: 700 };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** As Electron: no 'close', but always 'closed'. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  /** Fires 'close'; unless prevented (e.g. hidden to the tray) the window is destroyed. Returns whether it was prevented. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
    return prevented;
  }
}

const defaultSession = new FakeSession();
const partitions = new Map<string, FakeSession>();
export const session = {
  defaultSession,
  fromPartition(p: string): FakeSession {
    const s = partitions.get(p) ?? new FakeSession(p);
    partitions.set(p, s);
    return s;
  },
};

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, fn: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const shell = {
  opened: [] as string[],
  openExternal: (url: string): Promise<void> => (shell.opened.push(url), Promise.resolve()),
  /** Like Electron's: resolves to an error message, or '' when the path opened. */
  openPath: (p: string): Promise<string> => (shell.opened.push(p), Promise.resolve('')),
};

/** A save dialog whose answer a test sets (Electron's `SaveDialogReturnValue`). */
export const dialog = {
  answer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
  asked: [] as Array<{ title?: string; defaultPath?: string }>,
  showSaveDialog: (_window: unknown, options: { title?: string; defaultPath?: string }): Promise<{ canceled: boolean; filePath: string }> => (dialog.asked.push(options), Promise.resolve(dialog.answer)),
};

export const Menu = { buildFromTemplate: (template: unknown[]): { template: unknown[] } => ({ template }) };

export class Tray {
  static readonly instances: Tray[] = [];
  image: unknown;
  menu: { template: unknown[] } | null = null;
  tooltip = '';
  menuSets = 0;
  constructor(image: unknown) {
    this.image = image;
    Tray.instances.push(this);
  }
  setContextMenu(menu: { template: unknown[] }): void {
    this.menu = menu;
    this.menuSets++;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setImage(i: unknown): void {
    this.image = i;
  }
  destroy(): void {}
}

export const nativeImage = { createFromPath: (p: string): { path: string } => ({ path: p }) };

export const nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: false });

export class Notification extends Emitter {
  static readonly shown: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
  }
  show(): void {
    Notification.shown.push(this);
  }
}

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

const appState = { userData: '/tmp/fake-electron-user-data', quitCalls: 0, loginItem: null as unknown, lockRequested: 0, protocolClients: [] as string[] };
export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  state: appState,
  getVersion: () => '0.1.0',
  /** As Electron: package.json's productName. */
  getName: () => 'Beeper Account Manager',
  getPreferredSystemLanguages: () => ['en-US'],
  commandLine: { getSwitchValue: (_name: string) => '', hasSwitch: (_name: string) => false },
  getPath: () => appState.userData,
  setPath: (_name: string, p: string) => {
    appState.userData = p;
  },
  quit: () => {
    appState.quitCalls++;
  },
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => {
    appState.lockRequested++;
    return true;
  },
  setAsDefaultProtocolClient: (scheme: string) => {
    appState.protocolClients.push(scheme);
    return true;
  },
  setLoginItemSettings: (s: unknown) => {
    appState.loginItem = s;
  },
});

/** Electron 45's safeStorage: the synchronous calls are deprecated, so here they fail loudly. */
const deprecated = (name: string) => (): never => {
  throw new Error(`safeStorage.${name} is deprecated in Electron 45; use the async API`);
};
export const safeStorage = {
  isAsyncEncryptionAvailable: () => Promise.resolve(true),
  encryptStringAsync: (s: string) => Promise.resolve(Buffer.from(s).reverse()),
  decryptStringAsync: (b: Buffer) => Promise.resolve({ result: Buffer.from(b).reverse().toString(), shouldReEncrypt: false }),
  isEncryptionAvailable: deprecated('isEncryptionAvailable'),
  encryptString: deprecated('encryptString'),
  decryptString: deprecated('decryptString'),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (req: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, fn: (req: Request) => Promise<Response>): void {
    this.handlers.set(scheme, fn);
  },
};
/** Electron's net.fetch also reads file:// URLs; Node's fetch does not. */
export const net = {
  fetch: async (url: string): Promise<Response> => {
    if (!url.startsWith('file:')) return fetch(url);
    try {
      const { readFile } = await import('node:fs/promises');
      const { fileURLToPath } = await import('node:url');
      return new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'content-type': url.endsWith('.html') ? 'text/html' : 'application/octet-stream' } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  },
};

export function resetFakes(): void {
  BrowserWindow.instances.length = 0;
  Tray.instances.length = 0;
  Notification.shown.length = 0;
  Notification.supported = true;
  ipcMain.handlers.clear();
  protocol.handlers.clear();
  shell.opened.length = 0;
  dialog.asked.length = 0;
  dialog.answer = { canceled: true, filePath: '' };
  partitions.clear();
}

export default { app, BrowserWindow, ipcMain, shell, dialog, Menu, Tray, nativeImage, nativeTheme, Notification, screen, session, safeStorage, protocol, net };
