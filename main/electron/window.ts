/** A main window: hardened web contents, remembered bounds, closes to the tray. Made (and remade) by main-window.ts. */
import { app, BrowserWindow, nativeTheme, screen, shell, type WebContents } from 'electron';
import type { Logger } from '../core/log.ts';
import type { WindowSettings } from '../core/storage/window-settings.ts';
import { restoreBounds } from '../policy/window-bounds.ts';
import { navigationDecision, permissionDecision, windowOpenDecision } from '../policy/security.ts';

const MIN = { width: 720, height: 520 };

/** Opens a link in the system browser; no handler for it (or any failure) is logged, never left unhandled. */
function openOutside(url: string, log: Logger): void {
  shell.openExternal(url).catch((e: unknown) => log.warn('could not open a link in the browser', { url: url.slice(0, 200), error: e }));
}

/** Locks a web contents down: no navigation away, no new windows, no webviews, no permissions. */
export function hardenWebContents(wc: WebContents, origins: string[], log: Logger): void {
  const onNavigate = (event: Electron.Event, url: string): void => {
    const d = navigationDecision(url, origins);
    if (d.allow) return;
    event.preventDefault();
    log.warn('blocked navigation away from the app', { url: url.slice(0, 200) });
    if (d.openExternally) openOutside(d.openExternally, log);
  };
  wc.on('will-navigate', onNavigate);
  wc.on('will-redirect', onNavigate);
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    const d = windowOpenDecision(url);
    if (d.openExternally) openOutside(d.openExternally, log);
    return { action: 'deny' };
  });
  // Only clipboard writes from the app's own top frame ("Copy code"); nothing else, for nobody.
  wc.session.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(details.isMainFrame && permissionDecision(permission, details.requestingUrl, origins)),
  );
  wc.session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => details.isMainFrame && permissionDecision(permission, requestingOrigin, origins));
}

export interface MainWindowOptions {
  preload: string;
  url: string;
  origins: string[];
  /** Read before the settings store is up: the window is made first (main/electron/start.ts). */
  settings: Pick<WindowSettings, 'get' | 'update'>;
  log: Logger;
  devTools: boolean;
  /** True once the app is really quitting (close then means close, not hide). */
  isQuitting: () => boolean;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const saved = o.settings.get('windowBounds');
  const bounds = restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea), MIN);
  const win = new BrowserWindow({
    ...(bounds ?? { width: 960, height: 720 }),
    minWidth: MIN.width,
    minHeight: MIN.height,
    show: false,
    // The product's name, the same in every language (the page's <title> takes over once loaded).
    title: app.getName(),
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#121418' : '#f6f7f9',
    autoHideMenuBar: true,
    // Written out literally so static checkers (Electronegativity) can see every setting.
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: o.devTools,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWebContents(win.webContents, o.origins, o.log);

  // Shown by main-window.ts once its first screen is drawn.
  if (saved?.maximized) win.once('ready-to-show', () => win.maximize());

  let saveTimer: NodeJS.Timeout | null = null;
  const saveBounds = (): void => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (win.isDestroyed() || win.isMinimized()) return;
      const b = win.getNormalBounds();
      o.settings.update({ windowBounds: { ...b, maximized: win.isMaximized() } });
    }, 400);
  };
  win.on('resize', saveBounds);
  win.on('move', saveBounds);
  win.on('close', (event) => {
    if (!o.isQuitting() && o.settings.get('closeToTray')) {
      event.preventDefault();
      win.hide();
    }
  });

  win.loadURL(o.url).catch((e: unknown) => o.log.error('the app window did not load', { error: e }));
  return win;
}
