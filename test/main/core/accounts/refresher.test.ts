/** main/core/accounts/refresher.ts: when the accounts are refreshed, and what a failed refresh keeps. */
import { describe, expect, it, vi } from 'vitest';
import { AccountsRefresher, DEFAULT_POLICY, nextDelay } from '../../../../main/core/accounts/refresher.ts';
import type { BeeperApi } from '../../../../main/core/api/client.ts';
import { AppError } from '../../../../main/core/errors.ts';
import { Logger, memorySink } from '../../../../main/core/log.ts';
import { account, bridge, login } from '../../../support/api-models.ts';

describe('refresh policy', () => {
  it('is faster while visible or when something needs attention, slower when hidden, and backs off on errors', () => {
    const p = DEFAULT_POLICY;
    expect(nextDelay(p, { visible: true, attention: false, consecutiveErrors: 0 })).toBe(60_000);
    expect(nextDelay(p, { visible: false, attention: false, consecutiveErrors: 0 })).toBe(300_000);
    expect(nextDelay(p, { visible: false, attention: true, consecutiveErrors: 0 })).toBe(15_000);
    expect([1, 2, 3, 10].map((n) => nextDelay(p, { visible: true, attention: false, consecutiveErrors: n }))).toEqual([5_000, 10_000, 20_000, 300_000]);
    expect(nextDelay(p, { visible: true, attention: false, consecutiveErrors: 1, retryAfterSec: 60 })).toBe(60_000);
  });
});

describe('AccountsRefresher', () => {
  function fakeApi() {
    const calls: string[] = [];
    let release: (() => void) | null = null;
    let fail: AppError | null = null;
    const gate = () =>
      new Promise<void>((r) => {
        release = r;
      });
    const api = {
      bridges: async () => {
        calls.push('bridges');
        await gate();
        if (fail) throw fail;
        return [bridge('wa', { accounts: [account('wa_1', 'wa')] })];
      },
      accounts: () => Promise.resolve([account('wa_1', 'wa')]),
      logins: () => Promise.resolve([login('wa', 'W1', { accountIDs: ['wa_1'] })]),
    } as unknown as BeeperApi;
    return {
      api,
      calls,
      release: () => release?.(),
      failWith: (e: AppError | null) => {
        fail = e;
      },
    };
  }

  it('keeps one refresh in flight and folds triggers during it into exactly one more', async () => {
    const f = fakeApi();
    const r = new AccountsRefresher({ api: () => f.api, log: new Logger() });
    const first = r.refresh('manual');
    void r.refresh('focus');
    void r.refresh('session-complete');
    expect(r.view().refreshing).toBe(true);
    expect(f.calls).toEqual(['bridges']);
    f.release();
    await first;
    await vi.waitFor(() => expect(f.calls).toEqual(['bridges', 'bridges']));
    f.release();
    await vi.waitFor(() => expect(r.view().refreshing).toBe(false));
    expect(f.calls).toHaveLength(2);
    expect(r.view().networks[0]!.logins[0]!.accounts[0]!.accountID).toBe('wa_1');
  });

  it('keeps the last good data on error and reports it', async () => {
    const f = fakeApi();
    const r = new AccountsRefresher({ api: () => f.api, log: new Logger() });
    const ok = r.refresh('manual');
    f.release();
    await ok;
    const good = r.view();
    f.failWith(new AppError('server_error', 'Beeper Desktop ran into a problem. Try again.'));
    const bad = r.refresh('manual');
    f.release();
    await bad;
    expect(r.view()).toMatchObject({ networks: good.networks, lastRefreshedAt: good.lastRefreshedAt, error: { kind: 'server_error' } });
    expect(r.delay()).toBe(5_000);
  });

  it('refreshes on window focus unless the data is only seconds old', async () => {
    const f = fakeApi();
    const r = new AccountsRefresher({ api: () => f.api, log: new Logger(), policy: { focusGapMs: 5_000, visibleMs: 3_600_000 } });
    r.start();
    f.release();
    await vi.waitFor(() => expect(r.view().lastRefreshedAt).not.toBeNull());
    const last = Date.parse(r.view().lastRefreshedAt!);
    r.focused(last + 1_000);
    expect(f.calls).toHaveLength(1);
    r.focused(last + 6_000);
    expect(f.calls).toHaveLength(2);
    f.release();
    await vi.waitFor(() => expect(r.view().refreshing).toBe(false));
    r.stop();
    r.focused(Date.now() + 60_000); // stopped (signed out): nothing
    expect(f.calls).toHaveLength(2);
  });

  it('does nothing while signed out (no API)', async () => {
    const r = new AccountsRefresher({ api: () => null, log: new Logger() });
    await r.refresh('manual');
    expect(r.view()).toMatchObject({ networks: [], lastRefreshedAt: null, error: null });
  });
});

