/**
 * The account manager's core, wired together: the connection to Beeper Desktop, the sign-in, the
 * accounts, the login sessions, settings and updates. Plain Node, no Electron: the shell and the
 * WebSocket host both drive it through the IPC handler registry.
 */
import type { EventPayload, EventSchemas, RequestOf } from '../../preload/contract/schemas.ts';
import type { ToggleKey } from '../../preload/contract/settings.ts';
import type { AccountHistoryView, AccountTarget, AppSnapshot, ReconnectAllView, AuthView, Capabilities, ConnectionView, SessionView, SettingsView, UpdaterView } from '../../preload/contract/views.ts';
import { NO_CAPABILITIES } from '../../preload/contract/capabilities.ts';
import { WindowPlaceKeeper } from './window-place.ts';
import { AccountHistory, keysOf, subjectsOf } from './accounts/history.ts';
import { findTarget } from '../../preload/contract/targets.ts';
import { AccountsRefresher, type RefreshPolicy } from './accounts/refresher.ts';
import { BeeperApi } from './api/client.ts';
import { DesktopConnection, type FoundDesktop } from './api/desktop-connection.ts';
import { fetchImage } from './api/images.ts';
import { checkServerAddress, originOf } from './api/origin.ts';
import type { CookiesStep, LoginFlow, RemoveScope } from './api/schemas.ts';
import { AuthManager, type AuthState } from './auth/auth.ts';
import { authView } from './auth/auth-view.ts';
import { CredentialVault, type Cipher } from './auth/vault.ts';
import { AppError } from './errors.ts';
import type { LogEntry, Logger } from './log.ts';
import { diagnosticsReport, type DiagnosticsSources } from './diagnostics.ts';
import { randomBytes } from 'node:crypto';
import { SessionEngine } from './sessions/engine.ts';
import { reconnectRequest, type ReconnectTarget } from './sessions/reconnect.ts';
import { ReconnectQueue } from './sessions/reconnect-queue.ts';
import { SettingsStore, settingsView, type Settings } from './storage/settings.ts';
import { LocaleState } from './locale.ts';
import { loadPhoneFormat } from './accounts/phone-format.ts';
import { SafeStore } from './storage/store.ts';
import { Updates, type UpdaterSource } from './updates.ts';
import { t } from './i18n.ts';

export interface CoreDeps {
  settingsStore: SafeStore;
  credentialsStore: SafeStore;
  /** Where each account's history is kept; without one it lasts until the app quits. */
  historyStore?: SafeStore;
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
  /** The recent log lines, for the diagnostics report (a memory sink's entries). */
  recentLog?: () => readonly LogEntry[];
  /** What runs the app, for the diagnostics report. */
  runtime?: DiagnosticsSources['runtime'];
  /** The system's preferred languages, most preferred first. */
  systemLanguages?: readonly string[];
}

type Listener = <E extends keyof EventSchemas>(event: E, payload: EventPayload<E>) => void;

/**
 * What the shell and the IPC handlers use of the core: a few operations, the settings registry and
 * typed events. The subsystems behind them stay the core's own business.
 */
export type Core = Pick<
  AccountManager,
  | 'settings'
  | 'start'
  | 'stop'
  | 'windowFocused'
  | 'setVisible'
  | 'snapshot'
  | 'subscribe'
  | 'on'
  | 'findDesktop'
  | 'setServerAddress'
  | 'signIn'
  | 'cancelSignIn'
  | 'useToken'
  | 'setPlaintextConsent'
  | 'signOut'
  | 'refreshAccounts'
  | 'accountHistory'
  | 'clearHistory'
  | 'loginFlows'
  | 'removeLogin'
  | 'reconnect'
  | 'startReconnectAll'
  | 'skipReconnect'
  | 'stopReconnectAll'
  | 'closeReconnectAll'
  | 'startSession'
  | 'session'
  | 'cookiesStep'
  | 'submitInput'
  | 'submitCookies'
  | 'cancelSession'
  | 'dismissSession'
  | 'updateSettings'
  | 'systemLanguagesChanged'
  | 'setUpdater'
  | 'diagnostics'
  | 'checkForUpdates'
  | 'restartToUpdate'
  | 'place'
