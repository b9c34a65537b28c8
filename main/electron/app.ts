/**
 * The Electron shell, composed: single instance, the app:// protocol, the core, the hardened main
 * window, IPC, tray, notifications, the cookie-capture window and auto-update. Every decision lives
 * in main/shell or main/core; this file only connects them to Electron.
 */
import type { BrowserWindow} from 'electron';
import { app, shell } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EVENTS } from '../../preload/contract/channels.ts';
import { AccountManagerCore } from '../core/app.ts';
import { forwardCoreEvents, registerCoreHandlers } from '../core/ipc/handlers.ts';
import { IpcRegistry } from '../core/ipc/registry.ts';
import { consoleSink, fileSink, Logger } from '../core/log.ts';
import { AttentionTracker } from '../shell/notifications.ts';
import { appUserModelIdFor } from '../shell/app-id.ts';
import { loginItemSupport, setXdgAutostart } from '../shell/autostart.ts';
import { parseLaunch, performLaunch, PROTOCOL, testOnlyEnv, type LaunchAction } from '../shell/launch.ts';
import { APP_ORIGIN, appOrigins, isSafeExternalURL } from '../shell/security.ts';
import { buildTrayMenu, type TrayAction } from '../shell/tray-model.ts';
import { bindIpc, sendToWindow } from './ipc.ts';
import { showAttentionNotices } from './notify.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { electronStore, safeStorageCipher } from './storage.ts';
import { TrayController } from './tray.ts';
import { createUpdater } from './updater.ts';
import { createMainWindow } from './window.ts';

export interface ShellPaths {
  preload: string;
  renderer: string;
  icons: string;
}

