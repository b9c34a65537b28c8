/**
 * The Electron shell, composed once the window is made (./start.ts makes it first): the core, then a
 * short list of features that each set themselves up (IPC, capture window, links, updates, tray,
 * notifications, login item). Every decision lives in main/policy or main/core; these modules only
 * connect them to Electron.
 */
import { app, shell } from 'electron';
import os from 'node:os';
import { AccountManager, type Core } from '../core/account-manager.ts';
import { forwardCoreEvents, registerCoreHandlers } from '../core/ipc/handlers.ts';
import { IpcRegistry } from '../core/ipc/registry.ts';
import type { Logger, LogEntry } from '../core/log.ts';
import type { WindowSettings } from '../core/storage/window-settings.ts';
import { loginItemSupport } from '../policy/autostart.ts';
import { performLaunch, testOnlyEnv } from '../policy/launch.ts';
import { isSafeExternalURL } from '../policy/security.ts';
import { buildTrayMenu } from '../policy/tray.ts';
import { setupCapture } from './capture.ts';
import { setupOpenBeeperDesktop } from './beeper-desktop.ts';
import { setupHelp } from './help.ts';
import type { MainWindow } from './main-window.ts';
import type { LaunchRunner, setupLinks } from './links.ts';
import { setupLoginItem } from './login-item.ts';
import { setupNotifications } from './notify.ts';
import type { ShellLog, ShellPaths } from './start.ts';
import { electronStore, safeStorageCipher } from './storage.ts';
import { setupTray, trayStateOf } from './tray.ts';
import { setupUpdates } from './updater.ts';

/** What ./start.ts made before this was loaded. */
export interface EarlyShell {
  paths: ShellPaths;
  shellLog: ShellLog;
  window: MainWindow;
  windowSettings: WindowSettings;
  links: ReturnType<typeof setupLinks>;
  /** Set once the app is really quitting (a close then means close, not hide). */
  quitting: { now: boolean };
  /** The IPC handlers ./start.ts bound wait for this. */
  registryReady(registry: IpcRegistry): void;
}

export async function composeShell(early: EarlyShell): Promise<void> {
  const { window, quitting } = early;
  const { log, logDir, recent } = early.shellLog;
  const loginItems = loginItemSupport(process.platform, app.isPackaged);
  const core = createCore(log, loginItems !== null, recent);
  early.windowSettings.attach(core.settings);
  window.follow({ visible: (yes) => core.setVisible(yes), focused: () => core.windowFocused() });
  core.place.onWindowReady(window.drawn);

  const registry = setupIpc(core, window, log);
  early.registryReady(registry);
  setupCapture(registry, core, window.current, log.child('capture'));
  setupOpenBeeperDesktop(registry, log);
  setupHelp(registry, core, window.current, logDir, log.child('help'));
  const launch = launcher(window, core, log);

  const updater = await setupUpdates(core, log, (yes) => (quitting.now = yes));
  setupTray({
    iconsDir: early.paths.icons,
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
  await early.links.start(launch);
  app.on('activate', window.open);
  app.on('before-quit', () => {
    quitting.now = true;
    updater.stop();
    void core.stop();
  });
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

/** The contract's handlers, reachable only from the main window's own top frame (./start.ts bound them to ipcMain). */
function setupIpc(core: Core, window: MainWindow, log: Logger): IpcRegistry {
  const registry = new IpcRegistry({ log: log.child('ipc'), isTrustedSender: (s) => s.transport === 'electron' && s.id === String(window.current()?.webContents.id) });
  registerCoreHandlers(registry, core);
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