>;

export class AccountManager {
  readonly log: Logger;
  readonly settings: SettingsStore;
  readonly vault: CredentialVault;
  readonly auth: AuthManager;
  readonly connection: DesktopConnection;
  readonly accounts: AccountsRefresher;
  readonly sessions: SessionEngine;
  readonly updates: Updates;
  readonly history: AccountHistory;
  readonly reconnectAll: ReconnectQueue;
  readonly locale: LocaleState;
  /** Where the window is, kept while no window exists. */
  readonly place = new WindowPlaceKeeper((route) => this.emit('ui.navigate', route));
  private readonly deps: CoreDeps;
  private readonly listeners = new Set<Listener>();
  /** Hashes IDs in diagnostics reports: stable within this run, unknown outside it. */
  private readonly diagnosticsSalt = randomBytes(16).toString('hex');

  constructor(deps: CoreDeps) {
    this.deps = deps;
    this.log = deps.log;
    this.settings = new SettingsStore(deps.settingsStore);
    this.locale = new LocaleState(() => this.settings.get('language'), deps.systemLanguages ?? []);
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
    this.connection = new DesktopConnection({
      log: deps.log.child('connection'),
      configuredURL: () => this.settings.get('baseURL') ?? deps.envBaseURL ?? null,
      hooks: {
        // Decrypt the saved sign-in first, so the window never shows "Connect" to a signed-in user.
        preparing: async (found) => {
          await this.vault.open(found.baseURL);
          this.auth.trustIfSame(found.baseURL, found.info);
        },
        clientFor: (baseURL) => this.clientFor(baseURL),
        connected: (found) => this.connected(found),
        lost: () => {
          this.accounts.stop();
          this.auth.serverLost();
        },
      },
      ...(deps.discovery ? { discovery: deps.discovery } : {}),
      ...(deps.rediscoverMs ? { rediscoverMs: deps.rediscoverMs } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    this.accounts = new AccountsRefresher({ api: () => (this.hasToken() ? this.connection.api() : null), log: deps.log.child('accounts'), ...(deps.refreshPolicy ? { policy: deps.refreshPolicy } : {}) });
    this.sessions = new SessionEngine({
      api: () => this.connection.api(),
      log: deps.log.child('sessions'),
      bridgeName: (id) => this.accounts.current()?.bridges.find((b) => b.id === id)?.displayName ?? id,
      identityOf: (req) => {
        const found = findTarget(this.accounts.view(), { bridgeID: req.bridgeID, loginID: req.loginID ?? null, accountID: req.accountID ?? null });
        return (found?.login ?? found?.account)?.identity ?? null;
      },
      onComplete: (session) => {
        this.recordLogin(session);
        void this.accounts.refresh('session-complete');
      },
      fetchImage: (url) => this.fetchImage(url),
      ...(deps.unsupportedPollMs ? { unsupportedPollMs: deps.unsupportedPollMs } : {}),
    });
    this.updates = new Updates(deps.appVersion ?? '0.0.0');
    this.history = new AccountHistory(deps.historyStore ?? SafeStore.inMemory());
    this.reconnectAll = new ReconnectQueue({
      accounts: () => this.accounts.view(),
      reconnect: (target) => this.reconnect(target),
      dismiss: (id) => this.sessions.dismiss(id),
      onChange: (v) => this.emit('state.reconnectAll', v),
      log: deps.log.child('reconnect-all'),
    });
    this.forwardEvents();
  }

  /** Every change the window hears of, and what a lost connection or sign-in means for the rest. */
  private forwardEvents(): void {
    this.connection.onChange((c) => this.emit('state.connection', c));
    this.auth.onChange((s) => this.onAuthChange(s));
    this.accounts.onChange((v) => {
      this.emit('state.accounts', v);
      // Each account's status as shown (the history keeps only changes).
      this.history.observe(v);
      // A refresh that just failed, not the last failure still shown while the next one runs.
      if (!v.refreshing && v.error?.kind === 'not_running') this.connection.lost();
    });
    this.sessions.onChange((v) => {
      this.emit('state.session', v);
      void this.reconnectAll.sessionChanged(v);
      if (v.error?.kind === 'not_running') this.connection.lost();
    });
    this.sessions.onRemove((id) => {
      this.emit('state.sessionRemoved', { sessionID: id });
      this.place.sessionGone(id);
      void this.reconnectAll.sessionRemoved(id);
    });
    this.settings.onChange((s) => this.emit('state.settings', settingsView(s, this.locale.current())));
    this.updates.onChange((v) => this.emit('state.updater', v));
  }

  /** Every event, for a transport that forwards them all. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One event, with its payload typed. */
  on<E extends keyof EventSchemas>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const wanted: keyof EventSchemas = event;
    return this.subscribe((e, payload) => {
      // The payload is E's whenever the names match; TypeScript cannot correlate the two type parameters.
      if (e === wanted) listener(payload as unknown as EventPayload<E>);
    });
  }

  private emit<E extends keyof EventSchemas>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(event, payload);
  }

  // ---------------------------------------------------------------- lifecycle

  async start(): Promise<void> {
    await Promise.all([this.locale.apply(), loadPhoneFormat()]);
    await this.vault.ready(); // the storage status the first screen shows
    await this.connection.start();
  }

  async stop(): Promise<void> {
    this.connection.stop();
    this.accounts.stop();
    await this.sessions.cancelAll();
    this.auth.dispose();
  }

  /** The window got focus: refresh the accounts unless they were just refreshed. */
  windowFocused(): void {
    if (this.connection.isRunning()) this.accounts.focused();
    else void this.connection.find();
  }

  /** The window was shown/hidden or focused: refresh faster while visible. */
  setVisible(visible: boolean): void {
    this.accounts.setVisible(visible);
    this.connection.setVisible(visible);
  }

  snapshot(): AppSnapshot {
    return {
      capabilities: this.deps.capabilities ?? NO_CAPABILITIES,
      connection: this.connection.current(),
      auth: authView(this.auth.state()),
      accounts: this.accounts.view(),
      sessions: this.sessions.list(),
      reconnectAll: this.reconnectAll.view(),
      settings: settingsView(this.settings.all(), this.locale.current()),
      updater: this.updates.view(),
      place: this.place.current(),
    };
  }

  // ---------------------------------------------------------------- connection

  findDesktop(): Promise<ConnectionView> {
    return this.connection.find();
  }

  async setServerAddress(baseURL: string | null): Promise<ConnectionView> {
    const normalized = baseURL === null ? null : checkServerAddress(baseURL);
    this.settings.update({ baseURL: normalized });
    return this.connection.find();
  }

  /** A Beeper Desktop at a new address: a client for it, and the accounts shown were another one's. */
  private clientFor(baseURL: string): BeeperApi {
    this.accounts.clear();
    return new BeeperApi({
      baseURL,
      getToken: (origin) => this.auth.token(origin),
      onUnauthorized: (e) => this.auth.handleUnauthorized(e),
      log: this.deps.log.child('api'),
      getScopes: () => this.auth.state().scopes,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
  }

  private async connected(found: FoundDesktop): Promise<void> {
    await this.auth.setServer(found.baseURL, found.info);
    // A restart of Beeper Desktop forgets its login sessions: the ones shown as waiting are checked.
    void this.sessions.recheckWaiting();
    if (this.hasToken()) this.accounts.start();
    // Signed out (or a sign-in held back from a program that is not its Beeper Desktop): no refresh
    // notices Beeper Desktop quitting, so keep looking at it.
    else this.connection.watch();
  }

  /** Signed in to the Beeper Desktop in use (the token is for its origin). */
  private hasToken(): boolean {
    const api = this.connection.api();
    return api !== null && this.auth.token(originOf(api.baseURL)) !== null;
  }

  /** An image a login step shows (the emoji to tap), fetched by main from Beeper Desktop. */
  private fetchImage(url: string): ReturnType<typeof fetchImage> {
    const api = this.connection.api();
    return api ? fetchImage(url, { baseURL: api.baseURL, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) }) : Promise.resolve(null);
  }

  // ---------------------------------------------------------------- sign-in

  private onAuthChange(s: AuthState): void {
    this.emit('state.auth', authView(s));
    if (s.status === 'signed-in' && this.connection.isRunning()) {
      this.accounts.start();
    } else if (s.status === 'signed-out') {
      if (this.connection.isRunning()) this.connection.watch();
      this.accounts.stop();
      this.accounts.clear();
      void this.sessions.cancelAll();
    }
  }

  async signIn(): Promise<AuthView> {
    // Beeper Desktop must answer now, before the browser opens a page it would serve.
    await this.connection.find();
    this.connection.require();
    await this.auth.signIn();
    return authView(this.auth.state());
  }

  cancelSignIn(): void {
    this.auth.cancelSignIn();
  }

  async useToken(token: string): Promise<AuthView> {
    this.connection.require();
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

  private requireSignedIn(): BeeperApi {
    const api = this.connection.require();
    if (!this.hasToken()) throw new AppError('unauthorized', t('error.connectFirst'));
    return api;
  }

  async refreshAccounts(): Promise<AppSnapshot['accounts']> {
    this.requireSignedIn();
    await this.accounts.refresh('manual');
    return this.accounts.view();
  }

  /** What this app saw happen to one login's accounts, or to one account. */
  accountHistory(target: AccountTarget): AccountHistoryView {
    return this.history.view(subjectsOf(this.accounts.view(), target));
  }

  /** Settings → forget every account's history. */
  clearHistory(): void {
    this.history.clear();
    this.log.info('account history cleared');
  }

  async loginFlows(bridgeID: string): Promise<Array<{ id: string; name: string; description: string | null }>> {
    const flows: LoginFlow[] = await this.requireSignedIn().loginFlows(bridgeID);
    return flows.map((f) => ({ id: f.id, name: f.name ?? f.id, description: f.description ?? null }));
  }

  /** Reconnect an account, asked for by the window, the tray, a notification or a link: one rule for the request. */
  reconnect(target: ReconnectTarget): Promise<SessionView> {
    return this.sessions.start(reconnectRequest(target, this.accounts.current()));
  }

  /** Reconnect all: a guided queue through every account that needs login. */
  startReconnectAll(): Promise<ReconnectAllView> {
    this.requireSignedIn();
    return this.reconnectAll.start();
  }

  skipReconnect(): Promise<ReconnectAllView | null> {
    return this.reconnectAll.skip();
  }

  stopReconnectAll(): Promise<ReconnectAllView | null> {
    return this.reconnectAll.stop();
  }

  closeReconnectAll(): void {
    this.reconnectAll.close();
  }

  // ---------------------------------------------------------------- login sessions

  /** A login of a new account. */
  startSession(req: RequestOf<'sessions.start'>): Promise<SessionView> {
    return this.sessions.start(req);
  }

  session(id: string): SessionView {
    return this.sessions.get(id);
  }

  /** The raw cookies step, for the shell's capture window. */
  cookiesStep(id: string): CookiesStep {
    return this.sessions.cookiesStep(id);
  }

  submitInput(id: string, values: Record<string, string>): Promise<SessionView> {
    return this.sessions.submitInput(id, values);
  }

  submitCookies(id: string, values: Record<string, string>, meta: { source: 'api' | 'webview'; lastURL?: string | undefined }): Promise<SessionView> {
    return this.sessions.submitCookies(id, values, meta);
  }

  cancelSession(id: string): Promise<SessionView> {
    return this.sessions.cancel(id);
  }

  dismissSession(id: string): Promise<void> {
    return this.sessions.dismiss(id);
  }

  async removeLogin(bridgeID: string, loginID: string, scope: RemoveScope): Promise<{ affectedAccountIDs: string[] }> {
    const api = this.requireSignedIn();
    const login = this.accounts.current()?.logins[bridgeID]?.find((l) => l.loginID === loginID);
    if (login && !login.removeScopes.includes(scope)) {
      throw new AppError('invalid_request', scope === 'all-devices' ? t('error.onlyThisDevice') : t('error.onlyAllDevices'));
    }
    const result = await api.removeLogin(bridgeID, loginID, scope);
    for (const key of keysOf(bridgeID, result.affectedAccountIDs ?? [], loginID)) this.history.record(key, 'removed', 'removed');
    this.log.info('login removed', { bridgeID, loginID, scope, accounts: result.affectedAccountIDs?.length ?? 0 });
    void this.accounts.refresh('login-removed');
    return { affectedAccountIDs: result.affectedAccountIDs ?? [] };
  }

  /** A login this app ran to completion: each of its accounts was connected (or reconnected) by the user. */
  private recordLogin(session: SessionView): void {
    const r = session.result;
    // Stryker disable next-line ConditionalExpression: equivalent, the engine reports a completion only with its result
    if (!r) return;
    for (const key of keysOf(session.bridgeID, r.accountIDs, r.loginID)) this.history.record(key, r.restored ? 'reconnected' : 'connected', 'connected');
  }

  // ---------------------------------------------------------------- help

  /** The report for support: what went wrong, nothing about the person (main/core/diagnostics.ts). */
  diagnostics(): { text: string; fileName: string } {
    const now = new Date().toISOString();
    const text = diagnosticsReport({
      appVersion: this.deps.appVersion ?? '0.0.0',
      runtime: this.deps.runtime ?? { os: `${process.platform} ${process.arch}`, node: process.versions.node, electron: null, chrome: null },
      connection: this.connection.current(),
      accounts: this.accounts.view(),
      raw: this.accounts.current(),
      sessions: this.sessions.list(),
      log: this.deps.recentLog?.() ?? [],
      secrets: this.log.secrets,
      salt: this.diagnosticsSalt,
      now,
    });
    return { text, fileName: `beeper-account-manager-diagnostics-${now.slice(0, 19).replace(/[:T]/g, '-')}.txt` };
  }

  // ---------------------------------------------------------------- settings and updates

  async updateSettings(patch: Partial<Pick<Settings, ToggleKey | 'language'>>): Promise<SettingsView> {
    const s = this.settings.update(patch);
    if (patch.language !== undefined) await this.speakAgain();
    return settingsView(s, this.locale.current());
  }

  /** The system's preferred languages changed; with the setting on "system", the app follows. */
  async systemLanguagesChanged(languages: readonly string[]): Promise<void> {
    this.locale.setSystem(languages);
    await this.speakAgain();
  }

  /**
   * After the locale changed, everything main words itself goes out again in the new language:
   * the settings (which carry the locale), the sign-in, the accounts, the updater.
   */
  private async speakAgain(): Promise<void> {
    if (!(await this.locale.apply())) return;
    this.emit('state.settings', settingsView(this.settings.all(), this.locale.current()));
    this.emit('state.auth', authView(this.auth.state()));
    this.emit('state.accounts', this.accounts.view());
    this.emit('state.updater', this.updates.view());
  }

  /** The shell hands over its updater; without one (the browser preview) updates are unsupported. */
  setUpdater(source: UpdaterSource): void {
    this.updates.use(source);
  }

  checkForUpdates(): Promise<UpdaterView> {
    return this.updates.check();
  }

  restartToUpdate(): UpdaterView {
    return this.updates.restartToUpdate();
  }
}
