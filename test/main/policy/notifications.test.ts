/** main/policy/notifications.ts: one notification per account that needs attention. */
import type { LoginStatus } from '../../../preload/contract/statuses.ts';
import { describe, expect, it } from 'vitest';
import { accountsOf as accounts } from '../../support/views.ts';
import type { AccountsView } from '../../../preload/contract/views.ts';
import { AttentionTracker } from '../../../main/policy/notifications.ts';

describe('attention notifications', () => {
  const view = (statuses: Record<string, LoginStatus>, extra: Partial<AccountsView> = {}): AccountsView => ({
    ...accounts(Object.entries(statuses).map(([id, status]) => ({ bridge: 'Telegram', id, status, name: `User ${id}` }))),
    ...extra,
  });

  it('notifies once per transition into needing login, not once per refresh', () => {
    const t = new AttentionTracker();
    expect(t.update(view({ a: 'needs_login', b: 'connected' }), true)).toEqual([]); // start-up baseline
    expect(t.update(view({ a: 'needs_login', b: 'connected' }), true)).toEqual([]);
    const n = t.update(view({ a: 'needs_login', b: 'needs_login' }), true);
    expect(n.map((x) => [x.key, x.title])).toEqual([['Telegram/b', 'Telegram needs you to log in again']]);
    expect(n[0]!.body).toBe(`User b: ${n[0]!.item.message}. Click to reconnect.`);
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

  it('names the account with its number or username when it has one, so the right phone is picked', () => {
    const t = new AttentionTracker();
    t.update(view({ a: 'connected' }), true);
    const broken = view({ a: 'needs_login' });
    broken.needsAttention[0]!.identity.detail = '+1 555 0100';
    const [n] = t.update(broken, true);
    expect(n!.body).toBe(`User a · +1 555 0100: ${n!.item.message}. Click to reconnect.`);
  });
});
