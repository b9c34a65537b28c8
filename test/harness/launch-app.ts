/**
 * Runs the app as one program with Chromium standing in for Electron: the main process
 * (`runShell` from main/electron/compose.ts) in this Node process with `electron` resolved to the
 * emulation, the real preload bundle (out/preload/index.cjs) and the real renderer bundle
 * (out/renderer) in Chromium pages. A "machine" keeps what survives a restart: the profile
 * folder, the keyring key and the system browser.
 *
 * The test file must mock the modules the emulation replaces, before anything imports them:
 *   vi.mock('electron', () => import('../harness/electron-module.ts'));
 *   vi.mock('electron-updater', () => import('../harness/electron-updater-module.ts'));
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { EmulatedElectron } from './emulated-electron.ts';
import type { EmulatedTray } from './emulated/os-ui.ts';
import type { EmulatedWindow } from './emulated/windows.ts';
import { setCurrentElectron } from './electron-module.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const BUILT = {
  preload: path.join(ROOT, 'out/preload/index.cjs'),
  renderer: path.join(ROOT, 'out/renderer'),
  icons: path.join(ROOT, 'resources/icons'),
};
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface Machine {
  browser: Browser;
  /** Where shell.openExternal opens links, as the user's default browser would. */
  systemBrowser: BrowserContext;
  dir: string;
  userData: string;
  home: string;
  keyringKey: Buffer;
  close(): Promise<void>;
}

/** The newest modification time of any file under `dir`. */
function newest(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((t, e) => Math.max(t, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}

/** The real bundles, built again when a source is newer (`npm test` builds them first). */
function ensureBuilt(): void {
  const built = [BUILT.preload, path.join(BUILT.renderer, 'index.html')];
  const sources = Math.max(newest(path.join(ROOT, 'renderer')), newest(path.join(ROOT, 'preload')));
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return;
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('electron-vite build failed; the harness needs out/preload and out/renderer');
}

export async function startMachine(): Promise<Machine> {
  ensureBuilt();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const systemBrowser = await browser.newContext();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bam-harness-'));
  const home = path.join(dir, 'home');
  const userData = path.join(home, '.config', 'Beeper Account Manager');
  mkdirSync(userData, { recursive: true });
  return {
    browser,
    systemBrowser,
    dir,
    home,
    userData,
    keyringKey: randomBytes(32),
    async close() {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LaunchOptions {
  /** Beeper Desktop's address (the simulator). */
  baseURL: string;
  /** Extra command-line arguments, as the OS would pass them (`--hidden`, a deep link). */
  argv?: string[];
  /** A packaged build (default), as users run it. */
  packaged?: boolean;
  /** Extra environment (test-only variables work only with `packaged: false`). */
  env?: Record<string, string>;
}

/** The app's main window: not the capture window (its own partition) nor any child. */
const isMain = (w: EmulatedWindow): boolean => !w.isDestroyed() && !w.options['parent'] && !(w.options['webPreferences'] as { partition?: string } | undefined)?.partition;

export interface RunningApp {
  electron: EmulatedElectron;
  /** The main window now (the app destroys one that rests in the tray, and makes a new one when opened). */
  readonly window: EmulatedWindow;
  /** Its page. */
  readonly page: Page;
  /** The main window, if one exists. */
  mainWindow(): EmulatedWindow | null;
  /** Waits for a (new) main window showing the app, and returns it. */
  shownWindow(): Promise<EmulatedWindow>;
  tray(): EmulatedTray;
  /** The next page the system browser opens (an approval page, a help link). */
  nextBrowserPage(): Promise<Page>;
  /** Quits as the tray's Quit would, and waits until the app has stopped. */
  quit(): Promise<void>;
}

const ENV_KEYS = ['BEEPER_DESKTOP_BASE_URL', 'APPIMAGE', 'XDG_CONFIG_HOME', 'BAM_WINDOW_GRACE_MS'] as const;

export async function launchApp(machine: Machine, o: LaunchOptions): Promise<RunningApp> {
  const electron = new EmulatedElectron({
    browser: machine.browser,
    systemBrowser: machine.systemBrowser,
    keyringKey: machine.keyringKey,
    facts: { userData: machine.userData, home: machine.home, platform: process.platform, version: '0.1.0', name: 'Beeper Account Manager', packaged: o.packaged ?? true },
  });
  setCurrentElectron(electron);
  const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  process.env['BEEPER_DESKTOP_BASE_URL'] = o.baseURL;
  // An AppImage on Linux: the install kind that updates itself (main/policy/updater.ts).
  process.env['APPIMAGE'] = path.join(machine.dir, 'Beeper-Account-Manager.AppImage');
  process.env['XDG_CONFIG_HOME'] = path.join(machine.home, '.config');
  Object.assign(process.env, o.env);
  const savedArgv = process.argv;
  process.argv = [path.join(machine.dir, 'beeper-account-manager'), ...(o.argv ?? [])];
  try {
    vi.resetModules(); // a fresh main process: no module state from the last launch
    const { runShell } = await import('../../main/electron/start.ts');
    runShell(BUILT);
  } finally {
    process.argv = savedArgv;
  }
  const mainWindow = (): EmulatedWindow | null => electron.windows.find(isMain) ?? null;
  const shownWindow = async (): Promise<EmulatedWindow> => {
    let win: EmulatedWindow | null = null;
    await vi.waitFor(
      () => {
        win = mainWindow();
        if (!win?.isVisible()) throw new Error('no main window shown yet');
      },
      { timeout: 15_000 },
    );
    return win!;
  };
  // A hidden start makes no window; otherwise the app is up once its window shows.
  const hidden = (o.argv ?? []).includes('--hidden');
  if (!hidden) await shownWindow();

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (electron.app.state !== 'quit') electron.app.quit();
    await new Promise((r) => setTimeout(r, 50)); // core.stop() cancels sessions on the way out
    await electron.dispose();
    setCurrentElectron(null);
    for (const k of ENV_KEYS) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
  };
  return {
    electron,
    get window() {
      const w = mainWindow();
      if (!w) throw new Error('the app has no main window now');
      return w;
    },
    get page() {
      const w = mainWindow();
      if (!w) throw new Error('the app has no main window now');
      return w.webContents.livePage;
    },
    mainWindow,
    shownWindow,
    tray: () => {
      const t = electron.trays[0];
      if (!t) throw new Error('the app made no tray icon');
      return t;
    },
    nextBrowserPage: () => machine.systemBrowser.waitForEvent('page'),
    quit: stop,
  };
}
