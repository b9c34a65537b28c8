/**
 * Every failure the core reports is an AppError: a kind the UI can act on, a short user-facing
 * message, and the API's own `code`/status kept for diagnostics. Messages never contain tokens.
 */
import BeeperDesktop from '@beeper/desktop-api';
import { t } from './i18n.ts';

export type AppErrorKind =
  | 'not_running' // Beeper Desktop (its API) cannot be reached
  | 'unauthorized' // the token is missing or no longer accepted
  | 'token_expired'
  | 'missing_scope'
  | 'forbidden' // a 403 for any other reason: the server's own message says why
  | 'rate_limited'
  | 'bridge_unavailable' // limit reached, temporarily unavailable, disabled
  | 'session_expired' // the login session is gone or timed out
  | 'cancelled'
  | 'invalid_input' // the network rejected what the user typed; the step can be retried
  | 'not_found'
  | 'server_error'
  | 'network' // timeouts, resets, anything else on the wire
  | 'invalid_response' // an answer that does not match the API contract
  | 'unsupported' // e.g. a login step type this app cannot show
  | 'sign_in_failed'
  | 'invalid_request' // a malformed IPC request
  | 'unknown';

export interface AppErrorJSON {
  kind: AppErrorKind;
  message: string;
  code?: string | undefined;
  status?: number | undefined;
}

/** The sign-in is gone (expired, or no longer accepted): the user has to connect again. */
export const endsSignIn = (e: Pick<AppErrorJSON, 'kind'>): boolean => e.kind === 'unauthorized' || e.kind === 'token_expired';

export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly code: string | undefined;
  readonly status: number | undefined;
  /** Seconds to wait, from Retry-After, when known. */
  readonly retryAfterSec: number | undefined;
  /** The server's ID of a login session whose answer could not be read (so it can be cancelled). */
  readonly loginSessionID: string | undefined;

  constructor(
    kind: AppErrorKind,
    message: string,
    opts: { code?: string | undefined; status?: number | undefined; retryAfterSec?: number | undefined; loginSessionID?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = opts.code;
    this.status = opts.status;
    this.retryAfterSec = opts.retryAfterSec;
    this.loginSessionID = opts.loginSessionID;
  }

  toJSON(): AppErrorJSON {
    const out: AppErrorJSON = { kind: this.kind, message: this.message };
    if (this.code !== undefined) out.code = this.code;
    if (this.status !== undefined) out.status = this.status;
    return out;
  }
}

/** The app's own sentence for each kind of error, where the server gave none, in the user's language. */
export const messageOf = (kind: AppErrorKind): string => t(`error.${kind}`);

/** Connector codes that mean "this bridge cannot take a new login" [GUESS for the non-FI.MAU ones]. */
const BRIDGE_UNAVAILABLE_CODES = new Set(['FI.MAU.BRIDGE.TOO_MANY_LOGINS', 'BRIDGE_UNAVAILABLE', 'BRIDGE_DISABLED']);
/**
 * A 403 means "connect again and approve all permissions" only when its code says a scope is
 * missing (INSUFFICIENT_SCOPE, OAuth's insufficient_scope, …). Any other 403 — a bridge turned off,
 * a limit, a waitlist, codes newer than this app — shows the server's own message.
 */
const isScopeCode = (code: string | undefined): boolean => code !== undefined && /SCOPE/i.test(code);
const TIMED_OUT = /TIMED?_?OUT/;
const timedOutMessage = (): string => t('error.timedOut');

/**
 * What a connector's error code means, wherever it arrives: in an error answer or in a session that
 * ended with `status: 'failed'`. Null for codes that say nothing this app acts on.
 */
export function kindOfCode(code: string | undefined): Extract<AppErrorKind, 'bridge_unavailable' | 'cancelled' | 'session_expired'> | null {
  if (!code) return null;
  if (BRIDGE_UNAVAILABLE_CODES.has(code)) return 'bridge_unavailable';
  if (code === 'FI.MAU.BRIDGE.LOGIN_CANCELLED') return 'cancelled';
  if (code === 'FI.MAU.BRIDGE.LOGIN_ALREADY_FINISHED' || TIMED_OUT.test(code)) return 'session_expired';
  return null;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  error?: unknown; // legacy v0 bodies: message under `error`; OAuth bodies: the error code
  error_description?: unknown; // OAuth (RFC 6749 §5.2)
}

/** What this module reads of the SDK's APIError (its generics default to `any`). */
interface SdkAPIError {
  status: number | undefined;
  error: unknown;
  headers: Headers | undefined;
}

