/** Sign-in through the whole core against the simulator: OAuth, pasted token, expiry, 401, sign-out. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthView } from '../../../../preload/contract/views.ts';
import { startSimulator, type Simulator } from '../../../simulator/index.ts';
import { testCipher } from '../../../support/cipher.ts';
import { call, startCore, until, type TestCore } from '../../../support/core.ts';

let sim: Simulator;
let t: TestCore | null = null;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, config: { oauthAutoApprove: true, timeScale: 0.01 } });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset('default', { oauthAutoApprove: true, timeScale: 0.01 }));
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const registrations = (): number => sim.core.log.filter((l) => l.path === '/oauth/register').length;
const credentialsFile = (dir: string): string => readFileSync(path.join(dir, 'credentials.json'), 'utf8');
const storedToken = (dir: string): { backend: string } | undefined => (JSON.parse(credentialsFile(dir)) as { token?: { backend: string } }).token;

describe('finding Beeper Desktop', () => {
  it('finds the simulator and reads its version and app state', async () => {
    t = await startCore({ sim });
    const { connection } = t.core.snapshot();
    expect(connection).toMatchObject({ status: 'running', baseURL: sim.url, desktopVersion: '4.2.812', appState: 'ready', error: null });
  });

  it('tells the UI when Beeper Desktop itself is not signed in', async () => {
    sim.core.config.appState = 'needs-login';
    t = await startCore({ sim });
    expect(t.core.snapshot().connection.appState).toBe('needs-login');
  });
});

describe('OAuth sign-in', () => {
  it('signs in through the browser, keeps the token encrypted, and lists accounts', async () => {
    t = await startCore({ sim });
    expect(t.core.snapshot().auth.status).toBe('signed-out');
    const auth = await call<AuthView>(t, 'auth.signIn');
    expect(auth).toMatchObject({ status: 'signed-in', source: 'oauth', scopes: ['read', 'write'], storage: { persistent: true, backend: 'gnome_libsecret' } });
    expect(Date.parse(auth.expiresAt!)).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    const accounts = await until(() => t!.core.snapshot().accounts.networks.length > 0 && t!.core.snapshot().accounts, 'accounts');
    expect(accounts.needsAttention).toHaveLength(1);
    // On disk: encrypted, with the backend that wrote it; never the token itself.
    const token = [...sim.core.state.tokens.values()][0]!.token;
    const file = credentialsFile(t.dir);
    expect(file).not.toContain(token);
    expect(storedToken(t.dir)).toMatchObject({ backend: 'gnome_libsecret', source: 'oauth', baseURL: sim.url });
  });

  it('stays signed in across a restart and reuses its client ID for the next sign-in', async () => {
    t = await startCore({ sim });
    await call(t, 'auth.signIn');
    t = await t.restart();
    expect(t.core.snapshot().auth.status).toBe('signed-in');
    await call(t, 'auth.signOut');
    await call(t, 'auth.signIn');
    expect(registrations()).toBe(1);
  });

  it('reports a denied authorization and stays signed out', async () => {
    sim.core.config.oauthAutoApprove = false;
    t = await startCore({
      sim,
      openExternal: async (url) => {
        const page = await (await fetch(url)).text();
        const requestID = /name="request_id" value="([^"]+)"/.exec(page)![1]!;
        const res = await fetch(`${sim.url}/oauth/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ request_id: requestID, decision: 'deny' }) });
        await fetch(res.headers.get('location')!);
      },
    });
    await expect(call(t, 'auth.signIn')).rejects.toMatchObject({ kind: 'sign_in_failed', message: 'Access was denied in Beeper Desktop.' });
    expect(t.core.snapshot().auth).toMatchObject({ status: 'signed-out', reason: { kind: 'sign_in_failed' } });
  });

  it('can be cancelled while waiting for the browser', async () => {
    t = await startCore({ sim, openExternal: () => Promise.resolve() });
    const pending = call(t, 'auth.signIn');
    await until(() => t!.core.snapshot().auth.status === 'signing-in', 'signing-in');
    await call(t, 'auth.cancelSignIn');
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(t.core.snapshot().auth.status).toBe('signed-out');
  });

  it('registers again when Beeper Desktop forgot the client', async () => {
    t = await startCore({ sim });
    await call(t, 'auth.signIn');
    await call(t, 'auth.signOut');
    sim.core.state.clients.clear(); // Beeper Desktop reinstalled: the kept client ID is unknown now…
    // …an unregistered client ID is still accepted for a loopback redirect, so the sign-in works.
    await call(t, 'auth.signIn');
    expect(t.core.snapshot().auth.status).toBe('signed-in');
  });
});

describe('pasted token', () => {
  it('accepts a token created in Beeper Desktop after checking it', async () => {
    t = await startCore({ sim });
    const token = sim.mintToken();
    const auth = await call<AuthView>(t, 'auth.useToken', { token: `  Bearer ${token} ` });
    expect(auth).toMatchObject({ status: 'signed-in', source: 'manual' });
    await until(() => t!.core.snapshot().accounts.lastRefreshedAt, 'a refresh');
  });

  it('refuses a token Beeper Desktop does not accept, or one that can only read', async () => {
    t = await startCore({ sim });
    await expect(call(t, 'auth.useToken', { token: 'not-a-real-token' })).rejects.toMatchObject({ kind: 'invalid_input' });
    const readOnly = sim.mintToken({ scopes: ['read'] });
    await expect(call(t, 'auth.useToken', { token: readOnly })).rejects.toMatchObject({ kind: 'missing_scope' });
    expect(t.core.snapshot().auth.status).toBe('signed-out');
  });
});

describe('losing the sign-in', () => {
  it('drops the token when Beeper Desktop answers 401, and asks to connect again', async () => {
    t = await startCore({ sim });
    await call(t, 'auth.signIn');
    for (const tok of sim.core.state.tokens.values()) tok.revoked = true;
    await expect(call(t, 'accounts.refresh')).resolves.toBeDefined();
    const auth = await until(() => t!.core.snapshot().auth.status === 'signed-out' && t!.core.snapshot().auth, 'signed out');
    expect(auth).toMatchObject({ reason: { kind: 'unauthorized' }, connectAgain: true });
    expect(JSON.parse(credentialsFile(t.dir))).not.toHaveProperty('token');
  });

  it('drops the token when it expires (there are no refresh tokens)', async () => {
    sim.core.config.tokenLifetimeSec = 1;
    t = await startCore({ sim });
    await call(t, 'auth.signIn');
    const auth = await until(() => t!.core.snapshot().auth.status === 'signed-out' && t!.core.snapshot().auth, 'expiry', 4_000);
    expect(auth).toMatchObject({ reason: { kind: 'token_expired' }, connectAgain: true });
    expect(t.core.snapshot().accounts.networks).toEqual([]);
  });

  it('signs out by revoking the token at Beeper Desktop, then wiping it', async () => {
    t = await startCore({ sim });
    await call(t, 'auth.signIn');
    const token = [...sim.core.state.tokens.values()][0]!;
    const auth = await call<AuthView>(t, 'auth.signOut');
    expect(auth).toMatchObject({ status: 'signed-out', connectAgain: false });
    expect(token.revoked).toBe(true);
    expect(sim.core.log.some((l) => l.path === '/oauth/revoke')).toBe(true);
    expect(JSON.parse(credentialsFile(t.dir))).not.toHaveProperty('token');
    t = await t.restart();
    expect(t.core.snapshot().auth.status).toBe('signed-out');
  });
});

describe('insecure storage', () => {
  it('keeps the token for this run only on basic_text, and tells the UI why', async () => {
    t = await startCore({ sim, cipher: testCipher({ backend: 'basic_text' }) });
    const auth = await call<AuthView>(t, 'auth.signIn');
    expect(auth).toMatchObject({ status: 'signed-in', storage: { persistent: false, backend: 'memory', needsConsent: true } });
    expect(auth.storage.reason).toMatch(/No keyring/);
    expect(JSON.parse(credentialsFile(t.dir))).not.toHaveProperty('token');
    t = await t.restart();
    expect(t.core.snapshot().auth.status).toBe('signed-out');
  });

  it('stores it unencrypted only after the user allowed it, recording that it is plaintext', async () => {
    t = await startCore({ sim, cipher: null });
    await call(t, 'auth.signIn');
    const auth = await call<AuthView>(t, 'auth.setPlaintextConsent', { allow: true });
    expect(auth.storage).toMatchObject({ persistent: true, backend: 'plaintext', needsConsent: false });
    expect(storedToken(t.dir)?.backend).toBe('plaintext');
    t = await t.restart();
    expect(t.core.snapshot().auth.status).toBe('signed-in');
    await call(t, 'auth.setPlaintextConsent', { allow: false });
    expect(JSON.parse(credentialsFile(t.dir))).not.toHaveProperty('token');
  });

  it('does not use a token written by another backend (e.g. the keyring went away)', async () => {
    const cipher = testCipher({ backend: 'kwallet5' });
    t = await startCore({ sim, cipher });
    await call(t, 'auth.signIn');
    cipher.setBackend('gnome_libsecret');
    t = await t.restart({ cipher });
    expect(t.core.snapshot().auth).toMatchObject({ status: 'signed-out', reason: { message: expect.stringContaining('kwallet5') } });
  });
});
