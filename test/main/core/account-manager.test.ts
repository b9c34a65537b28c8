/**
 * main/core/account-manager.ts: the wiring of the core, against the simulator — what each part is
 * given (log scopes, options, callbacks), and what one part's change means for the others. The
 * behaviour of each part has its own test file; the whole-core suites in ./account-manager/ run
 * the user's paths end to end.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountHistoryView, AuthView, SessionView } from '../../../preload/contract/views.ts';
import { startSimulator, type Simulator } from '../../simulator/index.ts';
import { call, startCore, until, type TestCore } from '../../support/core.ts';
import { historyKey } from '../../../main/core/accounts/history.ts';

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
    // the vault reads its file as the core starts, not before restart() returns
    await vi.waitFor(() => expect(scopeOf(t, 'stored sign-in record is malformed; ignoring it')).toMatch(/:vault$/));
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

  it('on(): one event with its payload, nothing else; off stops it', async () => {
    t = await core({ start: false });
    const heard: unknown[] = [];
    const off = t.core.on('state.settings', (settings) => heard.push(settings.notifications));
    await t.core.updateSettings({ notifications: false });
    await t.core.findDesktop(); // the connection changes: another event, not heard
    off();
    await t.core.updateSettings({ notifications: true });
    expect(heard).toEqual([false]);
  });

  it('a language chosen in Settings, or the system’s changing, is spoken at once: settings, accounts and sign-in go out again', async () => {
    t = await signedIn();
    const heard: string[] = [];
    t.core.subscribe((event, payload) => {
      if (event === 'state.settings') heard.push(`settings:${(payload as { locale: { locale: string } }).locale.locale}`);
      if (event === 'state.accounts') heard.push('accounts');
      if (event === 'state.auth') heard.push(`auth:${(payload as AuthView).storage.summary}`);
    });
    const view = await t.core.updateSettings({ language: 'de' });
    expect(view).toMatchObject({ language: 'de', locale: { locale: 'de', catalogue: 'de', dir: 'ltr' } });
    expect(heard).toContain('settings:de');
    expect(heard).toContain('accounts');
    expect(heard.some((h) => h.startsWith('auth:Sie ist'))).toBe(true); // where the sign-in is kept, in German
    expect(t.core.snapshot().settings.locale.catalogue).toBe('de');
    heard.length = 0;
    await t.core.updateSettings({ language: 'system' });
    await t.core.systemLanguagesChanged(['de-AT']);
    expect(t.core.snapshot().settings.locale).toEqual({ locale: 'de-AT', catalogue: 'de', dir: 'ltr' });
    heard.length = 0;
    await t.core.systemLanguagesChanged(['de-AT']); // nothing changed: nothing sent again
    expect(heard).toEqual([]);
    await t.core.systemLanguagesChanged([]);
    expect(t.core.snapshot().settings.locale.catalogue).toBe('en');
  });

  it('the login-session operations reach the engine: start, read, submit, cancel, dismiss', async () => {
    t = await signedIn();
    const s = await t.core.startSession({ bridgeID: 'local-telegram', flowID: 'phone' });
    expect(t.core.session(s.id)).toMatchObject({ id: s.id, phase: 'user_input' });
    expect(() => t.core.cookiesStep(s.id)).toThrow(/not waiting for a browser sign-in/);
    await expect(t.core.submitCookies(s.id, {}, { source: 'api' })).rejects.toMatchObject({ kind: 'invalid_request' });
    const field = (s.step as { fields: Array<{ id: string }> }).fields[0]!.id;
    expect((await t.core.submitInput(s.id, { [field]: '+15550100' })).phase).not.toBe('starting');
    expect((await t.core.cancelSession(s.id)).phase).toBe('cancelled');
    await t.core.dismissSession(s.id);
    expect(t.core.snapshot().sessions).toEqual([]);
  });

  it('cancelSignIn ends a sign-in waiting for the browser', async () => {
    let opened!: () => void;
    const browserOpened = new Promise<void>((r) => (opened = r));
    t = await core({ openExternal: () => (opened(), Promise.resolve()) });
    const signingIn = call(t, 'auth.signIn');
    await browserOpened;
    t.core.cancelSignIn();
    await expect(signingIn).rejects.toMatchObject({ kind: 'cancelled' });
    expect(t.core.snapshot().auth.status).toBe('signed-out');
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
    await sim.stopAPI();
    t.core.connection.lost(); // now looking again every 100 ms
    const accountsStop = vi.spyOn(t.core.accounts, 'stop');
    const authDispose = vi.spyOn(t.core.auth, 'dispose');
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
    await sim.stopAPI();
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

describe('AccountManager, what one part means for another', () => {
  const logins = (c: TestCore) => c.core.snapshot().accounts.networks.flatMap((n) => n.logins);

  it('the address: the user’s own first, then the environment’s; an empty one forgets it', async () => {
    t = await core({ start: false, envBaseURL: 'http://127.0.0.1:9' });
    expect(t.core.connection['deps'].configuredURL()).toBe('http://127.0.0.1:9');
    const found = await call<{ baseURL: string }>(t, 'connection.setAddress', { baseURL: sim.url });
    expect(t.core.settings.get('baseURL')).toBe(sim.url);
    expect(found.baseURL).toBe(sim.url);
    expect(t.core.connection['deps'].configuredURL()).toBe(sim.url);
    await call(t, 'connection.setAddress', { baseURL: null });
    expect(t.core.settings.get('baseURL')).toBeNull();
    const none = await core({ start: false, envBaseURL: null });
    expect(none.core.connection['deps'].configuredURL()).toBeNull();
  });

  it('the plaintext consent is kept and reaches the vault', async () => {
    t = await core({ cipher: null });
    expect(t.core.vault.status().backend).not.toBe('plaintext');
    expect(await call<{ storage: { backend: string } }>(t, 'auth.setPlaintextConsent', { allow: true })).toMatchObject({ storage: { backend: 'plaintext' } });
    expect(t.core.settings.get('allowPlaintextToken')).toBe(true);
  });

  it('a 401 from Beeper Desktop drops the sign-in; accounts need it, and are refreshed and started only with it', async () => {
    t = await signedIn();
    for (const tok of sim.core.state.tokens.values()) tok.revoked = true;
    await call(t, 'accounts.refresh');
    await until(() => t.core.snapshot().auth.status === 'signed-out', 'signed out');
    expect(t.core.snapshot().accounts.networks).toEqual([]);
    await expect(call(t, 'accounts.refresh')).rejects.toMatchObject({ kind: 'unauthorized', message: 'Connect to Beeper Desktop first.' });
    await expect(call(t, 'bridges.getFlows', { bridgeID: 'local-whatsapp' })).rejects.toMatchObject({ kind: 'unauthorized' });
    const refreshes = t.logs.filter((e) => e.message === 'accounts refreshed').length;
    await t.core.connection.find(); // found again, still signed out: nothing to refresh
    await new Promise((r) => setTimeout(r, 50));
    expect(t.logs.filter((e) => e.message === 'accounts refreshed').length).toBe(refreshes);
  });

  it('found again after a restart while signed in: accounts refresh at once', async () => {
    t = await signedIn();
    const again = await t.restart();
    cores.push(again);
    await until(() => again.logs.some((e) => e.message === 'accounts refreshed' && (e.data as { reason: string }).reason === 'start'), 'the first refresh');
  });

  it('a refresh asked for by the window runs as "manual" and answers the accounts', async () => {
    t = await signedIn();
    const view = await call<{ networks: unknown[] }>(t, 'accounts.refresh');
    expect(view.networks.length).toBeGreaterThan(0);
    expect(t.logs.filter((e) => e.message === 'accounts refreshed').at(-1)?.data).toMatchObject({ reason: 'manual' });
  });

  it('after a loss the token is withheld until Beeper Desktop is checked again', async () => {
    t = await signedIn();
    const origin = new URL(sim.url).origin;
    t.core.connection.lost();
    expect(t.core.auth.token(origin)).toBeNull();
    await t.core.connection.find();
    expect(t.core.auth.token(origin)).not.toBeNull();
  });

  it('a sign-in held back from another program keeps looking for Beeper Desktop', async () => {
    t = await signedIn();
    const watch = vi.spyOn(t.core.connection, 'watch');
    sim.reset('default', { oauthAutoApprove: true, desktopVersion: '1.0.0' }); // older than the one signed in to
    t.core.connection.lost();
    await t.core.connection.find();
    expect(t.core.snapshot().auth).toMatchObject({ status: 'signed-out' });
    expect(watch).toHaveBeenCalled();
  });

  it('a login failing because Beeper Desktop stopped marks it lost', async () => {
    t = await signedIn();
    const lost = vi.spyOn(t.core.connection, 'lost');
    await sim.stopAPI();
    const s = await call<SessionView>(t, 'sessions.start', { bridgeID: 'local-whatsapp', flowID: 'qr' });
    expect(s.error?.kind).toBe('not_running');
    expect(lost).toHaveBeenCalled();
  });

  it('a new address: the accounts shown were another Beeper Desktop’s and are cleared', async () => {
    t = await signedIn();
    const clear = vi.spyOn(t.core.accounts, 'clear');
    const other = await startSimulator({ port: 0 });
    try {
      await call(t, 'connection.setAddress', { baseURL: other.url });
      expect(clear).toHaveBeenCalled();
    } finally {
      await other.stop();
    }
  });

  it('settings and updater changes are pushed to the window', async () => {
    t = await core({ start: false });
    await call(t, 'settings.update', { notifications: false });
    expect(t.events.at(-1)).toMatchObject({ event: 'state.settings', payload: { notifications: false } });
    let listener: ((s: never) => void) | null = null;
    t.core.setUpdater({ current: () => ({ status: 'idle' }), onChange: (l) => ((listener = l as never), () => undefined), check: () => Promise.resolve(), restartToUpdate: () => false });
    const pushed = () => t.events.filter((e) => e.event === 'state.updater').length;
    const before = pushed();
    listener!({ status: 'checking' } as never);
    expect(pushed()).toBe(before + 1);
    expect(await call<{ status: string }>(t, 'updates.check')).toMatchObject({ status: 'idle' });
    await expect(call(t, 'updates.restart')).rejects.toMatchObject({ kind: 'invalid_request' });
  });

  it('removing: a scope the login does not offer is refused before asking; a removal is logged and refreshes the accounts', async () => {
    t = await signedIn();
    const login = logins(t).find((l) => l.removeScopes.length === 1)!;
    const other = login.removeScopes[0] === 'all-devices' ? 'current-device' : 'all-devices';
    await expect(call(t, 'logins.remove', { bridgeID: login.bridgeID, loginID: login.loginID, scope: other })).rejects.toMatchObject({
      kind: 'invalid_request',
      message: other === 'all-devices' ? 'This account can only be removed from this device.' : 'This account can only be removed from all devices.',
    });
    const result = await call<{ affectedAccountIDs: string[] }>(t, 'logins.remove', { bridgeID: login.bridgeID, loginID: login.loginID, scope: login.removeScopes[0] });
    expect(t.logs.find((e) => e.message === 'login removed')?.data).toEqual({ bridgeID: login.bridgeID, loginID: login.loginID, scope: login.removeScopes[0], accounts: result.affectedAccountIDs.length });
    await until(() => t.logs.some((e) => e.message === 'accounts refreshed' && (e.data as { reason: string }).reason === 'login-removed'), 'a refresh after the removal');
    // A login this app has not listed is asked for as it is.
    await expect(call(t, 'logins.remove', { bridgeID: login.bridgeID, loginID: 'unlisted', scope: login.removeScopes[0] })).rejects.not.toMatchObject({ kind: 'invalid_request' });
  });

  it('the fetch the core is given is what the sign-in and the API use', async () => {
    const paths: string[] = [];
    t = await core({ fetch: (input, init) => (paths.push(new URL(String(input instanceof Request ? input.url : input)).pathname), fetch(input, init)) });
    await call(t, 'auth.signIn');
    await until(() => t.core.snapshot().accounts.lastRefreshedAt, 'first refresh');
    expect(paths).toEqual(expect.arrayContaining(['/v1/info', '/oauth/token', '/v1/bridges', '/v1/accounts']));
  });

  it('a login in a step it cannot show is checked as often as the core was told', async () => {
    const quick = await core({ start: false, unsupportedPollMs: 10 });
    expect(quick.core.sessions['deps'].unsupportedPollMs).toBe(10);
    t = await core({ start: false });
    expect(t.core.sessions['deps'].unsupportedPollMs).toBeUndefined();
  });
});

describe('AccountManager, signed out while Beeper Desktop comes and goes', () => {
  it('keeps watching while signed out: Beeper Desktop quitting is noticed without any call', async () => {
    t = await core();
    expect(t.core.snapshot()).toMatchObject({ connection: { status: 'running' }, auth: { status: 'signed-out' } });
    await sim.stopAPI();
    await until(() => t.core.snapshot().connection.status === 'not-running', 'the loss to be noticed');
  });

  it('Connect checks that Beeper Desktop answers before opening the approval page', async () => {
    const opened: string[] = [];
    t = await core({ openExternal: (url) => (opened.push(url), Promise.resolve()) });
    await sim.stopAPI();
    await expect(call(t, 'auth.signIn')).rejects.toMatchObject({ kind: 'not_running' });
    expect(opened).toEqual([]);
  });

  it('Beeper Desktop stopping while the user approves ends the wait, saying so', async () => {
    let opened!: () => void;
    const browserOpened = new Promise<void>((r) => (opened = r));
    t = await core({ openExternal: () => (opened(), Promise.resolve()) }); // the user never approves
    const signingIn = call(t, 'auth.signIn');
    await browserOpened;
    await sim.stopAPI();
    await expect(signingIn).rejects.toMatchObject({ kind: 'not_running' });
    expect(t.core.snapshot().auth).toMatchObject({ status: 'signed-out', reason: { kind: 'not_running', message: expect.stringMatching(/stopped while you were approving/) } });
  });
});

describe('AccountManager, each account’s history', () => {
  it('a successful refresh records where each account stands; a removal and a completed login are recorded with their cause; kept on disk', async () => {
    t = await signedIn();
    const view = t.core.snapshot().accounts;
    const wa = view.networks.find((n) => n.bridgeID === 'local-whatsapp')!.logins[0]!;
    const key = historyKey('local-whatsapp', { accountID: wa.accounts[0]!.accountID });
    expect(t.core.history.of(key)).toMatchObject([{ status: 'connected', cause: 'seen' }]);

    // The user reconnects it: scanning the QR completes the login.
    const s = await call<SessionView>(t, 'sessions.reconnect', { bridgeID: 'local-whatsapp', loginID: wa.loginID, accountID: null });
    const simulated = await until(() => [...sim.core.logins.sessions.values()].find((x) => x.bridge.id === 'local-whatsapp' && !x.terminal && x.waiting > 0), 'the QR long-poll');
    sim.core.logins.scan(simulated, {});
    await until(() => t.core.session(s.id).phase === 'complete', 'the reconnect to complete');
    expect(t.core.history.of(key).at(-1)).toMatchObject({ status: 'connected', cause: 'reconnected' });

    const api = t.core.connection.api()!;
    vi.spyOn(api, 'removeLogin').mockResolvedValueOnce({ bridgeID: 'local-whatsapp', loginID: wa.loginID, status: 'removed', affectedAccountIDs: [wa.accounts[0]!.accountID] } as never);
    await call(t, 'logins.remove', { bridgeID: 'local-whatsapp', loginID: wa.loginID, scope: wa.removeScopes[0] });
    // (The removal was only answered, not done, so the next refresh may see the account again.)
    expect(t.core.history.of(key).slice(0, 3).map((e) => [e.status, e.cause])).toEqual([['connected', 'seen'], ['connected', 'reconnected'], ['removed', 'removed']]);
    const restarted = await t.restart();
    cores.push(restarted);
    expect(restarted.core.history.of(key).slice(0, 3).map((e) => e.cause)).toEqual(['seen', 'reconnected', 'removed']);
  });

  it('a removal the server answers without account IDs is recorded for the login', async () => {
    t = await signedIn();
    const wa = t.core.snapshot().accounts.networks.find((n) => n.bridgeID === 'local-whatsapp')!.logins[0]!;
    vi.spyOn(t.core.connection.api()!, 'removeLogin').mockResolvedValueOnce({ bridgeID: 'local-whatsapp', loginID: wa.loginID, status: 'removed' } as never);
    await call(t, 'logins.remove', { bridgeID: 'local-whatsapp', loginID: wa.loginID, scope: wa.removeScopes[0] });
    expect(t.core.history.of(historyKey('local-whatsapp', { loginID: wa.loginID }))[0]).toMatchObject({ status: 'removed', cause: 'removed' });
  });

  it('the window asks for a login’s history: its workspaces by name, newest first, and since when; Settings clears it', async () => {
    t = await signedIn();
    const slack = t.core.snapshot().accounts.networks.find((n) => n.bridgeID === 'slackgo')!.logins[0]!;
    const target = { bridgeID: 'slackgo', loginID: slack.loginID, accountID: null };
    const first = await call<AccountHistoryView>(t, 'accounts.history', target);
    expect(first.entries.map((e) => [e.account, e.status, e.cause])).toEqual([
      ['Slack (Acme Inc)', 'connected', 'seen'],
      ['Slack (Acme Labs)', 'connected', 'seen'],
    ]);
    expect(first.since).toBeNull();
    sim.core.state.setLoginStatus('slackgo', slack.loginID, 'needs_login', 'Slack signed you out');
    await call(t, 'accounts.refresh');
    const after = await call<AccountHistoryView>(t, 'accounts.history', target);
    expect(after.entries.slice(0, 2).map((e) => [e.account, e.status, e.reason])).toEqual([
      ['Slack (Acme Inc)', 'needs_login', 'Slack signed you out'],
      ['Slack (Acme Labs)', 'needs_login', 'Slack signed you out'],
    ]);
    expect(after.since).toBe(after.entries[0]!.at);
    await expect(call(t, 'accounts.history', { bridgeID: 'slackgo', loginID: null, accountID: null })).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(await call(t, 'accounts.clearHistory')).toBeNull();
    expect((await call<AccountHistoryView>(t, 'accounts.history', target)).entries).toEqual([]);
    expect(readFileSync(path.join(t.dir, 'history.json'), 'utf8')).not.toContain('Slack signed you out');
  });

  it('nothing typed into a login step reaches the history file', async () => {
    t = await signedIn();
    const typed = { phone: '+1 555 010 9876', code: '12345', password: 'correct horse' };
    const s0 = await call<SessionView>(t, 'sessions.start', { bridgeID: 'local-telegram', flowID: 'phone' });
    const s1 = await call<SessionView>(t, 'sessions.submitInput', { sessionID: s0.id, fields: { 'fi.mau.telegram.login.phone_number': typed.phone } });
    const s2 = await call<SessionView>(t, 'sessions.submitInput', { sessionID: s1.id, fields: { 'fi.mau.telegram.login.code': typed.code } });
    const s3 = await call<SessionView>(t, 'sessions.submitInput', { sessionID: s2.id, fields: { 'fi.mau.telegram.login.password': typed.password } });
    expect(s3.phase).toBe('complete');
    await call(t, 'accounts.refresh');
    const file = readFileSync(path.join(t.dir, 'history.json'), 'utf8');
    expect(file).toContain('"connected"');
    for (const value of [typed.password, typed.code, typed.phone, '5550109876']) expect(file).not.toContain(value);
  });

  it('a refresh that failed records nothing', async () => {
    t = await signedIn();
    const before = JSON.stringify(t.core.snapshot().accounts.networks.map((n) => n.bridgeID));
    const entries = () => t.core.snapshot().accounts.networks.flatMap((n) => n.logins.flatMap((l) => l.accounts.map((a) => t.core.history.of(historyKey(n.bridgeID, a)).length)));
    const counted = entries();
    await sim.stopAPI();
    await call(t, 'accounts.refresh').catch(() => undefined);
    expect(entries()).toEqual(counted);
    expect(JSON.stringify(t.core.snapshot().accounts.networks.map((n) => n.bridgeID))).toBe(before);
  });
});

describe('AccountManager, requests from the window', () => {
  it('reconnect: the login that holds an account is asked for', async () => {
    t = await signedIn();
    const login = t.core.snapshot().accounts.networks.flatMap((n) => n.logins).find((l) => l.bridgeID === 'local-whatsapp' || l.accounts.length > 0)!;
    const s = await call<SessionView>(t, 'sessions.reconnect', { bridgeID: login.bridgeID, loginID: login.loginID, accountID: null });
    expect(s.reconnect).toEqual({ loginID: login.loginID, accountID: null, identity: login.identity });
    await call(t, 'sessions.cancel', { sessionID: s.id });
  });

  it('a login removable only from all devices says so when asked for this device', async () => {
    t = await signedIn();
    const bridgeID = [...sim.core.state.logins.values()].map((l) => l.bridgeID).find((id) => id !== 'matrix')!;
    const bridges = sim.core.state.bridges;
    bridges.set(bridgeID, { ...bridges.get(bridgeID)!, removeScopes: ['all-devices'] });
    await call(t, 'accounts.refresh');
    const login = t.core.snapshot().accounts.networks.flatMap((n) => n.logins).find((l) => l.bridgeID === bridgeID)!;
    await expect(call(t, 'logins.remove', { bridgeID, loginID: login.loginID, scope: 'current-device' })).rejects.toMatchObject({ kind: 'invalid_request', message: 'This account can only be removed from all devices.' });
  });

  it('with no accounts listed yet, a removal is asked for as it is', async () => {
    t = await signedIn();
    const login = t.core.snapshot().accounts.networks.flatMap((n) => n.logins).find((l) => l.removeScopes.length > 0)!;
    t.core.accounts.clear();
    await expect(call(t, 'logins.remove', { bridgeID: login.bridgeID, loginID: login.loginID, scope: login.removeScopes[0] })).resolves.toMatchObject({ affectedAccountIDs: expect.any(Array) });
  });

  it('before Beeper Desktop is found, a refresh has nothing to ask and does not fail', async () => {
    t = await core({ start: false });
    await expect(t.core.accounts.refresh('manual')).resolves.toBeUndefined();
  });
});