function bodyOf(e: SdkAPIError): { code?: string; message?: string } {
  const body = (e.error ?? {}) as ErrorBody;
  const out: { code?: string; message?: string } = {};
  if (typeof body.error === 'string' && typeof body.error_description === 'string' && body.code === undefined) {
    return { code: body.error, message: body.error_description };
  }
  if (typeof body.code === 'string') out.code = body.code;
  const raw = typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : undefined;
  // A blank message says nothing: the app's own sentence is shown instead.
  const message = raw?.trim() ? raw : undefined;
  if (message) out.message = message;
  return out;
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/**
 * Maps anything thrown by the SDK (or fetch, or a schema) to an AppError.
 * `context` adjusts a few meanings: a 404 on a login session means the session expired.
 */
export function toAppError(e: unknown, context: 'read' | 'session' | 'submit' = 'read'): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof BeeperDesktop.APIUserAbortError) return new AppError('cancelled', messageOf('cancelled'), { cause: e });
  if (e instanceof BeeperDesktop.APIConnectionTimeoutError) return new AppError('network', timedOutMessage(), { cause: e });
  // A refused or reset connection: Beeper Desktop quit or its API is off.
  if (e instanceof BeeperDesktop.APIConnectionError) return new AppError('not_running', messageOf('not_running'), { cause: e });
  if (e instanceof BeeperDesktop.APIError) return fromErrorAnswer(e as SdkAPIError, context);
  if (e instanceof SyntaxError) return new AppError('invalid_response', messageOf('invalid_response'), { cause: e });
  return new AppError('unknown', messageOf('unknown'), { cause: e });
}

type ErrorAnswer = { api: SdkAPIError; status: number | undefined; code: string | undefined; message: string | undefined; opts: { code: string | undefined; status: number | undefined; cause: unknown } };

/** An HTTP error answer. The status decides first; a connector code only refines the other 4xx. */
function fromErrorAnswer(api: SdkAPIError, context: 'read' | 'session' | 'submit'): AppError {
  const status = api.status;
  const { code, message } = bodyOf(api);
  const a: ErrorAnswer = { api, status, code, message, opts: { code, status, cause: api } };
  return byStatus(a) ?? byCode(a) ?? byClientStatus(a, context);
}

/** What the status alone says: a 408 or a 5xx says nothing about the login itself (a proxy's GATEWAY_TIMEOUT is not a login that timed out). */
function byStatus({ api, status, code, message, opts }: ErrorAnswer): AppError | null {
  if (status === 401) return code === 'TOKEN_EXPIRED' ? new AppError('token_expired', messageOf('token_expired'), opts) : new AppError('unauthorized', messageOf('unauthorized'), opts);
  if (status === 408) return new AppError('network', timedOutMessage(), opts);
  if (status !== undefined && status >= 500) return new AppError('server_error', messageOf('server_error'), opts);
  if (status === 403 && kindOfCode(code) !== 'bridge_unavailable') return isScopeCode(code) ? new AppError('missing_scope', messageOf('missing_scope'), opts) : new AppError('forbidden', message ?? messageOf('forbidden'), opts);
  if (status === 429) return new AppError('rate_limited', messageOf('rate_limited'), { ...opts, retryAfterSec: retryAfter(api.headers) });
  return null;
}

function byCode({ code, message, opts }: ErrorAnswer): AppError | null {
  switch (kindOfCode(code)) {
    case 'bridge_unavailable':
      return new AppError('bridge_unavailable', message ?? messageOf('bridge_unavailable'), opts);
    case 'cancelled':
      return new AppError('cancelled', messageOf('cancelled'), opts);
    case 'session_expired':
      return new AppError('session_expired', TIMED_OUT.test(code ?? '') ? t('error.loginTimedOut') : messageOf('session_expired'), opts);
    default:
      return null;
  }
}

/** A 4xx without a code this app knows: what it means depends on the route. */
function byClientStatus({ status, message, opts }: ErrorAnswer, context: 'read' | 'session' | 'submit'): AppError {
  if (status === 410) return new AppError('session_expired', message ?? messageOf('session_expired'), opts);
  if (status === 404) return context === 'read' ? new AppError('not_found', message ?? messageOf('not_found'), opts) : new AppError('session_expired', messageOf('session_expired'), opts);
  if ((status === 400 || status === 422) && context === 'submit') return new AppError('invalid_input', message ?? messageOf('invalid_input'), opts);
  return new AppError('unknown', message ?? messageOf('unknown'), opts);
}
