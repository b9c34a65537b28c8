/** main/core/errors.ts: what each error answer means to the user. */
import BeeperDesktop from '@beeper/desktop-api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BeeperApi } from '../../../main/core/api/client.ts';
import { AppError, endsSignIn, kindOfCode, messageOf, toAppError } from '../../../main/core/errors.ts';

const apiError = (status: number, body: unknown, headers: Record<string, string> = {}): Error =>
  BeeperDesktop.APIError.generate(status, body as object, undefined, new Headers(headers));

describe('toAppError', () => {
  it.each([
    [401, { code: 'UNAUTHORIZED', message: 'x' }, 'read', 'unauthorized'],
    [401, { code: 'TOKEN_EXPIRED', message: 'x' }, 'read', 'token_expired'],
    [403, { code: 'INSUFFICIENT_SCOPE', message: 'x' }, 'read', 'missing_scope'],
    [403, { code: 'FI.MAU.BRIDGE.TOO_MANY_LOGINS', message: 'Limit' }, 'submit', 'bridge_unavailable'],
    [400, { code: 'BRIDGE_UNAVAILABLE', message: 'Down' }, 'submit', 'bridge_unavailable'],
    [429, { code: 'RATE_LIMITED', message: 'x' }, 'read', 'rate_limited'],
    [410, { code: 'FI.MAU.BRIDGE.LOGIN_CANCELLED', message: 'x' }, 'submit', 'cancelled'],
    [410, { code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT', message: 'x' }, 'submit', 'session_expired'],
    [404, { code: 'NOT_FOUND', message: 'x' }, 'session', 'session_expired'],
    [404, { code: 'NOT_FOUND', message: 'Bridge x not found' }, 'read', 'not_found'],
    [400, { code: 'M_BAD_JSON', message: 'Invalid phone number' }, 'submit', 'invalid_input'],
    [422, { code: 'VALIDATION_ERROR', message: 'x' }, 'submit', 'invalid_input'],
    [503, { code: 'INTERNAL_ERROR', message: 'x' }, 'read', 'server_error'],
  ] as const)('HTTP %i %j (%s) → %s, keeping the API code', (status, body, context, kind) => {
    const e = toAppError(apiError(status, body), context);
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.code).toBe(body.code);
    expect(e.message).toMatch(/\S/);
  });

  it('a 403 means a missing scope only when its code says so; any other 403 shows the server’s own message', () => {
    expect(toAppError(apiError(403, { code: 'insufficient_scope', message: 'x' })).kind).toBe('missing_scope');
    for (const body of [
      { code: 'COM.BEEPER.BLUESKY.INVITE_REQUIRED', message: 'Bluesky is invite-only for now.' },
      { code: 'BRIDGE_PAUSED_BY_ADMIN', message: 'Paused by your admin.' },
    ]) {
      const e = toAppError(apiError(403, body), 'submit');
      expect([e.kind, e.message, e.code]).toEqual(['forbidden', body.message, body.code]);
    }
  });

  it('a blank message from the server is replaced by the app’s own', () => {
    expect(toAppError(apiError(403, { code: 'SOMETHING_NEW', message: ' \n ' })).message).toBe('Beeper Desktop refused this.');
    expect(toAppError(apiError(400, { code: 'M_BAD_JSON', message: '' }), 'submit').message).toBe('That was not accepted. Check it and try again.');
  });

  it('a write refused with a read-only token is a missing scope, whatever the code; a read is not', async () => {
    const server = createServer((_req, res) => res.writeHead(403, { 'content-type': 'application/json' }).end('{"code":"FORBIDDEN","message":"Not allowed."}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const api = (scopes: string[]) => new BeeperApi({ baseURL, getToken: () => 't', getScopes: () => scopes, readRetries: 0 });
      await expect(api(['read']).createSession('b', {})).rejects.toMatchObject({ kind: 'missing_scope' });
      await expect(api(['read', 'write']).createSession('b', {})).rejects.toMatchObject({ kind: 'forbidden', message: 'Not allowed.' });
      await expect(api(['read']).bridges()).rejects.toMatchObject({ kind: 'forbidden' });
    } finally {
      server.close();
    }
  });

  it('the HTTP status decides first: a 5xx is a server error whatever its code says, and 500 itself is one', () => {
    for (const [status, code] of [
      [504, 'GATEWAY_TIMEOUT'],
      [503, 'BRIDGE_UNAVAILABLE'],
      [500, 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT'],
      [500, undefined],
      [599, 'COM.EXAMPLE.NEW'],
    ] as const) {
      const e = toAppError(apiError(status, code ? { code, message: 'x' } : {}), 'submit');
      expect([e.kind, e.status, e.code], `${status} ${code}`).toEqual(['server_error', status, code]);
    }
  });

  it('a 408 means the request timed out: the same as no answer in time, never a login that expired', () => {
    for (const context of ['read', 'session', 'submit'] as const) {
      const e = toAppError(apiError(408, { code: 'REQUEST_TIMEOUT', message: 'x' }), context);
      expect([e.kind, e.code, e.status]).toEqual(['network', 'REQUEST_TIMEOUT', 408]);
    }
  });

  it('connector codes refine a 4xx: a timed-out login on a 400 has expired, on a 499 too', () => {
    expect(toAppError(apiError(400, { code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT', message: 'x' }), 'submit').kind).toBe('session_expired');
    expect(toAppError(apiError(499, { code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT', message: 'x' }), 'submit').kind).toBe('session_expired');
  });

  it('reads Retry-After (seconds) on 429', () => {
    expect(toAppError(apiError(429, { code: 'RATE_LIMITED' }, { 'retry-after': '12' })).retryAfterSec).toBe(12);
  });

  it('reads Retry-After as an HTTP date too, and ignores one it cannot read', () => {
    const inTen = new Date(Date.now() + 10_000).toUTCString();
    const fromDate = toAppError(apiError(429, {}, { 'retry-after': inTen })).retryAfterSec!;
    expect(fromDate).toBeGreaterThanOrEqual(8);
    expect(fromDate).toBeLessThanOrEqual(10);
    expect(toAppError(apiError(429, {}, { 'retry-after': new Date(Date.now() - 60_000).toUTCString() })).retryAfterSec).toBe(0);
    expect(toAppError(apiError(429, {}, { 'retry-after': '-5' })).retryAfterSec).toBe(0);
    expect(toAppError(apiError(429, {}, { 'retry-after': 'soon' })).retryAfterSec).toBeUndefined();
    expect(toAppError(apiError(429, {})).retryAfterSec).toBeUndefined();
  });

  it.each([
    [410, {}, 'submit', 'session_expired', 'This login attempt has expired. Start again.'],
    [410, { code: 'FI.MAU.BRIDGE.LOGIN_ALREADY_FINISHED', message: 'x' }, 'submit', 'session_expired', 'This login attempt has expired. Start again.'],
    [400, { message: 'Bad request' }, 'read', 'unknown', 'Bad request'],
    [418, {}, 'read', 'unknown', 'Something went wrong.'],
  ] as const)('HTTP %i %j (%s) → %s: “%s”', (status, body, context, kind, message) => {
    const e = toAppError(apiError(status, body), context);
    expect([e.kind, e.message]).toEqual([kind, message]);
  });

  it('reads legacy `{error}` bodies and OAuth `{error, error_description}` bodies', () => {
    expect(toAppError(apiError(400, { error: 'Old style message' })).message).toBe('Old style message');
    const oauth = toAppError(apiError(400, { error: 'invalid_grant', error_description: 'Code expired' }));
    expect([oauth.code, oauth.message]).toEqual(['invalid_grant', 'Code expired']);
  });

  it('maps connection problems and aborts', () => {
    expect(toAppError(new BeeperDesktop.APIConnectionError({ message: 'refused' })).kind).toBe('not_running');
    expect(toAppError(new BeeperDesktop.APIConnectionTimeoutError()).kind).toBe('network');
    expect(toAppError(new BeeperDesktop.APIUserAbortError()).kind).toBe('cancelled');
    expect(toAppError(new SyntaxError('Unexpected end of JSON')).kind).toBe('invalid_response');
    expect(toAppError(new TypeError('boom')).kind).toBe('unknown');
  });

  it('serialises without causes or stacks', () => {
    const e = new AppError('network', 'Lost', { code: 'X', status: 500, cause: new Error('secret detail') });
    expect(JSON.stringify(e)).toBe('{"kind":"network","message":"Lost","code":"X","status":500}');
  });
});

describe('errors, exactly', () => {
  it('only a sign-in that is gone (refused, expired) asks to connect again', () => {
    const kinds = ['unauthorized', 'token_expired', 'missing_scope', 'forbidden', 'not_running', 'unknown'] as const;
    expect(kinds.map((kind) => endsSignIn({ kind }))).toEqual([true, true, false, false, false, false]);
  });

  it('an AppError: its name, its cause when given (none otherwise), and only the fields it has in JSON', () => {
    const cause = new Error('inner');
    const e = new AppError('network', 'Lost', { cause });
    expect([e.name, e.cause, e instanceof Error]).toEqual(['AppError', cause, true]);
    expect('cause' in new AppError('network', 'Lost')).toBe(false);
    expect(JSON.parse(JSON.stringify(new AppError('network', 'Lost')))).toEqual({ kind: 'network', message: 'Lost' });
    expect(new AppError('network', 'Lost', { code: 'C' }).toJSON()).toEqual({ kind: 'network', message: 'Lost', code: 'C' });
    expect(new AppError('network', 'Lost', { status: 0 }).toJSON()).toEqual({ kind: 'network', message: 'Lost', status: 0 });
  });

  it('an AppError passes through unchanged; what the SDK or a parser throws keeps the original as its cause', () => {
    const own = new AppError('forbidden', 'No');
    expect(toAppError(own)).toBe(own);
    for (const thrown of [new BeeperDesktop.APIUserAbortError(), new BeeperDesktop.APIConnectionTimeoutError(), new BeeperDesktop.APIConnectionError({ message: 'x' }), new SyntaxError('x'), new TypeError('x')]) {
      expect(toAppError(thrown).cause).toBe(thrown);
    }
  });

  it('the app’s own sentences where the server says nothing', () => {
    const m = (status: number, context: 'read' | 'session' | 'submit' = 'read', body: object = {}) => toAppError(apiError(status, body), context).message;
    expect(toAppError(new BeeperDesktop.APIConnectionError({ message: 'refused' })).message).toBe('Beeper Desktop is not reachable. Make sure it is running and its API is turned on.');
    expect(toAppError(new BeeperDesktop.APIConnectionTimeoutError()).message).toBe('Beeper Desktop did not answer in time.');
    expect(m(408)).toBe('Beeper Desktop did not answer in time.');
    expect(m(400, 'submit', { code: 'BRIDGE_DISABLED' })).toBe('This network cannot be connected right now.');
    expect(m(404, 'read')).toBe('That no longer exists in Beeper Desktop.');
    expect(m(404, 'session', { message: 'Session ls_1 not found' })).toBe('This login attempt has expired. Start again.');
    expect(toAppError(new SyntaxError('x')).message).toBe('Beeper Desktop sent an answer this app does not understand.');
    expect(m(400, 'submit', { code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT' })).toBe('The login timed out. Start again.');
    expect(m(400, 'submit', { code: 'FI.MAU.BRIDGE.LOGIN_ALREADY_FINISHED' })).toBe('This login attempt has expired. Start again.');
    expect(m(400, 'read')).toBe('Something went wrong.');
    expect(m(422, 'read', { message: 'Nope' })).toBe('Nope'); // a 422 on a read is not an input error
    expect(m(400, 'session', { message: 'Nope' })).toBe('Nope');
    expect(['network', 'unsupported', 'sign_in_failed', 'invalid_request'].map((k) => messageOf(k as 'network'))).toEqual(['The connection to Beeper Desktop was interrupted. Try again.', 'This step is not supported by this app yet.', 'Signing in to Beeper Desktop did not complete.', 'The request was not valid.']);
  });

  it('connector codes: each that means “unavailable”, every spelling of a timeout, nothing for no code', () => {
    for (const code of ['FI.MAU.BRIDGE.TOO_MANY_LOGINS', 'BRIDGE_UNAVAILABLE', 'BRIDGE_DISABLED']) expect(kindOfCode(code), code).toBe('bridge_unavailable');
    for (const code of ['LOGIN_TIMED_OUT', 'LOGIN_TIMEDOUT', 'LOGIN_TIME_OUT', 'LOGIN_TIMEOUT']) expect(kindOfCode(code), code).toBe('session_expired');
    for (const code of [undefined, '', 'TIME', 'OUT']) expect(kindOfCode(code), String(code)).toBeNull();
    // The server's own words win over the app's.
    expect(toAppError(apiError(400, { code: 'BRIDGE_DISABLED', message: 'Turned off by your admin.' }), 'submit').message).toBe('Turned off by your admin.');
    expect(toAppError(apiError(404, { message: 'No such bridge' }), 'read').message).toBe('No such bridge');
  });

  it('error bodies: the OAuth shape only when it has no code of its own; a message beats a legacy error; codes only as strings', () => {
    expect(toAppError(apiError(400, { error: 'invalid_grant', error_description: 'd', code: 'OWN' }))).toMatchObject({ code: 'OWN', message: 'invalid_grant' });
    expect(toAppError(apiError(400, { error: 'e', error_description: 7 }))).toMatchObject({ code: undefined, message: 'e' });
    expect(toAppError(apiError(400, { error: 7, error_description: 'd' }))).toMatchObject({ code: undefined, message: 'Something went wrong.' });
    expect(toAppError(apiError(400, { message: 'm', error: 'e' })).message).toBe('m');
    expect(toAppError(apiError(400, { code: 42, message: 'm' })).code).toBeUndefined();
    expect(toAppError(apiError(403, { code: 7, message: 'm' }))).toMatchObject({ kind: 'forbidden', code: undefined });
    // A status the SDK could not read is not a server error.
    expect(toAppError(Object.assign(apiError(400, {}), { status: undefined })).kind).toBe('unknown');
  });
});
