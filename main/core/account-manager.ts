/**
 * The account manager's core, wired together: finding Beeper Desktop (and finding it again when it
 * goes away), the sign-in, the accounts view and the login sessions. Plain Node, no Electron: the
 * shell and the WebSocket host both drive it through the IPC handler registry.
 */
import type { EventPayload, EventSchemas } from '../../preload/contract/schemas.ts';
import { perToggle, type ToggleKey } from '../../preload/contract/settings.ts';
import type { AppSnapshot, AuthView, Capabilities, ConnectionView, SettingsView, UpdaterView } from '../../preload/contract/views.ts';
import type { UpdaterState } from '../policy/updater.ts';
import { AccountsRefresher, type RefreshPolicy } from './accounts/refresher.ts';
import { BeeperApi } from './api/client.ts';
import { discover, type Discovery } from './api/discovery.ts';
import { fetchImage } from './api/images.ts';
import { checkServerAddress, originOf } from './api/origin.ts';
import type { LoginFlow, RemoveScope } from './api/schemas.ts';
import { AuthManager, type AuthState } from './auth/auth.ts';
import { CredentialVault, type Cipher } from './auth/vault.ts';
import { AppError } from './errors.ts';
import type { Logger } from './log.ts';
import { SessionEngine } from './sessions/engine.ts';
import { SettingsStore, type Settings } from './storage/settings.ts';
import type { SafeStore } from './storage/store.ts';

/** Said when this run has no updater (the browser preview, tests). */
const NO_UPDATER = 'This build does not update itself.';

export interface CoreDeps {
  settingsStore: SafeStore;
  credentialsStore: SafeStore;
  /** Electron's safeStorage in the app; null where no encryption exists. */
  cipher: Cipher | null;
  openExternal: (url: string) => Promise<void>;
  log: Logger;
  fetch?: typeof fetch;
  /** BEEPER_DESKTOP_BASE_URL, when set: tried right after the user's own setting. */
  envBaseURL?: string | null;
  discovery?: { ports?: number[]; probeTimeoutMs?: number };
  refreshPolicy?: Partial<RefreshPolicy>;
  /** How often to look for Beeper Desktop again while it is not found. */
  rediscoverMs?: { visible: number; hidden: number };
  signInTimeoutMs?: number;
  /** How often a login showing a step this app does not know is checked for progress. */
  unsupportedPollMs?: number;
  /** What the host offers; the browser preview has neither a capture window nor a shell. */
  capabilities?: Capabilities;
  /** The app's version, shown next to update information. */
  appVersion?: string;
}

/** The shell's updater as the core sees it (main/policy/updater.ts in the app). */
export interface UpdaterSource {
  current(): UpdaterState;
  onChange(listener: (s: UpdaterState) => void): () => void;
  check(): Promise<void>;
  restartToUpdate(): boolean;
}

type Listener = <E extends keyof EventSchemas>(event: E, payload: EventPayload<E>) => void;

