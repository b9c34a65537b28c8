/**
 * The token stays with the server that issued it: a sign-in (OAuth or pasted) keeps it only for the
 * server it started with, changing the address stops a sign-in in progress, the token is never
 * sent to another origin, and Beeper Desktop's sign-in endpoints must be on its own origin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../simulator/index.ts';
import { approvingBrowser, call, startCore, until, type TestCore } from '../../../support/core.ts';

let a: Simulator;
let b: Simulator;
let t: TestCore | null = null;

beforeAll(async () => {
  [a, b] = await Promise.all([startSimulator({ port: 0 }), startSimulator({ port: 0 })]);
});
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
});
beforeEach(() => {
  for (const s of [a, b]) s.reset('default', { oauthAutoApprove: true, timeScale: 0.01 });
});
afterEach(async () => {
  await t?.dispose();
  t = null;
});

/** Requests that carried a bearer token to this simulator's API. */
const withToken = (s: Simulator): string[] => s.core.log.filter((l) => l.auth && l.path.startsWith('/v1/')).map((l) => `${l.method} ${l.path}`);

describe('a sign-in keeps its token for the server it started with', () => {
  it('OAuth: the address changes to B before the user approves on A → A’s token never reaches B', async () => {
    let authorizeURL: string | null = null;
    t = await startCore({ sim: a, openExternal: (url) => void (authorizeURL = url) as unknown as Promise<void> });
    const signingIn = call(t, 'auth.signIn').catch((e: unknown) => e);
    await until(() => authorizeURL, 'the browser to open');
    // The user points the app at another Beeper Desktop while A's approval page is open…
    await call(t, 'connection.setAddress', { baseURL: b.url });
    // …and then approves on A anyway.
    await approvingBrowser(authorizeURL!).catch(() => undefined);
    const outcome = await signingIn;
    expect(outcome).toMatchObject({ kind: expect.stringMatching(/cancelled|sign_in_failed/) });
    await new Promise((r) => setTimeout(r, 100));
    expect(withToken(b)).toEqual([]);
    expect(t.core.snapshot().auth.status).toBe('signed-out');
  });

  it('a pasted token checked against A while the address changes to B is not kept for B', async () => {
    t = await startCore({ sim: a });
    const token = a.mintToken();
    a.core.addFault({ route: 'GET /oauth/userinfo', kind: 'latency', ms: 300 } as never);
    const pasting = call(t, 'auth.useToken', { token }).catch((e: unknown) => e);
    await until(() => a.core.log.some((l) => l.path === '/oauth/userinfo') || a.core.faults.length > 0, 'the check to start');
    await call(t, 'connection.setAddress', { baseURL: b.url });
    expect(await pasting).toMatchObject({ kind: 'sign_in_failed', code: 'SERVER_CHANGED' });
    await new Promise((r) => setTimeout(r, 100));
    expect(withToken(b)).toEqual([]);
    expect(t.core.snapshot().auth.status).toBe('signed-out');
  });

  it('the token is handed out only for the origin that issued it', async () => {
    t = await startCore({ sim: a });
    await call(t, 'auth.signIn');
    expect(t.core.auth.token(new URL(a.url).origin)).toMatch(/\S/);
    expect(t.core.auth.token(new URL(b.url).origin)).toBeNull();
    expect(t.core.auth.token('https://evil.example')).toBeNull();
  });
});

describe('sign-in endpoints on another origin', () => {
  let elsewhere: Server;
  let seen: string[];
  let restore: () => void;

  beforeEach(async () => {
    seen = [];
    elsewhere = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ? 'with token' : ''}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"sub":"x","scope":"read write"}');
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    const other = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    // Beeper Desktop's /v1/info names endpoints on another server.
    const info = a.core.routes.find((r) => r.method === 'GET' && r.path === '/v1/info')!;
    const handler = info.handler.bind(info);
    restore = () => void (info.handler = handler);
    info.handler = async (ctx) => {
      const reply = await handler(ctx);
      const json = reply.json as { endpoints: { oauth: Record<string, string> } };
      for (const k of ['userinfo_endpoint', 'authorization_endpoint', 'registration_endpoint']) json.endpoints.oauth[k] = `${other}/oauth/${k}`;
      return reply;
    };
  });
  afterEach(async () => {
    await new Promise((r) => elsewhere.close(r));
    restore();
  });

  it('a pasted token is not sent to a userinfo endpoint on another origin', async () => {
    t = await startCore({ sim: a });
    await expect(call(t, 'auth.useToken', { token: a.mintToken() })).rejects.toMatchObject({ kind: 'sign_in_failed', code: 'CROSS_ORIGIN_ENDPOINT' });
    expect(seen).toEqual([]);
  });

  it('OAuth stops with a clear message before contacting the other server', async () => {
    let opened = false;
    t = await startCore({ sim: a, openExternal: () => Promise.resolve(void (opened = true)) });
    await expect(call(t, 'auth.signIn')).rejects.toMatchObject({ kind: 'sign_in_failed', code: 'CROSS_ORIGIN_ENDPOINT', message: expect.stringContaining('another server') });
    expect(seen).toEqual([]);
    expect(opened).toBe(false);
  });
});
