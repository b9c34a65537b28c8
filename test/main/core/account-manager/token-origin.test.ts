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

describe('after Beeper Desktop stops, a program that takes its port', () => {
  let squatter: Server | null = null;
  afterEach(async () => {
    await new Promise((r) => (squatter ? squatter.close(r) : r(null)));
    squatter = null;
    if (!a.apiRunning()) await a.startAPI();
  });

  /** Stops A's API, lets the app notice, and puts a server on A's port that answers /v1/info as `info`. */
  async function squat(core: TestCore, info: (real: Record<string, unknown>) => unknown): Promise<string[]> {
    const real = (await (await fetch(`${a.url}/v1/info`)).json()) as Record<string, unknown>;
    const seen: string[] = [];
    await a.stopAPI();
    await call(core, 'accounts.refresh').catch(() => undefined);
    await until(() => core.core.snapshot().connection.status !== 'running', 'the loss to be noticed');
    squatter = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}${req.headers.authorization ? ' with token' : ''}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.url === '/v1/info' ? info(real) : { items: [] }));
    });
    await new Promise<void>((r) => squatter!.listen(a.port, '127.0.0.1', r));
    await until(() => core.core.snapshot().connection.status === 'running', 'the squatter to be found');
    return seen;
  }

  const app = (real: Record<string, unknown>) => real['app'] as Record<string, unknown>;

  it.each([
    ['another name', (real: Record<string, unknown>) => ({ ...real, app: { ...app(real), name: 'Totally Beeper' } })],
    ['no app identifier', (real: Record<string, unknown>) => ({ ...real, app: { name: app(real)['name'], version: app(real)['version'] } })],
    ['an older version', (real: Record<string, unknown>) => ({ ...real, app: { ...app(real), version: '1.0.0' } })],
  ])('and answers with %s never receives the token; the sign-in is held back, and works again when Beeper Desktop returns', async (_what, info) => {
    t = await startCore({ sim: a });
    await call(t, 'auth.signIn');
    const seen = await squat(t, info);
    await until(() => t!.core.snapshot().auth.status === 'signed-out', 'the sign-in to be held back');
    await expect(call(t, 'accounts.refresh')).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(t.core.snapshot().auth).toMatchObject({ status: 'signed-out', reason: { code: 'DESKTOP_CHANGED', message: expect.stringContaining('is not the Beeper Desktop this app connected to') } });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((r) => r.endsWith('with token'))).toEqual([]);
    // The real Beeper Desktop comes back: the same sign-in works, no new approval needed.
    await new Promise((r) => squatter!.close(r));
    squatter = null;
    await a.startAPI();
    await until(() => t!.core.snapshot().auth.status === 'signed-in', 'the sign-in to be back');
    expect((await call<{ networks: unknown[] }>(t, 'accounts.refresh')).networks.length).toBeGreaterThan(0);
  });

  it('that describes itself exactly as Beeper Desktop does is not told apart (SECURITY.md says so); a newer Beeper Desktop is trusted and remembered', async () => {
    t = await startCore({ sim: a });
    await call(t, 'auth.signIn');
    const seen = await squat(t, (real) => ({ ...real, app: { ...app(real), version: '9.0.0' } }));
    await until(() => seen.some((r) => r.endsWith('with token')), 'the token to be sent');
    expect(t.core.snapshot().auth.status).toBe('signed-in');
    // 9.0.0 is now the version last seen: the real one at its older version is held back after a restart.
    await new Promise((r) => squatter!.close(r));
    squatter = null;
    await a.startAPI();
    const restarted = await t.restart();
    t = restarted;
    await until(() => restarted.core.snapshot().connection.status === 'running' && restarted.core.snapshot().auth.reason?.code === 'DESKTOP_CHANGED', 'the older version to be refused');
    expect(restarted.core.snapshot().auth.reason?.message).toContain('is older than 9.0.0');
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
