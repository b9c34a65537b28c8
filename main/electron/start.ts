/**
 * The main process's first steps, kept light so that the window is made before the rest of main
 * has loaded: claim the process, make the window once Electron is ready, and only then load the
 * core and every other feature (./compose.ts) while the page loads in its renderer (bench figure 9).
 * Every IPC channel has its handler from the start; a message that comes early waits for the core.
 * test/main/electron/start.test.ts holds what this may load: no zod, no electron-store, no SDK.
 */
import { app } from 'electron';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { IpcRegistry } from '../core/ipc/registry.ts';
import { consoleSink, fileSink, Logger, memorySink, RECENT_LOG_LINES, type LogEntry } from '../core/log.ts';
import { peekWindowSettings, WindowSettings } from '../core/storage/window-settings.ts';
import { appUserModelIdFor } from '../policy/app-id.ts';
import { parseLaunch, PROTOCOL, testOnlyEnv, type LaunchAction } from '../policy/launch.ts';
import { APP_ORIGIN, appOrigins } from '../policy/security.ts';
import { HIDDEN_WINDOW_GRACE_MS } from '../policy/window-lifecycle.ts';
import { bindIpc } from './ipc.ts';
import { setupLinks } from './links.ts';
import { setupMainWindow } from './main-window.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { readStoreFile } from './store-file.ts';
import { createMainWindow } from './window.ts';

export interface ShellPaths {
  preload: string;
  renderer: string;
  icons: string;
}

/** The log: to a file in the logs folder, and the last lines in memory for the diagnostics report. */
export interface ShellLog {
  log: Logger;
  logDir: string;
  recent: () => readonly LogEntry[];
}

export function runShell(paths: ShellPaths): void {
  const firstAction = claimProcess();
  if (!firstAction) return;
  const links = setupLinks(firstAction);
  const quitting = { now: false };

  void app.whenReady().then(async () => {
    const shellLog = setupLog();
    const devServer = app.isPackaged ? null : (process.env['ELECTRON_RENDERER_URL'] ?? null);
    const origins = appOrigins(devServer);
    const windowSettings = new WindowSettings(peekWindowSettings(readStoreFile('settings')));

    serveRenderer(paths.renderer);
    const window = setupMainWindow({
      make: () =>
        createMainWindow({
          preload: paths.preload,
          url: devServer ?? `${APP_ORIGIN}/index.html`,
          origins,
          settings: windowSettings,
          log: shellLog.log,
          devTools: !app.isPackaged,
          isQuitting: () => quitting.now,
        }),
      graceMs: Number(testOnlyEnv('BAM_WINDOW_GRACE_MS', process.env, app.isPackaged) ?? HIDDEN_WINDOW_GRACE_MS),
      openAtStart: !(firstAction.type === 'hidden' || windowSettings.get('startMinimized')),
      // Closed for real (close-to-tray off): quit, except on macOS where apps stay in the dock.
      onClosed: () => {
        if (!quitting.now && process.platform !== 'darwin') app.quit();
      },
    });
    let registryReady: (r: IpcRegistry) => void = () => undefined;
    let registryFailed: (e: Error) => void = () => undefined;
    const registry = new Promise<IpcRegistry>((resolve, reject) => ((registryReady = resolve), (registryFailed = reject)));
    registry.catch(() => undefined); // logged below; a message waiting for it gets the error
    bindIpc(registry, window.current, origins, shellLog.log);

    try {
      const { composeShell } = await import('./compose.ts');
      await composeShell({ paths, shellLog, window, windowSettings, links, quitting, registryReady });
    } catch (e) {
      shellLog.log.error('the main process could not start', { error: e });
      registryFailed(e instanceof Error ? e : new Error(String(e)));
    }
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

function setupLog(): ShellLog {
  const logDir = path.join(app.getPath('userData'), 'logs');
  mkdirSync(logDir, { recursive: true });
  const toFile = fileSink(path.join(logDir, 'main.log'));
  const memory = memorySink(RECENT_LOG_LINES);
  const log = new Logger({ sinks: app.isPackaged ? [toFile, memory.sink] : [toFile, memory.sink, consoleSink], level: app.isPackaged ? 'info' : 'debug' });
  log.info('starting', { version: app.getVersion(), platform: process.platform });
  return { log, logDir, recent: () => memory.entries };
}
