/**
 * The Electron shell's composition (main/electron/compose.ts) run for real in Node: the fake electron
 * module stands in for Electron, the simulator for Beeper Desktop. It boots, serves the renderer
 * over app://, answers the window over ipcMain, keeps the tray current, writes a log without the
 * token, and carries out a second launch's request.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';
import { startSimulator, type Simulator } from '../../simulator/index.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));
vi.mock('electron-store', () => ({
  default: class {
    private readonly m = new Map<string, unknown>();
    readonly path = '/memory';
    get(k: string): unknown {
      return this.m.get(k);
    }
    set(k: string, v: unknown): void {
      this.m.set(k, v);
    }
    delete(k: string): void {
      this.m.delete(k);
    }
  },
}));
vi.mock('electron-updater', () => ({ default: { autoUpdater: {} } }));

let sim: Simulator;
let dir: string;
beforeAll(async () => {
  fake.resetFakes();
  sim = await startSimulator({ port: 0 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'bam-shell-'));
  mkdirSync(path.join(dir, 'renderer'));
  writeFileSync(path.join(dir, 'renderer/index.html'), '<!doctype html><title>app</title>');
  process.env['BEEPER_DESKTOP_BASE_URL'] = sim.url;
  process.env['BAM_USER_DATA_DIR'] = path.join(dir, 'user-data');
  process.env['BAM_WINDOW_GRACE_MS'] = '300';
  const { runShell } = await import('../../../main/electron/start.ts');
  runShell({ preload: path.join(dir, 'preload.cjs'), renderer: path.join(dir, 'renderer'), icons: path.join(dir, 'icons') });
  await vi.waitFor(() => expect(fake.Tray.instances).toHaveLength(1), { timeout: 5_000 });
});
afterAll(async () => {
  fake.app.emit('before-quit');
  await sim.stop();
  delete process.env['BEEPER_DESKTOP_BASE_URL'];
  delete process.env['BAM_USER_DATA_DIR'];
  delete process.env['BAM_WINDOW_GRACE_MS'];
  rmSync(dir, { recursive: true, force: true });
});

/** The newest main window (the app makes a new one after destroying one that rested in the tray). */
const mainWindow = (): fake.BrowserWindow => fake.BrowserWindow.instances.filter((w) => w.options['title'] !== undefined && !w.options['parent']).at(-1)!;
/** What the renderer's preload does: ipcRenderer.invoke from the main window's top frame. */
async function invoke<T>(channel: string, payload?: unknown): Promise<T> {
  const wc = mainWindow().webContents;
  const env = (await fake.ipcMain.handlers.get(channel)!({ sender: wc, senderFrame: wc.mainFrame }, payload)) as { ok: boolean; value?: T; error?: { message: string } };
  if (!env.ok) throw new Error(env.error!.message);
  return env.value!;
}

