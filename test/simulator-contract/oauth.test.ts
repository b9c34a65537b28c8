/** OAuth 2.0 authorization code + PKCE S256 against the simulator (docs/beeper-desktop-api.md §1.3). */
import BeeperDesktop from '@beeper/desktop-api';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { control, rejectionOf, sdk, useSimulator } from '../support/simulator-client.ts';

const fx = useSimulator({ oauthAutoApprove: true });

const REDIRECT = 'http://127.0.0.1:45123/callback';

function pkce(): { verifier: string; challenge: string; state: string } {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), state: randomBytes(24).toString('base64url') };
}

interface OAuthReply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * OAuth calls through the official client's generic `post`: a URLSearchParams body is sent
 * form-encoded (the contract), a plain object as JSON; no bearer header (`__security: {}`).
 */
async function oauthPost(path: string, fields: Record<string, unknown>, encoding: 'form' | 'json' = 'form'): Promise<OAuthReply> {
  const client = new BeeperDesktop({ baseURL: fx.sim.url, accessToken: '', maxRetries: 0, logLevel: 'off' });
  const body = encoding === 'form' ? new URLSearchParams(fields as Record<string, string>) : fields;
  try {
    const { data, response } = await client.post<Record<string, unknown>>(path, { body, __security: {} }).withResponse();
    return { status: response.status, body: data };
  } catch (e) {
    if (e instanceof BeeperDesktop.APIError) return { status: e.status ?? 0, body: e.error as Record<string, unknown> };
    throw e;
  }
}

const register = (redirectURIs = [REDIRECT]): Promise<OAuthReply> =>
  oauthPost(
    '/oauth/register',
    {
      client_name: 'Beeper Account Manager',
      redirect_uris: redirectURIs,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      scope: 'read write',
      token_endpoint_auth_method: 'none',
    },
    'json',
  );

const registeredClient = async (): Promise<string> => (await register()).body['client_id'] as string;

function authorizeURL(clientID: string, p: { challenge: string; state: string }, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    client_id: clientID,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'read write',
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  return `${fx.sim.url}/oauth/authorize?${q.toString()}`;
}

/** Follows the authorize redirect by hand, as a loopback callback server would receive it. */
async function authorize(url: string): Promise<URLSearchParams> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  return location.searchParams;
}

const exchange = (fields: Record<string, string>): Promise<OAuthReply> =>
  oauthPost('/oauth/token', { grant_type: 'authorization_code', redirect_uri: REDIRECT, ...fields });

async function signIn(): Promise<{ clientID: string; token: string; body: Record<string, unknown> }> {
  const clientID = await registeredClient();
  const p = pkce();
  const params = await authorize(authorizeURL(clientID, p));
  expect(params.get('state')).toBe(p.state);
  const res = await exchange({ client_id: clientID, code: params.get('code')!, code_verifier: p.verifier });
  expect(res.status).toBe(200);
  return { clientID, token: res.body['access_token'] as string, body: res.body };
}

describe('discovery and registration', () => {
  it('publishes RFC 8414 metadata with S256 only and read/write scopes', async () => {
    const anonymous = new BeeperDesktop({ baseURL: fx.sim.url, accessToken: '', logLevel: 'off' });
    const meta = await anonymous.get<Record<string, unknown>>('/.well-known/oauth-authorization-server', { __security: {} });
    expect(meta).toMatchObject({
      issuer: fx.sim.url,
      authorization_endpoint: `${fx.sim.url}/oauth/authorize`,
      token_endpoint: `${fx.sim.url}/oauth/token`,
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['read', 'write'],
      grant_types_supported: ['authorization_code'],
      token_endpoint_auth_methods_supported: ['none'],
    });
  });

  it('registers a public client with a loopback redirect and refuses other redirects', async () => {
    const res = await register();
    expect(res.status).toBe(201);
    expect(res.body['client_id']).toMatch(/^cli_/);
    expect(res.body['redirect_uris']).toEqual([REDIRECT]);
    const bad = await register(['https://evil.example/callback']);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_redirect_uri' });
  });
});