describe('AccountsRefresher in detail', () => {
  /** An API whose answers the test sets; every call is recorded. */
  function scripted(answers: { bridges?: unknown[]; accounts?: unknown[]; logins?: Record<string, unknown[] | AppError> } = {}) {
    const calls: string[] = [];
    const api = {
      bridges: () => (calls.push('bridges'), Promise.resolve(answers.bridges ?? [])),
      accounts: () => (calls.push('accounts'), Promise.resolve(answers.accounts ?? [])),
      logins: (id: string) => {
        calls.push(`logins ${id}`);
        const a = answers.logins?.[id] ?? [];
        return a instanceof AppError ? Promise.reject(a) : Promise.resolve(a);
      },
    } as unknown as BeeperApi;
    return { api, calls };
  }

  it('asks for the logins of bridges with accounts (listed, counted, or named by an account), and no others', async () => {
    const { api, calls } = scripted({
      bridges: [bridge('listed', { accounts: [account('l_1', 'listed')] }), bridge('counted', { activeAccountCount: 2 }), bridge('named'), bridge('idle')],
      accounts: [account('n_1', 'named'), account('ghost_1', 'ghost')],
    });
    const r = new AccountsRefresher({ api: () => api, log: new Logger() });
    await r.refresh('manual');
    expect(calls.filter((c) => c.startsWith('logins')).sort()).toEqual(['logins counted', 'logins listed', 'logins named']);
  });

  it('one bridge’s logins failing hides nothing else; a lost sign-in or a lost Beeper Desktop fails the whole refresh', async () => {
    const good = { bridges: [bridge('a', { activeAccountCount: 1 }), bridge('b', { activeAccountCount: 1 })], accounts: [] };
    const partial = scripted({ ...good, logins: { a: new AppError('server_error', 'x'), b: [login('b', 'B1')] } });
    const r = new AccountsRefresher({ api: () => partial.api, log: new Logger() });
    await r.refresh('manual');
    expect(r.view()).toMatchObject({ error: null });
    expect(r.current()!.logins).toEqual({ b: [login('b', 'B1')] });
    for (const kind of ['unauthorized', 'not_running'] as const) {
      const whole = scripted({ ...good, logins: { a: new AppError(kind, 'x'), b: [] } });
      const w = new AccountsRefresher({ api: () => whole.api, log: new Logger() });
      await w.refresh('manual');
      expect([w.view().error?.kind, w.current()]).toEqual([kind, null]);
    }
  });

  it('logs each refresh with why it ran, each failure with how many in a row, and each bridge whose logins failed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { sink, entries } = memorySink();
      let fail = false;
      const { api } = scripted({ bridges: [bridge('a', { activeAccountCount: 1 })], logins: { a: new AppError('server_error', 'x') } });
      const failing = { ...api, bridges: () => (fail ? Promise.reject(new AppError('server_error', 'down')) : api.bridges()) } as unknown as BeeperApi;
      const r = new AccountsRefresher({ api: () => failing, log: new Logger({ sinks: [sink], level: 'debug' }) });
      const reasons = () => entries.filter((e) => e.message === 'accounts refreshed').map((e) => (e.data as { reason: string }).reason);
      r.start();
      await vi.waitFor(() => expect(reasons()).toEqual(['start']));
      expect(entries.find((e) => e.message === 'accounts refreshed')?.data).toEqual({ reason: 'start', bridges: 1, accounts: 0 });
      expect(entries.find((e) => e.message === 'could not list logins of a bridge')?.data).toMatchObject({ bridgeID: 'a', error: { kind: 'server_error' } });
      r.focused(Date.now() + DEFAULT_POLICY.focusGapMs);
      await vi.waitFor(() => expect(reasons()).toEqual(['start', 'focus']));
      r.setVisible(false);
      r.setVisible(true);
      await vi.waitFor(() => expect(reasons()).toEqual(['start', 'focus', 'focus']));
      await vi.advanceTimersByTimeAsync(r.delay());
      await vi.waitFor(() => expect(reasons()).toEqual(['start', 'focus', 'focus', 'timer']));
      const slow = r.refresh('manual');
      void r.refresh('manual'); // folded into one more, run as 'manual'
      await slow;
      await vi.waitFor(() => expect(reasons()).toEqual(['start', 'focus', 'focus', 'timer', 'manual', 'manual']));
      fail = true;
      await r.refresh('manual');
      await r.refresh('manual');
      expect(entries.filter((e) => e.message === 'accounts refresh failed').map((e) => e.data)).toEqual([
        { reason: 'manual', error: expect.objectContaining({ kind: 'server_error' }), consecutive: 1 },
        { reason: 'manual', error: expect.objectContaining({ kind: 'server_error' }), consecutive: 2 },
      ]);
      r.stop();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells its listeners when a refresh starts and ends; a listener that left hears nothing; clear() forgets and tells', async () => {
    const { api } = scripted({ bridges: [bridge('a', { activeAccountCount: 1 })], logins: { a: [login('a', 'A1', { status: 'needs_login' })] } });
    const r = new AccountsRefresher({ api: () => api, log: new Logger() });
    const heard: Array<[boolean, number]> = [];
    const off = r.onChange((v) => heard.push([v.refreshing, v.networks.length]));
    await r.refresh('manual');
    expect(heard).toEqual([[true, 0], [false, 1]]);
    expect(r.delay()).toBe(DEFAULT_POLICY.attentionMs); // something needs attention
    r.clear();
    expect(heard.at(-1)).toEqual([false, 0]);
    expect(r.current()).toBeNull();
    off();
    await r.refresh('manual');
    expect(heard).toHaveLength(3);
  });

  it('schedules by visibility: every minute visible, every five hidden; shown again refreshes at once; stop() ends the timer', async () => {
    vi.useFakeTimers();
    try {
      const { api, calls } = scripted();
      const r = new AccountsRefresher({ api: () => api, log: new Logger() });
      const bridgesCalls = () => calls.filter((c) => c === 'bridges').length;
      await r.refresh('manual'); // not running yet: no timer
      expect(vi.getTimerCount()).toBe(0);
      r.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(bridgesCalls()).toBe(2);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(bridgesCalls()).toBe(3);
      r.setVisible(false);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(bridgesCalls()).toBe(3);
      await vi.advanceTimersByTimeAsync(240_000);
      expect(bridgesCalls()).toBe(4);
      r.setVisible(false); // still hidden: no refresh
      await vi.advanceTimersByTimeAsync(0);
      expect(bridgesCalls()).toBe(4);
      r.setVisible(true);
      await vi.advanceTimersByTimeAsync(0);
      expect(bridgesCalls()).toBe(5);
      r.stop();
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(600_000);
      expect(bridgesCalls()).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a timer that fires during a refresh adds no second one; focusing exactly at the gap refreshes', async () => {
    let release!: () => void;
    const calls: string[] = [];
    const api = {
      bridges: () => (calls.push('bridges'), new Promise((r) => (release = () => r([])))),
      accounts: () => Promise.resolve([]),
      logins: () => Promise.resolve([]),
    } as unknown as BeeperApi;
    const r = new AccountsRefresher({ api: () => api, log: new Logger(), policy: { focusGapMs: 5_000 } });
    const first = r.refresh('manual');
    void r.refresh('timer');
    release();
    await first;
    await new Promise((res) => setTimeout(res, 10));
    expect(calls).toEqual(['bridges']);
    r.start();
    release();
    await vi.waitFor(() => expect(r.view().refreshing).toBe(false));
    const last = Date.parse(r.view().lastRefreshedAt!);
    r.focused(last + 5_000);
    expect(calls).toHaveLength(3);
    release();
    r.stop();
  });
});
