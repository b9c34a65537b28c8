// @vitest-environment happy-dom
/** renderer/src/bridge/ws-transport.ts: the preview's API over a WebSocket, through drops and reconnects. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEarly } from '../../../../renderer/src/bridge/preview-boot.ts';
import { connectWebSocketApi } from '../../../../renderer/src/bridge/ws-transport.ts';

/** A WebSocket the test drives: it opens, answers and closes when told. */
class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readonly url: string;
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(url: string) {
    this.url = url;
    FakeSocket.all.push(this);
  }
  send(text: string): void {
    this.sent.push(text);
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(msg: unknown): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.();
  }
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('connectWebSocketApi', () => {
  it('connects with its key, queues calls until open, and answers each by its ID', async () => {
    const status: boolean[] = [];
    const api = connectWebSocketApi('k ey', (c) => status.push(c), () => undefined, () => 'Lost the connection to the app. Reconnecting…');
    const ws = FakeSocket.all[0]!;
    // The page's languages too (happy-dom's: en-US), which the host takes as the system's.
    expect(ws.url).toBe(`ws://${location.host}/ipc?key=k%20ey&languages=${encodeURIComponent(navigator.languages.join(','))}`);
    expect(navigator.languages.length).toBeGreaterThan(0);
    const state = api.getState();
    expect(ws.sent).toEqual([]);
    ws.open();
    expect(status).toEqual([true]);
    const sent = JSON.parse(ws.sent[0]!) as { id: number; channel: string };
    expect(sent.channel).toBe('app.getState');
    ws.receive({ id: sent.id, envelope: { ok: true, value: 'the snapshot' } });
    await expect(state).resolves.toBe('the snapshot');
  });

  it('delivers events to their listeners only', () => {
    const api = connectWebSocketApi('k', () => undefined, () => undefined, () => 'Lost the connection to the app. Reconnecting…');
    const ws = FakeSocket.all[0]!;
    ws.open();
    const heard: unknown[] = [];
    const off = api.on('state.auth', (p) => heard.push(p));
    ws.receive({ event: 'state.auth', payload: 1 });
    ws.receive({ event: 'state.connection', payload: 2 });
    off();
    ws.receive({ event: 'state.auth', payload: 3 });
    expect(heard).toEqual([1]);
  });

  it('opens only http(s) pages the host asks for, and offers each as a link too', () => {
    const opened: string[] = [];
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    connectWebSocketApi('k', () => undefined, (url) => opened.push(url), () => 'Lost the connection to the app. Reconnecting…');
    const ws = FakeSocket.all[0]!;
    ws.open();
    ws.receive({ host: 'openExternal', url: 'https://example.com/approve' });
    ws.receive({ host: 'openExternal', url: 'javascript:alert(1)' });
    expect(opened).toEqual(['https://example.com/approve']);
    expect(open).toHaveBeenCalledWith('https://example.com/approve', '_blank', 'noopener');
  });

  it('a dropped connection fails the calls in flight and reconnects, waiting longer each time up to 5 s', async () => {
    const status: boolean[] = [];
    const api = connectWebSocketApi('k', (c) => status.push(c), () => undefined, () => 'Lost the connection to the app. Reconnecting…');
    FakeSocket.all[0]!.open();
    const call = api.getState();
    FakeSocket.all[0]!.drop();
    await expect(call).rejects.toMatchObject({ kind: 'network' });
    expect(status).toEqual([true, false]);
    const delays: number[] = [];
    for (let i = 1; i <= 6; i++) {
      let waited = 0;
      while (FakeSocket.all.length === i) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      delays.push(waited);
      FakeSocket.all[i]!.drop();
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000]);
  });
});

describe('the socket preview-boot.ts opened before the page’s code', () => {
  const lost = (): string => 'Lost the connection to the app. Reconnecting…';
  const sentOf = (ws: FakeSocket): Array<{ id: number; channel: string }> => ws.sent.map((t) => JSON.parse(t) as { id: number; channel: string });

  it('asks for the first state in its handshake; the page takes that socket and that answer, asking nothing itself', async () => {
    openEarly('k');
    const early = FakeSocket.all[0]!;
    expect(new URL(early.url).searchParams.has('firstState')).toBe(true);
    early.open();
    early.receive({ id: 0, envelope: { ok: true, value: 'the early snapshot' } });
    const status: boolean[] = [];
    const api = connectWebSocketApi('k', (c) => status.push(c), () => undefined, lost);
    expect(FakeSocket.all).toHaveLength(1);
    expect(status).toEqual([true]);
    await expect(api.getState()).resolves.toBe('the early snapshot');
    const refresh = api.refreshAccounts();
    expect(sentOf(early)).toEqual([expect.objectContaining({ id: 1, channel: 'accounts.refresh' })]);
    early.receive({ id: 1, envelope: { ok: true, value: 's' } });
    await expect(refresh).resolves.toBe('s');
  });

  it('still opening when taken: the answer to its handshake answers the page, which sends nothing', async () => {
    openEarly('k');
    const api = connectWebSocketApi('k', () => undefined, () => undefined, lost);
    const state = api.getState();
    const ws = FakeSocket.all[0]!;
    ws.open();
    ws.receive({ id: 0, envelope: { ok: true, value: 'early' } });
    await expect(state).resolves.toBe('early');
    expect(ws.sent).toEqual([]);
  });

  it('a socket the transport opens itself asks nothing in its handshake', () => {
    connectWebSocketApi('k', () => undefined, () => undefined, lost);
    expect(new URL(FakeSocket.all[0]!.url).searchParams.has('firstState')).toBe(false);
  });

  it('main pushed something before the page asked: the page asks afresh, and hears what comes next', async () => {
    openEarly('k');
    const ws = FakeSocket.all[0]!;
    ws.open();
    ws.receive({ id: 0, envelope: { ok: true, value: 'older' } });
    ws.receive({ event: 'state.auth', payload: 'newer than it' });
    const api = connectWebSocketApi('k', () => undefined, () => undefined, lost);
    const heard: unknown[] = [];
    api.on('state.auth', (p) => heard.push(p));
    const state = api.getState();
    expect(sentOf(ws)).toEqual([expect.objectContaining({ id: 1, channel: 'app.getState' })]);
    ws.receive({ id: 1, envelope: { ok: true, value: 'fresh' } });
    await expect(state).resolves.toBe('fresh');
    ws.receive({ event: 'state.auth', payload: 'later' });
    expect(heard).toEqual(['later']);
  });

  it('dropped before its answer: the page’s question goes again on the next socket', async () => {
    openEarly('k');
    const api = connectWebSocketApi('k', () => undefined, () => undefined, lost);
    FakeSocket.all[0]!.open();
    const state = api.getState();
    FakeSocket.all[0]!.drop();
    await vi.advanceTimersByTimeAsync(250);
    const next = FakeSocket.all[1]!;
    next.open();
    expect(sentOf(next)).toEqual([expect.objectContaining({ id: 1, channel: 'app.getState' })]);
    next.receive({ id: 1, envelope: { ok: true, value: 'again' } });
    await expect(state).resolves.toBe('again');
  });
});