describe('authorization code + PKCE', () => {
  it('signs in end to end and the token works with the official client', async () => {
    const { token, body } = await signIn();
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'read write', expires_in: fx.sim.core.config.tokenLifetimeSec });
    const client = sdk(fx.sim.url, token);
    const accounts = await client.accounts.list();
    expect(accounts.map((a) => a.accountID)).toContain('matrix');
    const bridges = await client.get<{ items: Array<{ id: string }> }>('/v1/bridges');
    expect(bridges.items.map((b) => b.id)).toContain('local-telegram');
  });

  it('makes codes single-use: a replay fails and revokes the token issued from the code', async () => {
    const clientID = await registeredClient();
    const p = pkce();
    const code = (await authorize(authorizeURL(clientID, p))).get('code')!;
    const first = await exchange({ client_id: clientID, code, code_verifier: p.verifier });
    const replay = await exchange({ client_id: clientID, code, code_verifier: p.verifier });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: 'invalid_grant' });
    expect((await rejectionOf(sdk(fx.sim.url, first.body['access_token'] as string).accounts.list())).status).toBe(401);
  });

  it('rejects a wrong verifier, a wrong client, a wrong redirect and an expired code', async () => {
    const clientID = await registeredClient();
    const attempt = async (mutate: (f: Record<string, string>) => Record<string, string>, before?: () => Promise<void>): Promise<unknown> => {
      const p = pkce();
      const code = (await authorize(authorizeURL(clientID, p))).get('code')!;
      await before?.();
      const res = await exchange(mutate({ client_id: clientID, code, code_verifier: p.verifier }));
      expect(res.status).toBe(400);
      return res.body;
    };
    expect(await attempt((f) => ({ ...f, code_verifier: pkce().verifier }))).toMatchObject({ error: 'invalid_grant', error_description: 'PKCE verification failed' });
    expect(await attempt((f) => ({ ...f, client_id: 'someone-else' }))).toMatchObject({ error: 'invalid_grant' });
    expect(await attempt((f) => ({ ...f, redirect_uri: 'http://127.0.0.1:1/other' }))).toMatchObject({ error: 'invalid_grant' });
    expect(await attempt((f) => ({ ...f, code_verifier: 'short' }))).toMatchObject({ error: 'invalid_request' });
    await control(fx.sim, '/config', { authCodeTtlMs: 1 });
    expect(await attempt((f) => f, () => new Promise((r) => setTimeout(r, 10)))).toMatchObject({ error_description: 'Authorization code has expired' });
  });

  it('requires S256 and answers authorization errors on the redirect with the state', async () => {
    const clientID = await registeredClient();
    const p = pkce();
    const plain = await authorize(authorizeURL(clientID, p, { code_challenge_method: 'plain' }));
    expect(plain.get('error')).toBe('invalid_request');
    expect(plain.get('state')).toBe(p.state);
    expect((await authorize(authorizeURL(clientID, p, { scope: 'read admin' }))).get('error')).toBe('invalid_scope');
    expect((await authorize(authorizeURL(clientID, p, { response_type: 'token' }))).get('error')).toBe('unsupported_response_type');
  });

  it('lets a kept client ID use a new loopback port (RFC 8252), as a desktop app does on every sign-in', async () => {
    const clientID = await registeredClient();
    const p = pkce();
    const otherPort = 'http://127.0.0.1:51234/callback';
    const res = await fetch(authorizeURL(clientID, p, { redirect_uri: otherPort }), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    expect((await exchange({ client_id: clientID, code, code_verifier: p.verifier, redirect_uri: otherPort })).status).toBe(200);
  });

  it('shows an error page instead of redirecting to an unregistered redirect URI', async () => {
    const clientID = await registeredClient();
    const res = await fetch(authorizeURL(clientID, pkce(), { redirect_uri: 'http://127.0.0.1:9/elsewhere' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('invalid client ID or redirect address');
  });

  it('accepts an unregistered public client ID with a loopback redirect (as Raycast does)', async () => {
    const p = pkce();
    const code = (await authorize(authorizeURL('raycast-beeper-extension', p))).get('code')!;
    const res = await exchange({ client_id: 'raycast-beeper-extension', code, code_verifier: p.verifier });
    expect(res.status).toBe(200);
  });

  it('tolerates a JSON token request body', async () => {
    const clientID = await registeredClient();
    const p = pkce();
    const code = (await authorize(authorizeURL(clientID, p))).get('code')!;
    const res = await oauthPost('/oauth/token', { grant_type: 'authorization_code', client_id: clientID, code, code_verifier: p.verifier, redirect_uri: REDIRECT }, 'json');
    expect(res.status).toBe(200);
    expect(res.body['access_token']).toEqual(expect.any(String));
  });

  it('refuses refresh grants: there are no refresh tokens', async () => {
    const res = await exchange({ grant_type: 'refresh_token', refresh_token: 'x' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('denies authorization while Beeper Desktop itself is signed out', async () => {
    await control(fx.sim, '/config', { appState: 'needs-login' });
    const clientID = await registeredClient();
    expect((await authorize(authorizeURL(clientID, pkce()))).get('error')).toBe('access_denied');
  });
});

describe('approve page', () => {
  it('asks the user, then redirects with a code on approve and access_denied on deny', async () => {
    await control(fx.sim, '/config', { oauthAutoApprove: false });
    const clientID = await registeredClient();
    const decide = async (decision: string): Promise<URLSearchParams> => {
      const p = pkce();
      const page = await fetch(authorizeURL(clientID, p));
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain('Beeper Account Manager');
      const requestID = /name="request_id" value="([^"]+)"/.exec(text)![1]!;
      const res = await fetch(`${fx.sim.url}/oauth/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request_id: requestID, decision }),
      });
      expect(res.status).toBe(302);
      const params = new URL(res.headers.get('location')!).searchParams;
      expect(params.get('state')).toBe(p.state);
      return params;
    };
    expect((await decide('approve')).get('code')).toEqual(expect.any(String));
    expect((await decide('deny')).get('error')).toBe('access_denied');
  });
});

describe('revoke, introspect, userinfo', () => {
  it('introspects active and inactive tokens', async () => {
    const { token, clientID } = await signIn();
    const introspect = async (t: string): Promise<Record<string, unknown>> =>
      (await oauthPost('/oauth/introspect', { token: t, token_type_hint: 'access_token' })).body;
    expect(await introspect(token)).toMatchObject({ active: true, client_id: clientID, scope: 'read write', token_type: 'Bearer' });
    expect(await introspect('nonsense')).toEqual({ active: false });
  });

  it('reports the token in userinfo', async () => {
    const { token, clientID } = await signIn();
    const info = await sdk(fx.sim.url, token).get<Record<string, unknown>>('/oauth/userinfo');
    expect(info).toMatchObject({ token_use: 'access', client_id: clientID, aud: clientID, scope: 'read write' });
    expect(info['sub']).toEqual(expect.any(String));
    expect(info['exp']).toBeGreaterThan(info['iat'] as number);
  });

  it('revokes a token: 200 with no body, and the token stops working', async () => {
    const { token } = await signIn();
    const res = await oauthPost('/oauth/revoke', { token, token_type_hint: 'access_token' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const err = await rejectionOf(sdk(fx.sim.url, token).accounts.list());
    expect(err).toBeInstanceOf(BeeperDesktop.AuthenticationError);
  });

  it('omits expires_in when tokens do not expire', async () => {
    await control(fx.sim, '/config', { tokenLifetimeSec: 0 });
    const { body } = await signIn();
    expect(body).not.toHaveProperty('expires_in');
  });
});
