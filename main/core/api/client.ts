/**
 * The Beeper Desktop API, as this app uses it. Wraps the official `@beeper/desktop-api` client: its
 * typed methods where they exist (`accounts.list`, `info.retrieve`), its generic get/post/delete for
 * the bridges routes and OAuth. Every answer is validated; every failure becomes an AppError.
 *
 * Reads keep the SDK's retries (with a shorter timeout). Step submits and session creation are not
 * idempotent by contract, so they never retry, and `display_and_wait` — a long-poll that can
 * legitimately take minutes — gets a long timeout and is cancelled through an AbortSignal.
 */
import BeeperDesktop from '@beeper/desktop-api';
import { z } from 'zod';
import { AppError, endsSignIn, toAppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { RequestOf } from '../../../preload/contract/schemas.ts';
import {
  AccountSchema,
  AppSetupSchema,
  BridgeLoginSchema,
  BridgeSchema,
  CancelResponseSchema,
  InfoSchema,
  LoginFlowSchema,
  LoginSessionSchema,
  lenientList,
  issuePath,
  parseCollectingSkipped,
  RegistrationSchema,
  RemoveResponseSchema,
  TokenResponseSchema,
  UserinfoSchema,
  type Account,
  type AppState,
  type Bridge,
  type BridgeLogin,
  type Info,
  type LoginFlow,
  type LoginSession,
  type RemoveResponse,
  type RemoveScope,
} from './schemas.ts';
import { t } from '../i18n.ts';

export interface ApiClientOptions {
  baseURL: string;
  /** The access token for this origin (null when signed out, or issued for another). Read on every request; none without it (discovery, the sign-in's own calls). */
  getToken?: (origin: string) => string | null;
  /** Told about 401s so the sign-in can be dropped. */
  onUnauthorized?: (error: AppError) => void;
  /** The current token's scopes, when known: a 403 on a write call with a read-only token means a missing scope. */
  getScopes?: () => readonly string[] | undefined;
  /** Where skipped list items and unreadable steps are reported (once each). */
  log?: Logger;
  fetch?: typeof fetch;
  readTimeoutMs?: number;
  readRetries?: number;
  submitTimeoutMs?: number;
  longPollTimeoutMs?: number;
}

/**
 * What starts a login session (docs/beeper-desktop-api.md §3.2): the window's `sessions.start` (a bridge
 * and maybe a flow), plus the login or account a reconnect names (sessions/reconnect.ts decides which).
 */
export type StartRequest = RequestOf<'sessions.start'> & { loginID?: string | undefined; accountID?: string | undefined };

/** The body of a session-start request: the IDs that were given, and no others. */
export function startBody({ flowID, loginID, accountID }: StartRequest): { flowID?: string; loginID?: string; accountID?: string } {
  return { ...(flowID && { flowID }), ...(loginID && { loginID }), ...(accountID && { accountID }) };
}

export interface SubmitBody {
  type: 'user_input' | 'cookies' | 'display_and_wait';
  fields?: Record<string, string>;
  lastURL?: string;
  source?: 'api' | 'webview' | 'browser_extension';
}

type Context = 'read' | 'session' | 'submit';

const enc = encodeURIComponent;

/** List answers are `{ items: [...] }`; one malformed item is skipped, not the list. */
const listOf = <S extends z.ZodType>(item: S, what: string) => z.object({ items: lenientList(item, what) });

/**
 * Validates an answer; a mismatch is an `invalid_response` AppError naming the paths, never values.
 * What the lenient schemas skipped on the way goes to `onSkipped`. A login session that cannot be
 * read still names its ID when it has one, so the caller can cancel it.
 */
export function parseResponse<S extends z.ZodType>(schema: S, data: unknown, what: string, onSkipped?: (skipped: string[]) => void): z.infer<S> {
  const { result, skipped } = parseCollectingSkipped(schema, data);
  if (skipped.length > 0) onSkipped?.(skipped);
  if (result.success) return result.data as z.infer<S>;
  const where = result.error.issues
    .slice(0, 3)
    .map(issuePath)
    .join(', ');
  const id = typeof data === 'object' && data !== null ? (data as { loginSessionID?: unknown }).loginSessionID : undefined;
  throw new AppError('invalid_response', t('error.unexpectedAnswer', { what, where }), {
    code: 'INVALID_RESPONSE',
    loginSessionID: typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined,
  });
}

export class BeeperApi {
  readonly baseURL: string;
  /** The origin the token is asked for: fixed for this client, so worked out once. */
  private readonly origin: string;
  private readonly opts: Required<Omit<ApiClientOptions, 'getToken' | 'onUnauthorized' | 'fetch' | 'log' | 'getScopes'>> & Pick<ApiClientOptions, 'getToken' | 'onUnauthorized' | 'fetch' | 'log' | 'getScopes'>;
  private cached: { token: string | null; client: BeeperDesktop } | null = null;
  /** What was already reported as skipped: each once, not on every refresh. */
  private readonly reported = new Set<string>();

  constructor(opts: ApiClientOptions) {
    this.baseURL = opts.baseURL.replace(/\/+$/, '');
    this.origin = new URL(this.baseURL).origin;
    this.opts = {
      readTimeoutMs: 15_000,
      readRetries: 2,
      submitTimeoutMs: 60_000,
      longPollTimeoutMs: 10 * 60_000,
      ...opts,
    };
  }

  private client(): BeeperDesktop {
    const token = this.opts.getToken?.(this.origin) ?? null;
    if (!this.cached || this.cached.token !== token) {
      this.cached = {
        token,
        client: new BeeperDesktop({
          baseURL: this.baseURL,
          accessToken: token ?? '',
          timeout: this.opts.readTimeoutMs,
          maxRetries: this.opts.readRetries,
          // Stryker disable next-line StringLiteral: not observable here, the SDK's debug logs go to the console
          logLevel: 'off', // the SDK's debug logs would include request headers
          fetch: this.tokenCheckedFetch(token),
        }),
      };
    }
    return this.cached.client;
  }

  /**
   * The SDK client is built with a token and sends it with every request it makes, retries
   * included, even one retried after Beeper Desktop stopped and something else took its port. So
   * the token is asked for again as each request leaves: a request still carrying `token` goes with
   * the token allowed now, or not at all (sent without it, Beeper Desktop would answer 401 and the
   * sign-in would be dropped). The SDK then reports it as a connection failure.
   */
  private tokenCheckedFetch(token: string | null): typeof fetch {
    const send = this.opts.fetch ?? fetch;
    // Stryker disable next-line ConditionalExpression: equivalent, without a token no request carries one to check
    if (!token) return send;
    return (input, init) => {
      // Stryker disable next-line OptionalChaining: equivalent, the SDK always passes init
      const headers = new Headers(init?.headers);
      if (headers.get('authorization') === `Bearer ${token}`) {
        // Stryker disable next-line OptionalChaining: equivalent, a bearer token was sent, so there is a getToken
        const now = this.opts.getToken?.(this.origin) ?? null;
        // Stryker disable next-line StringLiteral: the SDK reports any failed fetch as a connection error, without this text
        if (now === null) return Promise.reject(new Error('The sign-in is not sent until Beeper Desktop is confirmed again.'));
        headers.set('authorization', `Bearer ${now}`);
      }
      return send(input, { ...init, headers });
    };
  }

  /**
   * One API call: its answer parsed with `schema` (`what` names it in errors), its failure read in
   * `context`. `access: 'write'` marks a call that changes something, so a 403 with a read-only token
   * is reported as the missing scope.
   */
  private async call<S extends z.ZodType>(schema: S, what: string, context: Context, request: (c: BeeperDesktop) => Promise<unknown>, access: 'read' | 'write' = 'read'): Promise<z.infer<S>> {
    let data: unknown;
    try {
      data = await request(this.client());
    } catch (e) {
      const err = this.readOnlyRefusal(toAppError(e, context), access === 'write');
      if (endsSignIn(err)) this.opts.onUnauthorized?.(err);
      throw err;
    }
    return parseResponse(schema, data, what, (skipped) => this.reportSkipped(what, skipped));
  }

  /** A write refused (403) while the token can only read: that is the missing scope, whatever the code. */
  private readOnlyRefusal(err: AppError, write: boolean): AppError {
    const scopes = this.opts.getScopes?.();
    if (err.kind !== 'forbidden' || !write || !scopes || scopes.includes('write')) return err;
    return new AppError('missing_scope', t('error.readOnly'), { code: err.code, status: err.status, cause: err });
  }

  private reportSkipped(what: string, skipped: string[]): void {
    const fresh = skipped.filter((s) => !this.reported.has(`${what}|${s}`));
    if (fresh.length === 0 || this.reported.size > 1_000) return;
    for (const s of fresh) this.reported.add(`${what}|${s}`);
    this.opts.log?.warn('skipped parts of an answer this app cannot read', { what, skipped: fresh.slice(0, 10) });
  }

  // ---------------------------------------------------------------- open routes

  async info(opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Info> {
    return this.call(InfoSchema, 'server description', 'read', (c) =>
      c.info.retrieve({ timeout: opts.timeoutMs ?? this.opts.readTimeoutMs, maxRetries: 0, signal: opts.signal ?? null }),
    );
  }

  /** Beeper Desktop's own sign-in state. 401/403/404 mean "unknown" (older servers), as beeper/cli treats them. */
  async appState(): Promise<AppState> {
    try {
      const r = await this.call(AppSetupSchema, 'app state', 'read', (c) => c.get('/v1/app/setup', { __security: {}, maxRetries: 1 }));
      return r.state;
    } catch (e) {
      if (e instanceof AppError && (e.status === 401 || e.status === 403 || e.status === 404)) return 'unknown';
      throw e;
    }
  }

  // ---------------------------------------------------------------- accounts, bridges, logins

  accounts(): Promise<Account[]> {
    return this.call(lenientList(AccountSchema, 'account'), 'account list', 'read', (c) => c.accounts.list());
  }

  async bridges(): Promise<Bridge[]> {
    return (await this.call(listOf(BridgeSchema, 'bridge'), 'bridge list', 'read', (c) => c.get('/v1/bridges'))).items;
  }

  async loginFlows(bridgeID: string): Promise<LoginFlow[]> {
    return (await this.call(listOf(LoginFlowSchema, 'login flow'), 'login flow list', 'read', (c) => c.get(`/v1/bridges/${enc(bridgeID)}/login-flows`))).items;
  }

  async logins(bridgeID: string): Promise<BridgeLogin[]> {
    return (await this.call(listOf(BridgeLoginSchema, 'login'), 'login list', 'read', (c) => c.get(`/v1/bridges/${enc(bridgeID)}/logins`))).items;
  }

  removeLogin(bridgeID: string, loginID: string, scope: RemoveScope): Promise<RemoveResponse> {
    return this.call(RemoveResponseSchema, 'removal result', 'read', (c) =>
      c.post(`/v1/bridges/${enc(bridgeID)}/logins/${enc(loginID)}/remove`, { body: { scope }, maxRetries: 0 }),
      'write',
    );
  }

  // ---------------------------------------------------------------- login sessions

  createSession(bridgeID: string, body: ReturnType<typeof startBody>, signal?: AbortSignal): Promise<LoginSession> {
    return this.call(LoginSessionSchema, 'login session', 'submit', (c) =>
      // Creating may take several seconds (WhatsApp waits up to 15 s for its first QR).
      c.post(`/v1/bridges/${enc(bridgeID)}/login-sessions`, { body, maxRetries: 0, timeout: this.opts.submitTimeoutMs, signal: signal ?? null }),
      'write',
    );
  }

  getSession(bridgeID: string, sessionID: string, signal?: AbortSignal): Promise<LoginSession> {
    return this.call(LoginSessionSchema, 'login session', 'session', (c) =>
      c.get(`/v1/bridges/${enc(bridgeID)}/login-sessions/${enc(sessionID)}`, { signal: signal ?? null }),
    );
  }

  async cancelSession(bridgeID: string, sessionID: string): Promise<void> {
    await this.call(CancelResponseSchema, 'cancel result', 'session', (c) =>
      c.delete(`/v1/bridges/${enc(bridgeID)}/login-sessions/${enc(sessionID)}`, { maxRetries: 0 }),
      'write',
    );
  }

  /** Never retried. `display_and_wait` blocks until the bridge has news: long timeout, abortable. */
  submitStep(bridgeID: string, sessionID: string, stepID: string, body: SubmitBody, signal?: AbortSignal): Promise<LoginSession> {
    const timeout = body.type === 'display_and_wait' ? this.opts.longPollTimeoutMs : this.opts.submitTimeoutMs;
    return this.call(LoginSessionSchema, 'login session', 'submit', (c) =>
      c.post(`/v1/bridges/${enc(bridgeID)}/login-sessions/${enc(sessionID)}/steps/${enc(stepID)}`, {
        body,
        maxRetries: 0,
        timeout,
        signal: signal ?? null,
      }),
      'write',
    );
  }

  // ---------------------------------------------------------------- OAuth (no bearer; form-encoded per the RFCs)

  register(endpoint: string, body: Record<string, unknown>): Promise<z.infer<typeof RegistrationSchema>> {
    return this.call(RegistrationSchema, 'client registration', 'read', (c) => c.post(endpoint, { body, __security: {}, maxRetries: 0 }));
  }

  exchangeCode(endpoint: string, fields: Record<string, string>): Promise<z.infer<typeof TokenResponseSchema>> {
    return this.call(TokenResponseSchema, 'token response', 'read', (c) =>
      c.post(endpoint, { body: new URLSearchParams(fields), __security: {}, maxRetries: 0 }),
    );
  }

  async revoke(endpoint: string, token: string): Promise<void> {
    try {
      await this.client().post(endpoint, { body: new URLSearchParams({ token, token_type_hint: 'access_token' }), __security: {}, maxRetries: 1 });
    } catch (e) {
      throw toAppError(e);
    }
  }

  /** Who a token belongs to; used to check a pasted token before keeping it. */
  userinfo(endpoint: string, token: string): Promise<z.infer<typeof UserinfoSchema>> {
    return this.call(UserinfoSchema, 'token description', 'read', (c) =>
      c.get(endpoint, { __security: {}, headers: { authorization: `Bearer ${token}` }, maxRetries: 1 }),
    );
  }
}