export class AccountManager {
  readonly log: Logger;
  readonly settings: SettingsStore;
  readonly vault: CredentialVault;
  readonly auth: AuthManager;
  readonly accounts: AccountsRefresher;
  readonly sessions: SessionEngine;
  private readonly deps: CoreDeps;
  private api: BeeperApi | null = null;
  private connection: ConnectionView = {
    status: 'searching',
    baseURL: null,
    tried: [],
    configuredURL: null,
    desktopVersion: null,
    appState: null,
    error: null,
    checkedAt: null,
  };
  private discovering: Promise<ConnectionView> | null = null;
  private rediscoverTimer: NodeJS.Timeout | null = null;
  private visible = true;
  private stopped = false;
  private updater: UpdaterSource | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(deps: CoreDeps) {
    this.deps = deps;
    this.log = deps.log;
    this.settings = new SettingsStore(deps.settingsStore);
    this.vault = new CredentialVault({
      store: deps.credentialsStore,
      cipher: deps.cipher,
      allowPlaintext: () => this.settings.get('allowPlaintextToken'),
      log: deps.log.child('vault'),
    });
    this.auth = new AuthManager({
      vault: this.vault,
      log: deps.log.child('auth'),
      openExternal: deps.openExternal,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.signInTimeoutMs ? { signInTimeoutMs: deps.signInTimeoutMs } : {}),
    });
    this.accounts = new AccountsRefresher({ api: () => (this.hasToken() ? this.api : null), log: deps.log.child('accounts'), ...(deps.refreshPolicy ? { policy: deps.refreshPolicy } : {}) });
    this.sessions = new SessionEngine({
      api: () => this.api,
      log: deps.log.child('sessions'),
      bridgeName: (id) => this.accounts.current()?.bridges.find((b) => b.id === id)?.displayName ?? id,
      onComplete: () => void this.accounts.refresh('session-complete'),
      fetchImage: (url) => (this.api ? fetchImage(url, { baseURL: this.api.baseURL, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) }) : Promise.resolve(null)),
      ...(deps.unsupportedPollMs ? { unsupportedPollMs: deps.unsupportedPollMs } : {}),
    });

    this.auth.onChange((s) => this.onAuthChange(s));
    this.accounts.onChange((v) => {
      this.emit('state.accounts', v);
      if (v.error?.kind === 'not_running') this.lostConnection();
    });
    this.sessions.onChange((v) => {
      this.emit('state.session', v);
      if (v.error?.kind === 'not_running') this.lostConnection();
    });
    this.sessions.onRemove((id) => this.emit('state.sessionRemoved', { sessionID: id }));
    this.settings.onChange((s) => this.emit('state.settings', settingsView(s)));
  }

  // ---------------------------------------------------------------- events

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<E extends keyof EventSchemas>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(event, payload);
  }

  // ---------------------------------------------------------------- lifecycle

  async start(): Promise<void> {
    this.stopped = false;
    await this.vault.ready(); // the storage status the first screen shows
    await this.findDesktop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    this.accounts.stop();
    await this.sessions.cancelAll();
    this.auth.dispose();
  }

  /** The window got focus: refresh the accounts unless they were just refreshed. */
  windowFocused(): void {
    if (this.connection.status === 'running') this.accounts.focused();
    else void this.findDesktop();
  }

  /** The window was shown/hidden or focused: refresh faster while visible. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.accounts.setVisible(visible);
    if (visible && this.connection.status === 'not-running') void this.findDesktop();
  }

  snapshot(): AppSnapshot {
    return {
      capabilities: this.deps.capabilities ?? { captureWindow: false, desktopShell: false, startAtLogin: false },
      connection: this.connection,
      auth: authView(this.auth.state()),
      accounts: this.accounts.view(),
      sessions: this.sessions.list(),
      settings: settingsView(this.settings.all()),
      updater: this.updaterView(),
    };
  }

  // ---------------------------------------------------------------- updates (owned by the shell)

  /** The shell hands over its updater; without one (the browser preview) updates are unsupported. */
  setUpdater(source: UpdaterSource): void {
    this.updater = source;
    source.onChange(() => this.emit('state.updater', this.updaterView()));
    this.emit('state.updater', this.updaterView());
  }

  updaterView(): UpdaterView {
    return updaterView(this.updater?.current() ?? { status: 'unsupported', reason: NO_UPDATER, downloadURL: '' }, this.deps.appVersion ?? '0.0.0');
  }

  async checkForUpdates(): Promise<UpdaterView> {
    if (!this.updater) throw new AppError('unsupported', NO_UPDATER);
    await this.updater.check();
    return this.updaterView();
  }

  restartToUpdate(): UpdaterView {
    if (!this.updater?.restartToUpdate()) throw new AppError('invalid_request', 'No update is ready to install yet.');
    return this.updaterView();
  }

  // ---------------------------------------------------------------- connection

  private configuredURL(): string | null {
    return this.settings.get('baseURL') ?? this.deps.envBaseURL ?? null;
  }

  /** Looks for Beeper Desktop (joins a search already running). */
  findDesktop(): Promise<ConnectionView> {
    if (this.discovering) return this.discovering;
    this.discovering = this.runDiscovery().finally(() => {
      this.discovering = null;
    });
    return this.discovering;
  }

  private async runDiscovery(): Promise<ConnectionView> {
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    this.rediscoverTimer = null;
    const configured = this.configuredURL();
    if (this.connection.status !== 'running') this.setConnection({ ...this.connection, status: 'searching', configuredURL: configured });
    const result: Discovery = await discover({
      configured,
      ...(this.deps.discovery?.ports ? { ports: this.deps.discovery.ports } : {}),
      ...(this.deps.discovery?.probeTimeoutMs ? { probeTimeoutMs: this.deps.discovery.probeTimeoutMs } : {}),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
    if (this.stopped) return this.connection;
    const checkedAt = new Date().toISOString();
    if (result.status === 'not-running') {
      this.setConnection({ status: 'not-running', baseURL: null, tried: result.tried, configuredURL: configured, desktopVersion: null, appState: null, error: result.error, checkedAt });
      this.scheduleRediscovery();
      return this.connection;
    }
    // Decrypt the saved sign-in first, so the window never shows "Connect" to a signed-in user.
    await this.vault.open(result.baseURL);
    const changed = this.api?.baseURL !== result.baseURL;
    if (changed) {
      this.api = new BeeperApi({
        baseURL: result.baseURL,
        getToken: (origin) => this.auth.token(origin),
        onUnauthorized: (e) => this.auth.handleUnauthorized(e),
        log: this.deps.log.child('api'),
        getScopes: () => this.auth.state().scopes,
        ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      });
      this.accounts.clear();
    }
    this.setConnection({
      status: 'running',
      baseURL: result.baseURL,
      tried: result.tried,
      configuredURL: configured,
      desktopVersion: result.info.app.version,
      appState: result.appState,
      error: null,
      checkedAt,
    });
    await this.auth.setServer(result.baseURL, result.info);
    if (this.hasToken()) {
      this.accounts.start();
    }
    // Beeper Desktop itself signed out: check again until it is ready.
    if (result.appState === 'needs-login') this.scheduleRediscovery();
    return this.connection;
  }

  private scheduleRediscovery(): void {
    if (this.stopped) return;
    if (this.rediscoverTimer) clearTimeout(this.rediscoverTimer);
    const ms = this.visible ? (this.deps.rediscoverMs?.visible ?? 5_000) : (this.deps.rediscoverMs?.hidden ?? 60_000);
    this.rediscoverTimer = setTimeout(() => void this.findDesktop(), ms);
    this.rediscoverTimer.unref?.();
  }

  /** A call found Beeper Desktop gone: say so and start looking again. */
  private lostConnection(): void {
    if (this.connection.status !== 'running') return;
    this.log.warn('Beeper Desktop stopped answering');
    this.accounts.stop();
    this.setConnection({
      ...this.connection,
      status: 'not-running',
      error: new AppError('not_running', 'Beeper Desktop stopped answering. Looking for it again…').toJSON(),
      checkedAt: new Date().toISOString(),
    });
    this.scheduleRediscovery();
  }

  /** Signed in to the Beeper Desktop in use (the token is for its origin). */
  private hasToken(): boolean {
    return this.api !== null && this.auth.token(originOf(this.api.baseURL)) !== null;
  }

  private setConnection(c: ConnectionView): void {
    this.connection = c;
    this.emit('state.connection', c);
  }

  async setServerAddress(baseURL: string | null): Promise<ConnectionView> {
    const normalized = baseURL === null ? null : checkServerAddress(baseURL);
    this.settings.update({ baseURL: normalized });
    return this.findDesktop();
  }

  // ---------------------------------------------------------------- sign-in

  private onAuthChange(s: AuthState): void {
    this.emit('state.auth', authView(s));
    if (s.status === 'signed-in' && this.connection.status === 'running') {
      this.accounts.start();
    } else if (s.status === 'signed-out') {
      this.accounts.stop();
      this.accounts.clear();
      void this.sessions.cancelAll();
    }
  }

  async signIn(): Promise<AuthView> {
    this.requireDesktop();
    await this.auth.signIn();
    return authView(this.auth.state());
  }

  async useToken(token: string): Promise<AuthView> {
    this.requireDesktop();
    await this.auth.useToken(token);
    return authView(this.auth.state());
  }

  async signOut(): Promise<AuthView> {
    await this.sessions.cancelAll();
    await this.auth.signOut();
    return authView(this.auth.state());
  }

  async setPlaintextConsent(allow: boolean): Promise<AuthView> {
    this.settings.update({ allowPlaintextToken: allow });
    await this.auth.storageChanged();
    return authView(this.auth.state());
  }

  // ---------------------------------------------------------------- accounts and logins

  private requireDesktop(): BeeperApi {
    if (!this.api || this.connection.status !== 'running') throw new AppError('not_running', 'Beeper Desktop is not reachable.');
    return this.api;
  }

  private requireSignedIn(): BeeperApi {
    const api = this.requireDesktop();
    if (!this.hasToken()) throw new AppError('unauthorized', 'Connect to Beeper Desktop first.');
    return api;
  }

  async refreshAccounts(): Promise<AppSnapshot['accounts']> {
    this.requireSignedIn();
    await this.accounts.refresh('manual');
    return this.accounts.view();
  }

  async loginFlows(bridgeID: string): Promise<Array<{ id: string; name: string; description: string | null }>> {
    const flows: LoginFlow[] = await this.requireSignedIn().loginFlows(bridgeID);
    return flows.map((f) => ({ id: f.id, name: f.name ?? f.id, description: f.description ?? null }));
  }

  async removeLogin(bridgeID: string, loginID: string, scope: RemoveScope): Promise<{ affectedAccountIDs: string[] }> {
    const api = this.requireSignedIn();
    const login = this.accounts.current()?.logins[bridgeID]?.find((l) => l.loginID === loginID);
    if (login && !login.removeScopes.includes(scope)) {
      throw new AppError('invalid_request', scope === 'all-devices' ? 'This account can only be removed from this device.' : 'This account can only be removed from all devices.');
    }
    const result = await api.removeLogin(bridgeID, loginID, scope);
    this.log.info('login removed', { bridgeID, loginID, scope, accounts: result.affectedAccountIDs?.length ?? 0 });
    void this.accounts.refresh('login-removed');
    return { affectedAccountIDs: result.affectedAccountIDs ?? [] };
  }

  updateSettings(patch: Partial<Pick<Settings, ToggleKey>>): SettingsView {
    return settingsView(this.settings.update(patch));
  }

  // ---------------------------------------------------------------- images

  /** The emoji to tap, fetched by main and handed to the renderer as a data: URL. */

}

export function authView(s: AuthState): AuthView {
  return {
    status: s.status,
    source: s.source ?? null,
    expiresAt: s.expiresAt ?? null,
    scopes: s.scopes ?? [],
    reason: s.reason ?? null,
    storage: { persistent: s.storage.persistent, backend: s.storage.backend, needsConsent: s.storage.needsConsent, reason: s.storage.reason ?? null },
  };
}

export function updaterView(s: UpdaterState, currentVersion: string): UpdaterView {
  return {
    status: s.status,
    currentVersion,
    version: 'version' in s ? s.version : null,
    percent: s.status === 'downloading' ? s.percent : null,
    message: s.status === 'error' ? s.message : s.status === 'unsupported' ? s.reason : null,
    downloadURL: s.status === 'unsupported' && s.downloadURL ? s.downloadURL : null,
    checkedAt: 'checkedAt' in s ? s.checkedAt : null,
  };
}

export function settingsView(s: Settings): SettingsView {
  return { baseURL: s.baseURL, ...perToggle((k) => s[k]), allowPlaintextToken: s.allowPlaintextToken };
}
