/** main/electron/window.ts, against a fake `electron` module: secure preferences and lockdown. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));
// electron-store is an external package: it would load the real `electron`.
vi.mock('electron-store', () => ({ default: class {} }));

const { createMainWindow, hardenWebContents } = await import('../../../main/electron/window.ts');
const { Logger, memorySink } = await import('../../../main/core/log.ts');
const { SettingsStore } = await import('../../../main/core/storage/settings.ts');
const { SafeStore } = await import('../../../main/core/storage/store.ts');
const { appOrigins } = await import('../../../main/policy/security.ts');

const log = new Logger();
const origins = appOrigins(null);
const memorySettings = (): InstanceType<typeof SettingsStore> => {
  const m = new Map<string, unknown>();
  return new SettingsStore(new SafeStore(() => ({ get: (k) => m.get(k), set: (k, v) => void m.set(k, v), delete: (k) => void m.delete(k), path: '/mem' }), '/mem'));
};

beforeEach(() => fake.resetFakes());

describe('main window', () => {
  const open = (settings = memorySettings(), quitting = false) =>
    createMainWindow({ preload: '/app/preload/index.cjs', url: 'app://bundle/index.html', origins, settings, log, devTools: false, isQuitting: () => quitting }) as unknown as fake.BrowserWindow;

  it('is created hidden with secure web preferences, and stays hidden when drawn (main-window.ts shows it)', () => {
    const win = open();
    expect(win.options).toMatchObject({ show: false, minWidth: 720 });
    expect(win.options['webPreferences']).toEqual({
      preload: '/app/preload/index.cjs',
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
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(win.loaded).toBe('app://bundle/index.html');
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(false);
  });

  it('blocks navigation away and opens safe links in the system browser', () => {
    const win = open();
    const wc = win.webContents;
    expect(wc.navigate('will-navigate', 'app://bundle/index.html')).toBe(false);
    expect(wc.navigate('will-navigate', 'https://help.example/page')).toBe(true);
    expect(wc.navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fake.shell.opened).toEqual(['https://help.example/page']);
    expect(wc.windowOpenHandler!({ url: 'https://beeper.com' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual(['https://help.example/page', 'https://beeper.com']);
    let attached = true;
    wc.emit('will-attach-webview', { preventDefault: () => (attached = false) });
    expect(attached).toBe(false);
  });

  it('denies every permission except a clipboard write from the app’s own top frame ("Copy code")', () => {
    const win = open();
    const ses = win.webContents.session;
    const app = { requestingUrl: 'app://bundle/index.html', isMainFrame: true };
    const answers: boolean[] = [];
    ses.permissionRequest!(null, 'media', (ok) => answers.push(ok), app);
    ses.permissionRequest!(null, 'notifications', (ok) => answers.push(ok), app);
    ses.permissionRequest!(null, 'clipboard-sanitized-write', (ok) => answers.push(ok), app);
    ses.permissionRequest!(null, 'clipboard-sanitized-write', (ok) => answers.push(ok), { requestingUrl: 'https://evil.example/', isMainFrame: true });
    ses.permissionRequest!(null, 'clipboard-sanitized-write', (ok) => answers.push(ok), { ...app, isMainFrame: false });
    expect(answers).toEqual([false, false, true, false, false]);
    expect(ses.permissionCheck!(null, 'clipboard-sanitized-write', 'app://bundle', { isMainFrame: true })).toBe(true);
    expect(ses.permissionCheck!(null, 'clipboard-read', 'app://bundle', { isMainFrame: true })).toBe(false);
    expect(ses.permissionCheck!(null, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true })).toBe(false);
  });

  it('closes to the tray when the setting is on, and really closes when quitting or when it is off', () => {
    const settings = memorySettings();
    expect(open(settings).close()).toBe(true);
    settings.update({ closeToTray: false });
    expect(open(settings).close()).toBe(false);
    settings.update({ closeToTray: true });
    expect(open(settings, true).close()).toBe(false);
  });

  it('remembers its bounds', async () => {
    const settings = memorySettings();
    const win = open(settings);
    win.emit('resize');
    await new Promise((r) => setTimeout(r, 450));
    expect(settings.get('windowBounds')).toEqual({ x: 10, y: 20, width: 900, height: 700, maximized: false });
    const again = open(settings);
    expect(again.options).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
  });

  it('hardens any web contents the same way', () => {
    const wc = new fake.FakeWebContents(new fake.FakeSession());
    hardenWebContents(wc as never, origins, log);
    expect(wc.navigate('will-navigate', 'https://x.example')).toBe(true);
  });

  it('a link the system cannot open is logged, never an unhandled rejection', async () => {
    const { sink, entries } = memorySink();
    const wc = new fake.BrowserWindow({}).webContents;
    const original = fake.shell.openExternal;
    fake.shell.openExternal = () => Promise.reject(new Error('no application is registered for this link'));
    try {
      hardenWebContents(wc as never, ['app://bundle'], new Logger({ sinks: [sink] }));
      expect(wc.navigate('will-navigate', 'https://beeper.com/help')).toBe(true);
      await vi.waitFor(() => expect(entries.map((e) => e.message)).toContain('could not open a link in the browser'));
    } finally {
      fake.shell.openExternal = original;
    }
  });
});
