/** The core's registry over the WebSocket host: what the browser preview and e2e tests talk to. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWsHost, type WsHost } from './ws-host.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { startCore, type TestCore } from '../support/core.ts';

let sim: Simulator;
let t: TestCore;
let host: WsHost;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, config: { oauthAutoApprove: true, timeScale: 0.01 } });
  t = await startCore({ sim });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bam-static-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), 'export {};');
  writeFileSync(path.join(dir, 'later.js'), 'export {};');
  host = await startWsHost({ core: t.core, log: t.core.log, staticDir: dir });
});
afterAll(async () => {
  await host.close();
  await t.dispose();
  await sim.stop();
});

const heard = new WeakMap<WebSocket, Array<Record<string, unknown>>>();

function connect(opts: { origin?: string; key?: string; query?: string; acceptLanguage?: string } = {}): Promise<WebSocket> {
  const headers = opts.acceptLanguage ? { 'accept-language': opts.acceptLanguage } : {};
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc?key=${opts.key ?? host.key}${opts.query ?? ''}`, { origin: opts.origin ?? host.url, headers });
  // Heard from the start: the host may send before the test has the socket.
  const messages: Array<Record<string, unknown>> = [];
  heard.set(ws, messages);
  ws.on('message', (d) => messages.push(JSON.parse((d as Buffer).toString('utf8')) as Record<string, unknown>));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function client(ws: WebSocket) {
  let next = 1;
  const messages = heard.get(ws)!;
  return {
    messages,
    invoke: (channel: string, payload?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { kind: string } }> => {
      const id = next++;
      ws.send(JSON.stringify({ id, channel, payload }));
      return new Promise((resolve) => {
        const check = (): void => {
          const m = messages.find((x) => x['id'] === id);
          if (m) resolve(m['envelope'] as never);
          else setTimeout(check, 5);
        };
        check();
      });
    },
  };
}

describe('WebSocket host', () => {
  it('serves the renderer with its key and a CSP that allows only itself', async () => {
    const res = await fetch(host.url);
    const html = await res.text();
    // First in the head: the boot script, which may run before the rest of the page is parsed, reads it.
    expect(html).toMatch(new RegExp(`^<!doctype html><html><head>\\s*<meta name="bam-host-key" content="${host.key}" />`));
    expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect((await fetch(`${host.url}/../../etc/passwd`)).status).toBe(200); // falls back to the app, never outside the folder
    expect(await (await fetch(`${host.url}/%2e%2e/%2e%2e/etc/passwd`)).text()).toContain('<title>x</title>');
  });

  it('lets the browser keep what Vite named by its content (assets/), never the page, which carries the key', async () => {
    const cacheOf = async (rel: string): Promise<string | null> => (await fetch(`${host.url}/${rel}`)).headers.get('cache-control');
    expect(await cacheOf('assets/index-AbC123.js')).toBe('public, max-age=31536000, immutable');
    expect(await cacheOf('')).toBe('no-store');
    expect(await cacheOf('later.js')).toBe('no-store');
    expect(await cacheOf('assets/missing.js')).toBe('no-store'); // the page, in its stead
  });

  it('sends the first state to a socket that asked for it in its handshake, in the languages the page says, unasked', async () => {
    const firstState = async (query: string): Promise<Array<Record<string, unknown>>> => {
      const ws = await connect({ query });
      const c = client(ws);
      await c.invoke('app.getState'); // answered after anything sent at once
      ws.close();
      return c.messages.filter((m) => m['id'] === 0);
    };
    expect(await firstState(`&firstState&languages=de-AT`)).toEqual([{ id: 0, envelope: { ok: true, value: expect.objectContaining({ settings: expect.objectContaining({ locale: expect.objectContaining({ locale: 'de-AT' }) }) }) } }]);
    expect(await firstState('&languages=de-AT')).toEqual([]);
  });

  it('refuses sockets from another origin or without the key', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ key: 'wrong' })).rejects.toThrow('HTTP 403');
  });

  it('answers invokes through the registry and pushes core events', async () => {
    const ws = await connect();
    const c = client(ws);
    const state = await c.invoke('app.getState');
    expect(state).toMatchObject({ ok: true, value: { connection: { status: 'running', baseURL: sim.url }, auth: { status: 'signed-out' } } });
    expect(await c.invoke('sessions.start', { bridgeID: 42 })).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });

    expect(await c.invoke('auth.signIn')).toMatchObject({ ok: true, value: { status: 'signed-in' } });
    await expect.poll(() => c.messages.some((m) => m['event'] === 'state.accounts' && (m['payload'] as { networks: unknown[] }).networks.length > 0)).toBe(true);
    expect(c.messages.some((m) => m['event'] === 'state.auth')).toBe(true);

    await host.openExternal('http://127.0.0.1:1/authorize');
    await expect.poll(() => c.messages.some((m) => m['host'] === 'openExternal')).toBe(true);
    ws.close();
  });

  it('a window that has drawn is shown and focused, as in Electron: the core shows fresh accounts then, not while it boots', async () => {
    const seen: string[] = [];
    const original = t.core.windowFocused.bind(t.core);
    t.core.windowFocused = () => {
      seen.push('focused');
      original();
    };
    try {
      const ws = await connect();
      const c = client(ws);
      expect((await c.invoke('app.getState')).ok).toBe(true);
      expect(seen).toEqual([]);
      expect((await c.invoke('ui.ready')).ok).toBe(true);
      await expect.poll(() => seen).toEqual(['focused']);
      ws.close();
    } finally {
      t.core.windowFocused = original;
    }
  });

  it('the window speaks the languages the page says it has, over the handshake’s Accept-Language (Chromium sends its default there)', async () => {
    const localeOf = async (opts: Parameters<typeof connect>[0]): Promise<unknown> => {
      const ws = await connect(opts);
      const state = (await client(ws).invoke('app.getState')) as { value: { settings: { locale: { locale: string } } } };
      ws.close();
      return state.value.settings.locale.locale;
    };
    expect(await localeOf({ acceptLanguage: 'de-DE,de;q=0.9' })).toBe('de-DE');
    expect(await localeOf({ acceptLanguage: 'en-US,en;q=0.9', query: `&languages=${encodeURIComponent('de-AT,de')}` })).toBe('de-AT');
    expect(await localeOf({ acceptLanguage: 'de-DE', query: '&languages=en-GB' })).toBe('en-GB');
  });

  it('answers a malformed message without closing the socket', async () => {
    const ws = await connect();
    const c = client(ws);
    ws.send('not json');
    await expect.poll(() => c.messages.find((m) => m['id'] === -1)).toMatchObject({ envelope: { ok: false } });
    expect((await c.invoke('app.getState')).ok).toBe(true);
    ws.close();
  });
});
