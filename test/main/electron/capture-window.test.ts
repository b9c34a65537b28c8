/** main/electron/capture-window.ts, against a fake `electron` module. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';
import { CookieFieldSchema } from '../../../main/core/api/schemas.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));
// electron-store is an external package: it would load the real `electron`.
vi.mock('electron-store', () => ({ default: class {} }));

const { openCaptureWindow } = await import('../../../main/electron/capture-window.ts');
const { Logger } = await import('../../../main/core/log.ts');

const log = new Logger();

beforeEach(() => fake.resetFakes());

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
      // Plain http only on loopback: a sign-in page is never shown (or read) in clear text.
      expect(win.webContents.navigate('will-navigate', 'http://x.example/login')).toBe(true);
      expect(win.webContents.navigate('will-redirect', 'http://127.0.0.1:9/__signin/x/')).toBe(false);
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

  it('refuses a step URL that is not https (or http on loopback)', async () => {
    for (const url of ['file:///etc/passwd', 'http://x.example/login']) {
      await expect(openCaptureWindow({ ...step, url }, { parent: null, log }), url).resolves.toMatchObject({ status: 'closed' });
    }
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });

  it('takes localStorage and extractJS values only from a page in the step’s scope, as the page that was read says', async () => {
    const storageStep = { ...step, extractJS: 'EXTRACT()', expectedFinalURLRegex: undefined, fields: [CookieFieldSchema.parse({ id: 'tok', required: true, sources: [{ type: 'local_storage', name: 'token' }, { type: 'special', name: 'special.tok' }] })] };
    const pending = openCaptureWindow(storageStep, { parent: null, log });
    const win = fake.BrowserWindow.instances.at(-1)!;
    // The window's address says x.example, but the document read was another site's.
    // extractJS runs while the page moves on to another site: its result is not taken either.
    const movesOn = { then: (resolve: (v: unknown) => void) => ((win.webContents.url = 'https://evil.example/'), resolve({ 'special.tok': 'planted-too' })) };
    win.webContents.isolatedWorldResults.push({ url: 'https://evil.example/', entries: { token: 'planted' } }, movesOn);
    win.webContents.url = 'https://x.example/home';
    win.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(win.webContents.isolatedWorldCalls).toContain('EXTRACT()'));
    await new Promise((r) => setTimeout(r, 20));
    win.emit('close');
    await expect(pending).resolves.toEqual({ status: 'closed', missing: ['token'] });
  });

  it('takes a localStorage value from the sign-in site itself', async () => {
    const storageStep = { ...step, expectedFinalURLRegex: undefined, fields: [CookieFieldSchema.parse({ id: 'tok', required: true, sources: [{ type: 'local_storage', name: 'token' }] })] };
    const pending = openCaptureWindow(storageStep, { parent: null, log });
    const win = fake.BrowserWindow.instances.at(-1)!;
    win.webContents.isolatedWorldResults.push({ url: 'https://app.x.example/home', entries: { token: 'real' } });
    win.webContents.url = 'https://app.x.example/home';
    win.webContents.emit('did-navigate');
    await expect(pending).resolves.toEqual({ status: 'complete', values: { tok: 'real' }, lastURL: 'https://app.x.example/home' });
  });
});
