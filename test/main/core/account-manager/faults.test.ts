/**
 * The fault matrix: latency, 429, bursts of 500s, malformed JSON, dropped connections, and Beeper
 * Desktop stopping and restarting mid-session, against each server profile. Every time: a clear
 * error, and nothing lost.
 */
import { describe, expect, it } from 'vitest';
import type { AccountsView, SessionView } from '../../../../preload/contract/views.ts';
import { PROFILES } from '../../../simulator/index.ts';
import { call, expectNoSessionLeftRunning, until, useCore } from '../../../support/core.ts';

describe.each(PROFILES)('%s profile', (profile) => {
  const fx = useCore({ profile, simConfig: { oauthAutoApprove: true, timeScale: 0.01, qrRotationMs: 60_000 }, signIn: true });
  expectNoSessionLeftRunning(fx);

  const fault = (f: Record<string, unknown>): unknown => fx.sim.core.addFault(f as never);
  const refresh = (): Promise<AccountsView> => call<AccountsView>(fx.t, 'accounts.refresh');
  const loginCount = (v: AccountsView): number => v.networks.reduce((n, x) => n + x.logins.length, 0);

  describe('reads under faults', () => {
    it('latency only slows a refresh down', async () => {
      fault({ route: 'GET /v1/bridges', kind: 'latency', ms: 300 });
      const started = Date.now();
      const v = await refresh();
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(v.error).toBeNull();
    });

    it('a burst of 500s is retried away', async () => {
      fault({ route: 'GET /v1/accounts', kind: 'status', status: 500, count: 2, retryAfterSec: 0 });
      const v = await refresh();
      expect(v.error).toBeNull();
      expect(fx.sim.core.log.filter((l) => l.path === '/v1/accounts').slice(-3).map((l) => l.status)).toEqual([500, 500, 200]);
    });

    it('429 beyond the retries: a clear error, the last accounts kept, backoff honours Retry-After', async () => {
      const before = await refresh();
      fault({ route: 'GET /v1/bridges', kind: 'status', status: 429, retryAfterSec: 0, count: 3 });
      const v = await refresh();
      expect(v.error).toMatchObject({ kind: 'rate_limited', message: 'Beeper Desktop is busy. Try again in a moment.' });
      expect(v.networks).toEqual(before.networks);
      expect(v.lastRefreshedAt).toBe(before.lastRefreshedAt);
      expect(fx.t.core.accounts.delay()).toBe(60_000); // the first backoff step of this test's policy
    });

    it('malformed JSON: invalid_response, data kept', async () => {
      const before = await refresh();
      fault({ route: 'GET /v1/bridges', kind: 'malformed', count: 3 });
      const v = await refresh();
      expect(v.error).toMatchObject({ kind: 'invalid_response' });
      expect(loginCount(v)).toBe(loginCount(before));
    });

    it('one malformed bridge in the list: skipped and logged once, every other network still listed', async () => {
      const original = fx.sim.core.state.wireBridge.bind(fx.sim.core.state);
      fx.sim.core.state.wireBridge = (def, legacy) => ({ ...original(def, legacy), ...(def.id === 'local-signal' ? { displayName: 42 as never } : {}) });
      try {
        await refresh();
        const v = await refresh();
        expect(v.error).toBeNull();
        expect(v.networks.map((n) => n.bridgeID)).not.toContain('local-signal');
        expect(v.networks.map((n) => n.bridgeID)).toEqual(expect.arrayContaining(['local-whatsapp', 'local-telegram', 'slackgo']));
        const warnings = fx.t.logs.filter((l) => l.message === 'skipped parts of an answer this app cannot read');
        expect(warnings).toHaveLength(1);
        expect(JSON.stringify(warnings[0]!.data)).toContain('displayName');
      } finally {
        fx.sim.core.state.wireBridge = original;
      }
    });

    it('an answer of the wrong shape as a whole: invalid_response naming the field, data kept', async () => {
      const before = await refresh();
      const route = fx.sim.core.routes.find((r) => r.method === 'GET' && r.path === '/v1/bridges')!;
      const handler = route.handler.bind(route);
      route.handler = () => ({ json: { items: 'not a list' } });
      try {
        const v = await refresh();
        expect(v.error).toMatchObject({ kind: 'invalid_response', message: expect.stringContaining('items') });
        expect(loginCount(v)).toBe(loginCount(before));
      } finally {
        route.handler = handler;
      }
    });

    it('dropped connections: a clear error, data kept, and the next refresh recovers', async () => {
      const before = await refresh();
      fault({ route: 'GET /v1/bridges', kind: 'drop', count: 3 });
      const v = await refresh();
      expect(v.error?.kind).toMatch(/not_running|network/);
      expect(loginCount(v)).toBe(loginCount(before));
      await until(() => fx.t.core.snapshot().connection.status === 'running', 'rediscovery');
      expect((await refresh()).error).toBeNull();
    });

    it('one bridge\'s logins failing does not hide the others', async () => {
      fault({ route: 'GET /v1/bridges/:bridgeID/logins', kind: 'status', status: 404, count: 1 });
      const v = await refresh();
      expect(v.error).toBeNull();
      expect(v.networks.filter((n) => n.logins.length > 0).length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('step submits under faults', () => {
    it('a 500 on a submit: the step stays with an error once the session is checked, and can be sent again', async () => {
      const s0 = await call<SessionView>(fx.t, 'sessions.start', { bridgeID: 'local-telegram' });
      fault({ route: 'POST /v1/bridges/:bridgeID/login-sessions/:loginSessionID/steps/:stepID', kind: 'status', status: 500, count: 1 });
      const s1 = await call<SessionView>(fx.t, 'sessions.submitInput', { sessionID: s0.id, fields: { 'fi.mau.telegram.login.phone_number': '+15550001234' } });
      expect(s1).toMatchObject({ phase: 'user_input', stepError: { kind: 'server_error' }, step: { stepID: 'fi.mau.telegram.login.phone_number' } });
      expect(fx.sim.core.log.filter((l) => l.path.includes('/steps/')).length).toBe(1); // never retried automatically
      const s2 = await call<SessionView>(fx.t, 'sessions.submitInput', { sessionID: s0.id, fields: { 'fi.mau.telegram.login.phone_number': '+15550001234' } });
      expect(s2.step).toMatchObject({ stepID: 'fi.mau.telegram.login.code' });
    });
  });

  describe('Beeper Desktop stops and comes back', () => {
    it('mid-session: the session fails clearly, accounts are kept, and everything recovers after the restart', async () => {
      const before = fx.t.core.snapshot().accounts;
      const s = await call<SessionView>(fx.t, 'sessions.start', { bridgeID: 'local-whatsapp' });
      await until(() => [...fx.sim.core.logins.sessions.values()].some((x) => x.waiting > 0), 'long-poll');
      await fx.sim.stopAPI();
      const failed = await until(() => fx.t.core.sessions.get(s.id).phase === 'failed' && fx.t.core.sessions.get(s.id), 'session failure');
      expect(failed.error).toMatchObject({ kind: 'not_running', message: 'Beeper Desktop stopped while connecting. Start again once it is running.' });
      const down = await until(() => fx.t.core.snapshot().connection.status === 'not-running' && fx.t.core.snapshot(), 'connection lost');
      expect(down.accounts.networks).toEqual(before.networks); // nothing lost while it is away
      expect(down.auth.status).toBe('signed-in');

      await fx.sim.startAPI();
      await until(() => fx.t.core.snapshot().connection.status === 'running', 'rediscovery');
      const again = await call<SessionView>(fx.t, 'sessions.start', { bridgeID: 'local-whatsapp' });
      expect(again.phase).toBe('display_and_wait');
      expect((await refresh()).error).toBeNull();
    });

    it('not running at start: says where it looked, then connects when it appears', async () => {
      await fx.sim.stopAPI();
      fx.t = await fx.t.restart();
      expect(fx.t.core.snapshot().connection).toMatchObject({ status: 'not-running', tried: expect.arrayContaining([fx.sim.url]), error: { kind: 'not_running' } });
      await fx.sim.startAPI();
      await until(() => fx.t.core.snapshot().connection.status === 'running', 'found');
      expect(fx.t.core.snapshot().auth.status).toBe('signed-in'); // the saved sign-in is still there
    });
  });
});
