/**
 * Electron, emulated for the harness: the main-process API the app uses, backed by a real
 * Chromium (Playwright) for every BrowserWindow, and recording fakes a test can act on for the
 * operating-system parts (tray, notifications, login items, updater, the system browser).
 *
 * Where Electron's behaviour matters to the app, it is reproduced, not simplified:
 * - custom schemes: `app://bundle/x` is served at `https://bundle.app-scheme.test/x` by the
 *   handler the app gave `protocol.handle`, headers (CSP) included; IPC, navigation and
 *   permission handlers see the `app://` URL, as in Electron;
 * - permissions: the page's clipboard, notification, media and geolocation requests go to the
 *   session's permission handlers (Electron grants everything when no handler is set);
 * - IPC: `ipcRenderer.invoke` reaches `ipcMain.handle` with the sender and its frame; a missing
 *   handler or a throwing one rejects as Electron does;
 * - windows: `close` can be prevented; the last window closing emits `window-all-closed` (or
 *   quits when nobody listens); `app.quit()` runs before-quit → close every window → will-quit
 *   → quit, and stops if any of them is prevented.
 * The preload side lives in ./sandboxed-preload.ts.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Frame, Page, Route } from '@playwright/test';
import { testCipher } from '../support/cipher.ts';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { PRELOAD_SCRIPT_URL, sandboxedPreloadScript, permissionScript } from './sandboxed-preload.ts';

type Listener = (...args: unknown[]) => unknown;

/** An Electron event: `preventDefault()` is how handlers say no. */
export interface EmulatedEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}
function event(extra: Record<string, unknown> = {}): EmulatedEvent {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    },
    extra,
  );
}

// ------------------------------------------------------------------ custom schemes ↔ page URLs

const SCHEME_SUFFIX = '-scheme.test';
/** Set by `npm run coverage`: where the preload's coverage in Chromium is written. */
const COVERAGE_DIR = process.env['BAM_PRELOAD_COVERAGE_DIR'];

/** `app://bundle/x` → `https://bundle.app-scheme.test/x`, for each scheme the app registered. */
export function toPageURL(url: string, schemes: ReadonlySet<string>): string {
  const u = new URL(url);
  const scheme = u.protocol.slice(0, -1);
  if (!schemes.has(scheme)) return url;
  return `https://${u.host}.${scheme}${SCHEME_SUFFIX}${u.pathname}${u.search}${u.hash}`;
}

/** The inverse: what Electron would report as the frame's URL. */
export function toElectronURL(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const m = /^(.+)\.([a-z][a-z0-9+.-]*)-scheme\.test$/.exec(u.hostname);
  if (u.protocol !== 'https:' || !m) return url;
  return `${m[2]}://${m[1]}${u.pathname}${u.search}${u.hash}`;
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.cjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

// ------------------------------------------------------------------ sessions

export type PermissionRequestHandler = (wc: EmulatedWebContents | null, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void;
export type PermissionCheckHandler = (wc: EmulatedWebContents | null, permission: string, requestingOrigin: string, details: { requestingUrl: string; isMainFrame: boolean }) => boolean;

export class EmulatedSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  private userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) beeper-account-manager/0.1.0 Chrome/142.0.0.0 Electron/45.5.0 Safari/537.36';
  private contextPromise: Promise<BrowserContext> | null = null;
  readonly webRequest = { onBeforeSendHeaders: (_fn: unknown): void => undefined };
  readonly cookies = { get: async (filter: { url?: string } = {}) => (await this.context()).cookies(filter.url) };

  private readonly electron: EmulatedElectron;
  readonly partition: string;

  constructor(electron: EmulatedElectron, partition: string) {
    this.electron = electron;
    this.partition = partition;
  }

  /** One browser context per session, as Electron keeps one profile per partition. */
  context(): Promise<BrowserContext> {
    this.contextPromise ??= this.electron.newContext(this);
    return this.contextPromise;
  }

  setPermissionRequestHandler(fn: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = fn;
  }
  setPermissionCheckHandler(fn: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = fn;
  }
  setUserAgent(ua: string): void {
    this.userAgent = ua;
  }
  getUserAgent(): string {
    return this.userAgent;
  }
  async clearStorageData(): Promise<void> {
    await (await this.context()).clearCookies();
  }
  clearCache(): Promise<void> {
    return Promise.resolve();
  }
}

