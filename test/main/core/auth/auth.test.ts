/**
 * main/core/auth/auth.ts on its own: the AuthManager against the simulator, with a real vault, for
 * the paths the whole-core suites do not take — a pasted token on a server without userinfo, a
 * read-only token, a failing revoke or save, an undecryptable sign-in, expiry while running, and
 * the server changing under a sign-in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BeeperApi } from '../../../../main/core/api/client.ts';
import { AuthManager, type AuthDeps } from '../../../../main/core/auth/auth.ts';
import { AppError } from '../../../../main/core/errors.ts';
import { CredentialVault } from '../../../../main/core/auth/vault.ts';
import { Logger, memorySink } from '../../../../main/core/log.ts';
import type { Info } from '../../../../main/core/api/schemas.ts';
import { startSimulator, type Simulator } from '../../../simulator/index.ts';
import { testCipher } from '../../../support/cipher.ts';
import { confStore } from '../../../support/conf-store.ts';
import { approvingBrowser } from '../../../support/core.ts';
import { useTempDir } from '../../../support/temp-dir.ts';

let sim: Simulator;
let info: Info;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, config: { oauthAutoApprove: true } });
  info = await new BeeperApi({ baseURL: sim.url }).info();
});
afterAll(() => sim.stop());

const dir = useTempDir('bam-auth-');
const managers: AuthManager[] = [];
afterEach(() => {
  for (const m of managers.splice(0)) m.dispose();
});

/** A pasted token the simulator accepts: one it issued through OAuth. */
async function issuedToken(): Promise<string> {
  const m = manager();
  await m.setServer(sim.url, info);
  await m.signIn();
  return m.token(new URL(sim.url).origin)!;
}

/** Answers some paths itself, and passes the rest to the simulator. */
function fetchWith(routes: Record<string, (init: RequestInit | undefined) => Response>): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const route = routes[url.pathname];
    return route ? Promise.resolve(route(init)) : fetch(input, init);
  };
}

