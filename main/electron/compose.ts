/**
 * The Electron shell, composed: a short list of features that each set themselves up (window,
 * IPC, capture window, links, updates, tray, notifications, login item). Every decision lives in
 * main/policy or main/core; these modules only connect them to Electron.
 */
import { app, shell } from 'electron';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccountManager, type Core } from '../core/account-manager.ts';
import { forwardCoreEvents, registerCoreHandlers } from '../core/ipc/handlers.ts';
import { IpcRegistry } from '../core/ipc/registry.ts';
import { DIAGNOSTICS_LOG_LINES } from '../core/diagnostics.ts';
import { consoleSink, fileSink, Logger, memorySink, type LogEntry } from '../core/log.ts';
import { appUserModelIdFor } from '../policy/app-id.ts';
import { loginItemSupport } from '../policy/autostart.ts';
import { parseLaunch, performLaunch, PROTOCOL, testOnlyEnv, type LaunchAction } from '../policy/launch.ts';
import { APP_ORIGIN, appOrigins, isSafeExternalURL } from '../policy/security.ts';
import { buildTrayMenu } from '../policy/tray.ts';
import { HIDDEN_WINDOW_GRACE_MS } from '../policy/window-lifecycle.ts';
import { setupCapture } from './capture.ts';
import { setupOpenBeeperDesktop } from './beeper-desktop.ts';
import { setupHelp } from './help.ts';
import { bindIpc } from './ipc.ts';
import { setupMainWindow, type MainWindow } from './main-window.ts';
import { setupLinks, type LaunchRunner } from './links.ts';
import { setupLoginItem } from './login-item.ts';
import { setupNotifications } from './notify.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { electronStore, safeStorageCipher } from './storage.ts';
import { setupTray, trayStateOf } from './tray.ts';
import { setupUpdates } from './updater.ts';
import { createMainWindow } from './window.ts';

export interface ShellPaths {
  preload: string;
  renderer: string;
  icons: string;
}

export function runShell(paths: ShellPaths): void {
  const firstAction = claimProcess();
  if (!firstAction) return;
  const links = setupLinks(firstAction);
  let quitting = false;

  void app.whenReady().then(async () => {
    const { log, logDir, recent } = setupLog();
    const devServer = app.isPackaged ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null);
    const origins = appOrigins(devServer);
    const loginItems = loginItemSupport(process.platform, app.isPackaged);
    const core = createCore(log, loginItems !== null, recent);

    serveRenderer(paths.renderer);
    const window = setupMainWindow({
      make: () =>
        createMainWindow({
          preload: paths.preload,
          url: devServer ?? `${APP_ORIGIN}/index.html`,
          origins,
          settings: core.settings,
          log,
          devTools: !app.isPackaged,
          isQuitting: () => quitting,
        }),
      core,
      graceMs: Number(testOnlyEnv('BAM_WINDOW_GRACE_MS', process.env, app.isPackaged) ?? HIDDEN_WINDOW_GRACE_MS),
      openAtStart: !(firstAction.type === 'hidden' || core.settings.get('startMinimized')),
      // Closed for real (close-to-tray off): quit, except on macOS where apps stay in the dock.
      onClosed: () => {
        if (!quitting && process.platform !== 'darwin') app.quit();
      },
    });
    const registry = setupIpc(core, window, origins, log);
    setupCapture(registry, core, window.current, log.child('capture'));
    setupOpenBeeperDesktop(registry, log);
    setupHelp(registry, core, window.current, logDir, log.child('help'));
    const launch = launcher(window, core, log);

    const updater = await setupUpdates(core, log, (yes) => (quitting = yes));
    setupTray({
      iconsDir: paths.icons,
      core,
      updater,
      log,
      handlers: {
        open: window.open,
        addAccount: () => void launch({ type: 'add-account' }, false),
        reconnect: (bridgeID, loginID, accountID) => void launch({ type: 'reconnect', bridgeID, loginID, accountID, confirm: false }, false),
        reconnectAll: () => void launch({ type: 'reconnect-all' }, false),
        checkForUpdates: () => void updater.check(),
        restartToUpdate: () => {
          try {
            core.restartToUpdate();
          } catch {
            // nothing ready: the tray offers this only once an update is downloaded
          }
        },
        quit: () => app.quit(),
      },
    });
    exposeTrayMenuForE2E(core, updater);
    setupNotifications(core, (n) => void launch({ type: 'reconnect', bridgeID: n.item.bridgeID, loginID: n.item.loginID, accountID: n.item.accountID, confirm: false }, false));
    setupLoginItem(loginItems, core.settings, log);

    await core.start();
    updater.start();
    await links.start(launch);
    app.on('activate', window.open);
    app.on('before-quit', () => {
      quitting = true;
      updater.stop();
      void core.stop();
    });
  });

  // Listening keeps Electron from quitting when the last window goes: a window closed to the tray is
  // destroyed after a while and the app lives on in the tray. A real close quits (onClosed above).
  app.on('window-all-closed', () => undefined);
}

