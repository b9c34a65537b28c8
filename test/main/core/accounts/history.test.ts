/** main/core/accounts/history.ts: each account's status changes, bounded, kept across restarts and crashes. */
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountHistory, historyKey, keysOf, subjectsOf } from '../../../../main/core/accounts/history.ts';
import { SafeStore, type StoreBackend } from '../../../../main/core/storage/store.ts';
import { confStore } from '../../../support/conf-store.ts';
import { accounts, login, network } from '../../../support/views.ts';
import type { AccountView, LoginView } from '../../../../preload/contract/views.ts';

const DAY = 24 * 60 * 60 * 1000;
const memoryStore = (): SafeStore => {
  const m = new Map<string, unknown>();
  return new SafeStore((): StoreBackend => ({ get: (k) => m.get(k), set: (k, v) => void m.set(k, v), delete: (k) => void m.delete(k), path: '/mem' }), '/mem');
};
const clock = (start = Date.parse('2026-11-30T09:00:00Z')) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};
const account = (accountID: string, status: AccountView['status'], statusText: string | null = null): AccountView => ({
  accountID,
  network: 'WhatsApp',
  status,
  statusText,
  identity: { name: 'Alex', detail: null, avatarURL: null },
  label: 'Alex',
  needsAttention: status === 'reconnect_required',
  reconnect: status === 'reconnect_required' ? 'needed' : 'offered',
});
const viewWith = (...accs: AccountView[]) => accounts([network({ bridgeID: 'wa', displayName: 'WhatsApp', logins: [login({ bridgeID: 'wa', loginID: 'L', accounts: accs })] })]);
const KEY = historyKey('wa', { accountID: 'A' });

describe('AccountHistory', () => {
  it('records where each account stands when first seen, then only changes, with the network’s reason', () => {
    const c = clock();
    const h = new AccountHistory(memoryStore(), { now: c.now });
    h.observe(viewWith(account('A', 'connected')));
    c.advance(60_000);
    h.observe(viewWith(account('A', 'connected')));
    c.advance(60_000);
    h.observe(viewWith(account('A', 'reconnect_required', 'WhatsApp was unlinked from your phone')));
    expect(h.of(KEY)).toEqual([
      { at: '2026-11-30T09:00:00.000Z', status: 'connected', reason: null, cause: 'seen' },
      { at: '2026-11-30T09:02:00.000Z', status: 'reconnect_required', reason: 'WhatsApp was unlinked from your phone', cause: 'observed' },
    ]);
  });

  it('a login without accounts is followed by its login; accounts no login claims by their own ID', () => {
    const h = new AccountHistory(memoryStore(), { now: clock().now });
    h.observe(
      accounts([
        network({ bridgeID: 'tg', displayName: 'Telegram', logins: [login({ bridgeID: 'tg', loginID: 'T', status: 'needs_login', statusText: 'Logged out' })], otherAccounts: [account('O', null)] }),
      ]),
    );
    expect(h.of(historyKey('tg', { loginID: 'T' }))).toMatchObject([{ status: 'needs_login', reason: 'Logged out' }]);
    expect(h.of(historyKey('tg', { accountID: 'O' }))).toMatchObject([{ status: 'unknown', reason: null }]);
  });

  it('what this app did is recorded every time, with its cause', () => {
    const h = new AccountHistory(memoryStore(), { now: clock().now });
    h.record(KEY, 'reconnected', 'connected');
    h.record(KEY, 'reconnected', 'connected');
    h.record(KEY, 'removed', 'removed');
    expect(h.of(KEY).map((e) => e.cause)).toEqual(['reconnected', 'reconnected', 'removed']);
  });

  it('bounded: the newest entries per account, nothing older than the age limit', () => {
    const c = clock();
    const h = new AccountHistory(memoryStore(), { now: c.now, maxPerAccount: 3, maxAgeDays: 10 });
    for (const s of ['connected', 'reconnect_required', 'connected', 'reconnect_required'] as const) {
      h.observe(viewWith(account('A', s)));
      c.advance(DAY);
    }
    expect(h.of(KEY).map((e) => e.status)).toEqual(['reconnect_required', 'connected', 'reconnect_required']);
    c.advance(9 * DAY);
    h.record(KEY, 'reconnected', 'connected');
    expect(h.of(KEY).map((e) => e.at)).toEqual(['2026-12-03T09:00:00.000Z', '2026-12-13T09:00:00.000Z']);
  });

  it('three drops within a week make an account unstable, with the dates; older drops and staying down do not count', () => {
    const c = clock();
    const h = new AccountHistory(memoryStore(), { now: c.now });
    const flip = (s: AccountView['status']) => {
      h.observe(viewWith(account('A', s)));
      c.advance(DAY);
    };
    flip('reconnect_required'); // 8 days before the end: too old
    flip('connected');
    c.advance(DAY);
    flip('reconnect_required');
    flip('connection_required'); // still down: the same drop
    flip('connected');
    flip('reconnect_required');
    flip('connected');
    expect(h.unstable(KEY)).toBeNull();
    flip('reconnect_required');
    expect(h.unstable(KEY)).toEqual(['2026-12-03T09:00:00.000Z', '2026-12-06T09:00:00.000Z', '2026-12-08T09:00:00.000Z']);
  });

  it('clear forgets every account', () => {
    const store = memoryStore();
    const h = new AccountHistory(store, { now: clock().now });
    h.record(KEY, 'connected', 'connected');
    h.clear();
    expect(h.of(KEY)).toEqual([]);
    expect(new AccountHistory(store).of(KEY)).toEqual([]);
  });
});