describe('the Electron shell, composed', () => {
  it('takes the single-instance lock, registers app:// and the deep-link scheme, and uses its own profile', () => {
    expect(fake.app.state.lockRequested).toBe(1);
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(fake.app.state.protocolClients).toEqual(['beeper-account-manager']);
    expect(fake.app.state.userData).toBe(path.join(dir, 'user-data'));
    // An unpackaged build has no stable program to start at login: no login item, no switch for it.
    expect(fake.app.state.loginItem).toBeNull();
  });

  it('tells the window that start-at-login cannot work in this (unpackaged) build', async () => {
    expect((await invoke<{ capabilities: { startAtLogin: boolean } }>('app.getState')).capabilities).toMatchObject({ desktopShell: true, startAtLogin: false });
  });

  it('opens the hardened main window on the bundled renderer, and serves it with the CSP header', async () => {
    const win = mainWindow();
    expect(win.loaded).toBe('app://bundle/index.html');
    expect(win.options['webPreferences']).toMatchObject({ preload: path.join(dir, 'preload.cjs'), sandbox: true, contextIsolation: true, nodeIntegration: false });
    win.emit('ready-to-show');
    expect(win.visible).toBe(false); // drawn, not yet its first screen: shown when the window says so
    await invoke('ui.ready');
    expect(win.visible).toBe(true);
    const res = await fake.protocol.handlers.get('app')!(new Request('app://bundle/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toContain('<title>app</title>');
    expect((await fake.protocol.handlers.get('app')!(new Request('app://bundle/../../etc/passwd'))).status).toBe(404);
    expect((await fake.protocol.handlers.get('app')!(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('answers the window over IPC: finds the simulator, signs in with a token, lists accounts', async () => {
    await vi.waitFor(async () => expect((await invoke<{ connection: { status: string } }>('app.getState')).connection.status).toBe('running'));
    const token = sim.mintToken();
    await invoke('auth.useToken', { token });
    await vi.waitFor(async () => expect((await invoke<{ accounts: { lastRefreshedAt: string | null } }>('app.getState')).accounts.lastRefreshedAt).not.toBeNull());
    // Pushed events reach the window, and the tray follows the accounts.
    expect(mainWindow().webContents.sent.some((m) => m.channel === 'state.accounts')).toBe(true);
    await vi.waitFor(() => expect(fake.Tray.instances[0]!.tooltip).toBe('Beeper Account Manager — 1 account needs attention'));
    const log = readFileSync(path.join(dir, 'user-data/logs/main.log'), 'utf8');
    expect(log).toContain('signed in to Beeper Desktop');
    expect(log).not.toContain(token);
  });

  it('a second launch with a reconnect link shows the window on a screen that asks first; nothing starts', async () => {
    const login = [...sim.core.state.logins.values()].find((l) => l.status === 'needs_login')!;
    mainWindow().hide();
    const sessionsBefore = sim.core.logins.sessions.size;
    fake.app.emit('second-instance', {}, ['/usr/bin/beeper-account-manager', `--reconnect=${login.bridgeID}/${login.loginID}`], '/');
    await vi.waitFor(() => expect(mainWindow().webContents.sent.some((m) => m.channel === 'ui.navigate')).toBe(true));
    expect(mainWindow().visible).toBe(true);
    const nav = mainWindow().webContents.sent.filter((m) => m.channel === 'ui.navigate').at(-1)!.payload;
    expect(nav).toEqual({ to: 'confirm-reconnect', bridgeID: 'local-telegram', loginID: login.loginID, accountID: null });
    expect(sim.core.logins.sessions.size).toBe(sessionsBefore);
  });

  it('macOS: a link arriving as open-url is handled by the same parser, and Electron is told it was', async () => {
    const login = [...sim.core.state.logins.values()].find((l) => l.status === 'needs_login')!;
    const event = { preventDefault: vi.fn() };
    fake.app.emit('open-url', event, `beeper-account-manager://reconnect/${login.bridgeID}/${login.loginID}`);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(mainWindow().webContents.sent.filter((m) => m.channel === 'ui.navigate').at(-1)!.payload).toEqual({ to: 'confirm-reconnect', bridgeID: 'local-telegram', loginID: login.loginID, accountID: null }));
  });

  it('rebuilds the tray menu for what it shows, not for login-session updates', async () => {
    const tray = fake.Tray.instances[0]!;
    // Settled: the refresh that showing the window again started (an earlier test) is over.
    await vi.waitFor(async () => {
      const n = tray.menuSets;
      await new Promise((r) => setTimeout(r, 150));
      expect(tray.menuSets).toBe(n);
    });
    const before = tray.menuSets;
    const s = await invoke<{ id: string }>('sessions.start', { bridgeID: 'local-signal' });
    await invoke('sessions.cancel', { sessionID: s.id });
    expect(mainWindow().webContents.sent.filter((m) => m.channel === 'state.session').length).toBeGreaterThan(1);
    expect(tray.menuSets).toBe(before);
  });

  it('refuses IPC from any other window, and hides to the tray on close', async () => {
    const other = new fake.BrowserWindow({ webPreferences: { partition: 'capture-x' } });
    const env = (await fake.ipcMain.handlers.get('app.getState')!({ sender: other.webContents, senderFrame: other.webContents.mainFrame }, undefined)) as { ok: boolean };
    expect(env.ok).toBe(false);
    expect(mainWindow().close()).toBe(true); // prevented: hidden instead
    expect(mainWindow().visible).toBe(false);
  });

  it('closed to the tray, the window rests: destroyed after the grace period, and the tray opens a new one where it was', async () => {
    const first = mainWindow();
    first.show();
    await invoke('ui.rememberPlace', { route: { to: 'add-account', bridgeID: 'local-signal' }, listFilter: { query: 'ali', attentionOnly: false }, collapsed: ['local-slack'] });
    expect(first.close()).toBe(true); // prevented: hidden instead
    await vi.waitFor(() => expect(first.destroyed).toBe(true), { timeout: 3_000 });
    expect(fake.app.state.quitCalls).toBe(0); // the app lives on in the tray
    const sent = first.webContents.sent.length;
    await invoke('accounts.refresh').catch(() => undefined); // nothing goes to a destroyed window

    const items = fake.Tray.instances[0]!.menu!.template as Array<{ label?: string; click?: () => void }>;
    items.find((i) => i.label === 'Open Account Manager')!.click!();
    const second = mainWindow();
    expect(second).not.toBe(first);
    expect(second.visible).toBe(false);
    expect(first.webContents.sent.length).toBe(sent);
    const snapshot = await invoke<{ place: unknown }>('app.getState');
    expect(snapshot.place).toEqual({ route: { to: 'add-account', bridgeID: 'local-signal' }, listFilter: { query: 'ali', attentionOnly: false }, collapsed: ['local-slack'] });
    await invoke('ui.ready');
    expect(second.visible).toBe(true);
  });
});