// ------------------------------------------------------------------ web contents and windows

/** What `event.senderFrame` and `webContents.mainFrame` are: one object per frame, kept. */
export interface EmulatedFrame {
  readonly url: string;
  readonly top: EmulatedFrame | null;
}

let nextWebContentsID = 1;

export class EmulatedWebContents extends EventEmitter {
  readonly id = nextWebContentsID++;
  readonly page: Promise<Page>;
  private pageNow: Page | null = null;
  private destroyed = false;
  private windowOpenHandler: ((d: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  /** Pushed events go out in order: each waits for the one before. */
  private sending: Promise<unknown> = Promise.resolve();
  private loads = 0;

  private readonly electron: EmulatedElectron;
  readonly session: EmulatedSession;
  readonly owner: EmulatedWindow;

  constructor(electron: EmulatedElectron, session: EmulatedSession, owner: EmulatedWindow, preload: string | undefined) {
    super();
    this.electron = electron;
    this.session = session;
    this.owner = owner;
    this.page = (async () => {
      const context = await session.context();
      const page = await context.newPage();
      this.pageNow = page;
      electron.pages.set(page, this);
      if (preload) {
        await page.exposeBinding('__bamElectronIpc', (source, message: { channel: string; args: unknown[] }) => electron.ipcMain.fromRenderer(this, source.frame, message));
        const script = sandboxedPreloadScript(await readFile(preload, 'utf8'));
        this.hasPreload = true;
        if (COVERAGE_DIR) await page.coverage.startJSCoverage({ resetOnNavigation: false, reportAnonymousScripts: true });
        await page.addInitScript({ content: script });
      }
      page.on('load', () => {
        if (this.loads++ === 0) owner.emit('ready-to-show');
        this.emit('did-finish-load');
      });
      page.on('close', () => this.markDestroyed());
      return page;
    })();
  }

  private markDestroyed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  /** The page, once Chromium has it; tests use it to act as the user. */
  get livePage(): Page {
    if (!this.pageNow) throw new Error('the window has no page yet');
    return this.pageNow;
  }

  frame(frame: Frame): EmulatedFrame {
    return this.electron.frameOf(frame);
  }

  get mainFrame(): EmulatedFrame {
    return this.frame(this.livePage.mainFrame());
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.page;
    await page.goto(toPageURL(url, this.electron.protocol.privilegedSchemes()));
  }

  getURL(): string {
    return this.pageNow ? toElectronURL(this.pageNow.url()) : '';
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(fn: EmulatedWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = fn;
  }

  /** A page asked for a new window (link with target=_blank, window.open). */
  windowOpenRequested(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler?.({ url: toElectronURL(url) }).action ?? 'allow';
  }

  /** webContents.send: structured-cloned to every `ipcRenderer.on` listener of the page. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const payload = structuredClone(args);
    this.sending = this.sending.then(async () => {
      const page = await this.page;
      await page.evaluate(([c, a]) => (window as unknown as { __bamElectronDeliver?: (c: string, a: unknown[]) => void }).__bamElectronDeliver?.(c, a), [channel, payload] as const).catch(() => undefined);
    });
  }

  /** Waits until every event sent so far has reached the page. */
  delivered(): Promise<unknown> {
    return this.sending;
  }

  async executeJavaScript(code: string): Promise<unknown> {
    return (await this.page).evaluate(code);
  }
  async executeJavaScriptInIsolatedWorld(_world: number, scripts: Array<{ code: string }>): Promise<unknown> {
    return (await this.page).evaluate(scripts[0]?.code ?? 'undefined');
  }
  openDevTools(): void {}
  setZoomFactor(): void {}

  private hasPreload = false;
  private closing: Promise<void> | null = null;

  close(): Promise<void> {
    this.closing ??= (async () => {
      const page = this.pageNow;
      if (page && !page.isClosed()) {
        if (COVERAGE_DIR && this.hasPreload) await this.writePreloadCoverage(page, COVERAGE_DIR);
        await page.close();
      }
      this.markDestroyed();
    })();
    return this.closing;
  }

  /** Chromium's coverage of the preload bundle, for scripts/coverage.mjs to map back to preload/. */
  private async writePreloadCoverage(page: Page, dir: string): Promise<void> {
    const entries = (await page.coverage.stopJSCoverage()).filter((e) => e.url === PRELOAD_SCRIPT_URL);
    if (entries.length === 0) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `preload-${randomUUID()}.json`), JSON.stringify({ entries }));
  }
}

let nextWindowID = 1;

export class EmulatedWindow extends EventEmitter {
  readonly id = nextWindowID++;
  readonly webContents: EmulatedWebContents;
  readonly options: Record<string, unknown>;
  private visible = false;
  private minimized = false;
  private maximized = false;
  private destroyed = false;
  private bounds = { x: 100, y: 80, width: 960, height: 720 };
  title = '';
  private readonly electron: EmulatedElectron;

