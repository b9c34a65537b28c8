/**
 * main/core/account-manager.ts: the wiring of the core, against the simulator — what each part is
 * given (log scopes, options, callbacks), and what one part's change means for the others. The
 * behaviour of each part has its own test file; the whole-core suites in ./account-manager/ run
 * the user's paths end to end.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthView, SessionView } from '../../../preload/contract/views.ts';
import { startSimulator, type Simulator } from '../../simulator/index.ts';
import { call, startCore, until, type TestCore } from '../../support/core.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.stop());

let t: TestCore;
const cores: TestCore[] = [];
async function core(opts: Parameters<typeof startCore>[0]['deps'] & { start?: boolean; openExternal?: (url: string) => Promise<void> } = {}): Promise<TestCore> {
  const { start, openExternal, ...deps } = opts;
  const c = await startCore({ sim, deps, ...(start === undefined ? {} : { start }), ...(openExternal ? { openExternal } : {}) });
  cores.push(c);
  return c;
}
beforeEach(async () => {
  await sim.startAPI();
  sim.reset('default', { oauthAutoApprove: true });
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
});

const signedIn = async (): Promise<TestCore> => {
  const c = await core();
  await call(c, 'auth.signIn');
  await until(() => c.core.snapshot().accounts.lastRefreshedAt, 'first refresh');
  return c;
};
const scopeOf = (c: TestCore, message: string): string | undefined => c.logs.find((e) => e.message === message)?.scope;

describe('AccountManager wiring', () => {
  it('each part logs under its own name', async () => {
    t = await signedIn();
    expect(scopeOf(t, 'signed in to Beeper Desktop')).toMatch(/:auth$/);
    expect(scopeOf(t, 'accounts refreshed')).toMatch(/:accounts$/);
    t.core.connection.lost();
    expect(scopeOf(t, 'Beeper Desktop stopped answering')).toMatch(/:connection$/);
    writeFileSync(path.join(t.dir, 'credentials.json'), JSON.stringify({ token: { version: 2 } }));
    t = await t.restart();
    cores.push(t);
    expect(scopeOf(t, 'stored sign-in record is malformed; ignoring it')).toMatch(/:vault$/);
  });

  it('without an app version or capabilities: 0.0.0 and nothing offered', async () => {
    t = await core({ start: false });
    const snap = t.core.snapshot();
    expect(snap.updater.currentVersion).toBe('0.0.0');
    expect(snap.capabilities).toEqual({ captureWindow: false, desktopShell: false, startAtLogin: false });
    t = await core({ start: false, appVersion: '1.2.3', capabilities: { captureWindow: true, desktopShell: true, startAtLogin: true } });
    expect(t.core.snapshot().updater.currentVersion).toBe('1.2.3');
    expect(t.core.snapshot().capabilities).toEqual({ captureWindow: true, desktopShell: true, startAtLogin: true });
  });

  it('the sign-in time limit it is given reaches the sign-in', async () => {
    t = await core({ signInTimeoutMs: 50, openExternal: () => Promise.resolve() });
    await expect(call(t, 'auth.signIn')).rejects.toMatchObject({ message: expect.stringContaining('took too long') });
  });

  it('the connection, its changes and a session removed are pushed as events; a listener that left hears nothing', async () => {
    t = await signedIn();
    expect(t.events.some((e) => e.event === 'state.connection')).toBe(true);
    const s = await call<SessionView>(t, 'sessions.start', { bridgeID: 'local-whatsapp', flowID: 'qr' });
    await call(t, 'sessions.dismiss', { sessionID: s.id });
    expect(t.events.filter((e) => e.event === 'state.sessionRemoved').map((e) => e.payload)).toEqual([{ sessionID: s.id }]);
    const heard: string[] = [];
    const off = t.core.subscribe((event) => heard.push(event));
    off();
    await call(t, 'settings.update', { notifications: false });
    expect(heard).toEqual([]);
  });

  it('a login names its network as the accounts list does, or by its ID before any list', async () => {
    t = await signedIn();
    const named = await call<SessionView>(t, 'sessions.start', { bridgeID: 'local-whatsapp', flowID: 'qr' });
    expect(named.bridgeName).toBe('WhatsApp');
    await call(t, 'sessions.cancel', { sessionID: named.id });
    t.core.accounts.clear();
    const bare = await call<SessionView>(t, 'sessions.start', { bridgeID: 'local-whatsapp', flowID: 'qr' });
    expect(bare.bridgeName).toBe('local-whatsapp');
    await call(t, 'sessions.cancel', { sessionID: bare.id });
  });

  it('a completed login refreshes the accounts', async () => {
    t = await signedIn();
    const s = await call<SessionView>(t, 'sessions.start', { bridgeID: 'local-whatsapp', flowID: 'qr' });
    await until(() => t.core.sessions.get(s.id).phase === 'display_and_wait', 'the QR shown');
    sim.core.logins.scan([...sim.core.logins.sessions.values()].filter((x) => x.bridge.id === 'local-whatsapp' && !x.terminal).at(-1)!, {});
    await until(() => t.core.sessions.get(s.id).phase === 'complete', 'the QR scanned');
    await until(() => t.logs.some((e) => e.message === 'accounts refreshed' && (e.data as { reason: string }).reason === 'session-complete'), 'a refresh after the login');
    expect(scopeOf(t, 'login session complete')).toMatch(/:sessions$/);
  });

  it('stop() ends looking, refreshing, every login and the sign-in timers', async () => {
    t = await signedIn();
    const s = await call<SessionView>(t, 'sessions.start', { bridgeID: 'local-whatsapp', flowID: 'qr' });
    const accountsStop = vi.spyOn(t.core.accounts, 'stop');
    const authDispose = vi.spyOn(t.core.auth, 'dispose');
    await sim.stopAPI();
    t.core.connection.lost(); // now looking again every 100 ms
    await t.core.stop();
    expect(t.core.sessions.get(s.id).phase).toBe('cancelled');
    expect(accountsStop).toHaveBeenCalled();
    expect(authDispose).toHaveBeenCalled();
    const looks = t.events.filter((e) => e.event === 'state.connection').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(t.events.filter((e) => e.event === 'state.connection').length).toBe(looks);
  });

  it('focus: refreshes accounts while Beeper Desktop runs, looks for it otherwise; visibility reaches both', async () => {
    t = await signedIn();
    const spyFocus = vi.spyOn(t.core.accounts, 'focused');
    const spyFind = vi.spyOn(t.core.connection, 'find');
    t.core.windowFocused();
    expect([spyFocus.mock.calls.length, spyFind.mock.calls.length]).toEqual([1, 0]);
    t.core.connection.lost();
    t.core.windowFocused();
    expect([spyFocus.mock.calls.length, spyFind.mock.calls.length]).toEqual([1, 1]);
    const accountsVisible = vi.spyOn(t.core.accounts, 'setVisible');
    const connectionVisible = vi.spyOn(t.core.connection, 'setVisible');
    t.core.setVisible(false);
    expect([accountsVisible.mock.calls, connectionVisible.mock.calls]).toEqual([[[false]], [[false]]]);
    expect((await call<{ status: string }>(t, 'connection.retry')).status).toBe('running');
  });

  it('a refresh that failed because Beeper Desktop is gone marks it lost, once the refresh has ended', async () => {
    t = await signedIn();
    const lost = vi.spyOn(t.core.connection, 'lost');
    await sim.stopAPI();
    await t.core.accounts.refresh('manual').catch(() => undefined);
    await until(() => lost.mock.calls.length > 0, 'the loss noticed');
    const whileRefreshing = lost.mock.calls.length;
    expect(whileRefreshing).toBeGreaterThan(0);
  });

  it('after a loss: no refreshing until found again, and the same Beeper Desktop gets the token back', async () => {
    t = await signedIn();
    const stop = vi.spyOn(t.core.accounts, 'stop');
    t.core.connection.lost();
    expect(stop).toHaveBeenCalled();
    await t.core.connection.find();
    expect(t.core.snapshot().auth.status).toBe('signed-in');
    await expect(call(t, 'accounts.refresh')).resolves.toMatchObject({ error: null });
  });

  it('the API client reads the scopes of the sign-in: a write refused by a read-only one says so', async () => {
    t = await signedIn();
    vi.spyOn(t.core.auth, 'state').mockReturnValue({ ...t.core.auth.state(), scopes: ['read'] });
    const login = t.core.snapshot().accounts.networks.flatMap((n) => n.logins).find((l) => l.removeScopes.length > 0)!;
    sim.core.addFault({ route: '*', kind: 'status', status: 403, code: 'FORBIDDEN', message: 'no', count: 1 });
    await expect(call(t, 'logins.remove', { bridgeID: login.bridgeID, loginID: login.loginID, scope: login.removeScopes[0] })).rejects.toMatchObject({ kind: 'missing_scope' });
  });

  it('signed out: accounts cleared and no more refreshing; sign-in and token need Beeper Desktop found', async () => {
    t = await signedIn();
    const stop = vi.spyOn(t.core.accounts, 'stop');
    await call<AuthView>(t, 'auth.signOut');
    expect(stop).toHaveBeenCalled();
    expect(t.core.snapshot().accounts.networks).toEqual([]);
    t.core.connection.lost();
    await expect(call(t, 'auth.signIn')).rejects.toMatchObject({ kind: 'not_running' });
    await expect(call(t, 'auth.useToken', { token: 'tok_abcdefghijkl' })).rejects.toMatchObject({ kind: 'not_running' });
  });

  it('login flows: named by their name, else their ID, with a description or none', async () => {
    t = await signedIn();
    const flows = await call<Array<{ id: string; name: string; description: string | null }>>(t, 'bridges.getFlows', { bridgeID: 'local-whatsapp' });
    expect(flows).toEqual([
      { id: 'qr', name: 'QR', description: 'Scan a QR code with the WhatsApp app on your phone' },
      { id: 'phone', name: 'Pairing code', description: 'Enter your phone number, then type a pairing code into the WhatsApp app' },
    ]);
  });

  it('a removal answers the accounts it affected, or none when the server does not say', async () => {
    t = await signedIn();
    const login = t.core.snapshot().accounts.networks.flatMap((n) => n.logins).find((l) => l.removeScopes.length > 0)!;
    const api = t.core.connection.api()!;
    vi.spyOn(api, 'removeLogin').mockResolvedValueOnce({ bridgeID: login.bridgeID, loginID: login.loginID } as never);
    expect(await call(t, 'logins.remove', { bridgeID: login.bridgeID, loginID: login.loginID, scope: login.removeScopes[0] })).toEqual({ affectedAccountIDs: [] });
  });

  it('an emoji picture is fetched from Beeper Desktop through the fetch the core was given; none without Beeper Desktop', async () => {
    const fetched: string[] = [];
    t = await core({ fetch: (input, init) => (fetched.push(String(input instanceof Request ? input.url : input)), fetch(input, init)) });
    const image = await t.core['fetchImage'](`${sim.url}/nothing.png`);
    expect(image).toBeNull();
    expect(fetched).toContain(`${sim.url}/nothing.png`);
    const cold = await core({ start: false });
    expect(await cold.core['fetchImage'](`${sim.url}/nothing.png`)).toBeNull();
  });
});
