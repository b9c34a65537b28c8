/** main/core/auth/oauth.ts: PKCE and the loopback callback, against the simulator. */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Logger, memorySink } from '../../../../main/core/log.ts';
import { BeeperApi } from '../../../../main/core/api/client.ts';
import { InfoSchema, type Info } from '../../../../main/core/api/schemas.ts';
import { createPkce, signInWithOAuth } from '../../../../main/core/auth/oauth.ts';
import { startSimulator, type Simulator } from '../../../simulator/index.ts';

let sim: Simulator;
let info: Info;
let api: BeeperApi;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, config: { oauthAutoApprove: true } });
  api = new BeeperApi({ baseURL: sim.url });
  info = InfoSchema.parse(await api.info());
});
afterAll(async () => {
  await sim.stop();
});

/** Sends raw bytes to 127.0.0.1:`port` (no client would build such a request) and reads the whole answer, or what came before an error. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
}

/** The callback URL of the authorization URL `url`, answered with `code` and the state it asked for. */
function answeredCallback(url: string, code = 'c'): URL {
  const asked = new URL(url).searchParams;
  const cb = new URL(asked.get('redirect_uri')!);
  cb.search = new URLSearchParams({ code, state: asked.get('state')! }).toString();
  return cb;
}

describe('PKCE', () => {
  it('makes an RFC 7636 verifier, its S256 challenge, and a random state', () => {
    const a = createPkce();
    const b = createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(a.state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Set([a.verifier, b.verifier, a.state, b.state]).size).toBe(4);
  });
});