export function runShell(paths: ShellPaths): void {
  // Tests and side-by-side runs keep their own profile (settings, sign-in, logs).
  const userData = testOnlyEnv('BAM_USER_DATA_DIR', process.env, app.isPackaged);
  if (userData) app.setPath('userData', userData);
  registerAppScheme();
  // Windows: notifications need the AppUserModelID the installer gave the shortcut.
  const appUserModelId = appUserModelIdFor(process.platform);
  if (appUserModelId) app.setAppUserModelId(appUserModelId);
  const firstAction = parseLaunch(process.argv);
  if (!app.requestSingleInstanceLock({ argv: process.argv })) {
    app.quit(); // the running instance gets our argv through 'second-instance'
    return;
  }
  if (process.defaultApp) app.setAsDefaultProtocolClient(PROTOCOL, process.execPath, [path.resolve(process.argv[1] ?? '.')]);
  else app.setAsDefaultProtocolClient(PROTOCOL);

  let quitting = false;
  let mainWindow: BrowserWindow | null = null;
  let pendingLaunch: LaunchAction | null = null;
  const fromOutside = (action: LaunchAction): void => {
    if (launch) void launch(action, false);
    else pendingLaunch = action;
  };
  app.on('second-instance', (_event, argv) => fromOutside(parseLaunch(argv)));
  // macOS delivers links as 'open-url' (also at launch, before 'ready'), not on the command line.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    fromOutside(parseLaunch([url]));
  });
  let launch: ((a: LaunchAction, first: boolean) => Promise<void>) | null = null;

  // Belt and braces: whatever web contents appear, they never open windows or attach webviews.
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
  });

  void app.whenReady().then(async () => {
    const logDir = path.join(app.getPath('userData'), 'logs');
    mkdirSync(logDir, { recursive: true });
    const logFile = path.join(logDir, 'main.log');
    const toFile = fileSink(logFile);
    const log = new Logger({ sinks: app.isPackaged ? [toFile] : [toFile, consoleSink], level: app.isPackaged ? 'info' : 'debug' });
    log.info('starting', { version: app.getVersion(), platform: process.platform });

    const devServer = app.isPackaged ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null);
    const origins = appOrigins(devServer);
    const openExternal = async (url: string): Promise<void> => {
      if (isSafeExternalURL(url)) await shell.openExternal(url);
    };
    const loginItems = loginItemSupport(process.platform, app.isPackaged);
    const settingsStore = electronStore('settings', log);
    const core = new AccountManagerCore({
      settingsStore,
      credentialsStore: electronStore('credentials', log),
      cipher: safeStorageCipher,
      openExternal,
      log,
      envBaseURL: process.env['BEEPER_DESKTOP_BASE_URL'] ?? null,
      capabilities: { captureWindow: true, desktopShell: true, startAtLogin: loginItems !== null },
      appVersion: app.getVersion(),
    });

    const registry = new IpcRegistry({ log: log.child('ipc'), isTrustedSender: (s) => s.transport === 'electron' && mainWindow !== null && s.id === String(mainWindow.webContents.id) });
    registerCoreHandlers(registry, core);
    registry.handle('sessions.openCaptureWindow', async ({ sessionID }) => {
      const step = core.sessions.cookiesStep(sessionID);
      // Loaded on first use: the capture engine (and its domain list) is not needed to start.
      const { openCaptureWindow } = await import('./capture-window.ts');
      const result = await openCaptureWindow(step, { parent: mainWindow, log: log.child('capture') });
      if (result.status === 'complete') return core.sessions.submitCookies(sessionID, result.values, { source: 'webview', lastURL: result.lastURL ?? undefined });
      return core.sessions.get(sessionID);
    });

    serveRenderer(paths.renderer);
    const settings = core.settings;
    mainWindow = createMainWindow({
      preload: paths.preload,
      url: devServer ?? `${APP_ORIGIN}/index.html`,
      origins,
      settings,
      log,
      show: !(firstAction.type === 'hidden' || settings.get('startMinimized')),
      devTools: !app.isPackaged,
      isQuitting: () => quitting,
    });
    bindIpc(registry, () => mainWindow, origins, log);
    forwardCoreEvents(core, registry, (channel, payload) => sendToWindow(mainWindow, channel, payload));
    const visible = (): void => core.setVisible(Boolean(mainWindow?.isVisible() && !mainWindow.isMinimized()));
    for (const ev of ['show', 'hide', 'focus', 'minimize', 'restore'] as const) mainWindow.on(ev as 'show', visible);
    mainWindow.on('focus', () => core.windowFocused());

    const showWindow = (): void => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    };
    const navigate = (to: Parameters<Parameters<typeof performLaunch>[1]['navigate']>[0]): void => {
      const payload = registry.event(EVENTS.navigate, to);
      if (payload) sendToWindow(mainWindow, EVENTS.navigate, payload);
    };
    const startReconnect = async (bridgeID: string, loginID: string | null, accountID: string | null): Promise<string | null> => {
      try {
        const s = await core.sessions.start({ bridgeID, loginID: loginID ?? undefined, accountID: accountID ?? undefined });
        return s.id;
      } catch (e) {
        log.warn('could not start a reconnect', { error: e });
        return null;
      }
    };
    launch = (action, first) => performLaunch(action, { showWindow, startReconnect, navigate }, first);

    // Auto-update (policy in main/shell/updater-policy.ts), shown in the window and the tray.
    const updater = await createUpdater(log);
    core.setUpdater({
      current: () => updater.current(),
      onChange: (l) => updater.onChange(l),
      check: () => updater.check(),
      restartToUpdate: () => {
        quitting = true;
        const ok = updater.restartToUpdate();
        if (!ok) quitting = false;
        return ok;
      },
    });

    // Tray: rebuilt from state whenever any of it changes.
    const onTray = (a: TrayAction): void => {
      if (a.type === 'open') showWindow();
      else if (a.type === 'add-account') void launch?.({ type: 'add-account' }, false);
      else if (a.type === 'reconnect') void launch?.({ type: 'reconnect', bridgeID: a.bridgeID, loginID: a.loginID, accountID: a.accountID, confirm: false }, false);
      else if (a.type === 'check-updates') void updater.check();
      else if (a.type === 'restart-to-update') {
        try {
          core.restartToUpdate();
        } catch {
          // nothing ready: the tray only offers this when an update is downloaded
        }
      } else if (a.type === 'quit') app.quit();
    };
    let tray: TrayController | null = null;
    try {
      tray = new TrayController(paths.icons, onTray);
    } catch (e) {
      log.warn('no tray on this system; closing the window quits', { error: e });
      settings.update({ closeToTray: false });
    }
    const refreshTray = (): void => {
      const snap = core.snapshot();
      tray?.update({ connection: snap.connection, auth: snap.auth, accounts: snap.accounts, updater: updater.current() });
    };
    // Only what the tray shows: not every login-session update (QR rotations, step changes).
    const trayEvents: ReadonlySet<string> = new Set(['state.connection', 'state.auth', 'state.accounts', 'state.updater']);
    core.subscribe((event) => {
      if (trayEvents.has(event)) refreshTray();
    });
    if (testOnlyEnv('BAM_E2E', process.env, app.isPackaged) === '1') {
      // For the Playwright _electron smoke test: the tray menu model as the tray shows it.
      (globalThis as Record<string, unknown>)['__bamTrayMenu'] = () => {
        const snap = core.snapshot();
        return buildTrayMenu({ connection: snap.connection, auth: snap.auth, accounts: snap.accounts, updater: updater.current() });
      };
    }
    refreshTray(); // updater changes arrive above as 'state.updater' (core.setUpdater)

    // Notifications: one per transition into "needs login".
    const attention = new AttentionTracker();
    core.subscribe((event, payload) => {
      if (event !== 'state.accounts') return;
      const notices = attention.update(payload as Parameters<AttentionTracker['update']>[0], settings.get('notifications'));
      showAttentionNotices(notices, (n) => void launch?.({ type: 'reconnect', bridgeID: n.item.bridgeID, loginID: n.item.loginID, accountID: n.item.accountID, confirm: false }, false));
    });

    // Start at login, in the tray.
    const applyLoginItem = (): void => {
      const openAtLogin = settings.get('startAtLogin');
      if (loginItems === 'system') app.setLoginItemSettings({ openAtLogin, args: ['--hidden'] });
      else if (loginItems === 'xdg') {
        try {
          setXdgAutostart(openAtLogin, { env: process.env, home: app.getPath('home'), execPath: process.execPath, name: app.getName() });
        } catch (e) {
          log.warn('could not change the autostart entry', { error: e });
        }
      }
    };
    applyLoginItem();
    settings.onChange(applyLoginItem);

    await core.start();
    updater.start();
    await launch(pendingLaunch ?? firstAction, true);
    pendingLaunch = null;

    app.on('activate', showWindow);
    app.on('before-quit', () => {
      quitting = true;
      updater.stop();
      void core.stop();
    });
  });

  app.on('window-all-closed', () => {
    // Close-to-tray hides the window instead, so this only fires when closing means quitting.
    if (process.platform !== 'darwin') app.quit();
  });
}
