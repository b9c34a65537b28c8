/** main/policy/notifications.ts: one notification per account that needs attention. */
import { describe, expect, it } from 'vitest';
import type { AccountsView } from '../../../preload/contract/views.ts';
import { AttentionTracker } from '../../../main/policy/notifications.ts';

// ------------------------------------------------------------------ tray

const identity = (name: string, detail: string | null = null) => ({ name, detail, avatarURL: null });
function accounts(logins: Array<{ bridge: string; id: string; status: string; name: string }>): AccountsView {
  const networks = [...new Set(logins.map((l) => l.bridge))].map((b) => ({
    bridgeID: b,
    displayName: b,
    network: b,
    provider: 'local',
    type: b,
    status: 'available',
    statusText: null,
    supportsMultipleAccounts: true,
    canAddAccount: true,
    canReconnect: b !== 'matrix',
    isBeeper: b === 'matrix',
    unavailableReason: null,
    otherAccounts: [],
    logins: logins
      .filter((l) => l.bridge === b)
      .map((l) => ({ bridgeID: b, loginID: l.id, status: l.status, statusText: null, identity: identity(l.name), removeScopes: [], accounts: [], needsAttention: l.status === 'needs_login' })),
  }));
  const needsAttention = logins
    .filter((l) => l.status === 'needs_login')
    .map((l) => ({ bridgeID: l.bridge, bridgeName: l.bridge, loginID: l.id, accountID: null, identity: identity(l.name), status: 'needs_login', message: 'Logged out' }));
  return { networks, needsAttention, lastRefreshedAt: '2026-11-28T00:00:00Z', refreshing: false, error: null };
}

// ------------------------------------------------------------------ updater policy

describe('attention notifications', () => {
  const view = (statuses: Record<string, string>, extra: Partial<AccountsView> = {}): AccountsView => ({
    ...accounts(Object.entries(statuses).map(([id, status]) => ({ bridge: 'Telegram', id, status, name: `User ${id}` }))),
    ...extra,
  });

  it('notifies once per transition into needing login, not once per refresh', () => {
    const t = new AttentionTracker();
    expect(t.update(view({ a: 'needs_login', b: 'connected' }), true)).toEqual([]); // start-up baseline
    expect(t.update(view({ a: 'needs_login', b: 'connected' }), true)).toEqual([]);
    const n = t.update(view({ a: 'needs_login', b: 'needs_login' }), true);
    expect(n.map((x) => [x.key, x.title])).toEqual([['Telegram/b', 'Telegram needs you to log in again']]);
    expect(n[0]!.body).toContain('User b');
    expect(t.update(view({ a: 'needs_login', b: 'needs_login' }), true)).toEqual([]);
    expect(t.update(view({ a: 'connected', b: 'needs_login' }), true)).toEqual([]);
    expect(t.update(view({ a: 'needs_login', b: 'needs_login' }), true).map((x) => x.key)).toEqual(['Telegram/a']); // broke again
  });

  it('stays quiet when turned off, and ignores failed or stale refreshes', () => {
    const t = new AttentionTracker();
    t.update(view({ a: 'connected' }), true);
    expect(t.update(view({ a: 'needs_login' }), false)).toEqual([]);
    const u = new AttentionTracker();
    u.update(view({ a: 'connected' }), true);
    expect(u.update(view({ a: 'needs_login' }, { error: { kind: 'network', message: 'x' } }), true)).toEqual([]);
    expect(u.update(view({ a: 'needs_login' }), true)).toHaveLength(1);
  });
});