describe('AccountHistory, as a details pane shows it', () => {
  const slackView = (status: LoginView['status'] = 'connected', statusText: string | null = null) =>
    accounts([
      network({
        bridgeID: 'sl',
        displayName: 'Slack',
        logins: [login({ bridgeID: 'sl', loginID: 'S', status, statusText, accounts: [{ ...account('S1', 'connected'), label: 'Acme Inc' }, { ...account('S2', 'connected'), label: 'Acme Labs' }] })],
        otherAccounts: [account('O', 'connected')],
      }),
    ]);

  it('the subjects of a login are its accounts, named when there are several; an unclaimed account is its own; nothing for what the view lacks', () => {
    const v = slackView();
    expect(subjectsOf(v, { bridgeID: 'sl', loginID: 'S', accountID: null })).toEqual([
      { key: 'sl/S1', name: 'Acme Inc' },
      { key: 'sl/S2', name: 'Acme Labs' },
    ]);
    expect(subjectsOf(viewWith(account('A', 'connected')), { bridgeID: 'wa', loginID: 'L', accountID: 'A' })).toEqual([{ key: 'wa/A', name: null }]);
    expect(subjectsOf(accounts([network({ bridgeID: 'tg', displayName: 'Telegram', logins: [login({ bridgeID: 'tg', loginID: 'T' })] })]), { bridgeID: 'tg', loginID: 'T', accountID: null })).toEqual([{ key: 'tg/login:T', name: null }]);
    expect(subjectsOf(v, { bridgeID: 'sl', loginID: null, accountID: 'O' })).toEqual([{ key: 'sl/O', name: null }]);
    expect(subjectsOf(v, { bridgeID: 'sl', loginID: null, accountID: 'S2' })).toEqual([
      { key: 'sl/S1', name: 'Acme Inc' },
      { key: 'sl/S2', name: 'Acme Labs' },
    ]);
    expect(subjectsOf(v, { bridgeID: 'sl', loginID: 'gone', accountID: 'S1' })).toEqual([]);
    expect(subjectsOf(v, { bridgeID: 'sl', loginID: null, accountID: 'gone' })).toEqual([]);
    expect(subjectsOf(v, { bridgeID: 'nope', loginID: 'S', accountID: null })).toEqual([]);
  });

  it('a login that is down (needs login, or logged out) is recorded on each of its accounts with the login’s status and words', () => {
    const h = new AccountHistory(memoryStore(), { now: clock().now });
    h.observe(slackView('needs_login', 'Slack signed you out'));
    expect(h.of('sl/S1')).toMatchObject([{ status: 'needs_login', reason: 'Slack signed you out' }]);
    expect(h.of('sl/S2')).toMatchObject([{ status: 'needs_login', reason: 'Slack signed you out' }]);
    h.observe(slackView('logged_out', 'Signed out everywhere'));
    expect(h.of('sl/S1').at(-1)).toMatchObject({ status: 'logged_out', reason: 'Signed out everywhere' });
    h.observe(slackView('connecting', 'Waking up'));
    expect(h.of('sl/S1').at(-1)).toMatchObject({ status: 'connected', reason: 'Waking up' }); // the account’s own status; the login’s words
  });

  it('merges the accounts of a login newest first, each named; says since when the status holds; a first sighting is not a "since"', () => {
    const c = clock();
    const h = new AccountHistory(memoryStore(), { now: c.now });
    const subjects = subjectsOf(slackView(), { bridgeID: 'sl', loginID: 'S', accountID: null });
    h.observe(slackView());
    expect(h.view(subjects)).toMatchObject({ since: null, unstable: [] });
    c.advance(60_000);
    h.observe(slackView('needs_login', 'Signed out'));
    c.advance(60_000);
    h.record('sl/S1', 'reconnected', 'connected');
    const v = h.view(subjects);
    expect(v.entries.map((e) => [e.at.slice(11, 16), e.account, e.status, e.cause])).toEqual([
      ['09:02', 'Acme Inc', 'connected', 'reconnected'],
      ['09:01', 'Acme Inc', 'needs_login', 'observed'],
      ['09:01', 'Acme Labs', 'needs_login', 'observed'],
      ['09:00', 'Acme Inc', 'connected', 'seen'],
      ['09:00', 'Acme Labs', 'connected', 'seen'],
    ]);
    expect(v.since).toBe('2026-11-30T09:02:00.000Z');
    c.advance(60_000);
    h.observe(slackView());
    expect(h.view(subjects).since).toBe('2026-11-30T09:02:00.000Z'); // still connected: the same run
    h.record('sl/S1', 'reconnected', 'connected');
    expect(h.view(subjects).since).toBe('2026-11-30T09:02:00.000Z'); // a second login into the same status: still the first
    expect(h.view([]).entries).toEqual([]);
    expect(h.view([]).since).toBeNull();
  });

  it('unstable: the dates of the least stable account', () => {
    const c = clock();
    const h = new AccountHistory(memoryStore(), { now: c.now });
    for (let i = 0; i < 3; i++) {
      h.record('sl/S2', 'reconnected', 'connected');
      c.advance(DAY);
      h.observe(accounts([network({ bridgeID: 'sl', displayName: 'Slack', otherAccounts: [account('S2', 'reconnect_required')] })]));
    }
    const v = h.view([{ key: 'sl/S1', name: 'Acme Inc' }, { key: 'sl/S2', name: 'Acme Labs' }]);
    expect(v.unstable).toEqual(['2026-12-01T09:00:00.000Z', '2026-12-02T09:00:00.000Z', '2026-12-03T09:00:00.000Z']);
    expect(h.view([{ key: 'sl/S1', name: null }]).unstable).toEqual([]);
    expect(h.view([{ key: 'sl/S2', name: 'Acme Labs' }, { key: 'sl/S1', name: 'Acme Inc' }]).unstable).toHaveLength(3);
  });
});

