/** main/core/auth/oauth.ts: PKCE and the loopback callback, against the simulator. */
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BeeperApi } from '../../../../main/core/api/client.ts';
import { InfoSchema, type Info } from '../../../../main/core/api/schemas.ts';
import { createPkce, signInWithOAuth } from '../../../../main/core/auth/oauth.ts';
import { startSimulator, type Simulator } from '../../../simulator/index.ts';

let sim: Simulator;
let info: Info;
let api: BeeperApi;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, config: { oauthAutoApprove: true } });
  api = new BeeperApi({ baseURL: sim.url, getToken: () => null });
  info = InfoSchema.parse(await api.info());
});
afterAll(async () => {
  await sim.stop();
});

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
    /** Sends raw bytes (no client would build this target) and reads the status line, or '' if none comes. */
    const raw = (port: number, request: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        let text = '';
        socket.setTimeout(2_000, () => socket.destroy());
        socket.on('data', (d) => (text += d.toString('latin1')));
        socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
        socket.on('error', () => resolve(text));
      });
    const result = await signInWithOAuth(
      opts(async (url) => {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        for (const target of ['http://[', '//[::1', 'http://a b/callback']) {
          expect(await raw(Number(redirect.port), `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`), target).toMatch(/^HTTP\/1\.1 400 /);
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