  constructor(electron: EmulatedElectron, options: Record<string, unknown>) {
    super();
    this.electron = electron;
    this.options = options;
    const prefs = (options['webPreferences'] ?? {}) as { preload?: string; partition?: string };
    const session = prefs.partition ? electron.session.fromPartition(prefs.partition) : electron.session.defaultSession;
    this.webContents = new EmulatedWebContents(electron, session, this, prefs.preload);
    for (const k of ['x', 'y', 'width', 'height'] as const) if (typeof options[k] === 'number') this.bounds[k] = options[k];
    if (typeof options['title'] === 'string') this.title = options['title'];
    electron.windows.push(this);
    electron.app.emit('browser-window-created', event(), this);
    electron.app.emit('web-contents-created', event(), this.webContents);
    if (options['show'] !== false) this.show();
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    if (this.destroyed) return;
    const was = this.visible;
    this.visible = true;
    this.minimized = false;
    if (!was) this.emit('show');
  }
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {
    if (this.destroyed) return;
    this.emit('focus');
  }
  blur(): void {
    this.emit('blur');
  }
  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }
  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }
  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }
  isVisible(): boolean {
    return this.visible && !this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isFocused(): boolean {
    return this.visible;
  }
  getBounds(): typeof this.bounds {
    return { ...this.bounds };
  }
  getNormalBounds(): typeof this.bounds {
    return { ...this.bounds };
  }
  setBounds(b: Partial<typeof this.bounds>): void {
    this.bounds = { ...this.bounds, ...b };
    this.emit('resize');
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setMenuBarVisibility(): void {}
  removeMenu(): void {}

  /**
   * What the close button does: 'close' (preventable), then the window is gone. Returns whether
   * the window really closed.
   */
  close(): boolean {
    if (this.destroyed) return true;
    const e = event();
    this.emit('close', e);
    if (e.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    void this.webContents.close();
    this.emit('closed');
    this.electron.windowClosed(this);
  }
}

// ------------------------------------------------------------------ tray, menus, notifications

export interface EmulatedMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: (item: EmulatedMenuItem, win: unknown, e: unknown) => void;
  submenu?: EmulatedMenuItem[] | EmulatedMenu;
}

export class EmulatedMenu {
  readonly items: EmulatedMenuItem[];
  constructor(items: EmulatedMenuItem[]) {
    this.items = items;
  }
  static buildFromTemplate(template: EmulatedMenuItem[]): EmulatedMenu {
    return new EmulatedMenu(template.map((i) => ({ ...i, submenu: Array.isArray(i.submenu) ? EmulatedMenu.buildFromTemplate(i.submenu) : i.submenu })));
  }
  static setApplicationMenu(): void {}
}

/** Menus are compared by shape: a fresh main process may load its own copy of this module. */
function submenuOf(item: EmulatedMenuItem): EmulatedMenuItem[] | null {
  const sub = item.submenu;
  if (!sub) return null;
  return Array.isArray(sub) ? sub : sub.items;
}

export class EmulatedTray extends EventEmitter {
  image: { path: string };
  tooltip = '';
  menu: EmulatedMenu | null = null;
  destroyed = false;

  constructor(image: { path: string }) {
    super();
    this.image = image;
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(menu: EmulatedMenu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }

  /** The menu as the user sees it: labels, submenus indented, disabled ones in brackets. */
  labels(items = this.menu?.items ?? [], depth = 0): string[] {
    return items.flatMap((i) => {
      if (i.type === 'separator') return [];
      const line = `${'  '.repeat(depth)}${i.enabled === false ? `[${i.label}]` : i.label}`;
      const sub = this.labels(submenuOf(i) ?? [], depth + 1);
      return [line, ...sub];
    });
  }

  /** Clicks a menu item by its path of labels (a string or RegExp per level). */
  click(...labels: Array<string | RegExp>): void {
    let items = this.menu?.items ?? [];
    for (const [n, want] of labels.entries()) {
      const item = items.find((i) => (typeof want === 'string' ? i.label === want : want.test(i.label ?? '')));
      if (!item) throw new Error(`no tray menu item ${String(want)} in: ${this.labels().join(' | ')}`);
      if (item.enabled === false) throw new Error(`tray menu item ${String(want)} is disabled`);
      if (n === labels.length - 1) {
        if (!item.click) throw new Error(`tray menu item ${String(want)} does nothing`);
        item.click(item, null, {});
        return;
      }
      const sub = submenuOf(item);
      if (!sub) throw new Error(`tray menu item ${String(want)} has no submenu`);
      items = sub;
    }
  }
}

export class EmulatedNotification extends EventEmitter {
  shown = false;
  closed = false;
  private readonly electron: EmulatedElectron;
  readonly options: { title: string; body: string };
  constructor(electron: EmulatedElectron, options: { title: string; body: string }) {
    super();
    this.electron = electron;
    this.options = options;
  }
  get title(): string {
    return this.options.title;
  }
  get body(): string {
    return this.options.body;
  }
  show(): void {
    this.shown = true;
    this.electron.notifications.push(this);
    this.emit('show');
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
  /** The user clicks it. */
  click(): void {
    this.emit('click');
  }
}

// ------------------------------------------------------------------ app

export interface MachineFacts {
  userData: string;
  home: string;
  platform: NodeJS.Platform;
  version: string;
  name: string;
  packaged: boolean;
}

export class EmulatedApp extends EventEmitter {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  state: 'starting' | 'ready' | 'quitting' | 'quit' = 'starting';
  private readonly paths = new Map<string, string>();
  private readyPromise: Promise<void> | null = null;
  /** Set when another instance already holds the single-instance lock. */
  lockHeldElsewhere = false;
  private readonly electron: EmulatedElectron;
  private readonly facts: MachineFacts;

  constructor(electron: EmulatedElectron, facts: MachineFacts) {
    super();
    this.electron = electron;
    this.facts = facts;
    this.paths.set('userData', facts.userData);
    this.paths.set('home', facts.home);
    this.paths.set('temp', path.join(facts.home, 'tmp'));
    this.paths.set('logs', path.join(facts.userData, 'logs'));
  }

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
  }
  called(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  get isPackaged(): boolean {
    return this.facts.packaged;
  }
  getVersion(): string {
    return this.facts.version;
  }
  getName(): string {
    return this.facts.name;
  }
  getLocale(): string {
    return 'en-US';
  }
  getPath(name: string): string {
    const p = this.paths.get(name);
    if (!p) throw new Error(`Failed to get '${name}' path`);
    return p;
  }
  setPath(name: string, p: string): void {
    this.record('setPath', [name, p]);
    this.paths.set(name, p);
  }
  isReady(): boolean {
    return this.state !== 'starting';
  }
  whenReady(): Promise<void> {
    this.readyPromise ??= new Promise((resolve) =>
      setImmediate(() => {
        this.state = 'ready';
        this.emit('ready', event(), {});
        resolve();
      }),
    );
    return this.readyPromise;
  }
  requestSingleInstanceLock(additionalData?: unknown): boolean {
    this.record('requestSingleInstanceLock', [additionalData]);
    return !this.lockHeldElsewhere;
  }
  setAsDefaultProtocolClient(...args: unknown[]): boolean {
    this.record('setAsDefaultProtocolClient', args);
    return true;
  }
  setAppUserModelId(id: string): void {
    this.record('setAppUserModelId', [id]);
  }
  setLoginItemSettings(settings: unknown): void {
    if (this.facts.platform === 'linux') return; // a no-op on Linux, as in Electron
    this.record('setLoginItemSettings', [settings]);
  }
  focus(): void {}

  /** Electron's quit: before-quit, close every window, will-quit, quit; any step may stop it. */
  quit(): void {
    this.record('quit', []);
    if (this.state === 'quitting' || this.state === 'quit') return;
    const before = event();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.state = 'quitting';
    for (const win of [...this.electron.windows]) {
      if (!win.close()) {
        this.state = 'ready';
        return;
      }
    }
    this.exitNow();
  }

  exit(): void {
    this.record('exit', []);
    this.exitNow();
  }

  private exitNow(): void {
    const will = event();
    this.emit('will-quit', will);
    if (will.defaultPrevented) {
      this.state = 'ready';
      return;
    }
    this.state = 'quit';
    this.emit('quit', event(), 0);
  }

  /** Another launch of the app (a second instance) with these arguments. */
  secondInstance(argv: string[]): void {
    this.emit('second-instance', event(), argv, this.facts.home, {});
  }
}

// ------------------------------------------------------------------ everything else

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

export interface EmulatedElectronOptions {
  browser: Browser;
  /** The "system browser": where shell.openExternal opens http(s) links. */
  systemBrowser: BrowserContext;
  facts: MachineFacts;
  /** The OS keyring's key: the same across launches on one machine. */
  keyringKey: Buffer;
}

export class EmulatedElectron {
  readonly app: EmulatedApp;
  readonly windows: EmulatedWindow[] = [];
  readonly trays: EmulatedTray[] = [];
  readonly notifications: EmulatedNotification[] = [];
  readonly externalLinks: string[] = [];
  readonly pages = new Map<Page, EmulatedWebContents>();
  readonly autoUpdater: EmulatedAutoUpdater;
  private readonly frames = new WeakMap<Frame, EmulatedFrame>();
  private readonly sessions = new Map<string, EmulatedSession>();
  private readonly contexts: BrowserContext[] = [];
  readonly safeStorageCipher: ReturnType<typeof testCipher>;
  readonly deprecatedCalls: string[] = [];
  private readonly o: EmulatedElectronOptions;

  constructor(o: EmulatedElectronOptions) {
    this.o = o;
    this.app = new EmulatedApp(this, o.facts);
    this.autoUpdater = new EmulatedAutoUpdater(this);
    this.safeStorageCipher = testCipher({ backend: 'gnome_libsecret', key: o.keyringKey });
  }

  // ---------------------------------------------------------------- modules the app imports

  readonly ipcMain = new EmulatedIpcMain();
  readonly protocol = new EmulatedProtocol();

  readonly session = {
    defaultSession: this.sessionFor('persist:default'),
    fromPartition: (partition: string): EmulatedSession => this.sessionFor(partition),
  };

  readonly shell = {
    openExternal: (url: string): Promise<void> => {
      this.externalLinks.push(url);
      // Pages of the local Beeper Desktop open in the system browser; the internet is not there.
      if (/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) {
        void this.o.systemBrowser
          .newPage()
          .then((p) => p.goto(url))
          .catch(() => undefined);
      }
      return Promise.resolve();
    },
    openPath: (): Promise<string> => Promise.resolve(''),
    showItemInFolder: (): void => undefined,
  };

  readonly net = {
    /** Electron's net.fetch reads file:// URLs (with a MIME type by extension), and the network. */
    fetch: async (url: string, init?: RequestInit): Promise<Response> => {
      if (!url.startsWith('file:')) return fetch(url, init);
      const file = fileURLToPath(url);
      if (!existsSync(file)) return new Response('', { status: 404 });
      const type = MIME[path.extname(file)] ?? 'application/octet-stream';
      return new Response(await readFile(file), { status: 200, headers: { 'content-type': type } });
    },
  };

  readonly safeStorage = {
    isAsyncEncryptionAvailable: () => this.safeStorageCipher.isAsyncEncryptionAvailable(),
    encryptStringAsync: (s: string) => this.safeStorageCipher.encryptStringAsync(s),
    decryptStringAsync: (b: Buffer) => this.safeStorageCipher.decryptStringAsync(b),
    getSelectedStorageBackend: () => 'gnome_libsecret',
    // Deprecated in Electron 45: recorded, so a test can say none was called.
    isEncryptionAvailable: () => (this.deprecatedCalls.push('safeStorage.isEncryptionAvailable'), true),
    encryptString: (): never => {
      this.deprecatedCalls.push('safeStorage.encryptString');
      throw new Error('safeStorage.encryptString is deprecated');
    },
    decryptString: (): never => {
      this.deprecatedCalls.push('safeStorage.decryptString');
      throw new Error('safeStorage.decryptString is deprecated');
    },
  };

  readonly dialog = {
    shown: [] as unknown[],
    showMessageBox: (...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> => {
      this.dialog.shown.push(args);
      return Promise.resolve({ response: 0, checkboxChecked: false });
    },
    showErrorBox: (title: string, content: string): void => void this.dialog.shown.push([title, content]),
  };

  readonly nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' });
  readonly nativeImage = { createFromPath: (p: string) => ({ path: p, isEmpty: () => !existsSync(p) }) };
  readonly screen = { getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }] };
  readonly Menu = EmulatedMenu;
  notificationsSupported = true;

  createWindow(options: Record<string, unknown>): EmulatedWindow {
    return new EmulatedWindow(this, options);
  }
  createTray(image: { path: string }): EmulatedTray {
    const tray = new EmulatedTray(image);
    this.trays.push(tray);
    return tray;
  }
  createNotification(options: { title: string; body: string }): EmulatedNotification {
    return new EmulatedNotification(this, options);
  }

  // ---------------------------------------------------------------- plumbing

  private sessionFor(partition: string): EmulatedSession {
    let s = this.sessions.get(partition);
    if (!s) {
      s = new EmulatedSession(this, partition);
      this.sessions.set(partition, s);
    }
    return s;
  }

  frameOf(frame: Frame): EmulatedFrame {
    let f = this.frames.get(frame);
    if (!f) {
      const parent = frame.parentFrame();
      const top = parent ? this.frameOf(frame.page().mainFrame()) : null;
      f = { get url() {
        return toElectronURL(frame.url());
      }, top };
      this.frames.set(frame, f);
    }
    return f;
  }

  /** A browser context for a session: its routes serve custom schemes, and its permissions ask the app. */
  async newContext(session: EmulatedSession): Promise<BrowserContext> {
    const context = await this.o.browser.newContext({ viewport: { width: 960, height: 720 } });
    this.contexts.push(context);
    // Real clipboard writes happen only after the app's handler said yes (./sandboxed-preload.ts).
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await context.exposeBinding('__bamElectronPermission', (source, request: { permission: string; check: boolean }) => this.askPermission(session, source.page, source.frame, request));
    await context.addInitScript({ content: permissionScript() });
    await context.route('**/*', (route) => this.route(route, context));
    return context;
  }

  private askPermission(session: EmulatedSession, page: Page, frame: Frame, r: { permission: string; check: boolean }): Promise<boolean> | boolean {
    const wc = this.pages.get(page) ?? null;
    const requestingUrl = toElectronURL(frame.url());
    const details = { requestingUrl, isMainFrame: frame === page.mainFrame() };
    if (r.check) {
      const origin = requestingUrl.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/]+).*$/i, '$1');
      return session.permissionCheckHandler ? session.permissionCheckHandler(wc, r.permission, origin, details) : true;
    }
    const handler = session.permissionRequestHandler;
    if (!handler) return true; // Electron's default: granted
    return new Promise((resolve) => handler(wc, r.permission, resolve, details));
  }

  private async route(route: Route, context: BrowserContext): Promise<void> {
    const request = route.request();
    const electronURL = toElectronURL(request.url());
    const scheme = electronURL.slice(0, electronURL.indexOf(':'));
    const handler = this.protocol.handlers.get(scheme);
    let frame: Frame;
    try {
      frame = request.frame();
    } catch {
      // The first navigation of a new window (target=_blank, window.open): its frame is not there yet.
      if (this.newWindowDenied(context, request.url())) return route.abort('blockedbyclient');
      return route.continue();
    }
    const page = frame.page();
    const wc = this.pages.get(page);
    if (request.isNavigationRequest() && frame === page.mainFrame()) {
      if (!wc) {
        if (this.newWindowDenied(context, request.url())) return route.abort('blockedbyclient');
      } else if (wc.getURL() !== '' && wc.getURL() !== 'about:blank') {
        const e = event();
        wc.emit('will-navigate', e, electronURL);
        if (e.defaultPrevented) return route.abort('aborted');
      }
    }
    if (handler) {
      const res = await handler(new Request(electronURL, { method: request.method(), headers: request.headers() }));
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      return route.fulfill({ status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) });
    }
    // Nothing else is reachable from the harness: no internet, and the app must not need it.
    if (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(request.url())) return route.continue();
    return route.abort('internetdisconnected');
  }

  /**
   * A new window (target=_blank, window.open) wants to load `url`. Electron asks the opener's
   * window-open handler before any window exists. Chromium holds the new page back until this
   * request is answered, so the opener is taken to be the session's window (one per session here).
   */
  private newWindowDenied(context: BrowserContext, url: string): boolean {
    const openers = context.pages().flatMap((p) => this.pages.get(p) ?? []);
    if (openers.length !== 1) return false;
    if (openers[0]!.windowOpenRequested(url) !== 'deny') return false;
    // The page Chromium made for it goes away again.
    void context.waitForEvent('page', { timeout: 5_000 }).then((p) => p.close(), () => undefined);
    return true;
  }

  windowClosed(win: EmulatedWindow): void {
    const i = this.windows.indexOf(win);
    if (i >= 0) this.windows.splice(i, 1);
    if (this.windows.length > 0 || this.app.state === 'quitting' || this.app.state === 'quit') return;
    // Electron: with a listener the app decides; without one, closing the last window quits.
    if (this.app.listenerCount('window-all-closed') > 0) this.app.emit('window-all-closed', event());
    else this.app.quit();
  }

  /** Closes every page and context this emulation opened. */
  async dispose(): Promise<void> {
    await Promise.all([...this.pages.values()].map((wc) => wc.close().catch(() => undefined)));
    for (const c of this.contexts) await c.close().catch(() => undefined);
  }
}

