/**
 * The sign-in to Beeper Desktop: OAuth or a pasted token, kept in the vault, dropped on 401 or
 * expiry (there are no refresh tokens: the user connects again), revoked then wiped on sign-out.
 * Only `token()` hands the token out, to the API client in this process, and only for the origin
 * that issued it: a sign-in keeps its token for the server it started with, and changing the
 * address stops a sign-in in progress (api/origin.ts).
 */
import { BeeperApi } from '../api/client.ts';
import { originOf, sameOriginEndpoint } from '../api/origin.ts';
import type { Info } from '../api/schemas.ts';
import { AppError, type AppErrorJSON, endsSignIn, messageOf, toAppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { signInWithOAuth } from './oauth.ts';
import { changedDesktop, identityOfServer } from './server-identity.ts';
import type { CredentialVault, StorageStatus, TokenSource } from './vault.ts';
import { t } from '../i18n.ts';

export type AuthStatus = 'signed-out' | 'signing-in' | 'signed-in';

export interface AuthState {
  status: AuthStatus;
  source?: TokenSource | undefined;
  /** ISO time the sign-in expires, when it does. */
  expiresAt?: string | undefined;
  scopes?: string[] | undefined;
  /** Why the user is signed out (expired, no longer accepted, could not be decrypted). */
  reason?: AppErrorJSON | undefined;
  storage: StorageStatus;
}

export interface AuthDeps {
  vault: CredentialVault;
  log: Logger;
  openExternal: (url: string) => Promise<void>;
  fetch?: typeof fetch;
  now?: () => number;
  signInTimeoutMs?: number;
}

const MAX_TIMER = 2_147_483_647; // setTimeout's limit (~24.8 days)

/** The code of the reason shown while a sign-in is held back from a server that is not its Beeper Desktop. */
export const DESKTOP_CHANGED = 'DESKTOP_CHANGED';

const expired = (): AppError => new AppError('token_expired', messageOf('token_expired'));
const notFoundYet = (): AppError => new AppError('not_running', t('error.notFoundYet'));
/** An OAuth scope string as its scopes: `"read  write"` is `['read', 'write']`. */
const scopesOf = (scope: string): string[] => scope.match(/\S+/g) ?? [];

export class AuthManager {
  private readonly deps: AuthDeps;
  private server: { baseURL: string; info: Info } | null = null;
  private status: AuthStatus = 'signed-out';
  private reason: AppErrorJSON | undefined;
  /**
   * The server at hand was checked against the Beeper Desktop the token belongs to. False from a
   * loss of Beeper Desktop until the server found again is checked: no token goes out in between.
   */
  // Stryker disable next-line BooleanLiteral: equivalent, every path that hands out a token sets it first
  private trusted = false;
  private signInAbort: AbortController | null = null;
  /** Why a sign-in was ended from this side other than by the user's Cancel. */
  private signInEnded: AppError | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(s: AuthState) => void>();

  constructor(deps: AuthDeps) {
    this.deps = deps;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  onChange(listener: (s: AuthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const s = this.state();
    for (const l of this.listeners) l(s);
  }

  state(): AuthState {
    const stored = this.server ? this.deps.vault.tokenFor(this.server.baseURL) : null;
    const out: AuthState = { status: this.status, storage: this.deps.vault.status() };
    if (this.status === 'signed-in' && stored) {
      out.source = stored.source;
      if (stored.expiresAt) out.expiresAt = new Date(stored.expiresAt).toISOString();
      if (stored.scope) out.scopes = scopesOf(stored.scope);
    }
    if (this.reason) out.reason = this.reason;
    return out;
  }

  /** Points the manager at the Beeper Desktop that discovery found, loading its saved sign-in. */
  async setServer(baseURL: string, info: Info): Promise<void> {
    if (this.server?.baseURL === baseURL) {
      this.server = { baseURL, info };
      if (this.verifyServer()) this.emit();
      return;
    }
    // A sign-in in progress belongs to the server it started with: stop it.
    this.signInAbort?.abort();
    this.server = { baseURL, info };
    const stored = await this.deps.vault.open(baseURL);
    if (this.server.baseURL !== baseURL) return; // moved on to another server while decrypting
    const problem = this.deps.vault.takeProblem();
    if (problem) this.reason = new AppError('unauthorized', problem).toJSON();
    if (stored) {
      this.deps.log.secrets.add(stored.accessToken);
      if (stored.expiresAt !== null && stored.expiresAt <= this.now()) {
        this.drop(expired());
        return;
      }
      this.status = 'signed-in';
      this.armExpiry(stored.expiresAt);
      this.verifyServer();
    } else if (this.status !== 'signing-in') {
      this.status = 'signed-out';
    }
    this.emit();
  }

  /**
   * Beeper Desktop stopped answering: whatever answers at its address next is checked before it gets
   * the token, and a sign-in waiting for the user's approval ends, saying why.
   */
  serverLost(): void {
    this.trusted = false;
    if (!this.signInAbort) return;
    this.signInEnded = new AppError('not_running', t('error.stoppedWhileApproving'));
    this.signInAbort.abort();
  }

  /**
   * Beeper Desktop was found again, before the window hears of it: the token may go out again at
   * once if what answers is the Beeper Desktop it belongs to. (`setServer` then does the rest.)
   */
  trustIfSame(baseURL: string, info: Info): void {
    if (this.server?.baseURL !== baseURL) return;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral,OptionalChaining: a redundant guard kept on purpose, token() also needs 'signed-in', which a held sign-in is not
    if (this.reason?.code === DESKTOP_CHANGED) return;
    if (this.mismatch(baseURL, info) === null) this.trusted = true;
  }

  /** Why the server describing itself as `info` is not the Beeper Desktop the sign-in for `baseURL` came from, or null (also when none is remembered). */
  private mismatch(baseURL: string, info: Info): string | null {
    const known = this.deps.vault.tokenFor(baseURL)?.server;
    return known ? changedDesktop(known, identityOfServer(info)) : null;
  }

  /**
   * Whether the server at hand is the Beeper Desktop the saved sign-in belongs to (server-identity.ts).
   * If not, the sign-in is held back, not deleted: the real Beeper Desktop may come back.
   * Returns whether the sign-in's state changed.
   */
  private verifyServer(): boolean {
    const server = this.server!;
    const stored = this.deps.vault.tokenFor(server.baseURL);
    const now = identityOfServer(server.info);
    const problem = this.mismatch(server.baseURL, server.info);
    const heldFor = this.reason?.code === DESKTOP_CHANGED ? this.reason.message : null;
    if (stored && problem) {
      const message = t('error.notTheSameDesktop', { url: server.baseURL, problem });
      // Stryker disable next-line BooleanLiteral: a redundant guard kept on purpose, token() also needs 'signed-in', which a held sign-in is not
      this.trusted = false;
      // Looked at again every few seconds while held: said (and logged) once, not each time.
      if (heldFor === message) return false;
      this.status = 'signed-out';
      this.reason = new AppError('unauthorized', message, { code: DESKTOP_CHANGED }).toJSON();
      this.deps.log.warn('the server at the Beeper Desktop address describes itself differently; sign-in held back', { known: stored.server, now });
      return true;
    }
    this.trusted = true;
    if (stored && (stored.server === null || stored.server.version !== now.version)) this.deps.vault.noteServer(server.baseURL, now);
    if (!stored || heldFor === null) return false;
    this.status = 'signed-in';
    this.reason = undefined;
    return true;
  }

  /**
   * The bearer token for API calls to `origin`, or null: never for any origin but the one it was
   * issued for. Drops an expired one.
   */
  token(origin: string): string | null {
    if (!this.server || !this.trusted || this.status !== 'signed-in' || originOf(this.server.baseURL) !== origin) return null;
    const stored = this.deps.vault.tokenFor(this.server.baseURL);
    if (!stored) return null;
    if (stored.expiresAt !== null && stored.expiresAt <= this.now()) {
      this.drop(expired());
      return null;
    }
    return stored.accessToken;
  }

  private api(server: { baseURL: string }): BeeperApi {
    return new BeeperApi({ baseURL: server.baseURL, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) });
  }

  private stopExpiry(): void {
    clearTimeout(this.expiryTimer ?? undefined);
    this.expiryTimer = null;
  }

  private armExpiry(expiresAt: number | null): void {
    this.stopExpiry();
    if (expiresAt === null) return;
    const delay = Math.min(MAX_TIMER, Math.max(0, expiresAt - this.now()));
    this.expiryTimer = setTimeout(() => {
      if (this.server && this.token(originOf(this.server.baseURL)) !== null) this.armExpiry(expiresAt); // timer capped below the real expiry
    }, delay);
    // Stryker disable next-line CallExpression: not observable in a test; keeps the timer from holding the process open
    this.expiryTimer.unref();
  }

  /** Keeps a token for the server that issued it, and only while that is still the server in use. */
  private async keep(server: { baseURL: string; info: Info }, accessToken: string, expiresAt: number | null, scope: string | null, source: TokenSource): Promise<void> {
    if (this.server?.baseURL !== server.baseURL) {
      throw new AppError('sign_in_failed', t('error.addressChanged'), { code: 'SERVER_CHANGED' });
    }
    const saving = this.deps.vault.save(server.baseURL, { accessToken, expiresAt, scope, source, server: identityOfServer(server.info) });
    this.trusted = true;
    this.status = 'signed-in';
    this.reason = undefined;
    this.armExpiry(expiresAt);
    this.deps.log.info('signed in to Beeper Desktop', { source, expiresAt: expiresAt && new Date(expiresAt).toISOString(), storage: this.deps.vault.status().backend });
    this.emit();
    try {
      await saving;
    } catch (e) {
      // Signed in for this run all the same; the next start asks to connect again.
      this.deps.log.warn('could not save the sign-in', { error: e });
    }
  }

  /** Forgets the token (401, expiry, undecryptable) and tells the UI why. */
  drop(reason: AppError): void {
    this.stopExpiry();
    this.deps.vault.clear();
    const wasSignedIn = this.status === 'signed-in';
    this.status = 'signed-out';
    this.reason = reason.toJSON();
    if (wasSignedIn) this.deps.log.warn('sign-in dropped', { reason: reason.kind, code: reason.code });
    this.emit();
  }

  /** For the API client: a 401 means Beeper Desktop no longer accepts the token. */
  handleUnauthorized(error: AppError): void {
    if (this.status === 'signed-in') this.drop(error);
  }

  async signIn(): Promise<void> {
    if (!this.server) throw notFoundYet();
    if (this.status === 'signing-in') throw new AppError('sign_in_failed', t('error.signInInProgress'));
    const server = this.server;
    this.signInAbort = new AbortController();
    this.status = 'signing-in';
    this.reason = undefined;
    this.emit();
    try {
      const result = await signInWithOAuth({
        api: this.api(server),
        info: server.info,
        baseURL: server.baseURL,
        clientID: this.deps.vault.clientID(server.baseURL),
        openExternal: this.deps.openExternal,
        signal: this.signInAbort.signal,
        log: this.deps.log,
        registerSecret: (s) => this.deps.log.secrets.add(s),
        now: () => this.now(),
        ...(this.deps.signInTimeoutMs ? { timeoutMs: this.deps.signInTimeoutMs } : {}),
      });
      this.deps.vault.setClientID(server.baseURL, result.clientID);
      await this.keep(server, result.accessToken, result.expiresAt, result.scope, 'oauth');
    } catch (e) {
      const err = this.signInEnded ?? toAppError(e); // signInWithOAuth fails only with an AppError
      // Beeper Desktop forgot our client (reinstalled, reset): register anew next time.
      if (err.code === 'invalid_client' || err.code === 'unauthorized_client') this.deps.vault.setClientID(server.baseURL, null);
      this.status = 'signed-out';
      this.reason = err.kind === 'cancelled' ? undefined : err.toJSON();
      this.emit();
      throw err;
      // Stryker disable next-line BlockStatement: equivalent, aborting a finished sign-in's controller does nothing
    } finally {
      this.signInAbort = null;
      this.signInEnded = null;
    }
  }

  cancelSignIn(): void {
    this.signInAbort?.abort();
  }

  /** A token created in Beeper Desktop (Settings → Developers): checked before it is kept. */
  async useToken(raw: string): Promise<void> {
    const server = this.server;
    if (!server) throw notFoundYet();
    const token = raw.trim().replace(/^bearer\s+/i, '');
    if (!/^[\x21-\x7e]{8,4096}$/.test(token)) throw new AppError('invalid_input', t('error.notAToken'));
    this.deps.log.secrets.add(token);
    const endpoint = sameOriginEndpoint(server.baseURL, server.info.endpoints.oauth.userinfo_endpoint, '/oauth/userinfo');
    let scope: string | null = null;
    let expiresAt: number | null = null;
    try {
      const info = await this.api(server).userinfo(endpoint, token);
      scope = info.scope ?? null;
      expiresAt = info.exp ? info.exp * 1000 : null;
    } catch (e) {
      if (e instanceof AppError && endsSignIn(e)) {
        throw new AppError('invalid_input', t('error.tokenRefused'), { code: e.code, status: e.status });
      }
      // Servers without userinfo: accept the token if it can read accounts.
      const probe = new BeeperApi({ baseURL: server.baseURL, getToken: () => token, readRetries: 0, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) });
      try {
        await probe.accounts();
      } catch (e2) {
        const err = toAppError(e2);
        if (endsSignIn(err)) throw new AppError('invalid_input', t('error.tokenRefused'));
        throw err;
      }
    }
    if (scope && !scopesOf(scope).includes('write')) {
      throw new AppError('missing_scope', t('error.tokenReadOnly'));
    }
    await this.keep(server, token, expiresAt, scope, 'manual');
  }

  /** Revokes the token at Beeper Desktop (best effort), then wipes it. */
  async signOut(): Promise<{ revoked: boolean }> {
    const server = this.server;
    const token = server ? this.token(originOf(server.baseURL)) : null;
    let revoked = false;
    if (token && server) {
      try {
        const endpoint = sameOriginEndpoint(server.baseURL, server.info.endpoints.oauth.revocation_endpoint, '/oauth/revoke');
        await this.api(server).revoke(endpoint, token);
        revoked = true;
      } catch (e) {
        this.deps.log.warn('could not revoke the token; wiping it anyway', { error: e });
      }
    }
    this.stopExpiry();
    this.deps.vault.clear();
    this.status = 'signed-out';
    this.reason = undefined;
    this.emit();
    return { revoked };
  }

  /** The user's answer to "keep the sign-in unencrypted?"; applies to the token of this run. */
  async storageChanged(): Promise<void> {
    try {
      await this.deps.vault.persist();
    } catch (e) {
      this.deps.log.warn('could not save the sign-in', { error: e });
    }
    this.emit();
  }

  dispose(): void {
    this.signInAbort?.abort();
    this.stopExpiry();
  }
}
