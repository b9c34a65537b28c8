/** main/core/api/desktop-connection.ts: finding Beeper Desktop, finding it again, and what the core hears when. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionView } from '../../../../preload/contract/views.ts';
import { BeeperApi } from '../../../../main/core/api/client.ts';
import { DesktopConnection, type DesktopConnectionDeps } from '../../../../main/core/api/desktop-connection.ts';
import { Logger, memorySink } from '../../../../main/core/log.ts';
import { startSimulator, type Simulator } from '../../../simulator/index.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.stop());

const NOTHING = 9; // the discard port: nothing answers there

function connection(ports: () => number[], overrides: Partial<DesktopConnectionDeps> = {}) {
  const heard: string[] = [];
  const views: ConnectionView[] = [];
  const c = new DesktopConnection({
    log: new Logger(),
    configuredURL: () => null,
    hooks: {
      preparing: (found) => (heard.push(`preparing ${found.baseURL}`), Promise.resolve()),
      clientFor: (baseURL) => (heard.push(`client ${baseURL}`), new BeeperApi({ baseURL })),
      connected: (found) => (heard.push(`connected ${found.appState}`), Promise.resolve()),
      lost: () => heard.push('lost'),
    },
    get discovery() {
      return { ports: ports(), probeTimeoutMs: 300 };
    },
    rediscoverMs: { visible: 20, hidden: 60_000 },
    ...overrides,
  });
  c.onChange((v) => {
    views.push(v);
    heard.push(`window: ${v.status}`);
  });
  return { c, heard, views };
}

describe('DesktopConnection', () => {
  it('found: prepares, makes a client, tells the window, then lets sign-in and accounts follow', async () => {
    const { c, heard } = connection(() => [sim.port]);
    const view = await c.start();
    const url = `http://127.0.0.1:${sim.port}`;
    expect(view).toMatchObject({ status: 'running', baseURL: url, appState: 'ready', error: null });
    expect(heard).toEqual(['window: searching', `preparing ${url}`, `client ${url}`, 'window: running', 'connected ready']);
    expect(c.require().baseURL).toBe(url);
    c.stop();
  });

  it('joins a search already running instead of starting another', async () => {
    const { c, heard } = connection(() => [sim.port]);
    const [a, b] = await Promise.all([c.start(), c.find()]);
    expect(a).toBe(b);
    expect(heard.filter((h) => h.startsWith('preparing'))).toHaveLength(1);
    // Found again at the same address: the same client.
    await c.find();
    expect(heard.filter((h) => h.startsWith('client'))).toHaveLength(1);
    c.stop();
  });

  it('not found: says so, refuses calls, and looks again until it is there', async () => {
    let ports = [NOTHING];
    const { c, heard } = connection(() => ports);
    expect(await c.start()).toMatchObject({ status: 'not-running', error: { kind: 'not_running' } });
    expect(() => c.require()).toThrow(expect.objectContaining({ kind: 'not_running' }));
    ports = [sim.port];
    await vi.waitFor(() => expect(c.current().status).toBe('running'));
    expect(heard.filter((h) => h === 'window: not-running').length).toBeGreaterThanOrEqual(1);
    c.stop();
  });

  it('looks again only slowly while the window is hidden', async () => {
    const { c, heard } = connection(() => [NOTHING]);
    c.setVisible(false);
    await c.start();
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.filter((h) => h === 'window: not-running')).toHaveLength(1);
    c.setVisible(true); // shown again: looks at once
    await vi.waitFor(() => expect(heard.filter((h) => h === 'window: not-running').length).toBeGreaterThanOrEqual(2));
    c.stop();
  });

  it('while not running, looking again keeps the window on not-running: the screen the user is typing in stays', async () => {
    const { c, heard } = connection(() => [NOTHING]);
    await c.start();
    await vi.waitFor(() => expect(heard.filter((h) => h === 'window: not-running').length).toBeGreaterThanOrEqual(3));
    await c.find(); // asked for by the user, too
    expect(heard.filter((h) => h === 'window: searching')).toEqual(['window: searching']); // only the very first search
    c.stop();
  });

  it('lost: tells the core and the window, then finds Beeper Desktop again', async () => {
    const { c, heard, views } = connection(() => [sim.port]);
    await c.start();
    heard.length = 0;
    c.lost();
    expect(heard.slice(0, 2)).toEqual(['lost', 'window: not-running']);
    expect(views.at(-1)?.error?.message).toMatch(/stopped answering/);
    c.lost(); // said once, not twice
    expect(heard.filter((h) => h === 'lost')).toHaveLength(1);
    await vi.waitFor(() => expect(heard.at(-1)).toBe('connected ready'));
    c.stop();
  });

  it('stopped: a search that ends afterwards reports nothing, and none follows', async () => {
    const { c, heard } = connection(() => [NOTHING]);
    const search = c.start();
    c.stop();
    await search;
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual(['window: searching']);
  });

  it('before anything is found: searching, no client, calls refused', () => {
    const { c } = connection(() => [NOTHING]);
    expect(c.current()).toEqual({ status: 'searching', baseURL: null, tried: [], configuredURL: null, desktopVersion: null, appState: null, error: null, checkedAt: null });
    expect(c.api()).toBeNull();
    expect(() => c.require()).toThrow(expect.objectContaining({ kind: 'not_running', message: 'Beeper Desktop is not reachable.' }));
  });

  it('found gone by a search (not by a failed call): the core hears it was lost, once', async () => {
    let ports = [sim.port];
    const { c, heard } = connection(() => ports);
    await c.start();
    const client = c.api();
    ports = [NOTHING];
    heard.length = 0;
    await c.find();
    expect(heard).toEqual(['lost', 'window: not-running']);
    // While not running, the last client is kept (the sign-in is for it) but calls are refused.
    expect(c.api()).toBe(client);
    expect(() => c.require()).toThrow(expect.objectContaining({ kind: 'not_running' }));
    await c.find();
    expect(heard.filter((h) => h === 'lost')).toHaveLength(1);
    c.stop();
  });

  it('while running, a search keeps the window on running (no flash of searching); a lost call says why', async () => {
    const { c, heard, views } = connection(() => [sim.port]);
    await c.start();
    heard.length = 0;
    await c.find();
    expect(heard).toEqual([`preparing http://127.0.0.1:${sim.port}`, 'window: running', 'connected ready']);
    c.lost();
    expect(views.at(-1)).toMatchObject({ status: 'not-running', error: { kind: 'not_running', message: 'Beeper Desktop stopped answering. Looking for it again…' } });
    c.stop();
  });

  it('Beeper Desktop signed out itself: looks again until it is ready; watch() looks once more on request', async () => {
    const { c, heard } = connection(() => [sim.port]);
    const searches = () => heard.filter((h) => h.startsWith('preparing')).length;
    try {
      sim.core.config.appState = 'needs-login';
      await c.start();
      await vi.waitFor(() => expect(heard.filter((h) => h === 'connected needs-login').length).toBeGreaterThanOrEqual(2));
      sim.core.config.appState = 'ready';
      await vi.waitFor(() => expect(heard.at(-1)).toBe('connected ready'));
      const settled = searches();
      await new Promise((r) => setTimeout(r, 100));
      expect(searches()).toBe(settled); // ready: nothing more to look for
      c.watch();
      c.watch(); // asked twice before it ran: one search
      await new Promise((r) => setTimeout(r, 150));
      expect(searches()).toBe(settled + 1);
      c.stop();
      c.watch(); // stopped: nothing is scheduled
      await new Promise((r) => setTimeout(r, 100));
      expect(searches()).toBe(settled + 1);
    } finally {
      sim.core.config.appState = 'ready';
      c.stop();
    }
  });

  it('a visible window looks again at once only when Beeper Desktop is not running', async () => {
    const { c, heard } = connection(() => [sim.port]);
    await c.start();
    heard.length = 0;
    c.setVisible(false);
    c.setVisible(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([]);
    c.stop();
  });
});

describe('DesktopConnection, exactly', () => {
  it('a search works without start(); a loss is logged', async () => {
    const { sink, entries } = memorySink();
    const { c } = connection(() => [sim.port], { log: new Logger({ sinks: [sink] }) });
    expect(await c.find()).toMatchObject({ status: 'running' });
    c.lost();
    expect(entries.map((e) => [e.level, e.message])).toContainEqual(['warn', 'Beeper Desktop stopped answering']);
    c.stop();
  });

  it('looks again after 5 s while the window is visible and 60 s while hidden, by default; one timer at a time, none once stopped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { c, heard } = connection(() => [NOTHING], { rediscoverMs: undefined });
      await c.start();
      const searches = () => heard.filter((h) => h === 'window: not-running').length;
      expect(searches()).toBe(1);
      expect(vi.getTimerCount()).toBe(1);
      c.watch(); // asked again: still one timer
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(4_999);
      expect(searches()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await vi.waitFor(() => expect(searches()).toBe(2));
      c.setVisible(false);
      await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1));
      c.watch();
      await vi.advanceTimersByTimeAsync(59_999);
      expect(searches()).toBe(2);
      await vi.advanceTimersByTimeAsync(1);
      await vi.waitFor(() => expect(searches()).toBe(3));
      c.stop();
      expect(vi.getTimerCount()).toBe(0);
      c.watch(); // stopped: nothing is scheduled
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a search that finds Beeper Desktop cancels the look-again it replaced', async () => {
    let ports = [NOTHING];
    const { c, heard } = connection(() => ports, { rediscoverMs: { visible: 50, hidden: 50 } });
    await c.start(); // not found: looks again in 50 ms
    ports = [sim.port];
    await c.find(); // found now
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.filter((h) => h.startsWith('preparing'))).toHaveLength(1);
    c.stop();
  });
});
