/** main/core/api/client.ts: the token goes out only while it is allowed, retries included. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BeeperApi, parseResponse, startBody } from '../../../../main/core/api/client.ts';
import { LoginSessionSchema } from '../../../../main/core/api/schemas.ts';
import { Logger, memorySink } from '../../../../main/core/log.ts';
import { answeringAfter } from '../../../support/fetch-stubs.ts';

let server: Server;
let baseURL: string;
let seen: Array<string | undefined>;
let answers: number[];

beforeEach(async () => {
  seen = [];
  answers = [];
  server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    const status = answers.shift() ?? 200;
    // retry-after-ms: the SDK's retries come at once, so the suite (and each mutant) stays quick
    res.writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': '1' }).end(status === 200 ? '{"items":[]}' : '{"code":"BUSY","message":"busy"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((r) => server.close(r));
});

describe('BeeperApi and the token', () => {
  it('a retry after the token was withdrawn (Beeper Desktop lost) is not sent at all, so no 401 can drop the sign-in', async () => {
    let token: string | null = 'tok_first_1234567890';
    const unauthorized: unknown[] = [];
    const api = new BeeperApi({ baseURL, getToken: () => token, onUnauthorized: (e) => unauthorized.push(e), readRetries: 2 });
    answers = [503];
    const listing = api.bridges();
    // The first attempt fails; before the SDK retries, Beeper Desktop is lost and the token withdrawn.
    await new Promise<void>((r) => server.once('request', () => setImmediate(r)));
    token = null;
    await expect(listing).rejects.toMatchObject({ kind: 'not_running' });
    expect(seen).toEqual(['Bearer tok_first_1234567890']);
    expect(unauthorized).toEqual([]);
  });

  it('a retry goes out with the token allowed now, when it changed', async () => {
    let token = 'tok_first_1234567890';
    const api = new BeeperApi({ baseURL, getToken: () => token, readRetries: 2 });
    answers = [503];
    const listing = api.bridges();
    await new Promise<void>((r) => server.once('request', () => setImmediate(r)));
    token = 'tok_second_123456789';
    await expect(listing).resolves.toEqual([]);
    expect(seen).toEqual(['Bearer tok_first_1234567890', 'Bearer tok_second_123456789']);
  });

  it('without a token, requests carry none; an explicit header of its own (a pasted token being checked) is left alone', async () => {
    const api = new BeeperApi({ baseURL, readRetries: 0 });
    await api.bridges();
    await api.userinfo('/oauth/userinfo', 'tok_pasted_1234567890').catch(() => undefined);
    expect((seen[0] ?? '').replace(/^Bearer\s*/, '')).toBe('');
    expect(seen[1]).toBe('Bearer tok_pasted_1234567890');
  });
});

/** A server that records each request (method, path, auth, content type, body) and answers from a table. */
async function recordingServer(answer: (method: string, path: string) => { status?: number; json: unknown }) {
  const seen: Array<{ method: string; path: string; auth: string | undefined; type: string | undefined; body: string }> = [];
  const srv = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, path: req.url!, auth: req.headers.authorization, type: req.headers['content-type']?.split(';')[0], body });
      const a = answer(req.method!, req.url!.split('?')[0]!);
      res.writeHead(a.status ?? 200, { 'content-type': 'application/json', 'retry-after-ms': '1' }).end(JSON.stringify(a.json));
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => srv.close(r)) };
}

const SESSION = { bridgeID: 'b/1', loginSessionID: 'ls 1', status: 'waiting_for_input', currentStep: { type: 'user_input', stepID: 's', fields: [{ id: 'f' }] } };
const INFO = { app: { name: 'Beeper', version: '4.2.812' }, server: { status: 'running' }, endpoints: { oauth: { authorization_endpoint: '/oauth/authorize', token_endpoint: '/oauth/token' } } };