function manager(deps: Partial<AuthDeps> = {}, cipher = testCipher()) {
  const { sink, entries } = memorySink();
  const vault = new CredentialVault({ store: confStore(dir(), 'credentials'), cipher, allowPlaintext: () => false });
  const m = new AuthManager({ vault, log: new Logger({ sinks: [sink] }), openExternal: approvingBrowser, ...deps });
  managers.push(m);
  return Object.assign(m, { entries, vault });
}

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('AuthManager', () => {
  it('before Beeper Desktop is found: every sign-in says so', async () => {
    const m = manager();
    await expect(m.signIn()).rejects.toMatchObject({ kind: 'not_running', message: 'Beeper Desktop has not been found yet.' });
    await expect(m.useToken('a-token-of-some-length')).rejects.toMatchObject({ kind: 'not_running' });
    expect(m.token('http://127.0.0.1:1')).toBeNull();
  });

  it('one sign-in at a time', async () => {
    const m = manager({ openExternal: () => Promise.resolve() });
    await m.setServer(sim.url, info);
    const first = m.signIn();
    await expect(m.signIn()).rejects.toMatchObject({ kind: 'sign_in_failed', message: 'A sign-in is already in progress in your browser.' });
    m.cancelSignIn();
    await expect(first).rejects.toMatchObject({ kind: 'cancelled' });
    expect(m.state()).toMatchObject({ status: 'signed-out' });
    expect(m.state().reason).toBeUndefined(); // cancelling is not an error to show
  });

  it('a pasted token: "Bearer " is dropped, and something that is no token is refused before any request', async () => {
    const token = await issuedToken();
    const m = manager();
    await m.setServer(sim.url, info);
    await expect(m.useToken('not a token')).rejects.toMatchObject({ kind: 'invalid_input', message: 'That does not look like an access token.' });
    await m.useToken(`Bearer ${token}`);
    expect(m.state()).toMatchObject({ status: 'signed-in', source: 'manual' });
  });

  it('a server without userinfo: a token that can read accounts is kept, one that cannot is refused', async () => {
    const token = await issuedToken();
    const noUserinfo = fetchWith({ '/oauth/userinfo': () => json(404, { code: 'NOT_FOUND', message: 'no such route' }) });
    const m = manager({ fetch: noUserinfo });
    await m.setServer(sim.url, info);
    await m.useToken(token);
    expect(m.state()).toMatchObject({ status: 'signed-in', source: 'manual' });
    expect(m.state().scopes).toBeUndefined();

    const refused = manager({ fetch: fetchWith({ '/oauth/userinfo': () => json(404, {}), '/v1/accounts': () => json(401, { code: 'UNAUTHORIZED', message: 'no' }) }) });
    await refused.setServer(sim.url, info);
    await expect(refused.useToken(token)).rejects.toMatchObject({ kind: 'invalid_input', message: 'Beeper Desktop does not accept that token.' });

    const broken = manager({ fetch: fetchWith({ '/oauth/userinfo': () => json(404, {}), '/v1/accounts': () => json(500, {}) }) });
    await broken.setServer(sim.url, info);
    await expect(broken.useToken(token)).rejects.toMatchObject({ kind: 'server_error' });
    expect(broken.state().status).toBe('signed-out');
  });

  it('a token userinfo refuses, or one that can only read, is not kept', async () => {
    const token = await issuedToken();
    const refused = manager({ fetch: fetchWith({ '/oauth/userinfo': () => json(401, { code: 'UNAUTHORIZED', message: 'no' }) }) });
    await refused.setServer(sim.url, info);
    await expect(refused.useToken(token)).rejects.toMatchObject({ kind: 'invalid_input', status: 401 });

    const readOnly = manager({ fetch: fetchWith({ '/oauth/userinfo': () => json(200, { sub: 'u', scope: 'read', client_id: 'c', token_use: 'access' }) }) });
    await readOnly.setServer(sim.url, info);
    await expect(readOnly.useToken(token)).rejects.toMatchObject({ kind: 'missing_scope' });
    expect(readOnly.state().status).toBe('signed-out');
  });

  it('signing out wipes the token even when Beeper Desktop cannot revoke it', async () => {
    const m = manager({ fetch: fetchWith({ '/oauth/revoke': () => json(500, {}) }) });
    await m.setServer(sim.url, info);
    await m.signIn();
    expect(await m.signOut()).toEqual({ revoked: false });
    expect(m.state()).toMatchObject({ status: 'signed-out' });
    expect(m.token(new URL(sim.url).origin)).toBeNull();
    expect(m.entries.map((e) => e.message)).toContain('could not revoke the token; wiping it anyway');
  });

  it('a sign-in that cannot be saved still holds for this run', async () => {
    const m = manager();
    await m.setServer(sim.url, info);
    vi.spyOn(m.vault, 'save').mockRejectedValue(new Error('disk full'));
    await m.signIn();
    expect(m.state().status).toBe('signed-in');
    await vi.waitFor(() => expect(m.entries.map((e) => e.message)).toContain('could not save the sign-in'));
  });

  it('a saved sign-in this machine can no longer decrypt: signed out, and says why', async () => {
    const first = manager();
    await first.setServer(sim.url, info);
    await first.signIn();
    first.dispose();
    const other = manager({}, testCipher()); // another key: the keyring was reset
    await other.setServer(sim.url, info);
    expect(other.state()).toMatchObject({ status: 'signed-out', reason: { kind: 'unauthorized' } });
  });

  it('an expired token is never handed out: asking for it drops the sign-in and says why', async () => {
    let now = Date.now();
    const m = manager({ now: () => now });
    await m.setServer(sim.url, info);
    await m.signIn();
    await m.setServer(sim.url, { ...info }); // the same server found again: the sign-in stays
    expect(m.state().status).toBe('signed-in');
    const seen: string[] = [];
    m.onChange((s) => seen.push(s.status));
    now = Date.parse(m.state().expiresAt!) + 1;
    expect(m.token(new URL(sim.url).origin)).toBeNull();
    expect(m.state()).toMatchObject({ status: 'signed-out', reason: { kind: 'token_expired' } });
    expect(seen).toEqual(['signed-out']);
  });

  it('a saved sign-in already expired at start: signed out, asking to connect again', async () => {
    let now = Date.now();
    const cipher = testCipher(); // the same keyring across both runs
    const first = manager({ now: () => now }, cipher);
    await first.setServer(sim.url, info);
    await first.signIn();
    first.dispose();
    now += 40 * 24 * 3600 * 1000; // past the simulator's 30-day lifetime
    const later = manager({ now: () => now }, cipher);
    await later.setServer(sim.url, info);
    expect(later.state()).toMatchObject({ status: 'signed-out', reason: { kind: 'token_expired' } });
  });

  it('a pasted token keeps the expiry and scopes userinfo gives, and a saved one not yet expired is signed in again at start', async () => {
    const token = await issuedToken();
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const userinfo = fetchWith({ '/oauth/userinfo': () => json(200, { sub: 'u', scope: 'read write', exp }) });
    const cipher = testCipher({ backend: 'keychain' });
    const first = manager({ fetch: userinfo }, cipher);
    await first.setServer(sim.url, info);
    await first.useToken(token);
    expect(first.state()).toMatchObject({ status: 'signed-in', source: 'manual', expiresAt: new Date(exp * 1000).toISOString(), scopes: ['read', 'write'] });
    first.dispose();
    const later = manager({}, cipher);
    await later.setServer(sim.url, info);
    expect(later.state()).toMatchObject({ status: 'signed-in', source: 'manual', expiresAt: new Date(exp * 1000).toISOString() });
    expect(later.token(new URL(sim.url).origin)).toBe(token);
  });

  it('the address changing during a sign-in stops it; the token is not kept for the new server', async () => {
    let release!: () => void;
    const m = manager({
      openExternal: async (url) => {
        await new Promise<void>((r) => (release = r));
        await approvingBrowser(url);
      },
    });
    await m.setServer(sim.url, info);
    const signingIn = m.signIn();
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    await m.setServer('http://127.0.0.1:9', info);
    release();
    await expect(signingIn).rejects.toMatchObject({ kind: 'cancelled' });
    expect(m.token('http://127.0.0.1:9')).toBeNull();
  });
});

