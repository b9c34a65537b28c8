/** Open routes, bearer auth on everything else, error bodies and the version header. */
import BeeperDesktop from '@beeper/desktop-api';
import { describe, expect, it } from 'vitest';
import { control, rejectionOf, sdk, useSimulator } from '../support/simulator-client.ts';

const fx = useSimulator();

describe('open routes', () => {
  it('GET /v1/info describes the server and its OAuth endpoints (SDK typed method, no token)', async () => {
    const anonymous = new BeeperDesktop({ baseURL: fx.sim.url, accessToken: '', logLevel: 'off' });
    const info = await anonymous.info.retrieve();
    expect(info.app.name).toBe('Beeper');
    expect(info.app.version).toBe(fx.sim.core.config.desktopVersion);
    expect(info.server).toMatchObject({ status: 'running', base_url: fx.sim.url, port: fx.sim.port, remote_access: false });
    for (const key of ['authorization_endpoint', 'token_endpoint', 'introspection_endpoint', 'userinfo_endpoint', 'revocation_endpoint', 'registration_endpoint'] as const) {
      expect(info.endpoints.oauth[key]).toMatch(new RegExp(`^${fx.sim.url}/oauth/`));
    }
    expect(info.endpoints.ws_events).toBe('/v1/ws');
  });

  const anonymous = (): BeeperDesktop => new BeeperDesktop({ baseURL: fx.sim.url, accessToken: '', logLevel: 'off' });

  it('GET /v1/app/setup reports the Beeper sign-in state without a token', async () => {
    expect(await anonymous().get('/v1/app/setup', { __security: {} })).toEqual({ state: 'ready' });
    await control(fx.sim, '/config', { appState: 'needs-login' });
    expect(await anonymous().get('/v1/app/setup', { __security: {} })).toEqual({ state: 'needs-login' });
  });

  it('GET /v1/spec lists the bridges routes without a token', async () => {
    const spec = await anonymous().get<{ paths: Record<string, Record<string, unknown>> }>('/v1/spec', { __security: {} });
    expect(spec.paths['/v1/bridges/{bridgeID}/login-sessions']).toHaveProperty('post');
    expect(spec.paths['/v1/bridges/{bridgeID}/logins/{loginID}/remove']).toHaveProperty('post');
  });
});

describe('bearer auth', () => {
  const protectedRoutes = (): Array<[string, string]> =>
    fx.sim.core.routes
      .filter((r) => r.auth !== 'none')
      .map((r) => [r.method, r.path.replace(/:(\w+)/g, (_, name: string) => `x-${name}`)]);

  it('answers 401 with the error body on every /v1 route without a token', async () => {
    const routes = protectedRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const [method, path] of routes) {
      const res = await fetch(fx.sim.url + path, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('x-beeper-desktop-version')).toBe(fx.sim.core.config.desktopVersion);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('UNAUTHORIZED');
      expect(body.message).toEqual(expect.any(String));
    }
  });

  it('rejects an unknown token with AuthenticationError (401) and never retries it', async () => {
    const err = await rejectionOf(sdk(fx.sim.url, 'not-a-token').accounts.list());
    expect(err).toBeInstanceOf(BeeperDesktop.AuthenticationError);
    expect(err.status).toBe(401);
    expect(err.error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(fx.sim.core.log.filter((l) => l.path === '/v1/accounts')).toHaveLength(1);
  });

  it('rejects an expired token with code TOKEN_EXPIRED', async () => {
    await control(fx.sim, '/tokens/expire-all', {});
    const err = await rejectionOf(fx.client.accounts.list());
    expect(err.status).toBe(401);
    expect(err.error).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('rejects revoked tokens', async () => {
    await control(fx.sim, '/tokens/revoke-all', {});
    expect((await rejectionOf(fx.client.accounts.list())).status).toBe(401);
  });

  it('answers 403 when the token lacks the scope (read-only token cannot start a login)', async () => {
    const { token } = await control<{ token: string }>(fx.sim, '/tokens', { scopes: ['read'] });
    const readOnly = sdk(fx.sim.url, token, { maxRetries: 0 });
    expect(await readOnly.accounts.list()).toBeInstanceOf(Array);
    const err = await rejectionOf(readOnly.post('/v1/bridges/local-whatsapp/login-sessions', { body: {} }));
    expect(err).toBeInstanceOf(BeeperDesktop.PermissionDeniedError);
    expect(err.error).toMatchObject({ code: 'INSUFFICIENT_SCOPE', message: 'Access token does not have the required scope' });
  });
});

describe('errors', () => {
  it('answers unknown routes and IDs with 404 NOT_FOUND', async () => {
    const unknownRoute = await rejectionOf(fx.strict.get('/v1/nope'));
    expect(unknownRoute).toBeInstanceOf(BeeperDesktop.NotFoundError);
    const unknownBridge = await rejectionOf(fx.strict.get('/v1/bridges/local-nope'));
    expect(unknownBridge.error).toMatchObject({ code: 'NOT_FOUND', message: 'Bridge local-nope not found' });
  });

  it('answers a body that is not JSON with 400 INVALID_REQUEST', async () => {
    const res = await fetch(`${fx.sim.url}/v1/bridges/local-whatsapp/login-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.token}`, 'content-type': 'application/json' },
      body: '{"flowID": ',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('answers a body of the wrong shape with 422 and validation issues pointing into the body', async () => {
    const err = await rejectionOf(fx.strict.post('/v1/bridges/local-whatsapp/login-sessions', { body: { flowID: '' } }));
    expect(err).toBeInstanceOf(BeeperDesktop.UnprocessableEntityError);
    const details = (err.error as { details: { issues: Array<{ code: string; message: string; path: unknown[] }> } }).details;
    expect(details.issues[0]).toMatchObject({ code: 'too_small', path: ['body', 'flowID'] });
    expect(details.issues[0]!.message).toEqual(expect.any(String));
  });

  it('sends X-Beeper-Desktop-Version on success and error responses alike', async () => {
    for (const path of ['/v1/info', '/v1/accounts', '/v1/bridges/nope', '/oauth/token']) {
      const res = await fetch(fx.sim.url + path, { headers: { authorization: `Bearer ${fx.token}` } });
      expect(res.headers.get('x-beeper-desktop-version'), path).toBe('4.2.812');
    }
  });
});

describe('the large seed', () => {
  it('large:N seeds N connected accounts over N/10 networks (at most 50), and a reset removes them', async () => {
    const { startSimulator: start } = await import('../simulator/index.ts');
    const big = await start({ port: 0, seed: 'large:500' });
    try {
      const accounts = [...big.core.state.accounts.values()].filter((a) => a.bridgeID.startsWith('bench-'));
      expect(accounts).toHaveLength(500);
      expect(new Set(accounts.map((a) => a.bridgeID)).size).toBe(50);
      big.reset('large:20');
      expect(new Set([...big.core.state.accounts.values()].filter((a) => a.bridgeID.startsWith('bench-')).map((a) => a.bridgeID)).size).toBe(2);
      big.reset('default');
      expect([...big.core.state.bridges.keys()].filter((id) => id.startsWith('bench-'))).toEqual([]);
    } finally {
      await big.stop();
    }
  });
});