describe('BeeperApi routes', () => {
  it('each call goes to its route with its method and body, with the token, and its answer is parsed', async () => {
    const srv = await recordingServer((method, p) => {
      if (p === '/v1/info') return { json: INFO };
      if (p === '/v1/app/setup') return { json: { state: 'ready' } };
      if (p === '/v1/accounts') return { json: [{ accountID: 'a', user: { id: 'u' } }] };
      if (p === '/v1/bridges') return { json: { items: [{ id: 'b', displayName: 'B', provider: 'local', status: 'available', type: 'b' }] } };
      if (p.endsWith('/login-flows')) return { json: { items: [{ id: 'qr', name: 'QR' }] } };
      if (p.endsWith('/logins')) return { json: { items: [{ bridgeID: 'b', loginID: 'l', removeScopes: [], status: 'connected' }] } };
      if (p.endsWith('/remove')) return { json: { bridgeID: 'b', loginID: 'l', scope: 'all-devices', status: 'removed', affectedAccountIDs: ['a'] } };
      if (method === 'DELETE') return { json: { bridgeID: 'b', loginSessionID: 'ls', status: 'cancelled' } };
      return { json: SESSION };
    });
    try {
      const api = new BeeperApi({ baseURL: `${srv.url}//`, getToken: () => 'tok_routes_1234567890', readRetries: 0 });
      expect(api.baseURL).toBe(srv.url); // trailing slashes dropped
      expect((await api.info()).app.version).toBe('4.2.812');
      expect(await api.appState()).toBe('ready');
      expect((await api.accounts()).map((a) => a.accountID)).toEqual(['a']);
      expect((await api.bridges()).map((b) => b.id)).toEqual(['b']);
      expect((await api.loginFlows('b/1')).map((f) => f.id)).toEqual(['qr']);
      expect((await api.logins('b/1')).map((l) => l.loginID)).toEqual(['l']);
      expect(await api.removeLogin('b/1', 'l 1', 'all-devices')).toMatchObject({ affectedAccountIDs: ['a'] });
      expect((await api.createSession('b/1', { flowID: 'qr' })).loginSessionID).toBe('ls 1');
      expect((await api.getSession('b/1', 'ls 1')).status).toBe('waiting_for_input');
      await api.cancelSession('b/1', 'ls 1');
      expect((await api.submitStep('b/1', 'ls 1', 's/1', { type: 'user_input', fields: { f: 'v' } })).loginSessionID).toBe('ls 1');
      const rows = srv.seen.map((r) => [r.method, r.path, r.body]);
      expect(rows).toEqual([
        ['GET', '/v1/info', ''],
        ['GET', '/v1/app/setup', ''],
        ['GET', '/v1/accounts', ''],
        ['GET', '/v1/bridges', ''],
        ['GET', '/v1/bridges/b%2F1/login-flows', ''],
        ['GET', '/v1/bridges/b%2F1/logins', ''],
        ['POST', '/v1/bridges/b%2F1/logins/l%201/remove', '{"scope":"all-devices"}'],
        ['POST', '/v1/bridges/b%2F1/login-sessions', '{"flowID":"qr"}'],
        ['GET', '/v1/bridges/b%2F1/login-sessions/ls%201', ''],
        ['DELETE', '/v1/bridges/b%2F1/login-sessions/ls%201', ''],
        ['POST', '/v1/bridges/b%2F1/login-sessions/ls%201/steps/s%2F1', '{"type":"user_input","fields":{"f":"v"}}'],
      ]);
      // Open routes carry no token; the rest carry it.
      expect(srv.seen.map((r) => [r.path.split('/').slice(0, 3).join('/'), r.auth === 'Bearer tok_routes_1234567890'])).toEqual([
        ['/v1/info', false],
        ['/v1/app', false],
        ...Array.from({ length: 9 }, (_, i) => [['/v1/accounts', '/v1/bridges'][Math.min(i, 1)], true]),
      ]);
    } finally {
      await srv.close();
    }
  });

  it('OAuth: registration as JSON, the code exchange and revocation as forms, userinfo with the token being checked; none with the session token', async () => {
    const srv = await recordingServer((_m, p) => {
      if (p === '/oauth/register') return { json: { client_id: 'cli_1' } };
      if (p === '/oauth/token') return { json: { access_token: 'at_1234567890', token_type: 'Bearer', expires_in: 60 } };
      if (p === '/oauth/userinfo') return { json: { sub: 'u', scope: 'read write' } };
      return { json: {} };
    });
    try {
      const api = new BeeperApi({ baseURL: srv.url, getToken: () => 'tok_should_not_be_sent_1', readRetries: 0 });
      expect(await api.register('/oauth/register', { client_name: 'x' })).toMatchObject({ client_id: 'cli_1' });
      expect(await api.exchangeCode('/oauth/token', { grant_type: 'authorization_code', code: 'c' })).toMatchObject({ access_token: 'at_1234567890', expires_in: 60 });
      await api.revoke('/oauth/revoke', 'at_1234567890');
      expect(await api.userinfo('/oauth/userinfo', 'pasted_1234567890')).toMatchObject({ scope: 'read write' });
      expect(srv.seen.map((r) => [r.method, r.path, r.type, r.body, r.auth])).toEqual([
        ['POST', '/oauth/register', 'application/json', '{"client_name":"x"}', undefined],
        ['POST', '/oauth/token', 'application/x-www-form-urlencoded', 'grant_type=authorization_code&code=c', undefined],
        ['POST', '/oauth/revoke', 'application/x-www-form-urlencoded', 'token=at_1234567890&token_type_hint=access_token', undefined],
        ['GET', '/oauth/userinfo', undefined, '', 'Bearer pasted_1234567890'],
      ]);
    } finally {
      await srv.close();
    }
  });

  it('Beeper Desktop’s own state: 401, 403 and 404 mean an older server (unknown); another failure is an error', async () => {
    for (const [status, expected] of [[401, 'unknown'], [403, 'unknown'], [404, 'unknown']] as const) {
      const srv = await recordingServer(() => ({ status, json: { code: 'X', message: 'x' } }));
      try {
        expect(await new BeeperApi({ baseURL: srv.url, readRetries: 0 }).appState()).toBe(expected);
      } finally {
        await srv.close();
      }
    }
    const broken = await recordingServer(() => ({ status: 400, json: { code: 'BAD', message: 'bad' } }));
    try {
      await expect(new BeeperApi({ baseURL: broken.url, readRetries: 0 }).appState()).rejects.toMatchObject({ status: 400 });
      // Its one retry: only for reads that failed on the server.
      expect(broken.seen).toHaveLength(1);
    } finally {
      await broken.close();
    }
  });

  it('a 401 is reported so the sign-in can be dropped; a write refused with a read-only token is a missing scope', async () => {
    const srv = await recordingServer((m) => (m === 'GET' ? { status: 401, json: { code: 'UNAUTHORIZED', message: 'no' } } : { status: 403, json: { code: 'FORBIDDEN', message: 'no' } }));
    try {
      const dropped: unknown[] = [];
      const api = new BeeperApi({ baseURL: srv.url, getToken: () => 'tok_x_1234567890', onUnauthorized: (e) => dropped.push(e.kind), getScopes: () => ['read'], readRetries: 0 });
      await expect(api.accounts()).rejects.toMatchObject({ kind: 'unauthorized' });
      expect(dropped).toEqual(['unauthorized']);
      await expect(api.removeLogin('b', 'l', 'current-device')).rejects.toMatchObject({ kind: 'missing_scope', code: 'FORBIDDEN', status: 403, message: expect.stringContaining('can only read') });
      // With the write scope, or unknown scopes, a 403 stays what the server said.
      const writer = new BeeperApi({ baseURL: srv.url, getToken: () => 'tok_x_1234567890', getScopes: () => ['read', 'write'], readRetries: 0 });
      await expect(writer.removeLogin('b', 'l', 'current-device')).rejects.toMatchObject({ kind: 'forbidden' });
      const unknown = new BeeperApi({ baseURL: srv.url, getToken: () => 'tok_x_1234567890', readRetries: 0 });
      await expect(unknown.createSession('b', {})).rejects.toMatchObject({ kind: 'forbidden' });
      expect(dropped).toEqual(['unauthorized']); // a 403 drops nothing
    } finally {
      await srv.close();
    }
  });

  it('parts of an answer it cannot read are skipped and logged once each; an unreadable answer names only paths', async () => {
    const srv = await recordingServer(() => ({ json: { items: [{ id: 'ok', displayName: 'OK', provider: 'local', status: 'available', type: 't' }, { id: 42, secret: 'hunter2' }] } }));
    try {
      const { sink, entries } = memorySink();
      const api = new BeeperApi({ baseURL: srv.url, readRetries: 0, log: new Logger({ sinks: [sink] }) });
      expect((await api.bridges()).map((b) => b.id)).toEqual(['ok']);
      await api.bridges();
      const warned = entries.filter((e) => e.message === 'skipped parts of an answer this app cannot read');
      expect(warned).toHaveLength(1);
      expect(warned[0]!.data).toEqual({ what: 'bridge list', skipped: ['bridge #1 (id)'] });
      expect(JSON.stringify(entries)).not.toContain('hunter2');
    } finally {
      await srv.close();
    }
    expect(() => parseResponse(LoginSessionSchema, { loginSessionID: 'ls_9', status: 42, bridgeID: 7, extra: 'secret-value' }, 'login session')).toThrow(
      expect.objectContaining({ kind: 'invalid_response', code: 'INVALID_RESPONSE', loginSessionID: 'ls_9', message: expect.stringMatching(/^Beeper Desktop sent an unexpected login session \(bridgeID, status\)\.$/) }),
    );
    expect(() => parseResponse(LoginSessionSchema, 'nonsense', 'login session')).toThrow(expect.objectContaining({ loginSessionID: undefined, message: expect.stringContaining('(root)') }));
    expect(() => parseResponse(LoginSessionSchema, { loginSessionID: 'x'.repeat(201), status: 42 }, 'login session')).toThrow(expect.objectContaining({ loginSessionID: undefined }));
  });
});