describe('AccountHistory, exactly', () => {
  /** A store that counts its writes. */
  const counting = () => {
    const m = new Map<string, unknown>();
    let writes = 0;
    const store = new SafeStore((): StoreBackend => ({ get: (k) => m.get(k), set: (k, v) => void (writes++, m.set(k, v)), delete: (k) => void m.delete(k), path: '/mem' }), '/mem');
    return { store, m, writes: () => writes };
  };

  it('keys: an account by its ID, a login without accounts by its login; what a login touched', () => {
    expect(historyKey('wa', { accountID: 'A' })).toBe('wa/A');
    expect(historyKey('tg', { loginID: 'T' })).toBe('tg/login:T');
    expect(keysOf('sl', ['S1', 'S2'], 'L')).toEqual(['sl/S1', 'sl/S2']);
    expect(keysOf('sl', [], 'L')).toEqual(['sl/login:L']);
  });

  it('writes only when something changed: a first sighting, a new status, anything the app did', () => {
    const c = counting();
    const h = new AccountHistory(c.store, { now: clock().now });
    const other = accounts([network({ bridgeID: 'x', displayName: 'X', otherAccounts: [account('O', 'connected')] })]);
    h.observe(other);
    expect(c.writes()).toBe(1);
    h.observe(other);
    expect(c.writes()).toBe(1);
    h.record(KEY, 'removed', 'removed');
    expect(c.writes()).toBe(2);
    expect(new AccountHistory(c.store).of(KEY)).toMatchObject([{ cause: 'removed' }]);
  });

  it('read back in time order, and an account whose entries all aged out is not written back', () => {
    const c = counting();
    c.m.set('accounts', {
      [KEY]: [
        { at: '2026-11-30T08:00:00.000Z', status: 'connected', reason: null, cause: 'observed' },
        { at: '2026-11-29T08:00:00.000Z', status: 'reconnect_required', reason: null, cause: 'observed' },
      ],
      'wa/old': [{ at: '2020-01-01T00:00:00.000Z', status: 'connected', reason: null, cause: 'observed' }],
    });
    const h = new AccountHistory(c.store, { now: clock().now });
    expect(h.of(KEY).map((e) => e.status)).toEqual(['reconnect_required', 'connected']);
    h.record('wa/B', 'connected', 'connected');
    expect(Object.keys(c.m.get('accounts') as object).sort()).toEqual(['wa/A', 'wa/B']);
  });

  it('every way of not working counts as a drop, and a drop exactly a week ago still counts', () => {
    const c = clock();
    const h = new AccountHistory(memoryStore(), { now: c.now });
    const loginView = (status: 'connected' | 'needs_login' | 'logged_out') => accounts([network({ bridgeID: 'wa', displayName: 'WhatsApp', logins: [login({ bridgeID: 'wa', loginID: 'L', status, accounts: [] })] })]);
    for (const s of ['needs_login', 'connected', 'logged_out', 'connected', 'needs_login'] as const) h.observe(loginView(s));
    expect(h.unstable(historyKey('wa', { loginID: 'L' }))).toHaveLength(3);
    for (const s of ['connection_required', 'connected', 'disconnected', 'connected', 'reconnect_required'] as const) h.observe(viewWith(account('A', s)));
    expect(h.unstable(KEY)).toHaveLength(3);
    c.advance(7 * DAY); // the first drop is now exactly a week old
    expect(h.unstable(KEY)).toHaveLength(3);
    c.advance(1);
    expect(h.unstable(KEY)).toBeNull();
  });
});