describe('AuthManager and the Beeper Desktop its sign-in belongs to', () => {
  const url = () => sim.url;
  const as = (patch: Partial<Info['app']>): Info => ({ ...info, app: { ...info.app, ...patch } });

  async function signedIn() {
    const m = manager();
    const changes: string[] = [];
    m.onChange((s) => changes.push(`${s.status}${s.reason?.code ? ` ${s.reason.code}` : ''}`));
    await m.setServer(url(), info);
    await m.signIn();
    changes.length = 0;
    return { m, changes, origin: new URL(url()).origin };
  }

  it('after a loss no token goes out until what answers is checked; the same Beeper Desktop gets it back at once', async () => {
    const { m, origin } = await signedIn();
    const token = m.token(origin);
    m.serverLost();
    expect(m.token(origin)).toBeNull();
    m.trustIfSame('http://127.0.0.1:1', info); // another address: not this sign-in's
    expect(m.token(origin)).toBeNull();
    m.trustIfSame(url(), as({ name: 'Other' })); // not the same Beeper Desktop
    expect(m.token(origin)).toBeNull();
    m.trustIfSame(url(), as({ version: '9.9.9' })); // a newer one of it
    expect(m.token(origin)).toBe(token);
  });

  it('a server that answers otherwise holds the sign-in back (kept, not sent), and it comes back with Beeper Desktop', async () => {
    const { m, changes, origin } = await signedIn();
    const token = m.token(origin);
    m.serverLost();
    await m.setServer(url(), as({ bundle_id: 'com.evil' }));
    expect(m.state()).toMatchObject({ status: 'signed-out', reason: { kind: 'unauthorized', code: 'DESKTOP_CHANGED', message: expect.stringContaining(`The program answering at ${url()} is not the Beeper Desktop this app connected to (its app identifier is not the same)`) } });
    expect(m.token(origin)).toBeNull();
    expect(m.vault.tokenFor(url())?.accessToken).toBe(token); // held, not deleted
    // While held, only a full check (setServer) can trust the server again.
    m.trustIfSame(url(), info);
    expect(m.token(origin)).toBeNull();
    await m.setServer(url(), as({ bundle_id: 'com.evil' })); // the same answer again: nothing new to say
    await m.setServer(url(), info);
    expect(m.state()).toMatchObject({ status: 'signed-in' });
    expect(m.state().reason).toBeUndefined();
    expect(m.token(origin)).toBe(token);
    expect(changes).toEqual(['signed-out DESKTOP_CHANGED', 'signed-in']);
    await m.setServer(url(), info); // found again, nothing changed: no event
    expect(changes).toHaveLength(2);
  });

  it('remembers the newest version it saw, and only writes when it changes', async () => {
    const { m } = await signedIn();
    expect(m.vault.tokenFor(url())?.server).toEqual({ name: 'Beeper', bundleID: info.app.bundle_id ?? null, version: info.app.version });
    const noted = vi.spyOn(m.vault, 'noteServer');
    await m.setServer(url(), info);
    expect(noted).not.toHaveBeenCalled();
    await m.setServer(url(), as({ version: '9.0.0' }));
    expect(noted).toHaveBeenCalledTimes(1);
    expect(m.vault.tokenFor(url())?.server?.version).toBe('9.0.0');
    // A later, older answer is held back.
    await m.setServer(url(), info);
    expect(m.state().reason).toMatchObject({ code: 'DESKTOP_CHANGED', message: expect.stringContaining(`its version ${info.app.version} is older than 9.0.0`) });
  });

  it('a sign-in saved before the app kept the identity is trusted once and remembers it then', async () => {
    const cipher = testCipher();
    const first = manager({}, cipher);
    await first.setServer(url(), info);
    await first.signIn();
    const record = first.vault['store'].get('token') as Record<string, unknown>;
    first.vault['store'].set('token', { ...record, server: undefined });
    first.dispose();
    const later = manager({}, cipher);
    await later.setServer(url(), as({ version: '1.0.0' }));
    expect(later.state().status).toBe('signed-in');
    expect(later.vault.tokenFor(url())?.server?.version).toBe('1.0.0');
  });
});

