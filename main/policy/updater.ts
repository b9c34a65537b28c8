/**
 * Auto-update, independent of Electron: `UpdaterDriver` drives anything shaped like electron-updater's
 * AppUpdater: first check shortly after start (not at start-up), then every few hours; downloads in
 * the background; reports a state the UI and tray show; installs on quit, or now on "Restart to
 * update"; never crashes on feed or network errors; never lets a channel allow downgrades.
 * Where the install cannot update itself, it says so and points to the download page.
 */
import type { UpdaterState } from '../core/updates.ts';
import { t } from '../core/i18n.ts';

/** The part of electron-updater's AppUpdater this policy uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  channel: string | null;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update' | 'update-not-available', listener: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (p: { percent: number }) => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

export interface InstallFacts {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** Set by AppImage's runtime. */
  appImagePath?: string | undefined;
  /** electron-builder's resources/package-type ('deb', 'rpm', 'pacman') for Linux packages. */
  packageType?: string | null | undefined;
}

export const DOWNLOAD_URL = 'https://github.com/beeper-account-manager/beeper-account-manager/releases/latest';

/** Whether this install can update itself, and if not, why (shown instead of failing). */
export function canSelfUpdate(f: InstallFacts): { ok: true } | { ok: false; reason: string } {
  if (!f.isPackaged) return { ok: false, reason: t('updates.devBuild') };
  if (f.platform === 'linux') {
    // The package type first: electron-updater chooses its updater from resources/package-type
    // alone, whatever APPIMAGE says, and would install a package as root through pkexec, trusting
    // only a checksum from the same feed. A system package is the package manager's to update.
    if (f.packageType && ['deb', 'rpm', 'pacman'].includes(f.packageType)) {
      return { ok: false, reason: t('updates.packageManager', { type: f.packageType }) };
    }
    if (!f.packageType && f.appImagePath) return { ok: true };
    return { ok: false, reason: t('updates.linuxUnsupported') };
  }
  return { ok: true };
}

export interface PolicyOptions {
  firstCheckDelayMs: number;
  intervalMs: number;
  /** A release channel chosen by the user (e.g. 'beta'); never implies downgrades. */
  channel?: string | null;
  now?: () => number;
}

export const DEFAULT_POLICY: PolicyOptions = { firstCheckDelayMs: 30_000, intervalMs: 6 * 3600_000 };

/** Short readable reasons for the errors electron-updater reports. */
export function readableUpdateError(e: Error): string {
  const m = e.message;
  if (/ERR_INTERNET_DISCONNECTED|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|net::ERR_/.test(m)) return t('updates.offline');
  if (/404|Cannot find channel|latest.*\.yml/.test(m)) return t('updates.noFeed');
  if (/sha512 checksum mismatch|checksum/i.test(m)) return t('updates.damaged');
  if (/signature|code sign|not signed/i.test(m)) return t('updates.unsigned');
  if (/ENOSPC/.test(m)) return t('updates.noSpace');
  return t('updates.laterAgain');
}

/** Drives an updater through its cycle and keeps its state (main/electron/updater.ts hands it the real one). */
export class UpdaterDriver {
  private state: UpdaterState = { status: 'idle' };
  private readonly listeners = new Set<(s: UpdaterState) => void>();
  private timer: NodeJS.Timeout | null = null;
  private readonly updater: UpdaterLike | null;
  private readonly opts: PolicyOptions;

  constructor(updater: UpdaterLike | null, install: InstallFacts, opts: PolicyOptions = DEFAULT_POLICY) {
    this.opts = opts;
    const support = canSelfUpdate(install);
    if (!support.ok || !updater) {
      this.updater = null;
      this.state = { status: 'unsupported', reason: support.ok ? t('updates.notInBuild') : support.reason, downloadURL: DOWNLOAD_URL };
      return;
    }
    this.updater = updater;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    if (opts.channel) {
      updater.channel = opts.channel;
      updater.allowPrerelease = opts.channel !== 'latest';
    }
    // electron-updater turns allowDowngrade on when a channel is set; this app never downgrades.
    updater.allowDowngrade = false;

    updater.on('checking-for-update', () => this.set({ status: 'checking' }));
    updater.on('update-not-available', () => this.set({ status: 'up-to-date', checkedAt: this.iso() }));
    updater.on('update-available', (info) => this.set({ status: 'available', version: info.version }));
    updater.on('download-progress', (p) => {
      const version = 'version' in this.state ? this.state.version : '';
      this.set({ status: 'downloading', version, percent: Math.max(0, Math.min(100, p.percent)) });
    });
    updater.on('update-downloaded', (info) => this.set({ status: 'ready', version: info.version }));
    updater.on('error', (e) => {
      // A ready update stays ready: a later failed check must not hide "Restart to update".
      if (this.state.status !== 'ready') this.set({ status: 'error', message: readableUpdateError(e), checkedAt: this.iso() });
    });
  }

  private iso(): string {
    return new Date((this.opts.now ?? Date.now)()).toISOString();
  }

  private set(s: UpdaterState): void {
    this.state = s;
    for (const l of this.listeners) l(s);
  }

  current(): UpdaterState {
    return this.state;
  }

  onChange(l: (s: UpdaterState) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Schedules the first check a little after start, then periodic ones. */
  start(): void {
    if (!this.updater) return;
    this.schedule(this.opts.firstCheckDelayMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.stop();
    this.timer = setTimeout(() => {
      void this.check().finally(() => this.schedule(this.opts.intervalMs));
    }, ms);
    this.timer.unref?.();
  }

  /** Checks now (the tray's "Check for updates"). Never throws. */
  async check(): Promise<void> {
    if (!this.updater || this.state.status === 'checking' || this.state.status === 'downloading' || this.state.status === 'ready') return;
    try {
      await this.updater.checkForUpdates();
    } catch (e) {
      // current(): the state may have changed while the check ran.
      if (this.current().status !== 'ready') this.set({ status: 'error', message: readableUpdateError(e instanceof Error ? e : new Error(String(e))), checkedAt: this.iso() });
    }
  }

  /** "Restart to update": only when an update is downloaded. */
  restartToUpdate(): boolean {
    if (!this.updater || this.state.status !== 'ready') return false;
    this.updater.quitAndInstall(false, true);
    return true;
  }
}
