/** renderer/src/store.ts: what main pushes lands in the store; notices, routes and failed calls as the screens see them. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BeeperAccountManagerAPI } from '../../../preload/contract/api.ts';
import type { SessionView } from '../../../preload/contract/views.ts';
import { liveSessions, logosOnFirstScreen, useApp } from '../../../renderer/src/store.ts';
import { accounts, network, snapshot } from '../../support/views.ts';

/** An API whose events the test fires by hand, answering getState with a snapshot. */
function fakeApi(getState = () => Promise.resolve(snapshot())) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const api = { getState, rememberPlace: () => Promise.resolve(null), on: (event: string, l: (p: unknown) => void) => (listeners.set(event, l), () => listeners.delete(event)) } as unknown as BeeperAccountManagerAPI;
  return { api, fire: (event: string, payload: unknown) => listeners.get(event)!(payload) };
}

beforeEach(() => useApp.setState(useApp.getInitialState(), true));
afterEach(() => vi.useRealTimers());

const session = (id: string, startedAt: string, finished = false) => ({ id, startedAt, finished }) as SessionView;

describe('the renderer store', () => {
  it('a new window opens where the last one was, its screen’s code loaded first; a login that is over leads to the list', async () => {
    const place = { route: { to: 'add-account' as const, bridgeID: 'local-signal' }, listFilter: { query: 'ali', attentionOnly: true }, collapsed: ['local-slack'] };
    const loaded: unknown[] = [];
    useApp.setState({ loadScreen: (first) => (loaded.push(first), Promise.resolve()), loadLogos: (types) => (loaded.push(types), Promise.resolve()) });
    await useApp.getState().init(fakeApi(() => Promise.resolve(snapshot({ place }))).api);
    expect(loaded).toEqual([[], expect.objectContaining({ route: place.route, gate: false, listFilter: place.listFilter })]);
    expect(useApp.getState()).toMatchObject({ route: place.route, listFilter: place.listFilter, collapsed: { 'local-slack': true } });

    useApp.setState(useApp.getInitialState(), true);
    await useApp.getState().init(fakeApi(() => Promise.resolve(snapshot({ place: { ...place, route: { to: 'session', sessionID: 'gone' } } }))).api);
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
  });

  it('before the first screen, only the logos of the networks the list shows load (not those of every bridge there is)', async () => {
    const types: unknown[] = [];
    useApp.setState({ loadLogos: (t) => (types.push(t), Promise.resolve()) });
    const networks = [network({ bridgeID: 'wa', displayName: 'WhatsApp', type: 'whatsapp', listed: true }), network({ bridgeID: 'tg', displayName: 'Telegram', type: 'telegram', listed: false }), network({ bridgeID: 'sg', displayName: 'Signal', type: 'signal', listed: true })];
    await useApp.getState().init(fakeApi(() => Promise.resolve(snapshot({ accounts: accounts(networks) }))).api);
    expect(types).toEqual([['whatsapp', 'signal']]);
    const first = { snapshot: snapshot({ accounts: accounts(networks) }), listFilter: { query: '', attentionOnly: false } };
    expect(logosOnFirstScreen({ ...first, route: { to: 'add-account' }, gate: false })).toEqual(['whatsapp', 'telegram', 'signal']);
    expect(logosOnFirstScreen({ ...first, route: { to: 'accounts' }, gate: true })).toEqual([]);
  });

  it('what main pushes while the first screen’s code loads is newer than the snapshot, and wins over it', async () => {
    let screenLoaded!: () => void;
    useApp.setState({ loadScreen: () => new Promise<void>((resolve) => (screenLoaded = resolve)) });
    const s = snapshot();
    let answer!: () => void;
    const { api, fire } = fakeApi(() => new Promise((resolve) => (answer = () => resolve(snapshot({ connection: { ...s.connection, status: 'searching' } })))));
    const started = useApp.getState().init(api);
    fire('state.updater', { ...s.updater, status: 'checking' }); // before the answer: older than the snapshot, which wins
    answer();
    await vi.waitFor(() => expect(screenLoaded).toBeTypeOf('function'));
    fire('state.connection', { ...s.connection, status: 'running' });
    fire('state.connection', { ...s.connection, status: 'not-running' }); // in order: the last one stays
    fire('state.auth', { ...s.auth, status: 'signed-out' });
    expect(useApp.getState().ready).toBe(false);
    screenLoaded();
    await started;
    expect(useApp.getState()).toMatchObject({ ready: true, connection: { status: 'not-running' }, auth: { status: 'signed-out' }, updater: s.updater });
    fire('state.connection', { ...s.connection, status: 'running' }); // and after, as always
    expect(useApp.getState().connection?.status).toBe('running');
  });

  it('tells main where it is at start and whenever that changes, not for other changes', async () => {
    const told: unknown[] = [];
    const { api } = fakeApi();
    (api as unknown as { rememberPlace: (p: unknown) => Promise<null> }).rememberPlace = (p) => (told.push(p), Promise.resolve(null));
    await useApp.getState().init(api);
    useApp.getState().navigate({ to: 'add-account' });
    useApp.getState().notify('info', 'hello');
    useApp.getState().setListFilter({ query: 'x' });
    useApp.getState().toggleCollapsed('local-slack');
    expect(told).toEqual([
      { route: { to: 'accounts' }, listFilter: { query: '', attentionOnly: false }, collapsed: [] },
      { route: { to: 'add-account' }, listFilter: { query: '', attentionOnly: false }, collapsed: [] },
      { route: { to: 'add-account' }, listFilter: { query: 'x', attentionOnly: false }, collapsed: [] },
      { route: { to: 'add-account' }, listFilter: { query: 'x', attentionOnly: false }, collapsed: ['local-slack'] },
    ]);
  });

  it('before anything arrives: not ready, nothing offered, the accounts screen', () => {
    expect(useApp.getState()).toMatchObject({ api: null, ready: false, capabilities: { captureWindow: false, desktopShell: false, startAtLogin: false }, route: { to: 'accounts' }, notices: [] });
  });

  it('init loads the snapshot, and each pushed event replaces its part', async () => {
    const { api, fire } = fakeApi();
    await useApp.getState().init(api);
    const s = snapshot();
    expect(useApp.getState()).toMatchObject({ ready: true, connection: s.connection, auth: s.auth, settings: s.settings, updater: s.updater });
    fire('state.connection', { ...s.connection, status: 'not-running' });
    fire('state.auth', { ...s.auth, status: 'signed-out' });
    fire('state.settings', { ...s.settings, notifications: false });
    fire('state.updater', { ...s.updater, status: 'checking' });
    fire('state.session', session('ses_1', '2026-01-01'));
    expect(useApp.getState()).toMatchObject({ connection: { status: 'not-running' }, auth: { status: 'signed-out' }, settings: { notifications: false }, updater: { status: 'checking' }, sessions: { ses_1: { id: 'ses_1' } } });
  });

  it('a removed session leaves the list, and its screen if that is open', async () => {
    const { api, fire } = fakeApi();
    await useApp.getState().init(api);
    fire('state.session', session('ses_1', '2026-01-01'));
    fire('state.session', session('ses_2', '2026-01-02'));
    useApp.getState().navigate({ to: 'session', sessionID: 'ses_1' });
    fire('state.sessionRemoved', { sessionID: 'ses_2' });
    expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 'ses_1' });
    fire('state.sessionRemoved', { sessionID: 'ses_1' });
    expect(useApp.getState()).toMatchObject({ sessions: {}, route: { to: 'accounts' } });
  });

  it('the shell’s navigation requests become routes', async () => {
    const { api, fire } = fakeApi();
    await useApp.getState().init(api);
    const route = (to: unknown) => (fire('ui.navigate', to), useApp.getState().route);
    expect(route({ to: 'add-account', bridgeID: 'b' })).toEqual({ to: 'add-account', bridgeID: 'b' });
    expect(route({ to: 'session', sessionID: 'ses_1' })).toEqual({ to: 'session', sessionID: 'ses_1' });
    expect(route({ to: 'confirm-reconnect', bridgeID: 'b', loginID: 'L', accountID: null })).toEqual({ to: 'confirm-reconnect', bridgeID: 'b', loginID: 'L', accountID: null });
    expect(route({ to: 'accounts' })).toEqual({ to: 'accounts' });
  });

  it('a failed call says why and answers null; without an API nothing is called', async () => {
    expect(await useApp.getState().run(() => Promise.resolve(1))).toBeNull();
    useApp.setState({ api: fakeApi().api });
    expect(await useApp.getState().run(() => Promise.resolve(1))).toBe(1);
    expect(await useApp.getState().run(() => Promise.reject(new Error('Beeper Desktop is not reachable.')))).toBeNull();
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a rejection that is no Error is the case under test
    expect(await useApp.getState().run(() => Promise.reject('?'))).toBeNull();
    expect(useApp.getState().notices.map((n) => [n.tone, n.text])).toEqual([
      ['error', 'Beeper Desktop is not reachable.'],
      ['error', 'That did not work. Try again.'],
    ]);
  });

  it('notices: the four newest kept; good news goes by itself after six seconds, errors stay', () => {
    vi.useFakeTimers();
    const { notify } = useApp.getState();
    for (const n of [1, 2, 3, 4, 5]) notify('error', `e${n}`);
    expect(useApp.getState().notices.map((n) => n.text)).toEqual(['e2', 'e3', 'e4', 'e5']);
    notify('success', 'saved');
    vi.advanceTimersByTime(5_999);
    expect(useApp.getState().notices.map((n) => n.text)).toContain('saved');
    vi.advanceTimersByTime(1);
    expect(useApp.getState().notices.map((n) => n.text)).toEqual(['e3', 'e4', 'e5']);
    useApp.getState().dismissNotice(useApp.getState().notices[0]!.id);
    expect(useApp.getState().notices.map((n) => n.text)).toEqual(['e4', 'e5']);
  });

  it('errors said while Beeper Desktop was gone go once it is back; others stay', async () => {
    const { api, fire } = fakeApi();
    await useApp.getState().init(api);
    const s = snapshot();
    // As an error reaches the window through Electron's context bridge: its message only.
    await useApp.getState().run(() => Promise.reject(new Error('Not allowed.')));
    fire('state.connection', { ...s.connection, status: 'not-running' });
    await useApp.getState().run(() => Promise.reject(new Error('Beeper Desktop is not reachable.')));
    useApp.getState().notify('success', 'Saved.');
    fire('state.connection', { ...s.connection, status: 'not-running' }); // still gone: still said
    expect(useApp.getState().notices.map((n) => n.text)).toEqual(['Not allowed.', 'Beeper Desktop is not reachable.', 'Saved.']);
    fire('state.connection', { ...s.connection, status: 'running' });
    expect(useApp.getState().notices.map((n) => n.text)).toEqual(['Not allowed.', 'Saved.']);
  });

  it('live sessions: unfinished ones, newest first', () => {
    expect(liveSessions({ a: session('a', '2026-01-01'), b: session('b', '2026-01-03'), c: session('c', '2026-01-02', true), d: session('d', '2026-01-02') }).map((s) => s.id)).toEqual(['b', 'd', 'a']);
  });
});
