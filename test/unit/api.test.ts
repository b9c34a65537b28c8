/** Error mapping, response schemas and discovery, without a simulator where none is needed. */
import BeeperDesktop from '@beeper/desktop-api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BeeperApi, parseResponse } from '../../main/core/api/client.ts';
import { candidateURLs, discover, normalizeBaseURL } from '../../main/core/api/discovery.ts';
import { AccountSchema, BridgeLoginSchema, LoginSessionSchema } from '../../main/core/api/schemas.ts';
import { AppError, toAppError } from '../../main/core/errors.ts';
import { startSimulator } from '../simulator/index.ts';

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

  it('reads Retry-After (seconds) on 429', () => {
    expect(toAppError(apiError(429, { code: 'RATE_LIMITED' }, { 'retry-after': '12' })).retryAfterSec).toBe(12);
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

describe('response schemas', () => {
  const account = { accountID: 'a', bridge: { id: 'b', provider: 'local', type: 'x' }, user: { id: 'u' } };

  it('accept both Account shapes and unknown extra fields', () => {
    expect(AccountSchema.parse(account).status).toBeUndefined();
    const current = AccountSchema.parse({ ...account, status: 'connected', loginID: 'l', somethingNew: { nested: true } });
    expect(current).toMatchObject({ status: 'connected', loginID: 'l' });
    expect(current).not.toHaveProperty('somethingNew');
  });

  it('map enum values newer than this app to a neutral value', () => {
    expect(AccountSchema.parse({ ...account, status: 'hibernating' }).status).toBe('unknown');
    const login = BridgeLoginSchema.parse({ bridgeID: 'b', loginID: 'l', status: 'quantum', removeScopes: ['current-device', 'galaxy-wide'] });
    expect(login).toMatchObject({ status: 'unknown', removeScopes: ['current-device'] });
  });

  it('keep a step of unknown type as `unknown` instead of failing', () => {
    const s = LoginSessionSchema.parse({ bridgeID: 'b', loginSessionID: 's', status: 'waiting_for_input', currentStep: { type: 'webauthn', stepID: 'p', challenge: {} } });
    expect(s.currentStep).toEqual({ type: 'unknown', rawType: 'webauthn', stepID: 'p' });
  });

  it('read select options and patterns when Desktop passes them through', () => {
    const s = LoginSessionSchema.parse({
      bridgeID: 'b',
      loginSessionID: 's',
      status: 'waiting_for_input',
      currentStep: { type: 'user_input', stepID: 'x', fields: [{ id: 'w', type: 'select', options: ['A', 'B'], pattern: '^(A|B)$' }] },
    });
    expect(s.currentStep).toMatchObject({ fields: [{ options: ['A', 'B'], pattern: '^(A|B)$' }] });
  });

  it('turn a malformed answer into a clear invalid_response error naming the path', () => {
    expect(() => parseResponse(LoginSessionSchema, { bridgeID: 'b', status: 'waiting_for_display' }, 'login session')).toThrow(/unexpected login session \(loginSessionID\)/);
    try {
      parseResponse(AccountSchema, null, 'account');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).kind).toBe('invalid_response');
    }
  });
});

describe('discovery', () => {
  it('orders candidates: configured first, then each port on 127.0.0.1 and localhost', () => {
    const c = candidateURLs('http://localhost:23373/some/path', [23373, 23374]);
    expect(c).toEqual(['http://localhost:23373', 'http://127.0.0.1:23373', 'http://127.0.0.1:23374', 'http://localhost:23374']);
    expect(candidateURLs(null)).toHaveLength(40);
    expect(normalizeBaseURL('ftp://x')).toBeNull();
  });

  it('finds Beeper Desktop on a later port and reports what it tried', async () => {
    const sim = await startSimulator({ port: 0 });
    try {
      const r = await discover({ configured: 'http://127.0.0.1:9', ports: [9, sim.port], probeTimeoutMs: 500 });
      expect(r).toMatchObject({ status: 'running', baseURL: `http://127.0.0.1:${sim.port}`, appState: 'ready', info: { app: { name: 'Beeper' } } });
      expect(r.tried).toEqual(['http://127.0.0.1:9', 'http://localhost:9', `http://127.0.0.1:${sim.port}`]);
    } finally {
      await sim.stop();
    }
  });

  it('says "not running" when nothing answers, and "not Beeper" when something else does', async () => {
    const nothing = await discover({ ports: [9], probeTimeoutMs: 200 });
    expect(nothing).toMatchObject({ status: 'not-running', error: { kind: 'not_running' }, tried: ['http://127.0.0.1:9', 'http://localhost:9'] });

    const other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const port = (other.address() as AddressInfo).port;
      const r = await discover({ configured: `http://127.0.0.1:${port}`, ports: [], probeTimeoutMs: 500 });
      expect(r).toMatchObject({ status: 'not-running', error: { kind: 'invalid_response', code: 'NOT_BEEPER' } });
    } finally {
      other.close();
    }
  });

  it('gives up on a server that hangs after the probe timeout', async () => {
    const hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    try {
      const port = (hang.address() as AddressInfo).port;
      const started = Date.now();
      const r = await discover({ configured: `http://127.0.0.1:${port}`, ports: [], probeTimeoutMs: 300 });
      expect(r.status).toBe('not-running');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });
});