describe('AuthManager, exactly', () => {
  const origin = () => new URL(sim.url).origin;
  const record = (m: AuthManager) => {
    const seen: string[] = [];
    m.onChange((s) => seen.push(`${s.status}${s.reason ? ` ${s.reason.kind}` : ''}`));
    return seen;
  };
  const userinfoSays = (body: Record<string, unknown>) => fetchWith({ '/oauth/userinfo': () => json(200, { sub: 'u', ...body }) });

  it('says only what it knows: signed out with no server; signed in with source, expiry and scopes; none of them once signed out', async () => {
    const m = manager();
    expect(m.state()).toStrictEqual({ status: 'signed-out', storage: m.vault.status() });
    await m.setServer(sim.url, info);
    expect(m.state()).toStrictEqual({ status: 'signed-out', storage: m.vault.status() });
    await m.signIn();
    const stored = m.vault.tokenFor(sim.url)!;
    expect(m.state()).toStrictEqual({ status: 'signed-in', source: 'oauth', expiresAt: new Date(stored.expiresAt!).toISOString(), scopes: stored.scope!.split(' '), storage: m.vault.status() });
    await m.signOut();
    expect(m.state()).toStrictEqual({ status: 'signed-out', storage: m.vault.status() });
  });

  it('scopes are read from any spacing; a token without an expiry has none, one without scopes has none', async () => {
    const token = await issuedToken();
    const spaced = manager({ fetch: userinfoSays({ scope: ' read   write ' }) });
    await spaced.setServer(sim.url, info);
    await spaced.useToken(token);
    expect(spaced.state()).toStrictEqual({ status: 'signed-in', source: 'manual', scopes: ['read', 'write'], storage: spaced.vault.status() });
    const bare = manager({ fetch: userinfoSays({}) });
    await bare.setServer(sim.url, info);
    await bare.useToken(token);
    expect(bare.state()).toStrictEqual({ status: 'signed-in', source: 'manual', storage: bare.vault.status() });
  });

  it('a listener hears each change until it unsubscribes', async () => {
    const m = manager();
    const seen: string[] = [];
    const off = m.onChange((s) => seen.push(s.status));
    await m.setServer(sim.url, info);
    await m.signIn();
    expect(seen).toEqual(['signed-out', 'signing-in', 'signed-in']);
    off();
    await m.signOut();
    expect(seen).toHaveLength(3);
  });

  it('a token expiring exactly now is expired, at start and when asked for', async () => {
    let now = Date.now();
    const cipher = testCipher();
    const first = manager({ now: () => now }, cipher);
    await first.setServer(sim.url, info);
    await first.signIn();
    const expiresAt = first.vault.tokenFor(sim.url)!.expiresAt!;
    now = expiresAt - 1;
    expect(first.token(origin())).not.toBeNull();
    now = expiresAt;
    expect(first.token(origin())).toBeNull();
    expect(first.state().reason).toMatchObject({ kind: 'token_expired' });

    now = Date.now();
    const again = manager({ now: () => now }, cipher);
    await again.setServer(sim.url, info);
    await again.signIn();
    now = again.vault.tokenFor(sim.url)!.expiresAt!;
    again.dispose();
    const later = manager({ now: () => now }, cipher);
    await later.setServer(sim.url, info);
    expect(later.state()).toMatchObject({ status: 'signed-out', reason: { kind: 'token_expired' } });
  });

  it('the token is kept out of the log once known: signed in by OAuth, pasted, or loaded at start', async () => {
    const cipher = testCipher();
    const oauth = manager({}, cipher);
    await oauth.setServer(sim.url, info);
    await oauth.signIn();
    const token = oauth.token(origin())!;
    const leaks = (m: ReturnType<typeof manager>) => {
      m.entries.length = 0;
      new Logger({ sinks: [(e) => m.entries.push(e)], secrets: (m as unknown as { deps: AuthDeps }).deps.log.secrets }).info(`token ${token}`);
      return JSON.stringify(m.entries).includes(token);
    };
    expect(leaks(oauth)).toBe(false);
    oauth.dispose();
    const later = manager({}, cipher);
    await later.setServer(sim.url, info);
    expect(later.state().status).toBe('signed-in');
    expect(leaks(later)).toBe(false);
    const pasted = manager({ fetch: fetchWith({ '/oauth/userinfo': () => json(500, {}), '/v1/accounts': () => json(500, {}) }) });
    await pasted.setServer(sim.url, info);
    await expect(pasted.useToken(token)).rejects.toMatchObject({ kind: 'server_error' });
    expect(leaks(pasted)).toBe(false); // refused, yet never written out
  });

  it('the address moving on while a saved sign-in is decrypted: the later server wins', async () => {
    const cipher = testCipher();
    const first = manager({}, cipher);
    await first.setServer(sim.url, info);
    await first.signIn();
    first.dispose();
    const m = manager({}, cipher);
    const seen = record(m);
    const loading = m.setServer(sim.url, info);
    const other = m.setServer('http://127.0.0.1:9', info);
    await Promise.all([loading, other]);
    expect(m.state().status).toBe('signed-out');
    expect(m.token(origin())).toBeNull();
    expect(m.token('http://127.0.0.1:9')).toBeNull();
    expect(seen).toEqual(['signed-out']);
  });

  it('moving to another address signs out of the old one, and says so', async () => {
    const m = manager();
    await m.setServer(sim.url, info);
    await m.signIn();
    const seen = record(m);
    await m.setServer('http://127.0.0.1:9', info);
    expect(m.state().status).toBe('signed-out');
    expect(seen).toEqual(['signed-out']);
  });

  it('moving to another address during a sign-in: it stays "signing in" until the stopped sign-in ends', async () => {
    let release!: () => void;
    const m = manager({ openExternal: () => new Promise<void>((r) => (release = r)) });
    await m.setServer(sim.url, info);
    const seen = record(m);
    const signingIn = m.signIn();
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    await m.setServer('http://127.0.0.1:9', info);
    release();
    await expect(signingIn).rejects.toMatchObject({ kind: 'cancelled' });
    expect(seen).toEqual(['signing-in', 'signing-in', 'signed-out']);
  });

  it('signing in before Beeper Desktop is found changes nothing', async () => {
    const m = manager();
    const seen = record(m);
    await expect(m.signIn()).rejects.toMatchObject({ kind: 'not_running' });
    expect(seen).toEqual([]);
    expect(m.state().reason).toBeUndefined();
    expect(() => m.cancelSignIn()).not.toThrow();
  });

  it('a sign-in logs how it was made and until when, and a dropped one logs why', async () => {
    const m = manager();
    await m.setServer(sim.url, info);
    await m.signIn();
    const expiresAt = new Date(m.vault.tokenFor(sim.url)!.expiresAt!).toISOString();
    expect(m.entries.find((e) => e.message === 'signed in to Beeper Desktop')?.data).toEqual({ source: 'oauth', expiresAt, storage: m.vault.status().backend });
    const seen = record(m);
    m.handleUnauthorized(new AppError('unauthorized', 'no', { code: 'UNAUTHORIZED', status: 401 }));
    expect(m.entries.find((e) => e.message === 'sign-in dropped')?.data).toEqual({ reason: 'unauthorized', code: 'UNAUTHORIZED' });
    expect(seen).toEqual(['signed-out unauthorized']);
    m.entries.length = 0;
    m.handleUnauthorized(new AppError('unauthorized', 'again')); // already signed out: nothing more
    m.drop(new AppError('token_expired', 'x'));
    expect(m.entries.filter((e) => e.message === 'sign-in dropped')).toEqual([]);
    expect(m.state().reason).toMatchObject({ kind: 'token_expired' });
  });

  it('a pasted token without an expiry logs none', async () => {
    const token = await issuedToken();
    const m = manager({ fetch: userinfoSays({ scope: 'read write' }) });
    await m.setServer(sim.url, info);
    await m.useToken(token);
    expect(m.entries.find((e) => e.message === 'signed in to Beeper Desktop')?.data).toMatchObject({ source: 'manual', expiresAt: null });
  });

  it('a 401 while signing in or signed out is not a sign-in to drop', async () => {
    let release!: () => void;
    const m = manager({ openExternal: () => new Promise<void>((r) => (release = r)) });
    await m.setServer(sim.url, info);
    const signingIn = m.signIn();
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    const seen = record(m);
    m.handleUnauthorized(new AppError('unauthorized', 'no'));
    expect(m.state()).toMatchObject({ status: 'signing-in' });
    expect(seen).toEqual([]);
    m.cancelSignIn();
    release();
    await expect(signingIn).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('a sign-in that takes too long ends with the timeout the app was given', async () => {
    const m = manager({ openExternal: () => Promise.resolve(), signInTimeoutMs: 50 });
    await m.setServer(sim.url, info);
    await expect(m.signIn()).rejects.toMatchObject({ kind: 'sign_in_failed', message: expect.stringContaining('took too long') });
    expect(m.state()).toMatchObject({ status: 'signed-out', reason: { kind: 'sign_in_failed', message: expect.stringContaining('took too long') } });
  });

  it('a sign-in that fails for a reason not its own says "did not complete" and keeps the cause', async () => {
    const m = manager({ openExternal: () => Promise.reject(new Error('no browser')) });
    await m.setServer(sim.url, info);
    const failure = await m.signIn().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(m.state()).toMatchObject({ status: 'signed-out', reason: { kind: (failure as AppError).kind } });
  });

  it('Beeper Desktop forgetting this app (invalid_client, unauthorized_client) makes the next sign-in register again; other refusals do not', async () => {
    for (const [error, forgets] of [['invalid_client', true], ['unauthorized_client', true], ['invalid_grant', false]] as const) {
      let refuse = false;
      const m = manager({
        fetch: (input, init) => (refuse && new URL(input instanceof Request ? input.url : String(input)).pathname === '/oauth/token' ? Promise.resolve(json(400, { error, error_description: 'no' })) : fetch(input, init)),
      });
      await m.setServer(sim.url, info);
      await m.signIn(); // registers this app: a client ID is kept
      expect(m.vault.clientID(sim.url)).not.toBeNull();
      refuse = true;
      await expect(m.signIn()).rejects.toBeInstanceOf(AppError);
      expect(m.vault.clientID(sim.url) === null, error).toBe(forgets);
      expect(m.state()).toMatchObject({ status: 'signed-out', reason: { kind: expect.any(String) } });
      m.dispose();
    }
  });

  it('a pasted token: any case and spacing of "Bearer" is dropped; spaces inside, too short or too long is no token', async () => {
    const token = await issuedToken();
    const m = manager();
    await m.setServer(sim.url, info);
    for (const bad of ['abc defghijkl', 'defghijkl abc', 'short12', 'x'.repeat(4097), `x${'Bearer '}${token}`, 'tok\u00e9nvalue1']) {
      await expect(m.useToken(bad), bad.slice(0, 20)).rejects.toMatchObject({ kind: 'invalid_input', message: 'That does not look like an access token.' });
    }
    await m.useToken(`  bEaReR \t ${token}  `);
    expect(m.token(origin())).toBe(token);
  });

  it('a token refused by userinfo, or by the accounts probe, is "not accepted"; one that can only read says what to create', async () => {
    const token = await issuedToken();
    const refused = manager({ fetch: fetchWith({ '/oauth/userinfo': () => json(401, { code: 'UNAUTHORIZED', message: 'no' }) }) });
    await refused.setServer(sim.url, info);
    await expect(refused.useToken(token)).rejects.toMatchObject({ kind: 'invalid_input', message: 'Beeper Desktop does not accept that token.', code: 'UNAUTHORIZED', status: 401 });
    const readOnly = manager({ fetch: userinfoSays({ scope: 'read' }) });
    await readOnly.setServer(sim.url, info);
    await expect(readOnly.useToken(token)).rejects.toMatchObject({ kind: 'missing_scope', message: 'That token can only read. Create one that can also make changes (read and write).' });
    const probeThrows = manager({ fetch: fetchWith({ '/oauth/userinfo': () => json(404, {}), '/v1/accounts': () => { throw new TypeError('fetch failed'); } }) });
    await probeThrows.setServer(sim.url, info);
    await expect(probeThrows.useToken(token)).rejects.toMatchObject({ kind: 'not_running' }); // what the client makes of it, unchanged
  });

  it('with no userinfo or revocation address in the info, the standard paths are used', async () => {
    const token = await issuedToken();
    const hits: string[] = [];
    const bare: Info = { ...info, endpoints: { ...info.endpoints, oauth: { authorization_endpoint: info.endpoints.oauth.authorization_endpoint, token_endpoint: info.endpoints.oauth.token_endpoint } } };
    const m = manager({
      fetch: (input, init) => {
        hits.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
        return fetch(input, init);
      },
    });
    await m.setServer(sim.url, bare);
    await m.useToken(token);
    expect(await m.signOut()).toEqual({ revoked: true });
    expect(hits).toContain('/oauth/userinfo');
    expect(hits).toContain('/oauth/revoke');
  });

  it('signing out while signed out asks Beeper Desktop nothing, and says so', async () => {
    const hits: string[] = [];
    const m = manager({ fetch: (input, init) => (hits.push(String(input instanceof Request ? input.url : input)), fetch(input, init)) });
    await m.setServer(sim.url, info);
    const seen = record(m);
    expect(await m.signOut()).toEqual({ revoked: false });
    expect(hits).toEqual([]);
    expect(seen).toEqual(['signed-out']);
  });

  it('a failed revoke is logged with its error', async () => {
    const m = manager({ fetch: fetchWith({ '/oauth/revoke': () => json(500, { code: 'BOOM', message: 'down' }) }) });
    await m.setServer(sim.url, info);
    await m.signIn();
    await m.signOut();
    expect(m.entries.find((e) => e.message === 'could not revoke the token; wiping it anyway')?.data).toMatchObject({ error: { name: 'AppError' } });
  });

  it('a sign-in that cannot be saved logs the error', async () => {
    const m = manager();
    await m.setServer(sim.url, info);
    vi.spyOn(m.vault, 'save').mockRejectedValue(new Error('disk full'));
    await m.signIn();
    await vi.waitFor(() => expect(m.entries.find((e) => e.message === 'could not save the sign-in')?.data).toEqual({ error: { name: 'Error', message: 'disk full' } }));
  });

  it('the storage answer: saved when it can be, logged when not, and the window told either way', async () => {
    const m = manager();
    await m.setServer(sim.url, info);
    const seen = record(m);
    const persist = vi.spyOn(m.vault, 'persist').mockResolvedValueOnce(undefined);
    await m.storageChanged();
    expect(persist).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(1);
    persist.mockRejectedValueOnce(new Error('locked'));
    await m.storageChanged();
    expect(m.entries.find((e) => e.message === 'could not save the sign-in')?.data).toEqual({ error: { name: 'Error', message: 'locked' } });
    expect(seen).toHaveLength(2);
  });
});

describe('AuthManager and the Beeper Desktop its sign-in belongs to, exactly', () => {
  const as = (patch: Partial<Info['app']>): Info => ({ ...info, app: { ...info.app, ...patch } });

  it('with no saved sign-in there is nothing to trust or hold', async () => {
    const m = manager();
    await m.setServer(sim.url, info);
    expect(() => m.trustIfSame(sim.url, info)).not.toThrow();
    expect(m.state()).toEqual({ status: 'signed-out', storage: m.vault.status() });
  });

  it('a server that describes itself otherwise in a new way is said (and logged) again, with what was known and what answers', async () => {
    const m = manager();
    await m.setServer(sim.url, info);
    await m.signIn();
    const seen: string[] = [];
    m.onChange((s) => seen.push(s.reason?.message ?? s.status));
    await m.setServer(sim.url, as({ bundle_id: 'com.evil' }));
    await m.setServer(sim.url, as({ bundle_id: 'com.evil' }));
    await m.setServer(sim.url, as({ name: 'Evil' }));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toContain('its app identifier is not the same');
    expect(seen[1]).not.toBe(seen[0]);
    const warnings = m.entries.filter((e) => e.message === 'the server at the Beeper Desktop address describes itself differently; sign-in held back');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]?.data).toEqual({ known: m.vault.tokenFor(sim.url)!.server, now: { name: info.app.name, bundleID: 'com.evil', version: info.app.version } });
  });
});

