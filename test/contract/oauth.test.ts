/** OAuth 2.0 authorization code + PKCE S256 against the simulator (reference §1.3). */
import BeeperDesktop from '@beeper/desktop-api';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { control, rejectionOf, sdk, useSimulator } from './helpers.ts';

const fx = useSimulator({ oauthAutoApprove: true });

const REDIRECT = 'http://127.0.0.1:45123/callback';

function pkce(): { verifier: string; challenge: string; state: string } {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), state: randomBytes(24).toString('base64url') };
}

async function register(redirectURIs = [REDIRECT]): Promise<Response> {
  return fetch(`${fx.sim.url}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Beeper Account Manager',
      redirect_uris: redirectURIs,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      scope: 'read write',
      token_endpoint_auth_method: 'none',
    }),
  });
}

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

const exchange = (fields: Record<string, string>): Promise<Response> =>
  fetch(`${fx.sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: REDIRECT, ...fields }),
  });

async function signIn(): Promise<{ clientID: string; token: string; body: Record<string, unknown> }> {
  const { client_id: clientID } = (await (await register()).json()) as { client_id: string };
  const p = pkce();
  const params = await authorize(authorizeURL(clientID, p));
  expect(params.get('state')).toBe(p.state);
  const res = await exchange({ client_id: clientID, code: params.get('code')!, code_verifier: p.verifier });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, unknown>;
  return { clientID, token: body['access_token'] as string, body };
}

describe('discovery and registration', () => {
  it('publishes RFC 8414 metadata with S256 only and read/write scopes', async () => {
    const meta = (await (await fetch(`${fx.sim.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
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
    const body = (await res.json()) as Record<string, unknown>;
    expect(body['client_id']).toMatch(/^cli_/);
    expect(body['redirect_uris']).toEqual([REDIRECT]);
    const bad = await register(['https://evil.example/callback']);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_redirect_uri' });
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
    const { client_id: clientID } = (await (await register()).json()) as { client_id: string };
    const p = pkce();
    const code = (await authorize(authorizeURL(clientID, p))).get('code')!;
    const first = (await (await exchange({ client_id: clientID, code, code_verifier: p.verifier })).json()) as { access_token: string };
    const replay = await exchange({ client_id: clientID, code, code_verifier: p.verifier });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await rejectionOf(sdk(fx.sim.url, first.access_token).accounts.list())).status).toBe(401);
  });

  it('rejects a wrong verifier, a wrong client, a wrong redirect and an expired code', async () => {
    const { client_id: clientID } = (await (await register()).json()) as { client_id: string };
    const attempt = async (mutate: (f: Record<string, string>) => Record<string, string>, before?: () => Promise<void>): Promise<unknown> => {
      const p = pkce();
      const code = (await authorize(authorizeURL(clientID, p))).get('code')!;
      await before?.();
      const res = await exchange(mutate({ client_id: clientID, code, code_verifier: p.verifier }));
      expect(res.status).toBe(400);
      return res.json();
    };
    expect(await attempt((f) => ({ ...f, code_verifier: pkce().verifier }))).toMatchObject({ error: 'invalid_grant', error_description: 'PKCE verification failed' });
    expect(await attempt((f) => ({ ...f, client_id: 'someone-else' }))).toMatchObject({ error: 'invalid_grant' });
    expect(await attempt((f) => ({ ...f, redirect_uri: 'http://127.0.0.1:1/other' }))).toMatchObject({ error: 'invalid_grant' });
    expect(await attempt((f) => ({ ...f, code_verifier: 'short' }))).toMatchObject({ error: 'invalid_request' });
    await control(fx.sim, '/config', { authCodeTtlMs: 1 });
    expect(await attempt((f) => f, () => new Promise((r) => setTimeout(r, 10)))).toMatchObject({ error_description: 'Authorization code has expired' });
  });

  it('requires S256 and answers authorization errors on the redirect with the state', async () => {
    const { client_id: clientID } = (await (await register()).json()) as { client_id: string };
    const p = pkce();
    const plain = await authorize(authorizeURL(clientID, p, { code_challenge_method: 'plain' }));
    expect(plain.get('error')).toBe('invalid_request');
    expect(plain.get('state')).toBe(p.state);
    expect((await authorize(authorizeURL(clientID, p, { scope: 'read admin' }))).get('error')).toBe('invalid_scope');
    expect((await authorize(authorizeURL(clientID, p, { response_type: 'token' }))).get('error')).toBe('unsupported_response_type');
  });

  it('shows an error page instead of redirecting to an unregistered redirect URI', async () => {
    const { client_id: clientID } = (await (await register()).json()) as { client_id: string };
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
    const { client_id: clientID } = (await (await register()).json()) as { client_id: string };
    const p = pkce();
    const code = (await authorize(authorizeURL(clientID, p))).get('code')!;
    const res = await fetch(`${fx.sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', client_id: clientID, code, code_verifier: p.verifier, redirect_uri: REDIRECT }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses refresh grants: there are no refresh tokens', async () => {
    const res = await exchange({ grant_type: 'refresh_token', refresh_token: 'x' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('denies authorization while Beeper Desktop itself is signed out', async () => {
    await control(fx.sim, '/config', { appState: 'needs-login' });
    const { client_id: clientID } = (await (await register()).json()) as { client_id: string };
    expect((await authorize(authorizeURL(clientID, pkce()))).get('error')).toBe('access_denied');
  });
});

describe('approve page', () => {
  it('asks the user, then redirects with a code on approve and access_denied on deny', async () => {
    await control(fx.sim, '/config', { oauthAutoApprove: false });
    const { client_id: clientID } = (await (await register()).json()) as { client_id: string };
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
      (await (
        await fetch(`${fx.sim.url}/oauth/introspect`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: t, token_type_hint: 'access_token' }),
        })
      ).json()) as Record<string, unknown>;
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
    const res = await fetch(`${fx.sim.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const err = await rejectionOf(sdk(fx.sim.url, token).accounts.list());
    expect(err).toBeInstanceOf(BeeperDesktop.AuthenticationError);
  });

  it('omits expires_in when tokens do not expire', async () => {
    await control(fx.sim, '/config', { tokenLifetimeSec: 0 });
    const { body } = await signIn();
    expect(body).not.toHaveProperty('expires_in');
  });
});
