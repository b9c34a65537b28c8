/**
 * Errors the simulator answers with: the v1 `{code, message, details?}` body (docs/beeper-desktop-api.md §5.1).
 *
 * The generic `code` strings for non-connector errors are not published [GUESS]; they all live in
 * `Codes` below so they are easy to change in one place. Connector codes (FI.MAU.*, M_*) are the
 * bridgev2 ones docs/beeper-desktop-api.md §5.1 lists.
 */
import type { WireErrorBody } from './wire.ts';

export const Codes = {
  // Generic v1 errors [GUESS]
  UNAUTHORIZED: 'UNAUTHORIZED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  INSUFFICIENT_SCOPE: 'INSUFFICIENT_SCOPE',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_REQUEST: 'INVALID_REQUEST',
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  BRIDGE_UNAVAILABLE: 'BRIDGE_UNAVAILABLE',
  BRIDGE_DISABLED: 'BRIDGE_DISABLED',
  INVALID_SCOPE: 'INVALID_SCOPE',
  // bridgev2 provisioning errors [SEEN S11]
  TOO_MANY_LOGINS: 'FI.MAU.BRIDGE.TOO_MANY_LOGINS',
  LOGIN_CANCELLED: 'FI.MAU.BRIDGE.LOGIN_CANCELLED',
  LOGIN_TIMED_OUT: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT',
  LOGIN_ALREADY_FINISHED: 'FI.MAU.BRIDGE.LOGIN_ALREADY_FINISHED',
  BAD_STATE: 'M_BAD_STATE',
  BAD_JSON: 'M_BAD_JSON',
  M_NOT_FOUND: 'M_NOT_FOUND',
} as const;

export class SimError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  body(): WireErrorBody {
    const body: WireErrorBody = { code: this.code, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export const notFound = (what: string): SimError => new SimError(404, Codes.NOT_FOUND, `${what} not found`);

/** OAuth endpoints answer RFC 6749 style `{error, error_description}` bodies. */
export class OAuthError extends Error {
  readonly status: number;
  readonly error: string;

  constructor(status: number, error: string, description: string) {
    super(description);
    this.status = status;
    this.error = error;
  }
}