describe('AuthManager expiry timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function savedSignIn(lifetimeMs: number) {
    const cipher = testCipher();
    const now = Date.now();
    const token = await issuedToken();
    const first = manager({ fetch: userinfoSays(lifetimeMs, now) }, cipher);
    await first.setServer(sim.url, info);
    await first.useToken(token);
    first.dispose();
    return { cipher, expiresAt: first.vault.tokenFor(sim.url)!.expiresAt! };
  }
  const userinfoSays = (lifetimeMs: number, now: number) => fetchWith({ '/oauth/userinfo': () => json(200, { sub: 'u', scope: 'read write', exp: Math.floor((now + lifetimeMs) / 1000) }) });

  it('signs out by itself when the token expires, without anyone asking for it, and says why', async () => {
    const { cipher, expiresAt } = await savedSignIn(3_600_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const m = manager({}, cipher);
    await m.setServer(sim.url, info);
    const seen: string[] = [];
    m.onChange((s) => seen.push(`${s.status} ${s.reason?.kind ?? ''}`.trim()));
    vi.advanceTimersByTime(expiresAt - Date.now() - 1);
    expect(m.state().status).toBe('signed-in');
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['signed-out token_expired']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a lifetime longer than a timer can wait is waited out in steps', async () => {
    const days = 40;
    const { cipher, expiresAt } = await savedSignIn(days * 86_400_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const m = manager({}, cipher);
    await m.setServer(sim.url, info);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(vi.getTimerCount()).toBe(1); // no early firing
    vi.advanceTimersByTime(25 * 86_400_000); // past the first, capped, wait: still signed in, and waiting again
    expect(m.state().status).toBe('signed-in');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(expiresAt - Date.now());
    expect(m.state()).toMatchObject({ status: 'signed-out', reason: { kind: 'token_expired' } });
  });

  it('no timer is left behind by signing out, a dropped sign-in, or dispose', async () => {
    const { cipher } = await savedSignIn(3_600_000);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const a = manager({}, cipher);
    await a.setServer(sim.url, info);
    expect(vi.getTimerCount()).toBe(1);
    a.dispose();
    expect(vi.getTimerCount()).toBe(0);
    const b = manager({}, cipher);
    await b.setServer(sim.url, info);
    b.handleUnauthorized(new AppError('unauthorized', 'no'));
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('AuthManager, the token it hands out', () => {
  const origin = () => new URL(sim.url).origin;

  it('only for the origin that issued it, never while signing in again, and not at all once the vault lost it', async () => {
    let release!: () => void;
    let hold = false;
    const m = manager({ openExternal: async (url) => (hold ? await new Promise<void>((r) => (release = r)) : undefined, approvingBrowser(url)) });
    await m.setServer(sim.url, info);
    await m.signIn();
    expect(m.token(origin())).not.toBeNull();
    expect(m.token('http://127.0.0.1:1')).toBeNull();
    hold = true;
    const again = m.signIn();
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    expect(m.token(origin())).toBeNull();
    release();
    await again;
    m.vault.clear();
    expect(m.token(origin())).toBeNull();
  });

  it('a held sign-in says only why it is held: no source, expiry or scopes', async () => {
    const m = manager();
    await m.setServer(sim.url, info);
    await m.signIn();
    await m.setServer(sim.url, { ...info, app: { ...info.app, bundle_id: 'com.evil' } });
    expect(Object.keys(m.state()).sort()).toEqual(['reason', 'status', 'storage']);
  });

  it('a saved pasted token without an expiry is signed in again at start, and no expiry timer runs for it', async () => {
    const token = await issuedToken();
    const cipher = testCipher();
    const first = manager({ fetch: fetchWith({ '/oauth/userinfo': () => json(200, { sub: 'u', scope: 'read write' }) }) }, cipher);
    await first.setServer(sim.url, info);
    await first.useToken(token);
    first.dispose();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const later = manager({}, cipher);
      await later.setServer(sim.url, info);
      expect(later.state().status).toBe('signed-in');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('signing in again replaces the expiry timer; signing out stops it', async () => {
    const token = await issuedToken();
    const exp = Math.floor(Date.now() / 1000) + 3600;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const m = manager({ fetch: fetchWith({ '/oauth/userinfo': () => json(200, { sub: 'u', scope: 'read write', exp }) }) });
      await m.setServer(sim.url, info);
      await m.useToken(token);
      await m.useToken(token);
      expect(vi.getTimerCount()).toBe(1);
      await m.signOut();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the address changing while a pasted token is checked: refused, and not kept', async () => {
    const token = await issuedToken();
    let answer!: () => void;
    const m = manager({ fetch: (input, init) => (new URL(input instanceof Request ? input.url : String(input)).pathname === '/oauth/userinfo' ? new Promise<Response>((r) => (answer = () => r(json(200, { sub: 'u', scope: 'read write' })))) : fetch(input, init)) });
    await m.setServer(sim.url, info);
    const checking = m.useToken(token);
    await vi.waitFor(() => expect(answer).toBeTypeOf('function'));
    await m.setServer('http://127.0.0.1:9', info);
    answer();
    await expect(checking).rejects.toMatchObject({ kind: 'sign_in_failed', code: 'SERVER_CHANGED', message: 'The Beeper Desktop address changed while signing in. Connect again.' });
    expect(m.vault.tokenFor(sim.url)).toBeNull();
    expect(m.vault.tokenFor('http://127.0.0.1:9')).toBeNull();
  });
});