describe('AccountHistory on disk', () => {
  const dir = () => mkdtempSync(path.join(os.tmpdir(), 'bam-history-'));

  it('kept across restarts', () => {
    const d = dir();
    const c = clock();
    new AccountHistory(confStore(d, 'history'), { now: c.now }).observe(viewWith(account('A', 'connected')));
    expect(new AccountHistory(confStore(d, 'history'), { now: c.now }).of(KEY)).toMatchObject([{ status: 'connected' }]);
  });

  it('a write that fails mid-way loses nothing already recorded: the file holds the last complete history', () => {
    const d = dir();
    const c = clock();
    const h = new AccountHistory(confStore(d, 'history'), { now: c.now });
    h.observe(viewWith(account('A', 'connected')));
    const before = readFileSync(path.join(d, 'history.json'), 'utf8');
    // The disk fills up while the next history is written.
    const failing = new SafeStore(
      (): StoreBackend => ({
        get: (k) => (JSON.parse(before) as Record<string, unknown>)[k],
        set: () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
        delete: () => {},
        path: path.join(d, 'history.json'),
      }),
      path.join(d, 'history.json'),
    );
    const h2 = new AccountHistory(failing, { now: c.now });
    c.advance(60_000);
    h2.observe(viewWith(account('A', 'reconnect_required')));
    expect(h2.of(KEY).map((e) => e.status)).toEqual(['connected', 'reconnect_required']); // this run still knows
    expect(readFileSync(path.join(d, 'history.json'), 'utf8')).toBe(before);
    expect(new AccountHistory(confStore(d, 'history'), { now: c.now }).of(KEY).map((e) => e.status)).toEqual(['connected']);
  });

  it('a corrupt file is set aside and the history starts again; an unreadable entry is dropped alone', () => {
    const d = dir();
    writeFileSync(path.join(d, 'history.json'), '{"accounts": {"wa/A": [{"at": "2026-11-30T09:0');
    const h = new AccountHistory(confStore(d, 'history'), { now: clock().now });
    expect(h.of(KEY)).toEqual([]);
    expect(readdirSync(d).some((f) => f.startsWith('history.corrupt-'))).toBe(true);
    writeFileSync(path.join(d, 'history.json'), JSON.stringify({ accounts: { [KEY]: [{ at: '2026-11-30T08:00:00.000Z', status: 'connected', reason: null, cause: 'observed' }, { at: 7 }, 'x'] } }));
    expect(new AccountHistory(confStore(d, 'history'), { now: clock().now }).of(KEY)).toEqual([{ at: '2026-11-30T08:00:00.000Z', status: 'connected', reason: null, cause: 'observed' }]);
  });
});

