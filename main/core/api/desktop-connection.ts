/**
 * The connection to Beeper Desktop: finding it (joining a search already running), finding it again
 * while it is not running or is signed out itself, noticing when it stops answering, and the API
 * client for the address found. Sign-in and accounts react to it through `ConnectionHooks`.
 */
import type { ConnectionView } from '../../../preload/contract/views.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { BeeperApi } from './client.ts';
import { discover, type Discovery } from './discovery.ts';
import { t } from '../i18n.ts';

export type FoundDesktop = Extract<Discovery, { status: 'running' }>;

export interface ConnectionHooks {
  /** Runs before the window hears that Beeper Desktop was found: e.g. decrypt the sign-in for it. */
  preparing(found: FoundDesktop): Promise<void>;
  /** Beeper Desktop was found at a new address: the client for it. */
  clientFor(baseURL: string): BeeperApi;
  /** The window knows Beeper Desktop is running: sign-in and accounts follow. */
  connected(found: FoundDesktop): Promise<void>;
  /** Beeper Desktop stopped answering. */
  lost(): void;
}

export interface DesktopConnectionDeps {
  log: Logger;
  /** The address the user set (or BEEPER_DESKTOP_BASE_URL): tried first. */
  configuredURL(): string | null;
  hooks: ConnectionHooks;
  discovery?: { ports?: number[]; probeTimeoutMs?: number };
  /** How often to look again while Beeper Desktop is not found, with the window visible or hidden. */
  rediscoverMs?: { visible: number; hidden: number };
  fetch?: typeof fetch;
}

const INITIAL: ConnectionView = { status: 'searching', baseURL: null, tried: [], configuredURL: null, desktopVersion: null, appState: null, error: null, checkedAt: null };

export class DesktopConnection {
  private view: ConnectionView = INITIAL;
  private client: BeeperApi | null = null;
  private searching: Promise<ConnectionView> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private visible = true;
  private stopped = false;
  private readonly listeners = new Set<(c: ConnectionView) => void>();
  private readonly deps: DesktopConnectionDeps;

  constructor(deps: DesktopConnectionDeps) {
    this.deps = deps;
  }

  onChange(listener: (c: ConnectionView) => void): void {
    this.listeners.add(listener);
  }

  current(): ConnectionView {
    return this.view;
  }

  /** The client for the Beeper Desktop last found, even while it is not answering. */
  api(): BeeperApi | null {
    return this.client;
  }

  isRunning(): boolean {
    return this.view.status === 'running';
  }

  /** The client, when Beeper Desktop is answering; otherwise a `not_running` error for the window. */
  require(): BeeperApi {
    if (!this.client || !this.isRunning()) throw new AppError('not_running', t('banner.desktopGoneReason'));
    return this.client;
  }

  start(): Promise<ConnectionView> {
    this.stopped = false;
    return this.find();
  }

  /** Looks for Beeper Desktop (joins a search already running). */
  find(): Promise<ConnectionView> {
    this.searching ??= this.search().finally(() => {
      this.searching = null;
    });
    return this.searching;
  }

  /** The window was shown or hidden: look again sooner while it is visible. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.view.status === 'not-running') void this.find();
  }

  /** Keeps looking at the address found (e.g. while what answers there is not trusted with the sign-in). */
  watch(): void {
    this.scheduleSearch();
  }

  /** A call found Beeper Desktop gone: say so and start looking again. */
  lost(): void {
    if (!this.isRunning()) return;
    this.deps.log.warn('Beeper Desktop stopped answering');
    this.deps.hooks.lost();
    this.set({
      ...this.view,
      status: 'not-running',
      error: new AppError('not_running', t('error.stoppedAnswering')).toJSON(),
      checkedAt: new Date().toISOString(),
    });
    this.scheduleSearch();
  }

  stop(): void {
    this.stopped = true;
    this.stopTimer();
  }

  private stopTimer(): void {
    clearTimeout(this.timer ?? undefined);
    this.timer = null;
  }

  private async search(): Promise<ConnectionView> {
    this.stopTimer();
    const configured = this.deps.configuredURL();
    // Only the very first search shows "searching": looking again keeps what the window shows (running,
    // or not running with the form the user may be typing in) until the answer changes it.
    if (this.view.checkedAt === null) this.set({ ...this.view, status: 'searching', configuredURL: configured });
    const { discovery, fetch } = this.deps;
    const result = await discover({
      configured,
      ...(discovery?.ports ? { ports: discovery.ports } : {}),
      ...(discovery?.probeTimeoutMs ? { probeTimeoutMs: discovery.probeTimeoutMs } : {}),
      ...(fetch ? { fetch } : {}),
    });
    if (this.stopped) return this.view;
    const checkedAt = new Date().toISOString();
    if (result.status === 'not-running') {
      // Found gone by a search rather than by a failed call: the same loss.
      if (this.isRunning()) this.deps.hooks.lost();
      this.set({ status: 'not-running', baseURL: null, tried: result.tried, configuredURL: configured, desktopVersion: null, appState: null, error: result.error, checkedAt });
      this.scheduleSearch();
      return this.view;
    }
    await this.deps.hooks.preparing(result);
    if (this.client?.baseURL !== result.baseURL) this.client = this.deps.hooks.clientFor(result.baseURL);
    this.set({ status: 'running', baseURL: result.baseURL, tried: result.tried, configuredURL: configured, desktopVersion: result.info.app.version, appState: result.appState, error: null, checkedAt });
    await this.deps.hooks.connected(result);
    // Beeper Desktop itself signed out: check again until it is ready.
    if (result.appState === 'needs-login') this.scheduleSearch();
    return this.view;
  }

  private scheduleSearch(): void {
    if (this.stopped) return;
    this.stopTimer();
    const ms = this.visible ? (this.deps.rediscoverMs?.visible ?? 5_000) : (this.deps.rediscoverMs?.hidden ?? 60_000);
    this.timer = setTimeout(() => void this.find(), ms);
    this.timer.unref();
  }

  private set(c: ConnectionView): void {
    this.view = c;
    for (const l of this.listeners) l(c);
  }
}