/**
 * Before 'ready': the profile folder, the app:// scheme, the Windows AppUserModelID, the single
 * instance lock and the link scheme. Returns what this launch asks for, or null when another
 * instance already runs (it gets our argv through 'second-instance').
 */
function claimProcess(): LaunchAction | null {
  // Tests and side-by-side runs keep their own profile (settings, sign-in, logs).
  const userData = testOnlyEnv('BAM_USER_DATA_DIR', process.env, app.isPackaged);
  if (userData) app.setPath('userData', userData);
  registerAppScheme();
  // Windows: notifications need the AppUserModelID the installer gave the shortcut.
  const appUserModelId = appUserModelIdFor(process.platform);
  if (appUserModelId) app.setAppUserModelId(appUserModelId);
  const firstAction = parseLaunch(process.argv);
  if (!app.requestSingleInstanceLock({ argv: process.argv })) {
    app.quit();
    return null;
  }
  if (process.defaultApp) app.setAsDefaultProtocolClient(PROTOCOL, process.execPath, [path.resolve(process.argv[1] ?? '.')]);
  else app.setAsDefaultProtocolClient(PROTOCOL);
  // Belt and braces: whatever web contents appear, they never attach webviews.
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
  });
  return firstAction;
}

/** The log: to a file in the logs folder, and the last lines in memory for the diagnostics report. */
function setupLog(): { log: Logger; logDir: string; recent: () => readonly LogEntry[] } {
  const logDir = path.join(app.getPath('userData'), 'logs');
  mkdirSync(logDir, { recursive: true });
  const toFile = fileSink(path.join(logDir, 'main.log'));
  const memory = memorySink(DIAGNOSTICS_LOG_LINES);
  const log = new Logger({ sinks: app.isPackaged ? [toFile, memory.sink] : [toFile, memory.sink, consoleSink], level: app.isPackaged ? 'info' : 'debug' });
  log.info('starting', { version: app.getVersion(), platform: process.platform });
  return { log, logDir, recent: () => memory.entries };
}

/**
 * The languages the app may speak, most preferred first: Chromium's --lang switch when given (how
 * the pseudo-locales are tried: --lang=en-XA), then the system's preferred languages.
 */
function systemLanguages(): string[] {
  const forced = app.commandLine.getSwitchValue('lang');
  return [...(forced ? [forced] : []), ...app.getPreferredSystemLanguages()];
}

function createCore(log: Logger, startAtLogin: boolean, recentLog: () => readonly LogEntry[]): Core {
  return new AccountManager({
    settingsStore: electronStore('settings', log),
    credentialsStore: electronStore('credentials', log),
    historyStore: electronStore('history', log),
    cipher: safeStorageCipher,
    openExternal: async (url) => {
      if (isSafeExternalURL(url)) await shell.openExternal(url);
    },
    log,
    envBaseURL: process.env['BEEPER_DESKTOP_BASE_URL'] ?? null,
    capabilities: { captureWindow: true, desktopShell: true, startAtLogin },
    appVersion: app.getVersion(),
    systemLanguages: systemLanguages(),
    recentLog,
    runtime: { os: `${process.platform} ${os.release()} ${process.arch}`, node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
  });
}

/** The contract's handlers, reachable only from the main window's own top frame. */
function setupIpc(core: Core, window: MainWindow, origins: string[], log: Logger): IpcRegistry {
  const registry = new IpcRegistry({ log: log.child('ipc'), isTrustedSender: (s) => s.transport === 'electron' && s.id === String(window.current()?.webContents.id) });
  registerCoreHandlers(registry, core);
  bindIpc(registry, window.current, origins, log);
  forwardCoreEvents(core, registry, window.send);
  return registry;
}

/** Carries out a launch (links, tray items, notifications): show the window, maybe start a reconnect, navigate. */
function launcher(window: MainWindow, core: Core, log: Logger): LaunchRunner {
  return (action, first) =>
    performLaunch(
      action,
      {
        showWindow: window.open,
        // Kept in main: a window that does not exist yet opens there.
        navigate: (to) => core.place.navigate(to),
        startReconnect: async (bridgeID, loginID, accountID) => {
          try {
            return (await core.reconnect({ bridgeID, loginID, accountID })).id;
          } catch (e) {
            log.warn('could not start a reconnect', { error: e });
            return null;
          }
        },
        startReconnectAll: async () => {
          try {
            return await core.startReconnectAll();
          } catch (e) {
            log.warn('could not start reconnecting all', { error: e });
            return null;
          }
        },
      },
      first,
    );
}

/** For the Playwright _electron smoke test only: the tray menu as the tray shows it. */
function exposeTrayMenuForE2E(core: Core, updater: Parameters<typeof trayStateOf>[1]): void {
  if (testOnlyEnv('BAM_E2E', process.env, app.isPackaged) !== '1') return;
  (globalThis as Record<string, unknown>)['__bamTrayMenu'] = () => buildTrayMenu(trayStateOf(core, updater));
}
