/** Every decision of the Electron shell, tested in plain Node. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountsView, AuthView, ConnectionView } from '../../preload/contract/views.ts';
import { parseLaunch, performLaunch, restoreBounds, TEST_ONLY_ENV, testOnlyEnv } from '../../main/policy/launch.ts';
import { AttentionTracker } from '../../main/policy/notifications.ts';
import {
  appOrigins,
  captureUserAgent,
  isSafeExternalURL,
  isTrustedSender,
  navigationDecision,
  permissionDecision,
  windowOpenDecision,
} from '../../main/policy/security.ts';
import { buildTrayMenu, trayIconName, type TrayItem, type TrayState } from '../../main/policy/tray.ts';
import { canSelfUpdate, readableUpdateError, UpdaterPolicy, type UpdaterLike } from '../../main/policy/updater.ts';

describe('security decisions', () => {
  const origins = appOrigins(null);

  it('keeps navigation inside the app; safe links go to the browser, others nowhere', () => {
    expect(navigationDecision('app://bundle/index.html#x', origins)).toEqual({ allow: true });
    expect(navigationDecision('https://example.com/help', origins)).toEqual({ allow: false, openExternally: 'https://example.com/help' });
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'app://evil/index.html', 'http://user:pw@example.com/', 'data:text/html,x', 'not a url']) {
      expect(navigationDecision(bad, origins)).toEqual({ allow: false, openExternally: null });
    }
    expect(navigationDecision('http://localhost:5173/', appOrigins('http://localhost:5173'))).toEqual({ allow: true });
  });

  it('denies every new window, opening only safe links externally', () => {
    expect(windowOpenDecision('https://beeper.com')).toEqual({ action: 'deny', openExternally: 'https://beeper.com' });
    expect(windowOpenDecision('file:///x')).toEqual({ action: 'deny', openExternally: null });
    expect(isSafeExternalURL('mailto:a@b.c')).toBe(false);
  });

  it('denies every permission; only a clipboard write from the app itself is allowed', () => {
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(permissionDecision(p)).toBe(false);
      expect(permissionDecision(p, 'app://bundle', origins)).toBe(false);
    }
    expect(permissionDecision('clipboard-sanitized-write', 'app://bundle/index.html', origins)).toBe(true);
    expect(permissionDecision('clipboard-sanitized-write', 'https://evil.example', origins)).toBe(false);
    expect(permissionDecision('clipboard-sanitized-write')).toBe(false); // the capture window: nothing
    expect(permissionDecision('clipboard-sanitized-write', 'not a url', origins)).toBe(false);
  });

  it('trusts IPC only from the main window\'s top frame showing the app', () => {
    const ok = { webContentsID: 7, frameURL: 'app://bundle/index.html', isMainFrame: true };
    expect(isTrustedSender(ok, 7, origins)).toBe(true);
    expect(isTrustedSender({ ...ok, webContentsID: 8 }, 7, origins)).toBe(false); // another window (e.g. the capture window)
    expect(isTrustedSender({ ...ok, isMainFrame: false }, 7, origins)).toBe(false); // a subframe
    expect(isTrustedSender({ ...ok, frameURL: 'https://evil.example/' }, 7, origins)).toBe(false); // navigated away
    expect(isTrustedSender({ ...ok, frameURL: null }, 7, origins)).toBe(false);
    expect(isTrustedSender(ok, null, origins)).toBe(false); // no main window
  });

  it('uses the step\'s user agent, else Electron\'s without the Electron and app tokens', () => {
    const electronUA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) beeper-account-manager/0.1.0 Chrome/142.0.0.0 Electron/45.5.0 Safari/537.36';
    expect(captureUserAgent(null, electronUA)).toBe('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36');
    expect(captureUserAgent('Custom/1.0', electronUA)).toBe('Custom/1.0');
  });
});

// ------------------------------------------------------------------ tray

const identity = (name: string, detail: string | null = null) => ({ name, detail, avatarURL: null });
const running: ConnectionView = { status: 'running', baseURL: 'http://x', tried: [], configuredURL: null, desktopVersion: '4.2', appState: 'ready', error: null, checkedAt: null };
const signedIn: AuthView = { status: 'signed-in', source: 'oauth', expiresAt: null, scopes: [], reason: null, storage: { persistent: true, backend: 'k', needsConsent: false, reason: null } };
function accounts(logins: Array<{ bridge: string; id: string; status: string; name: string }>): AccountsView {
  const networks = [...new Set(logins.map((l) => l.bridge))].map((b) => ({
    bridgeID: b,
    displayName: b,
    network: b,
    provider: 'local',
    type: b,
    status: 'available',
    statusText: null,
    supportsMultipleAccounts: true,
    canAddAccount: true,
    canReconnect: b !== 'matrix',
    isBeeper: b === 'matrix',
    unavailableReason: null,
    otherAccounts: [],
    logins: logins
      .filter((l) => l.bridge === b)
      .map((l) => ({ bridgeID: b, loginID: l.id, status: l.status, statusText: null, identity: identity(l.name), removeScopes: [], accounts: [], needsAttention: l.status === 'needs_login' })),
  }));
  const needsAttention = logins
    .filter((l) => l.status === 'needs_login')
    .map((l) => ({ bridgeID: l.bridge, bridgeName: l.bridge, loginID: l.id, accountID: null, identity: identity(l.name), status: 'needs_login', message: 'Logged out' }));
  return { networks, needsAttention, lastRefreshedAt: '2026-11-28T00:00:00Z', refreshing: false, error: null };
}
const labels = (items: TrayItem[]): string[] => items.map((i) => (i.kind === 'separator' ? '—' : i.kind === 'submenu' ? `${i.label} ▸ [${labels(i.items).join(' | ')}]` : i.label));

describe('tray menu model', () => {
  it('nothing connected: says why, and offers only opening, updates and quitting', () => {
    const m = buildTrayMenu({ connection: { ...running, status: 'not-running' }, auth: null, accounts: null, updater: { status: 'idle' } });
    expect(labels(m)).toEqual(['Beeper Desktop is not running', '—', 'Reconnect account ▸ [No accounts to reconnect]', 'Add account…', 'Open Account Manager', '—', 'Check for updates', 'Quit']);
    expect(m.find((i) => i.kind === 'submenu')).toMatchObject({ enabled: false });
    expect(m.find((i) => i.kind === 'action' && i.label === 'Add account…')).toMatchObject({ enabled: false });
  });

  it('all fine: a status line, every account with its mark, and all of them under Reconnect', () => {
    const m = buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([{ bridge: 'WhatsApp', id: 'w', status: 'connected', name: 'Alex' }, { bridge: 'Slack', id: 's', status: 'connecting', name: 'Alex' }]), updater: { status: 'up-to-date', checkedAt: 'x' } });
    expect(labels(m)).toEqual([
      'All accounts connected',
      '—',
      '● WhatsApp: Alex',
      '◐ Slack: Alex',
      '—',
      'Reconnect account ▸ [WhatsApp: Alex | Slack: Alex]',
      'Add account…',
      'Open Account Manager',
      '—',
      'Check for updates',
      'Quit',
    ]);
  });

  it('two need login: they come first under Reconnect, and each item starts that reconnect', () => {
    const state: TrayState = {
      connection: running,
      auth: signedIn,
      accounts: accounts([
        { bridge: 'WhatsApp', id: 'w', status: 'connected', name: 'Alex' },
        { bridge: 'Telegram', id: 't', status: 'needs_login', name: 'Alex T' },
        { bridge: 'Signal', id: 'sg', status: 'needs_login', name: 'Alex S' },
      ]),
      updater: { status: 'idle' },
    };
    const m = buildTrayMenu(state);
    expect(labels(m)[0]).toBe('2 accounts need attention');
    const sub = m.find((i) => i.kind === 'submenu')!;
    expect(labels([sub])[0]).toBe('Reconnect account ▸ [⚠ Telegram: Alex T | ⚠ Signal: Alex S | — | WhatsApp: Alex]');
    expect(sub.kind === 'submenu' && sub.items[0]).toMatchObject({ action: { type: 'reconnect', bridgeID: 'Telegram', loginID: 't' } });
    expect(trayIconName(state, true)).toBe('tray-attention-dark');
    expect(trayIconName({ ...state, accounts: accounts([]) }, false)).toBe('tray-normal-light');
  });

  it('update ready: "Restart to update" with the version; downloading shows progress', () => {
    const ready = buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([]), updater: { status: 'ready', version: '1.2.0' } });
    expect(ready.find((i) => i.kind === 'action' && i.action.type === 'restart-to-update')).toMatchObject({ label: 'Restart to update (1.2.0)' });
    const downloading = buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([]), updater: { status: 'downloading', version: '1.2.0', percent: 41.6 } });
    expect(labels(downloading)).toContain('Downloading update… 42%');
    expect(labels(buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([]), updater: { status: 'idle' } }))[0]).toBe('No accounts connected');
  });
});

describe('attention notifications', () => {
  const view = (statuses: Record<string, string>, extra: Partial<AccountsView> = {}): AccountsView => ({
    ...accounts(Object.entries(statuses).map(([id, status]) => ({ bridge: 'Telegram', id, status, name: `User ${id}` }))),
    ...extra,
  });

  it('notifies once per transition into needing login, not once per refresh', () => {
    const t = new AttentionTracker();
    expect(t.update(view({ a: 'needs_login', b: 'connected' }), true)).toEqual([]); // start-up baseline
    expect(t.update(view({ a: 'needs_login', b: 'connected' }), true)).toEqual([]);
    const n = t.update(view({ a: 'needs_login', b: 'needs_login' }), true);
    expect(n.map((x) => [x.key, x.title])).toEqual([['Telegram/b', 'Telegram needs you to log in again']]);
    expect(n[0]!.body).toContain('User b');
    expect(t.update(view({ a: 'needs_login', b: 'needs_login' }), true)).toEqual([]);
    expect(t.update(view({ a: 'connected', b: 'needs_login' }), true)).toEqual([]);
    expect(t.update(view({ a: 'needs_login', b: 'needs_login' }), true).map((x) => x.key)).toEqual(['Telegram/a']); // broke again
  });

  it('stays quiet when turned off, and ignores failed or stale refreshes', () => {
    const t = new AttentionTracker();
    t.update(view({ a: 'connected' }), true);
    expect(t.update(view({ a: 'needs_login' }), false)).toEqual([]);
    const u = new AttentionTracker();
    u.update(view({ a: 'connected' }), true);
    expect(u.update(view({ a: 'needs_login' }, { error: { kind: 'network', message: 'x' } }), true)).toEqual([]);
    expect(u.update(view({ a: 'needs_login' }), true)).toHaveLength(1);
  });
});

describe('launch and single instance', () => {
  it('parses flags and links; anything odd just shows the window', () => {
    expect(parseLaunch(['/app/electron', '.', '--hidden'])).toEqual({ type: 'hidden' });
    expect(parseLaunch(['x', '--reconnect=local-telegram/ba_abc'])).toEqual({ type: 'reconnect', bridgeID: 'local-telegram', loginID: 'ba_abc', accountID: null, confirm: true });
    expect(parseLaunch(['x', '--add-account=local-signal'])).toEqual({ type: 'add-account', bridgeID: 'local-signal' });
    expect(parseLaunch(['x', 'beeper-account-manager://reconnect/local-whatsapp/ba_1'])).toEqual({ type: 'reconnect', bridgeID: 'local-whatsapp', loginID: 'ba_1', accountID: null, confirm: true });
    expect(parseLaunch(['x', 'beeper-account-manager://add'])).toEqual({ type: 'add-account', bridgeID: undefined });
    for (const odd of [['x', '--reconnect=../../etc'], ['x', 'beeper-account-manager://reconnect/a b/c'], ['x', 'beeper-account-manager://%zz'], ['x']]) {
      expect(parseLaunch(odd)).toEqual({ type: 'show' });
    }
  });

  it('a reconnect link only opens a screen that asks: nothing starts, nothing in progress is cancelled', async () => {
    const deps = { showWindow: vi.fn(), startReconnect: vi.fn(() => Promise.resolve('ses_1')), navigate: vi.fn() };
    for (const link of ['--reconnect=local-telegram/ba_1', 'beeper-account-manager://reconnect/local-telegram/ba_1']) {
      await performLaunch(parseLaunch(['x', link]), deps, false);
      expect(deps.navigate).toHaveBeenLastCalledWith({ to: 'confirm-reconnect', bridgeID: 'local-telegram', loginID: 'ba_1', accountID: null });
    }
    expect(deps.showWindow).toHaveBeenCalledTimes(2);
    expect(deps.startReconnect).not.toHaveBeenCalled();
  });

  it('a second launch focuses the window and does what it asked', async () => {
    const deps = { showWindow: vi.fn(), startReconnect: vi.fn(() => Promise.resolve('ses_1')), navigate: vi.fn() };
    // From the tray or a notification: the user already chose it in the app.
    await performLaunch({ type: 'reconnect', bridgeID: 'local-telegram', loginID: 'ba_1', accountID: null, confirm: false }, deps, false);
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    expect(deps.startReconnect).toHaveBeenCalledWith('local-telegram', 'ba_1', null);
    expect(deps.navigate).toHaveBeenCalledWith({ to: 'session', sessionID: 'ses_1' });
    await performLaunch({ type: 'hidden' }, deps, true); // start at login: stays in the tray
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    await performLaunch({ type: 'hidden' }, deps, false); // launching it again means "show me"
    expect(deps.showWindow).toHaveBeenCalledTimes(2);
    deps.startReconnect.mockResolvedValueOnce(null as never);
    await performLaunch({ type: 'reconnect', bridgeID: 'b', loginID: 'l', accountID: null, confirm: false }, deps, false);
    expect(deps.navigate).toHaveBeenLastCalledWith({ to: 'accounts' });
  });

  it('a packaged build ignores the test-only environment variables', () => {
    const env = { BAM_USER_DATA_DIR: '/tmp/elsewhere', BAM_E2E: '1' };
    expect(testOnlyEnv('BAM_USER_DATA_DIR', env, false)).toBe('/tmp/elsewhere');
    expect(testOnlyEnv('BAM_E2E', env, false)).toBe('1');
    for (const name of TEST_ONLY_ENV) expect(testOnlyEnv(name, env, true)).toBeUndefined();
  });

  it('restores window bounds only if they are still on a screen', () => {
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restoreBounds({ x: 100, y: 100, width: 900, height: 700 }, screens, { width: 720, height: 520 })).toEqual({ x: 100, y: 100, width: 900, height: 700 });
    expect(restoreBounds({ x: 3000, y: 100, width: 900, height: 700 }, screens, { width: 720, height: 520 })).toBeNull(); // unplugged monitor
    expect(restoreBounds({ x: 0, y: 0, width: 100, height: 100 }, screens, { width: 720, height: 520 })).toEqual({ x: 0, y: 0, width: 720, height: 520 });
    expect(restoreBounds(null, screens, { width: 1, height: 1 })).toBeNull();
  });
});

// ------------------------------------------------------------------ updater policy

class FakeUpdater implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = false;
  allowPrerelease = false;
  private _channel: string | null = null;
  checks = 0;
  installs: unknown[] = [];
  failNext: Error | null = null;
  readonly handlers = new Map<string, Array<(a?: unknown) => void>>();
  get channel(): string | null {
    return this._channel;
  }
  set channel(v: string | null) {
    this._channel = v;
    this.allowDowngrade = true; // what electron-updater does
  }
  checkForUpdates(): Promise<unknown> {
    this.checks++;
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      return Promise.reject(e);
    }
    this.emit('checking-for-update');
    return Promise.resolve(null);
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs.push(args);
  }
  on(event: string, fn: (a: never) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn as (a?: unknown) => void]);
    return this;
  }
  emit(event: string, arg?: unknown): void {
    for (const fn of this.handlers.get(event) ?? []) fn(arg);
  }
}
const packaged = { platform: 'linux' as const, isPackaged: true, appImagePath: '/apps/Beeper.AppImage', packageType: null };

describe('updater policy', () => {
  afterEach(() => vi.useRealTimers());

  it('says when an install cannot update itself, and where to download', () => {
    expect(canSelfUpdate({ ...packaged, isPackaged: false })).toMatchObject({ ok: false, reason: expect.stringContaining('development build') });
    // A deb or rpm never installs itself as root (electron-updater would run `pkexec dpkg -i`):
    // new versions come from the package manager or the download page, pkexec or not.
    for (const packageType of ['deb', 'rpm', 'pacman']) {
      expect(canSelfUpdate({ ...packaged, appImagePath: undefined, packageType })).toMatchObject({ ok: false, reason: expect.stringContaining('package manager') });
    }
    expect(canSelfUpdate({ ...packaged, platform: 'darwin', appImagePath: undefined })).toEqual({ ok: true });
    const p = new UpdaterPolicy(new FakeUpdater(), { ...packaged, isPackaged: false });
    expect(p.current()).toMatchObject({ status: 'unsupported', downloadURL: expect.stringMatching(/^https:\/\//) });
  });

  it('a deb install never checks, downloads or installs through electron-updater (so never calls pkexec)', async () => {
    const u = new FakeUpdater();
    const calls: string[] = [];
    u.checkForUpdates = () => (calls.push('check'), Promise.resolve(null));
    u.quitAndInstall = () => void calls.push('install');
    const withPkexec = { hasPrivilegeHelper: true } as object; // pkexec is installed, as on most desktops
    const p = new UpdaterPolicy(u, { ...packaged, appImagePath: undefined, packageType: 'deb', ...withPkexec }, { firstCheckDelayMs: 1, intervalMs: 1 });
    p.start();
    await p.check();
    await new Promise((r) => setTimeout(r, 10));
    expect(p.restartToUpdate()).toBe(false);
    expect(calls).toEqual([]);
    expect(u.autoInstallOnAppQuit).toBe(false);
    expect(p.current()).toMatchObject({ status: 'unsupported', downloadURL: expect.stringMatching(/^https:\/\//) });
  });

  it('checks shortly after start (not at start-up), then periodically', async () => {
    vi.useFakeTimers();
    const u = new FakeUpdater();
    const p = new UpdaterPolicy(u, packaged, { firstCheckDelayMs: 30_000, intervalMs: 3_600_000 });
    p.start();
    expect(u.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(u.checks).toBe(1);
    u.emit('update-not-available');
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(u.checks).toBe(2);
    p.stop();
    expect(u).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
  });

  it('reports each stage, and installs only when ready', () => {
    const u = new FakeUpdater();
    const p = new UpdaterPolicy(u, packaged);
    const seen: string[] = [];
    p.onChange((s) => seen.push(s.status));
    expect(p.restartToUpdate()).toBe(false);
    u.emit('checking-for-update');
    u.emit('update-available', { version: '1.3.0' });
    u.emit('download-progress', { percent: 55.5 });
    expect(p.current()).toEqual({ status: 'downloading', version: '1.3.0', percent: 55.5 });
    u.emit('update-downloaded', { version: '1.3.0' });
    u.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED')); // a later failed check does not hide the ready update
    expect(p.current()).toEqual({ status: 'ready', version: '1.3.0' });
    expect(p.restartToUpdate()).toBe(true);
    expect(u.installs).toEqual([[false, true]]);
    expect(seen).toEqual(['checking', 'available', 'downloading', 'ready']);
  });

  it('never throws on feed or network errors, and explains them', async () => {
    const u = new FakeUpdater();
    const p = new UpdaterPolicy(u, packaged);
    u.failNext = new Error('HttpError: 404 Not Found "method: GET url: https://x/latest-linux.yml"');
    await expect(p.check()).resolves.toBeUndefined();
    expect(p.current()).toMatchObject({ status: 'error', message: 'No update information was found for this version.' });
    expect(readableUpdateError(new Error('getaddrinfo ENOTFOUND updates.example'))).toMatch(/Could not reach/);
    expect(readableUpdateError(new Error('sha512 checksum mismatch'))).toMatch(/damaged/);
    expect(readableUpdateError(new Error('weird'))).toMatch(/tried again later/);
  });

  it('never lets a channel setting allow downgrades', () => {
    const u = new FakeUpdater();
    new UpdaterPolicy(u, packaged, { firstCheckDelayMs: 1, intervalMs: 1, channel: 'beta' });
    expect(u.channel).toBe('beta');
    expect(u.allowPrerelease).toBe(true);
    expect(u.allowDowngrade).toBe(false);
  });
});

