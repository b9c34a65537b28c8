/** main/policy/updater.ts: which installs update themselves, and the updater states. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canSelfUpdate, DEFAULT_POLICY, readableUpdateError, UpdaterDriver, type UpdaterLike } from '../../../main/policy/updater.ts';

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
    const p = new UpdaterDriver(new FakeUpdater(), { ...packaged, isPackaged: false });
    expect(p.current()).toMatchObject({ status: 'unsupported', downloadURL: expect.stringMatching(/^https:\/\//) });
  });

  it('decides from the package type first: APPIMAGE set in the environment never makes a deb, rpm or pacman install update itself', () => {
    // electron-updater picks its updater from resources/package-type alone and would run pkexec.
    for (const packageType of ['deb', 'rpm', 'pacman']) {
      expect(canSelfUpdate({ ...packaged, packageType }), packageType).toMatchObject({ ok: false, reason: expect.stringContaining(`${packageType} package`) });
    }
    // A package type this app does not know is not an AppImage either.
    expect(canSelfUpdate({ ...packaged, packageType: 'snap' })).toMatchObject({ ok: false, reason: expect.stringContaining('cannot update itself') });
    // Only an AppImage (no package type, APPIMAGE set) updates itself on Linux.
    expect(canSelfUpdate(packaged)).toEqual({ ok: true });
    expect(canSelfUpdate({ ...packaged, packageType: '' })).toEqual({ ok: true });
    expect(canSelfUpdate({ ...packaged, appImagePath: undefined })).toMatchObject({ ok: false, reason: expect.stringContaining('cannot update itself') });
    expect(canSelfUpdate({ ...packaged, platform: 'win32', packageType: 'deb' })).toEqual({ ok: true });
  });

  it('a deb install never checks, downloads or installs through electron-updater (so never calls pkexec)', async () => {
    const u = new FakeUpdater();
    const calls: string[] = [];
    u.checkForUpdates = () => (calls.push('check'), Promise.resolve(null));
    u.quitAndInstall = () => void calls.push('install');
    const withPkexec = { hasPrivilegeHelper: true } as object; // pkexec is installed, as on most desktops
    const p = new UpdaterDriver(u, { ...packaged, appImagePath: undefined, packageType: 'deb', ...withPkexec }, { firstCheckDelayMs: 1, intervalMs: 1 });
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
    const p = new UpdaterDriver(u, packaged, { firstCheckDelayMs: 30_000, intervalMs: 3_600_000 });
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
    const p = new UpdaterDriver(u, packaged);
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
    const p = new UpdaterDriver(u, packaged);
    u.failNext = new Error('HttpError: 404 Not Found "method: GET url: https://x/latest-linux.yml"');
    await expect(p.check()).resolves.toBeUndefined();
    expect(p.current()).toMatchObject({ status: 'error', message: 'No update information was found for this version.' });
    expect(readableUpdateError(new Error('getaddrinfo ENOTFOUND updates.example'))).toMatch(/Could not reach/);
    expect(readableUpdateError(new Error('sha512 checksum mismatch'))).toMatch(/damaged/);
    expect(readableUpdateError(new Error('weird'))).toMatch(/tried again later/);
    expect(readableUpdateError(new Error('HttpError: 404 Not Found latest-linux.yml'))).toMatch(/No update information/);
    expect(readableUpdateError(new Error('New version is not signed by the application owner'))).toMatch(/not signed correctly/);
    expect(readableUpdateError(new Error('ENOSPC: no space left on device'))).toMatch(/disk space/);
  });

  it('stable users are never offered prereleases: the latest channel, or none, leaves them off', () => {
    const latest = new FakeUpdater();
    new UpdaterDriver(latest, packaged, { firstCheckDelayMs: 1, intervalMs: 1, channel: 'latest' });
    expect([latest.channel, latest.allowPrerelease, latest.allowDowngrade]).toEqual(['latest', false, false]);
    const none = new FakeUpdater();
    new UpdaterDriver(none, packaged);
    expect([none.channel, none.allowPrerelease, none.allowDowngrade]).toEqual([null, false, false]);
  });

  it('“Check for updates” while checking, downloading or ready does nothing; after an error or up to date it checks', async () => {
    const u = new FakeUpdater();
    const p = new UpdaterDriver(u, packaged);
    u.emit('update-available', { version: '2.0.0' });
    u.emit('download-progress', { percent: 10 });
    await p.check();
    expect(u.checks).toBe(0);
    u.emit('checking-for-update');
    await p.check();
    expect(u.checks).toBe(0);
    u.emit('update-downloaded', { version: '2.0.0' });
    await p.check();
    expect(u.checks).toBe(0);
    const q = new UpdaterDriver(new FakeUpdater(), packaged);
    const v = (q as unknown as { updater: FakeUpdater }).updater;
    v.emit('update-not-available');
    await q.check();
    v.emit('error', new Error('weird'));
    await q.check();
    expect(v.checks).toBe(2);
  });

  it('progress is kept between 0 and 100; a check that fails after the update became ready keeps it ready', async () => {
    const u = new FakeUpdater();
    const p = new UpdaterDriver(u, packaged);
    u.emit('download-progress', { percent: 140 });
    expect(p.current()).toEqual({ status: 'downloading', version: '', percent: 100 });
    u.emit('download-progress', { percent: -3 });
    expect(p.current()).toMatchObject({ percent: 0 });
    u.checkForUpdates = () => {
      u.emit('update-downloaded', { version: '3.0.0' });
      return Promise.reject(new Error('net::ERR_FAILED'));
    };
    u.emit('update-not-available');
    await p.check();
    expect(p.current()).toEqual({ status: 'ready', version: '3.0.0' });
  });

  it('never lets a channel setting allow downgrades', () => {
    const u = new FakeUpdater();
    new UpdaterDriver(u, packaged, { firstCheckDelayMs: 1, intervalMs: 1, channel: 'beta' });
    expect(u.channel).toBe('beta');
    expect(u.allowPrerelease).toBe(true);
    expect(u.allowDowngrade).toBe(false);
  });

  it('its states, exactly: idle at first, then up to date or an error with the time of the check', () => {
    const at = Date.parse('2026-11-30T10:00:00.000Z');
    const u = new FakeUpdater();
    const p = new UpdaterDriver(u, packaged, { ...DEFAULT_POLICY, now: () => at });
    expect(p.current()).toEqual({ status: 'idle' });
    u.emit('update-not-available');
    expect(p.current()).toEqual({ status: 'up-to-date', checkedAt: '2026-11-30T10:00:00.000Z' });
    u.emit('error', new Error('ENOSPC: no space left'));
    expect(p.current()).toEqual({ status: 'error', message: 'Not enough disk space to download the update.', checkedAt: '2026-11-30T10:00:00.000Z' });
    expect(new UpdaterDriver(null, packaged).current()).toEqual({ status: 'unsupported', reason: 'Updates are not available in this build.', downloadURL: expect.stringMatching(/^https:/) });
    expect(readableUpdateError(new Error('Cannot find latest-linux.yml in the latest release artifacts'))).toBe('No update information was found for this version.');
  });

  it('a listener that unsubscribed hears nothing more', () => {
    const u = new FakeUpdater();
    const p = new UpdaterDriver(u, packaged);
    const heard: string[] = [];
    const off = p.onChange((s) => heard.push(s.status));
    u.emit('checking-for-update');
    off();
    u.emit('update-not-available');
    expect(heard).toEqual(['checking']);
  });

  it('stop() cancels the next check; starting again does not add a second timer', async () => {
    vi.useFakeTimers();
    const u = new FakeUpdater();
    const p = new UpdaterDriver(u, packaged, { firstCheckDelayMs: 1_000, intervalMs: 10_000 });
    p.start();
    p.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(u.checks).toBe(0);
    p.start();
    p.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(u.checks).toBe(1);
    u.emit('update-not-available');
    p.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(u.checks).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('by default: the first check half a minute after start, then every six hours', () => {
    expect(DEFAULT_POLICY).toEqual({ firstCheckDelayMs: 30_000, intervalMs: 21_600_000 });
  });
});