describe('BeeperApi, each call exactly', () => {
  type Call = [name: string, what: string, context: 'read' | 'session' | 'submit', write: boolean, run: (api: BeeperApi) => Promise<unknown>];
  const CALLS: Call[] = [
    ['info', 'server description', 'read', false, (a) => a.info()],
    ['accounts', 'account list', 'read', false, (a) => a.accounts()],
    ['bridges', 'bridge list', 'read', false, (a) => a.bridges()],
    ['loginFlows', 'login flow list', 'read', false, (a) => a.loginFlows('b')],
    ['logins', 'login list', 'read', false, (a) => a.logins('b')],
    ['removeLogin', 'removal result', 'read', true, (a) => a.removeLogin('b', 'l', 'current-device')],
    ['createSession', 'login session', 'submit', true, (a) => a.createSession('b', {})],
    ['getSession', 'login session', 'session', false, (a) => a.getSession('b', 'ls')],
    ['cancelSession', 'cancel result', 'session', true, (a) => a.cancelSession('b', 'ls')],
    ['submitStep', 'login session', 'submit', true, (a) => a.submitStep('b', 'ls', 's', { type: 'user_input', fields: {} })],
    ['register', 'client registration', 'read', false, (a) => a.register('/oauth/register', {})],
    ['exchangeCode', 'token response', 'read', false, (a) => a.exchangeCode('/oauth/token', { code: 'c' })],
    ['userinfo', 'token description', 'read', false, (a) => a.userinfo('/oauth/userinfo', 'tok_check_1234567890')],
  ];
  const api = (url: string, more: Partial<ConstructorParameters<typeof BeeperApi>[0]> = {}) => new BeeperApi({ baseURL: url, getToken: () => 'tok_x_1234567890', readRetries: 0, ...more });

  it('an answer it cannot read names what was asked for', async () => {
    const srv = await recordingServer(() => ({ json: { unexpected: true } }));
    try {
      for (const [name, what, , , run] of CALLS) {
        await expect(run(api(srv.url)), name).rejects.toMatchObject({ kind: 'invalid_response', message: expect.stringContaining(`unexpected ${what} (`) });
      }
      expect(await api(srv.url).appState().catch((e: Error) => e.message)).toContain('unexpected app state (');
    } finally {
      await srv.close();
    }
  });

  it('a 404 means "not found" for a read and "expired" for anything about a login session; a 400 on a submit is the input', async () => {
    for (const status of [404, 400]) {
      const srv = await recordingServer(() => ({ status, json: { code: 'X', message: 'No.' } }));
      try {
        for (const [name, , context, , run] of CALLS) {
          const expected = status === 404 ? (context === 'read' ? 'not_found' : 'session_expired') : context === 'submit' ? 'invalid_input' : 'unknown';
          await expect(run(api(srv.url)), `${name} ${status}`).rejects.toMatchObject({ kind: expected });
        }
      } finally {
        await srv.close();
      }
    }
  });

  it('a 403 is a missing scope only for a write with a read-only token; other failures of a write stay what they are', async () => {
    for (const status of [403, 500]) {
      const srv = await recordingServer(() => ({ status, json: { code: 'FORBIDDEN', message: 'no' } }));
      try {
        for (const [name, , , write, run] of CALLS) {
          const kind = status === 500 ? 'server_error' : write ? 'missing_scope' : 'forbidden';
          await expect(run(api(srv.url, { getScopes: () => ['read'] })), `${name} ${status}`).rejects.toMatchObject({ kind });
        }
      } finally {
        await srv.close();
      }
    }
  });

  it('calls that must not repeat are sent once even on a 503; a read is retried as configured, app state once', async () => {
    const srv = await recordingServer(() => ({ status: 503, json: { code: 'BUSY', message: 'busy' } }));
    try {
      const counts: Record<string, number> = {};
      for (const [name, , , , run] of CALLS) {
        const before = srv.seen.length;
        await run(api(srv.url, { readRetries: 1 })).catch(() => undefined);
        counts[name] = srv.seen.length - before;
      }
      const before = srv.seen.length;
      await api(srv.url, { readRetries: 0 }).appState().catch(() => undefined);
      counts['appState'] = srv.seen.length - before;
      expect(counts).toEqual({
        info: 1, accounts: 2, bridges: 2, loginFlows: 2, logins: 2, removeLogin: 1, createSession: 1, getSession: 2, cancelSession: 1, submitStep: 1, register: 1, exchangeCode: 1, userinfo: 2, appState: 2,
      });
    } finally {
      await srv.close();
    }
  }, 30_000);

  it('a revoke that fails says why', async () => {
    const srv = await recordingServer(() => ({ status: 500, json: { code: 'BOOM', message: 'down' } }));
    try {
      await expect(api(srv.url, { readRetries: 0 }).revoke('/oauth/revoke', 'tok')).rejects.toMatchObject({ kind: 'server_error' });
    } finally {
      await srv.close();
    }
  });

  it('an abort signal given to info, createSession, getSession or submitStep stops it', async () => {
    const a = api('http://127.0.0.1:1', { fetch: answeringAfter(Infinity), readTimeoutMs: 60_000 });
    for (const [name, run] of [
      ['info', (signal: AbortSignal) => a.info({ signal })],
      ['createSession', (signal: AbortSignal) => a.createSession('b', {}, signal)],
      ['getSession', (signal: AbortSignal) => a.getSession('b', 'ls', signal)],
      ['submitStep', (signal: AbortSignal) => a.submitStep('b', 'ls', 's', { type: 'display_and_wait' }, signal)],
    ] as const) {
      const ctl = new AbortController();
      const pending = run(ctl.signal);
      ctl.abort();
      await expect(pending, name).rejects.toMatchObject({ kind: 'cancelled' });
    }
  });

  it('a long-poll may take long; any other submit times out at its own limit', async () => {
    const slow = (ms: number) => answeringAfter(ms, { bridgeID: 'b', loginSessionID: 'ls', status: 'waiting_for_input' });
    const a = api('http://127.0.0.1:1', { fetch: slow(200), submitTimeoutMs: 50 });
    await expect(a.submitStep('b', 'ls', 's', { type: 'user_input', fields: {} })).rejects.toMatchObject({ kind: 'network' });
    await expect(a.submitStep('b', 'ls', 's', { type: 'display_and_wait' })).resolves.toMatchObject({ loginSessionID: 'ls' });
    // The default long-poll limit is minutes, not milliseconds.
    await expect(api('http://127.0.0.1:1', { fetch: slow(50) }).submitStep('b', 'ls', 's', { type: 'display_and_wait' })).resolves.toMatchObject({ loginSessionID: 'ls' });
    // info's own timeout beats the client's.
    await expect(api('http://127.0.0.1:1', { fetch: slow(200), readTimeoutMs: 60_000 }).info({ timeoutMs: 20 })).rejects.toMatchObject({ kind: 'network' });
  });

  it('a token that appears after a call without one is sent from then on', async () => {
    const srv = await recordingServer(() => ({ json: { items: [] } }));
    try {
      let token: string | null = null;
      const a = new BeeperApi({ baseURL: srv.url, getToken: () => token, readRetries: 0 });
      await a.bridges();
      token = 'tok_later_1234567890';
      await a.bridges();
      expect(srv.seen.map((r) => r.auth)).toEqual([expect.not.stringContaining('tok_later'), 'Bearer tok_later_1234567890']);
    } finally {
      await srv.close();
    }
  });

  it('skipped parts: reported only when there are some, each once, at most ten listed; without a log nothing breaks', async () => {
    const bad = Array.from({ length: 12 }, (_, i) => ({ id: i }));
    const srv = await recordingServer(() => ({ json: { items: [{ id: 'ok', displayName: 'OK', provider: 'local', status: 'available', type: 't' }, ...bad] } }));
    try {
      const { sink, entries } = memorySink();
      const logged = new BeeperApi({ baseURL: srv.url, readRetries: 0, log: new Logger({ sinks: [sink] }) });
      await logged.bridges();
      const warned = entries.filter((e) => e.message === 'skipped parts of an answer this app cannot read');
      expect((warned[0]!.data as { skipped: string[] }).skipped).toEqual(bad.slice(0, 10).map((_, i) => `bridge #${i + 1} (id)`));
      await expect(new BeeperApi({ baseURL: srv.url, readRetries: 0 }).bridges()).resolves.toHaveLength(1);
    } finally {
      await srv.close();
    }
    const told: string[][] = [];
    parseResponse(LoginSessionSchema, { bridgeID: 'b', loginSessionID: 'ls', status: 'waiting_for_input' }, 'login session', (s) => told.push(s));
    expect(told).toEqual([]);
    expect(() => parseResponse(LoginSessionSchema, { loginSessionID: '', status: 1, bridgeID: 2, currentStep: 3 }, 'login session')).toThrow(
      expect.objectContaining({ loginSessionID: undefined, message: 'Beeper Desktop sent an unexpected login session (bridgeID, loginSessionID, status).' }),
    );
    expect(() => parseResponse(LoginSessionSchema, { loginSessionID: 'x'.repeat(200), status: 42 }, 'login session')).toThrow(expect.objectContaining({ loginSessionID: 'x'.repeat(200) }));
    expect(() => parseResponse(LoginSessionSchema, { loginSessionID: 7 }, 'login session')).toThrow(expect.objectContaining({ loginSessionID: undefined }));
    expect(() => parseResponse(LoginSessionSchema, null, 'login session')).toThrow(expect.objectContaining({ kind: 'invalid_response', loginSessionID: undefined }));
  });
});

describe('startBody', () => {
  it('carries exactly the IDs given: a flow for a new account, a login or account to reconnect, nothing empty', () => {
    expect(startBody({ bridgeID: 'b' })).toStrictEqual({});
    expect(startBody({ bridgeID: 'b', flowID: 'qr' })).toStrictEqual({ flowID: 'qr' });
    expect(startBody({ bridgeID: 'b', loginID: 'L', accountID: undefined })).toStrictEqual({ loginID: 'L' });
    expect(startBody({ bridgeID: 'b', flowID: 'qr', loginID: 'L', accountID: 'A' })).toStrictEqual({ flowID: 'qr', loginID: 'L', accountID: 'A' });
    expect(startBody({ bridgeID: 'b', flowID: '', loginID: '', accountID: 'A' })).toStrictEqual({ accountID: 'A' });
  });
});
