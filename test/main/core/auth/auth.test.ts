/**
 * main/core/auth/auth.ts on its own: the AuthManager against the simulator, with a real vault, for
 * the paths the whole-core suites do not take — a pasted token on a server without userinfo, a
 * read-only token, a failing revoke or save, an undecryptable sign-in, expiry while running, and
 * the server changing under a sign-in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BeeperApi } from '../../../../main/core/api/client.ts';
import { AuthManager, type AuthDeps } from '../../../../main/core/auth/auth.ts';
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
  info = await new BeeperApi({ baseURL: sim.url, getToken: () => null }).info();
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