describe('AccountHistory under random status sequences', () => {
  it('the timeline is always in order, bounded, and holds only what the view showed', () => {
    const status = fc.constantFrom('connected', 'connecting', 'reconnect_required', 'connection_required', 'disconnected', 'unknown', null) as fc.Arbitrary<AccountView['status']>;
    const step = fc.record({ status, reason: fc.option(fc.string({ maxLength: 20 }), { nil: null }), wait: fc.integer({ min: 0, max: 3 * DAY }), act: fc.constantFrom('observe', 'observe', 'observe', 'reconnected') });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const c = clock();
        const h = new AccountHistory(memoryStore(), { now: c.now, maxPerAccount: 20, maxAgeDays: 30 });
        const shown = new Set<string>();
        for (const s of steps) {
          c.advance(s.wait);
          if (s.act === 'observe') {
            h.observe(viewWith(account('A', s.status, s.reason)));
            shown.add(JSON.stringify([s.status ?? 'connected', s.reason]));
          } else h.record(KEY, 'reconnected', 'connected');
        }
        const entries = h.of(KEY);
        expect(entries.length).toBeLessThanOrEqual(20);
        // Only an account's first entry can be a first sighting.
        expect(entries.slice(1).some((e) => e.cause === 'seen')).toBe(false);
        expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort());
        for (const e of entries) {
          expect(Object.keys(e).sort()).toEqual(['at', 'cause', 'reason', 'status']);
          expect(Date.parse(e.at)).toBeGreaterThanOrEqual(c.now() - 30 * DAY);
          if (e.cause === 'observed' || e.cause === 'seen') expect(shown.has(JSON.stringify([e.status, e.reason]))).toBe(true);
        }
      }),
    );
  });
});
