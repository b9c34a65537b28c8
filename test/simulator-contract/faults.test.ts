/** Fault injection, the request log, and Beeper Desktop quitting and coming back. */
import BeeperDesktop from '@beeper/desktop-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../simulator/index.ts';
import { control, createSession, getSession, rejectionOf, sdk, submit, untilWaiting, useSimulator } from '../support/simulator-client.ts';

const fx = useSimulator();

afterEach(async () => {
  await fx.sim.startAPI();
});

describe('fault injection', () => {
  it('adds latency to one route only', async () => {
    await control(fx.sim, '/faults', { route: 'GET /v1/accounts', kind: 'latency', ms: 200 });
    let t = Date.now();
    await fx.client.accounts.list();
    expect(Date.now() - t).toBeGreaterThanOrEqual(190);
    t = Date.now();
    await fx.client.get('/v1/bridges');
    expect(Date.now() - t).toBeLessThan(150);
  });

  it('a burst of 500s is retried away by the SDK for reads', async () => {
    await control(fx.sim, '/faults', { route: 'GET /v1/bridges', kind: 'status', status: 500, count: 2, retryAfterSec: 0 });
    const bridges = await fx.client.get<{ items: unknown[] }>('/v1/bridges');
    expect(bridges.items.length).toBeGreaterThan(0);
    expect(fx.sim.core.log.filter((l) => l.path === '/v1/bridges').map((l) => l.status)).toEqual([500, 500, 200]);
  });

  it('a 429 carries Retry-After and the error body; with retries off it surfaces as RateLimitError', async () => {
    await control(fx.sim, '/faults', { route: 'GET /v1/accounts', kind: 'status', status: 429, retryAfterSec: 7, count: 1 });
    const err = await rejectionOf(fx.strict.accounts.list());
    expect(err).toBeInstanceOf(BeeperDesktop.RateLimitError);
    expect(err.headers?.get('retry-after')).toBe('7');
    expect(err.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await fx.strict.accounts.list()).toBeInstanceOf(Array);
  });

  it('serves malformed JSON that a client must reject', async () => {
    await control(fx.sim, '/faults', { route: 'GET /v1/bridges', kind: 'malformed', count: 1 });
    const res = await fetch(`${fx.sim.url}/v1/bridges`, { headers: { authorization: `Bearer ${fx.token}` } });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('drops the connection without an answer', async () => {
    await control(fx.sim, '/faults', { route: '*', kind: 'drop', count: 1 });
    const err = await rejectionOf(fx.strict.get('/v1/bridges'));
    expect(err).toBeInstanceOf(BeeperDesktop.APIConnectionError);
    expect(fx.sim.core.log.at(-1)).toMatchObject({ path: '/v1/bridges', outcome: 'dropped', status: null });
  });

  it('fails a step submit with a status fault without touching the session', async () => {
    const s0 = await createSession(fx.client, 'local-telegram');
    await control(fx.sim, '/faults', { route: 'POST /v1/bridges/:bridgeID/login-sessions/:loginSessionID/steps/:stepID', kind: 'status', status: 503, count: 1 });
    const err = await rejectionOf(submit(fx.client, s0, { fields: { 'fi.mau.telegram.login.phone_number': '+15550001111' } }));
    expect(err).toBeInstanceOf(BeeperDesktop.InternalServerError);
    expect((await getSession(fx.client, s0)).currentStep).toMatchObject({ stepID: 'fi.mau.telegram.login.phone_number' });
    expect((await submit(fx.client, s0, { fields: { 'fi.mau.telegram.login.phone_number': '+15550001111' } })).currentStep).toMatchObject({
      stepID: 'fi.mau.telegram.login.code',
    });
  });

  it('lists and clears faults', async () => {
    await control(fx.sim, '/faults', { kind: 'latency', ms: 1 });
    expect(await control<unknown[]>(fx.sim, '/faults')).toHaveLength(1);
    await control(fx.sim, '/faults', undefined, 'DELETE');
    expect(await control<unknown[]>(fx.sim, '/faults')).toEqual([]);
  });
});

describe('request log', () => {
  it('records method, route, status and whether a token was sent, but never the token', async () => {
    await fx.client.accounts.list();
    await rejectionOf(sdk(fx.sim.url, 'wrong-token', { maxRetries: 0 }).accounts.list());
    const log = await control<Array<Record<string, unknown>>>(fx.sim, '/requests');
    expect(log.slice(-2)).toEqual([
      expect.objectContaining({ method: 'GET', path: '/v1/accounts', route: 'GET /v1/accounts', status: 200, auth: true, outcome: 'answered' }),
      expect.objectContaining({ status: 401, auth: true }),
    ]);
    expect(JSON.stringify(log)).not.toContain(fx.token);
    expect(JSON.stringify(await control(fx.sim, '/state'))).not.toContain(fx.token);
  });
});

describe('Beeper Desktop stops and restarts', () => {
  it('cuts an in-flight long-poll; after the restart the session is gone and accounts are intact', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 60_000 });
    const accountsBefore = await fx.client.accounts.list();
    const s0 = await createSession(fx.client, 'local-whatsapp');
    const waiting = submit(fx.client, s0);
    await untilWaiting(fx.sim, s0.loginSessionID);
    await fx.sim.stopAPI();
    expect(await rejectionOf(waiting)).toBeInstanceOf(BeeperDesktop.APIConnectionError);
    expect(await rejectionOf(fx.strict.accounts.list())).toBeInstanceOf(BeeperDesktop.APIConnectionError);
    await fx.sim.startAPI();
    expect((await rejectionOf(getSession(fx.client, s0))).status).toBe(404);
    expect(await fx.client.accounts.list()).toEqual(accountsBefore);
  });

  it('control on a separate port stays up while the API is down, and restarts it after a delay', async () => {
    const sim = await startSimulator({ port: 0, controlPort: 0 });
    try {
      const token = sim.mintToken();
      const client = sdk(sim.url, token, { maxRetries: 0 });
      await fetch(`${sim.controlURL}/__sim/server/stop`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ forMs: 300 }) });
      await new Promise((r) => setTimeout(r, 100));
      expect(await rejectionOf(client.accounts.list())).toBeInstanceOf(BeeperDesktop.APIConnectionError);
      const state = (await (await fetch(`${sim.controlURL}/__sim/state`)).json()) as { apiRunning: boolean };
      expect(state.apiRunning).toBe(false);
      await new Promise((r) => setTimeout(r, 400));
      expect(await client.accounts.list()).toBeInstanceOf(Array);
    } finally {
      await sim.stop();
    }
  });
});