describe('loopback callback', () => {
  const opts = (openExternal: (url: string) => Promise<void>, extra = {}) => ({ api, info, baseURL: sim.url, clientID: null, openExternal, ...extra });

  it('ignores a callback with the wrong state, then accepts the real one', async () => {
    const result = await signInWithOAuth(
      opts(async (url) => {
        const location = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
        const forged = new URL(location);
        forged.searchParams.set('state', 'forged');
        forged.searchParams.set('code', 'attacker-code');
        const refused = await fetch(forged);
        expect(refused.status).toBe(400);
        expect(await refused.text()).toContain('not recognised');
        const real = await fetch(location);
        expect(await real.text()).toContain('You can close this tab');
      }),
    );
    expect(result.accessToken).toMatch(/\S{20,}/);
    expect(result.clientID).toMatch(/^cli_/);
    expect(result.expiresAt).toBeGreaterThan(Date.now());
  });

  it('answers a request it cannot parse with 400, and the sign-in goes on', async () => {
    const statusLine = async (port: number, request: string): Promise<string> => (await rawRequest(port, request)).split('\r\n')[0] ?? '';
    const result = await signInWithOAuth(
      opts(async (url) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        for (const target of ['http://[', '//[::1', 'http://a b/callback']) {
          expect(await statusLine(Number(redirect.port), `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`), target).toMatch(/^HTTP\/1\.1 400 /);
        }
        const location = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
        expect((await fetch(location)).status).toBe(200);
      }),
    );
    expect(result.accessToken).toMatch(/\S{20,}/);
  });

  it('gives up after its time limit and closes the callback server', async () => {
    let callbackURL = '';
    const started = Date.now();
    await expect(
      signInWithOAuth(
        opts(
          (url) => {
            callbackURL = new URL(url).searchParams.get('redirect_uri')!;
            return Promise.resolve();
          },
          { timeoutMs: 200 },
        ),
      ),
    ).rejects.toMatchObject({ kind: 'sign_in_failed', code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(fetch(callbackURL)).rejects.toThrow();
  });

  it('reports a failing token exchange as a sign-in failure with the OAuth error code', async () => {
    await expect(
      signInWithOAuth(
        opts(async (url) => {
          const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
          location.searchParams.set('code', 'not-the-code');
          await fetch(location);
        }),
      ),
    ).rejects.toMatchObject({ kind: 'sign_in_failed', code: 'invalid_grant' });
  });

  it.each([
    ['an error other than a denial names it', (q: URLSearchParams) => (q.delete('code'), q.set('error', 'server_error')), { code: 'server_error', message: 'Beeper Desktop refused the sign-in (server_error).' }, 200],
    ['an answer without a code says so', (q: URLSearchParams) => q.delete('code'), { message: 'Beeper Desktop answered without an authorization code.' }, 400],
  ])('callback: %s', async (_name, edit, expected, status) => {
    await expect(
      signInWithOAuth(
        opts(async (url) => {
          const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
          expect((await fetch(new URL('/favicon.ico', location))).status).toBe(404); // not the callback: ignored
          edit(location.searchParams);
          expect((await fetch(location)).status).toBe(status);
        }),
      ),
    ).rejects.toMatchObject({ kind: 'sign_in_failed', ...expected });
  });

  it('registers secrets for redaction as they appear', async () => {
    const seen: string[] = [];
    const r = await signInWithOAuth(
      opts(async (url) => {
        await fetch((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
      }, { registerSecret: (s: string) => seen.push(s) }),
    );
    expect(seen).toContain(r.accessToken);
    expect(seen).toHaveLength(3); // verifier, code, token
  });
});

describe('the whole OAuth exchange, against a recording authorization server', () => {
  /** A minimal OAuth server on its own origin: records registration and token requests as they arrived. */
  async function authServer(opts: { register?: Record<string, unknown>; token?: Record<string, unknown>; tokenStatus?: number } = {}) {
    const seen: Array<{ path: string; type: string | undefined; body: string }> = [];
    const srv = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ path: req.url!, type: req.headers['content-type']?.split(';')[0], body });
        const json = req.url === '/oauth/register' ? (opts.register ?? { client_id: 'cli_new' }) : (opts.token ?? { access_token: 'at_abcdefghij', token_type: 'Bearer', expires_in: 3600, scope: 'read write' });
        res.writeHead(req.url === '/oauth/token' ? (opts.tokenStatus ?? 200) : 200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    const serverInfo = InfoSchema.parse({ app: { name: 'Beeper', version: '4' }, server: { status: 'running' }, endpoints: { oauth: { authorization_endpoint: '/oauth/authorize', token_endpoint: '/oauth/token' } } });
    return { url, seen, info: serverInfo, api: new BeeperApi({ baseURL: url, readRetries: 0 }), close: () => new Promise((r) => srv.close(r)) };
  }

  /** The browser: reads the authorization URL, then opens the callback with these parameters (state filled in). */
  const browser = (params: (state: string) => Record<string, string>, pages: Array<{ status: number; type: string | null; csp: string | null; cache: string | null; text: string }>, asked: URL[]) => async (url: string) => {
    const u = new URL(url);
    asked.push(u);
    const callback = new URL(u.searchParams.get('redirect_uri')!);
    callback.search = new URLSearchParams(params(u.searchParams.get('state')!)).toString();
    const res = await fetch(callback);
    pages.push({ status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), cache: res.headers.get('cache-control'), text: await res.text() });
  };

  it('registers as this app, sends the user to approve with PKCE, and exchanges the code: every field as the RFCs want it', async () => {
    const s = await authServer();
    const pages: Parameters<typeof browser>[1] = [];
    const asked: URL[] = [];
    const secrets: string[] = [];
    try {
      const result = await signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: null, openExternal: browser((state) => ({ code: 'code_12345678', state }), pages, asked), registerSecret: (x) => secrets.push(x), now: () => 1_000 });
      expect(result).toEqual({ clientID: 'cli_new', accessToken: 'at_abcdefghij', expiresAt: 1_000 + 3_600_000, scope: 'read write' });
      const registration = JSON.parse(s.seen[0]!.body) as Record<string, unknown>;
      const redirect = asked[0]!.searchParams.get('redirect_uri')!;
      expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      expect([s.seen[0]!.path, s.seen[0]!.type]).toEqual(['/oauth/register', 'application/json']);
      expect(registration).toEqual({ client_name: 'Beeper Account Manager', redirect_uris: [redirect], grant_types: ['authorization_code'], response_types: ['code'], scope: 'read write', token_endpoint_auth_method: 'none' });
      const a = asked[0]!;
      expect(`${a.origin}${a.pathname}`).toBe(`${s.url}/oauth/authorize`);
      expect(Object.fromEntries([...a.searchParams].filter(([k]) => !['state', 'code_challenge'].includes(k)))).toEqual({ client_id: 'cli_new', redirect_uri: redirect, response_type: 'code', scope: 'read write', code_challenge_method: 'S256' });
      const token = new URLSearchParams(s.seen[1]!.body);
      expect([s.seen[1]!.path, s.seen[1]!.type]).toEqual(['/oauth/token', 'application/x-www-form-urlencoded']);
      expect(Object.fromEntries([...token].filter(([k]) => k !== 'code_verifier'))).toEqual({ grant_type: 'authorization_code', client_id: 'cli_new', code: 'code_12345678', redirect_uri: redirect });
      // The verifier matches the challenge the browser carried, and every secret was registered for redaction.
      expect(createHash('sha256').update(token.get('code_verifier')!).digest('base64url')).toBe(a.searchParams.get('code_challenge'));
      expect(secrets).toEqual([token.get('code_verifier'), 'code_12345678', 'at_abcdefghij']);
      expect(pages).toEqual([{ status: 200, type: 'text/html; charset=utf-8', csp: "default-src 'none'; style-src 'unsafe-inline'", cache: 'no-store', text: expect.stringContaining('<h1>Connected</h1><p>Beeper Account Manager is now connected to Beeper Desktop. You can close this tab.</p>') }]);
      expect(pages[0]!.text).toMatch(/^<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Connected<\/title>/);
    } finally {
      await s.close();
    }
  });

  it('a known client skips registration; endpoints the registration names are used; a token without expiry or scope keeps none', async () => {
    const s = await authServer({ token: { access_token: 'at_abcdefghij', token_type: 'bearer' } });
    const asked: URL[] = [];
    try {
      const result = await signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: 'cli_known', openExternal: browser((state) => ({ code: 'code_1', state }), [], asked) });
      expect(result).toEqual({ clientID: 'cli_known', accessToken: 'at_abcdefghij', expiresAt: null, scope: null });
      expect(s.seen.map((r) => r.path)).toEqual(['/oauth/token']);
      expect(asked[0]!.searchParams.get('client_id')).toBe('cli_known');
    } finally {
      await s.close();
    }
    const r = await authServer({ register: { client_id: 'cli_2', authorization_endpoint: '/other/authorize', token_endpoint: '/other/token' } });
    const asked2: URL[] = [];
    try {
      await signInWithOAuth({ api: r.api, info: r.info, baseURL: r.url, clientID: null, openExternal: browser((state) => ({ code: 'code_2', state }), [], asked2) });
      expect(asked2[0]!.pathname).toBe('/other/authorize');
      expect(r.seen.map((x) => x.path)).toEqual(['/oauth/register', '/other/token']);
    } finally {
      await r.close();
    }
  });

  it('denied, refused, or without a code: a clear failure, and a page that says so', async () => {
    const s = await authServer();
    try {
      for (const [params, status, title, message, code] of [
        [{ error: 'access_denied' }, 200, 'Not connected', 'Access was denied in Beeper Desktop.', 'access_denied'],
        [{ error: 'server_error' }, 200, 'Not connected', 'Beeper Desktop refused the sign-in (server_error).', 'server_error'],
        [{}, 400, 'Not connected', 'Beeper Desktop answered without an authorization code.', undefined],
      ] as const) {
        const pages: Parameters<typeof browser>[1] = [];
        const failed = signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: 'c', openExternal: browser((state) => ({ ...params, state }), pages, []) });
        await expect(failed).rejects.toMatchObject({ kind: 'sign_in_failed', message, code });
        expect(pages[0]).toMatchObject({ status, text: expect.stringContaining(`<h1>${title}</h1>`) });
      }
    } finally {
      await s.close();
    }
  });

  it('a token endpoint that fails: a sign-in failure with its OAuth code; a cancelled sign-in is cancelled, even before the browser opens', async () => {
    const s = await authServer({ tokenStatus: 400, token: { error: 'invalid_grant', error_description: 'used' } });
    try {
      await expect(signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: 'c', openExternal: browser((state) => ({ code: 'x', state }), [], []) })).rejects.toMatchObject({
        kind: 'sign_in_failed',
        code: 'invalid_grant',
        message: 'Signing in to Beeper Desktop did not complete. Try again.',
      });
      const aborted = new AbortController();
      aborted.abort();
      let opened = false;
      await expect(signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: 'c', signal: aborted.signal, openExternal: () => Promise.resolve(void (opened = true)) })).rejects.toMatchObject({ kind: 'cancelled', message: 'Signing in was cancelled.' });
      expect(opened).toBe(false);
      const later = new AbortController();
      const waiting = signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: 'c', signal: later.signal, openExternal: () => Promise.resolve(later.abort()) });
      await expect(waiting).rejects.toMatchObject({ kind: 'cancelled', message: 'Signing in was cancelled.' });
    } finally {
      await s.close();
    }
  });

  it('Beeper Desktop gone during the exchange: says so rather than a generic failure', async () => {
    const s = await authServer();
    const closed = 'http://127.0.0.1:9';
    const gone = new BeeperApi({ baseURL: closed, readRetries: 0 });
    try {
      await expect(signInWithOAuth({ api: gone, info: s.info, baseURL: closed, clientID: 'c', openExternal: browser((state) => ({ code: 'x', state }), [], []) })).rejects.toMatchObject({
        kind: 'sign_in_failed',
        code: 'OAUTH_FAILED',
        message: 'Beeper Desktop is not reachable. Make sure it is running and its API is turned on.',
      });
    } finally {
      await s.close();
    }
  });

  it('other paths on the callback server are not found', async () => {
    const s = await authServer();
    try {
      await signInWithOAuth({
        api: s.api,
        info: s.info,
        baseURL: s.url,
        clientID: 'c',
        openExternal: async (url) => {
          const cb = answeredCallback(url);
          const other = await fetch(new URL('/favicon.ico', cb));
          expect([other.status, other.headers.get('content-type'), await other.text()]).toEqual([404, 'text/plain', 'Not found']);
          const bad = await fetch(new URL('/callback?state=nope&code=x', cb));
          expect([bad.status, await bad.text()]).toEqual([400, expect.stringContaining('<h1>Sign-in link not recognised</h1><p>Start connecting again from Beeper Account Manager.</p>')]);
          await fetch(cb);
        },
      });
    } finally {
      await s.close();
    }
  });

  it('each page the browser shows works in dark mode and says what happened', async () => {
    const s = await authServer();
    try {
      for (const [params, title, body] of [
        [{ code: 'x' }, 'Connected', 'Beeper Account Manager is now connected to Beeper Desktop. You can close this tab.'],
        [{ error: 'access_denied' }, 'Not connected', 'You can close this tab and return to Beeper Account Manager.'],
        [{}, 'Not connected', 'The sign-in answer had no code. Start again from Beeper Account Manager.'],
      ] as const) {
        const pages: Parameters<typeof browser>[1] = [];
        await signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: 'c', openExternal: browser((state) => ({ ...params, state }), pages, []) }).catch(() => undefined);
        expect(pages[0]!.text).toContain(`<title>${title}</title>`);
        expect(pages[0]!.text).toContain(`<h1>${title}</h1><p>${body}</p>`);
        expect(pages[0]!.text).toContain('color-scheme:light dark');
      }
    } finally {
      await s.close();
    }
  });

  it('a request target that does not parse gets a plain 400', async () => {
    const s = await authServer();
    try {
      await signInWithOAuth({
        api: s.api,
        info: s.info,
        baseURL: s.url,
        clientID: 'c',
        openExternal: async (url) => {
          const cb = answeredCallback(url);
          const answer = await rawRequest(Number(cb.port), 'GET //[::1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
          expect(answer).toMatch(/^HTTP\/1\.1 400/);
          expect(answer.toLowerCase()).toContain('content-type: text/plain');
          expect(answer).toContain('\r\nBad request\r\n');
          await fetch(cb);
        },
      });
    } finally {
      await s.close();
    }
  });

  it('the time limit says so, with its code', async () => {
    const s = await authServer();
    try {
      await expect(signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: 'c', timeoutMs: 30, openExternal: () => Promise.resolve() })).rejects.toMatchObject({
        kind: 'sign_in_failed',
        code: 'TIMEOUT',
        message: 'Signing in took too long. Try again.',
      });
    } finally {
      await s.close();
    }
  });

  it('when it ends, nothing is left: no timer, no abort listener, no open browser connection', async () => {
    const s = await authServer();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    try {
      const ctl = new AbortController();
      const removed = vi.spyOn(ctl.signal, 'removeEventListener');
      let socketClosed!: Promise<void>;
      const before = timers();
      await signInWithOAuth({
        api: s.api,
        info: s.info,
        baseURL: s.url,
        clientID: 'c',
        signal: ctl.signal,
        openExternal: async (url) => {
          const cb = answeredCallback(url);
          // A browser keeps its connection open after the page: the server must close it.
          await new Promise<void>((resolve) => {
            const socket = connect(Number(cb.port), '127.0.0.1', () => socket.write(`GET ${cb.pathname}${cb.search} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`));
            socket.once('data', () => resolve());
            socketClosed = new Promise((r) => socket.on('close', () => r()));
          });
        },
      });
      expect(timers()).toBe(before);
      expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
      await socketClosed;
    } finally {
      await s.close();
    }
  });

  it('listens on 127.0.0.1 only, not on every address of the machine', async () => {
    const ipv6 = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(false));
      probe.listen(0, '::1', () => probe.close(() => resolve(true)));
    });
    if (!ipv6) return void expect.soft(ipv6, 'no IPv6 loopback here: cannot check').toBe(false);
    const s = await authServer();
    try {
      await signInWithOAuth({
        api: s.api,
        info: s.info,
        baseURL: s.url,
        clientID: 'c',
        openExternal: async (url) => {
          const cb = answeredCallback(url);
          await expect(fetch(`http://[::1]:${cb.port}/callback`)).rejects.toThrow();
          await fetch(cb);
        },
      });
    } finally {
      await s.close();
    }
  });

  it('logs a new registration by its client ID', async () => {
    const s = await authServer();
    const { sink, entries } = memorySink();
    try {
      await signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: null, log: new Logger({ sinks: [sink] }), openExternal: browser((state) => ({ code: 'x', state }), [], []) });
      expect(entries.find((e) => e.message === 'registered OAuth client')?.data).toEqual({ clientID: 'cli_new' });
    } finally {
      await s.close();
    }
  });

  it('a server description without OAuth addresses: the standard paths on its own origin', async () => {
    const s = await authServer();
    const asked: URL[] = [];
    try {
      const bare = { ...s.info, endpoints: { ...s.info.endpoints, oauth: {} as Info['endpoints']['oauth'] } };
      await signInWithOAuth({ api: s.api, info: bare, baseURL: s.url, clientID: 'c', openExternal: browser((state) => ({ code: 'x', state }), [], asked) });
      expect(asked[0]!.pathname).toBe('/oauth/authorize');
      expect(s.seen.map((r) => r.path)).toEqual(['/oauth/token']);
    } finally {
      await s.close();
    }
  });

  it('a browser that cannot be opened: a sign-in failure that keeps the cause', async () => {
    const s = await authServer();
    try {
      const broken = new Error('no browser');
      const failure = await signInWithOAuth({ api: s.api, info: s.info, baseURL: s.url, clientID: 'c', openExternal: () => Promise.reject(broken) }).catch((e: unknown) => e);
      expect(failure).toMatchObject({ kind: 'sign_in_failed', code: 'OAUTH_FAILED', message: 'Signing in to Beeper Desktop did not complete. Try again.' });
      expect(((failure as Error).cause as Error).cause).toBe(broken);
    } finally {
      await s.close();
    }
  });
});
