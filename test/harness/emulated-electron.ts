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
 * This file is the `electron` module's object and its IPC and protocol; windows, sessions, the
 * app, the tray, menus, notifications and the updater are in ./emulated/. The preload side lives in
 * ./sandboxed-preload.ts.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Frame, Page, Route } from '@playwright/test';
import { testCipher } from '../support/cipher.ts';
import { permissionScript } from './sandboxed-preload.ts';
import { EmulatedMenu, EmulatedTray, EmulatedNotification } from './emulated/os-ui.ts';
import { EmulatedSession } from './emulated/session.ts';
import { toElectronURL, MIME } from './emulated/urls.ts';
import { EmulatedAutoUpdater } from './emulated/updater.ts';
import { EmulatedWindow, type EmulatedFrame, type EmulatedWebContents } from './emulated/windows.ts';
import { event, type Listener } from './emulated/events.ts';
import { EmulatedApp, type MachineFacts } from './emulated/app.ts';

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
