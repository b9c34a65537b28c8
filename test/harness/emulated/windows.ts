/** BrowserWindow and webContents, emulated on a real Chromium page each. */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Frame, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { PRELOAD_SCRIPT_URL, sandboxedPreloadScript } from '../sandboxed-preload.ts';
import type { EmulatedSession } from './session.ts';
import { COVERAGE_DIR, toPageURL, toElectronURL } from './urls.ts';
import { event } from './events.ts';
import type { EmulatedElectron } from '../emulated-electron.ts';

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
  getChildWindows(): EmulatedWindow[] {
    return this.electron.windows.filter((w) => w.options['parent'] === this && !w.isDestroyed());
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