export class EmulatedIpcMain extends EventEmitter {
  private readonly handlers = new Map<string, Listener>();

  handle(channel: string, fn: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  handleOnce(channel: string, fn: Listener): void {
    this.handle(channel, (...args) => {
      this.handlers.delete(channel);
      return fn(...args);
    });
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** An `ipcRenderer.invoke` from a page: the handler gets Electron's event, with sender and frame. */
  async fromRenderer(wc: EmulatedWebContents, frame: Frame, message: { channel: string; args: unknown[] }): Promise<unknown> {
    const handler = this.handlers.get(message.channel);
    if (!handler) throw new Error(`Error invoking remote method '${message.channel}': Error: No handler registered for '${message.channel}'`);
    const e = { sender: wc, senderFrame: wc.frame(frame), frameId: 1, processId: 1 };
    try {
      return structuredClone(await handler(e, ...structuredClone(message.args)));
    } catch (err) {
      throw new Error(`Error invoking remote method '${message.channel}': ${String(err)}`, { cause: err });
    }
  }
}

export class EmulatedProtocol {
  readonly handlers = new Map<string, (req: Request) => Promise<Response> | Response>();
  private readonly privileged = new Set<string>();

  registerSchemesAsPrivileged(schemes: Array<{ scheme: string }>): void {
    for (const s of schemes) this.privileged.add(s.scheme);
  }
  privilegedSchemes(): ReadonlySet<string> {
    return this.privileged;
  }
  handle(scheme: string, handler: (req: Request) => Promise<Response> | Response): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme '${scheme}' is already handled`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}
