/** The Electron adapters, against a fake `electron` module. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../support/fake-electron.ts';
import { CookieFieldSchema } from '../../main/core/api/schemas.ts';

vi.mock('electron', () => import('../support/fake-electron.ts'));
// electron-store is an external package: it would load the real `electron`.
vi.mock('electron-store', () => ({ default: class {} }));

const { bindIpc, senderFacts } = await import('../../main/electron/ipc.ts');
const { createMainWindow, hardenWebContents } = await import('../../main/electron/window.ts');
const { TrayController, toTemplate } = await import('../../main/electron/tray.ts');
const { showAttentionNotices } = await import('../../main/electron/notify.ts');
const { openCaptureWindow } = await import('../../main/electron/capture-window.ts');
const { resolveAppFile } = await import('../../main/electron/protocol.ts');
const { safeStorageCipher } = await import('../../main/electron/storage.ts');
const { IpcRegistry } = await import('../../main/core/ipc/registry.ts');
const { Logger, memorySink } = await import('../../main/core/log.ts');
const { SettingsStore } = await import('../../main/core/storage/settings.ts');
const { SafeStore } = await import('../../main/core/storage/store.ts');
const { appOrigins } = await import('../../main/policy/security.ts');

const log = new Logger();
const origins = appOrigins(null);
const memorySettings = (): InstanceType<typeof SettingsStore> => {
  const m = new Map<string, unknown>();
  return new SettingsStore(new SafeStore(() => ({ get: (k) => m.get(k), set: (k, v) => void m.set(k, v), delete: (k) => void m.delete(k), path: '/mem' }), '/mem'));
};

beforeEach(() => fake.resetFakes());

describe('main window', () => {
  const open = (settings = memorySettings(), quitting = false) =>
    createMainWindow({ preload: '/app/preload/index.cjs', url: 'app://bundle/index.html', origins, settings, log, show: true, devTools: false, isQuitting: () => quitting }) as unknown as fake.BrowserWindow;

  it('is created hidden with secure web preferences, and shown when ready', () => {
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
    expect(win.visible).toBe(true);
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
});

describe('IPC binding', () => {
  it('refuses messages that are not from the main window\'s top frame; passes the rest to the registry', async () => {
    const registry = new IpcRegistry({ log, isTrustedSender: () => true });
    registry.handle('accounts.refresh', () => ({ networks: [], needsAttention: [], lastRefreshedAt: null, refreshing: false, error: null }));
    const win = new fake.BrowserWindow({});
    bindIpc(registry, () => win as never, origins, log);
    const handler = fake.ipcMain.handlers.get('accounts.refresh')!;
    const event = (wc: fake.FakeWebContents, frameURL: string, main = true) => ({ sender: wc, senderFrame: main ? Object.assign(wc.mainFrame, { url: frameURL }) : { url: frameURL } });

    await expect(handler(event(win.webContents, 'app://bundle/index.html'), undefined)).resolves.toMatchObject({ ok: true });
    const other = new fake.BrowserWindow({ webPreferences: { partition: 'capture-1' } });
    await expect(handler(event(other.webContents, 'app://bundle/index.html'), undefined)).resolves.toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    await expect(handler(event(win.webContents, 'app://bundle/index.html', false), undefined)).resolves.toMatchObject({ ok: false });
    await expect(handler(event(win.webContents, 'https://evil.example/'), undefined)).resolves.toMatchObject({ ok: false });
    expect(fake.ipcMain.handlers.size).toBe(20); // one per contract channel
    expect(senderFacts(event(win.webContents, 'app://bundle/x') as never)).toMatchObject({ isMainFrame: true, webContentsID: win.webContents.id });
  });
});

describe('tray', () => {
  it('each tray action reaches its own handler, with its arguments', async () => {
    const { runTrayAction } = await import('../../main/electron/tray.ts');
    const calls: unknown[][] = [];
    const rec = (name: string) => (...args: unknown[]): void => void calls.push([name, ...args]);
    const handlers = { open: rec('open'), addAccount: rec('addAccount'), reconnect: rec('reconnect'), checkForUpdates: rec('checkForUpdates'), restartToUpdate: rec('restartToUpdate'), quit: rec('quit') };
    runTrayAction({ type: 'open' }, handlers);
    runTrayAction({ type: 'add-account' }, handlers);
    runTrayAction({ type: 'reconnect', bridgeID: 'local-telegram', loginID: 'l1', accountID: null }, handlers);
    runTrayAction({ type: 'check-updates' }, handlers);
    runTrayAction({ type: 'restart-to-update' }, handlers);
    runTrayAction({ type: 'quit' }, handlers);
    expect(calls).toEqual([['open'], ['addAccount'], ['reconnect', 'local-telegram', 'l1', null], ['checkForUpdates'], ['restartToUpdate'], ['quit']]);
    expect(() => runTrayAction({ type: 'teleport' } as never, handlers)).toThrow(/unknown tray action/);
  });

  const state = {
    connection: { status: 'running' as const, baseURL: 'x', tried: [], configuredURL: null, desktopVersion: '1', appState: 'ready', error: null, checkedAt: null },
    auth: { status: 'signed-in' as const, source: null, expiresAt: null, scopes: [], reason: null, storage: { persistent: true, backend: 'k', needsConsent: false, reason: null } },
    accounts: {
      networks: [],
      needsAttention: [{ bridgeID: 'local-telegram', bridgeName: 'Telegram', loginID: 'ba_1', accountID: null, identity: { name: 'Alex', detail: null, avatarURL: null }, status: 'needs_login', message: 'x' }],
      lastRefreshedAt: 'now',
      refreshing: false,
      error: null,
    },
    updater: { status: 'idle' as const },
  };

  it('sets the context menu again on every update, with the attention icon, and items act', () => {
    const actions: unknown[] = [];
    const tray = new TrayController('/icons', (a) => actions.push(a));
    tray.update(state);
    tray.update({ ...state, updater: { status: 'ready', version: '2.0.0' } as never });
    const t = fake.Tray.instances[0]!;
    expect(t.menuSets).toBe(2);
    expect(t.tooltip).toBe('Beeper Account Manager — 1 account needs attention');
    expect((t.image as { path: string }).path).toBe('/icons/tray-attention-light.png');
    const template = t.menu!.template as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }>; click?: () => void }>;
    template.find((i) => i.label === 'Reconnect account')!.submenu![0]!.click!();
    template.find((i) => i.label === 'Restart to update (2.0.0)')!.click!();
    expect(actions).toEqual([{ type: 'reconnect', bridgeID: 'local-telegram', loginID: 'ba_1', accountID: null }, { type: 'restart-to-update' }]);
    fake.nativeTheme.shouldUseDarkColors = true;
    fake.nativeTheme.emit('updated');
    expect((t.image as { path: string }).path).toBe('/icons/tray-attention-dark.png');
    fake.nativeTheme.shouldUseDarkColors = false;
  });

  it('turns labels into disabled items and separators into separators', () => {
    expect(toTemplate([{ kind: 'label', label: 'x' }, { kind: 'separator' }], () => undefined)).toEqual([{ label: 'x', enabled: false }, { type: 'separator' }]);
  });
});

describe('notifications', () => {
  it('shows one notification per notice and opens the reconnect flow on click', () => {
    const clicked: string[] = [];
    const notice = { key: 'k', title: 'Telegram needs you to log in again', body: 'Alex', item: {} as never };
    expect(showAttentionNotices([notice], (n) => clicked.push(n.key))).toBe(1);
    expect(fake.Notification.shown.map((n) => n.options.title)).toEqual(['Telegram needs you to log in again']);
    fake.Notification.shown[0]!.emit('click');
    expect(clicked).toEqual(['k']);
    fake.Notification.supported = false;
    expect(showAttentionNotices([notice], () => undefined)).toBe(0);
  });
});

describe('cookie-capture window', () => {
  const step = {
    type: 'cookies' as const,
    stepID: 's',
    url: 'https://x.example/login',
    expectedFinalURLRegex: '^https://x\\.example/home',
    extractJS: undefined,
    instructions: undefined,
    userAgent: undefined,
    fields: [CookieFieldSchema.parse({ id: 'ct0', name: 'ct0', type: 'cookie' })],
  };

  it('uses a fresh in-memory partition without a preload, denies permissions, strips Electron from the UA, and finishes on the final page', async () => {
    const pending = openCaptureWindow(step, { parent: null, log });
    const win = fake.BrowserWindow.instances.at(-1)!;
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' });
    expect(prefs).not.toHaveProperty('preload');
    expect(String(prefs['partition'])).toMatch(/^capture-[0-9a-f-]{36}$/); // not "persist:"
    const ses = win.webContents.session;
    expect(ses.userAgent).not.toMatch(/Electron|beeper-account-manager/);
    expect(ses.permissionCheck!(null, 'media', 'https://x.example', { isMainFrame: true })).toBe(false);
    expect(ses.permissionCheck!(null, 'clipboard-sanitized-write', 'https://x.example', { isMainFrame: true })).toBe(false);
    expect(win.loaded).toBe('https://x.example/login');

    ses.cookieJar.push({ name: 'ct0', value: 'token-1', domain: 'x.example' });
    win.webContents.emit('did-navigate'); // cookies found, but not on the final page yet
    await new Promise((r) => setTimeout(r, 20));
    expect(win.destroyed).toBe(false);
    win.webContents.url = 'https://x.example/home';
    win.webContents.emit('did-navigate');
    await expect(pending).resolves.toEqual({ status: 'complete', values: { ct0: 'token-1' }, lastURL: 'https://x.example/home' });
    expect(win.destroyed).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(ses.cleared).toBe(1);
  });

  it('closing early without the values falls back to the manual form', async () => {
    const pending = openCaptureWindow(step, { parent: null, log });
    fake.BrowserWindow.instances.at(-1)!.emit('close');
    await expect(pending).resolves.toEqual({ status: 'closed', missing: ['ct0'] });
  });

  it('allows only web pages, always shows the site in its title, and has no devtools when packaged', async () => {
    fake.app.isPackaged = true;
    try {
      const pending = openCaptureWindow(step, { parent: null, log });
      const win = fake.BrowserWindow.instances.at(-1)!;
      expect((win.options['webPreferences'] as { devTools: boolean }).devTools).toBe(false);
      expect(win.title).toBe('Sign in · x.example');
      expect(win.webContents.navigate('will-navigate', 'https://accounts.x.example/next')).toBe(false);
      expect(win.webContents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
      expect(win.webContents.navigate('will-redirect', 'ms-settings:privacy')).toBe(true);
      let prevented = false;
      win.emit('page-title-updated', { preventDefault: () => (prevented = true) }, 'Your bank — log in');
      expect([prevented, win.title]).toEqual([true, 'Sign in · x.example']);
      win.webContents.url = 'http://127.0.0.1:9/elsewhere';
      win.webContents.emit('did-navigate');
      expect(win.title).toBe('Sign in · http://127.0.0.1:9');
      win.emit('close');
      await pending;
    } finally {
      fake.app.isPackaged = false;
    }
  });

  it('runs extractJS once per page load, not on every poll', async () => {
    const pending = openCaptureWindow({ ...step, extractJS: 'EXTRACT()' }, { parent: null, log });
    const wc = fake.BrowserWindow.instances.at(-1)!.webContents;
    const scripts = (): number => wc.isolatedWorldCalls.filter((c) => c === 'EXTRACT()').length;
    for (let i = 0; i < 3; i++) wc.emit('did-navigate');
    await new Promise((r) => setTimeout(r, 20));
    expect(scripts()).toBe(0);
    wc.emit('did-finish-load');
    await vi.waitFor(() => expect(scripts()).toBe(1));
    for (let i = 0; i < 3; i++) wc.emit('did-navigate-in-page');
    await new Promise((r) => setTimeout(r, 20));
    expect(scripts()).toBe(1);
    fake.BrowserWindow.instances.at(-1)!.emit('close');
    await pending;
  });

  it('refuses a step URL that is not http(s)', async () => {
    await expect(openCaptureWindow({ ...step, url: 'file:///etc/passwd' }, { parent: null, log })).resolves.toMatchObject({ status: 'closed' });
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });
});

describe('protocol and storage adapters', () => {
  it('serves only files inside the renderer folder', () => {
    expect(resolveAppFile('/app/renderer', 'app://bundle/')).toBe('/app/renderer/index.html');
    expect(resolveAppFile('/app/renderer', 'app://bundle/assets/x.js')).toBe('/app/renderer/assets/x.js');
    expect(resolveAppFile('/app/renderer', 'app://bundle/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppFile('/app/renderer', 'app://other/index.html')).toBeNull();
  });

  it('never serves the folder itself, and a malformed escape is a 404, not an exception', () => {
    expect(resolveAppFile('/app/renderer', 'app://bundle/.%2f')).toBeNull();
    expect(resolveAppFile('/app/renderer', 'app://bundle/%E0%A4%A')).toBeNull();
    expect(resolveAppFile('/app/renderer', 'app://bundle/x%00.js')).toBeNull();
  });

  it('a link the system cannot open is logged, never an unhandled rejection', async () => {
    const { hardenWebContents } = await import('../../main/electron/window.ts');
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

  it('encrypts through the asynchronous safeStorage API and reports the backend the vault records', async () => {
    expect(safeStorageCipher.backend()).toBe(process.platform === 'linux' ? 'gnome_libsecret' : process.platform === 'darwin' ? 'keychain' : 'dpapi');
    expect(await safeStorageCipher.isAsyncEncryptionAvailable()).toBe(true);
    const sealed = await safeStorageCipher.encryptStringAsync('abc');
    expect(await safeStorageCipher.decryptStringAsync(sealed)).toEqual({ result: 'abc', shouldReEncrypt: false });
  });
});

describe('login item', () => {
  it('is applied at start and when start-at-login changes, not when the window moves', async () => {
    const { setupLoginItem } = await import('../../main/electron/login-item.ts');
    const applied = vi.spyOn(fake.app, 'setLoginItemSettings');
    const settings = memorySettings();
    setupLoginItem('system', settings, new Logger());
    for (let x = 0; x < 3; x++) settings.update({ windowBounds: { x, y: 0, width: 900, height: 700, maximized: false } });
    settings.update({ startAtLogin: true });
    settings.update({ startAtLogin: true });
    expect(applied.mock.calls).toEqual([[{ openAtLogin: false, args: ['--hidden'] }], [{ openAtLogin: true, args: ['--hidden'] }]]);
  });
});
