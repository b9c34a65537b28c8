/** main/core/accounts/refresher.ts: when the accounts are refreshed, and what a failed refresh keeps. */
import { describe, expect, it, vi } from 'vitest';
import { AccountsRefresher, DEFAULT_POLICY, nextDelay } from '../../../../main/core/accounts/refresher.ts';
import type { BeeperApi } from '../../../../main/core/api/client.ts';
import { AppError } from '../../../../main/core/errors.ts';
import { Logger } from '../../../../main/core/log.ts';
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
