/** renderer/src/account-filter.ts: what a search matches, what the attention filter keeps, when Find shows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterNetworks, FIND_FROM, isFiltering, matches, NO_FILTER, pickerMatches, rowCount } from '../../../renderer/src/account-filter.ts';
import type { AccountView } from '../../../preload/contract/views.ts';
import { identity, login, network } from '../../support/views.ts';

const account = (accountID: string, name: string, extra: Partial<AccountView> = {}): AccountView => ({
  accountID,
  network: 'Slack',
  status: 'connected',
  statusText: null,
  identity: identity(name),
  label: name,
  needsAttention: false,
  reconnect: 'offered',
  ...extra,
});

const nets = () => [
  network({ bridgeID: 'wa', displayName: 'WhatsApp', logins: [login({ bridgeID: 'wa', loginID: 'w1', identity: identity('Zoë Park', '+1 555-010-0101') }), login({ bridgeID: 'wa', loginID: 'w2', identity: identity('Sam Lee', '+44 20 7946 0958'), needsAttention: true, status: 'needs_login' })] }),
  network({ bridgeID: 'sl', displayName: 'Slack', logins: [login({ bridgeID: 'sl', loginID: 's1', identity: identity('Alex Rivera', '@alex'), accounts: [account('a', 'Slack (Acme Inc)'), account('b', 'Slack (Acme Labs)')] })], otherAccounts: [account('o', 'Orphan Person', { needsAttention: true, status: 'reconnect_required' })] }),
  network({ bridgeID: 'sig', displayName: 'Signal' }),
];
const ids = (f: Parameters<typeof filterNetworks>[1]) => filterNetworks(nets(), f).map((s) => [s.network.bridgeID, [...s.logins.map((l) => l.loginID), ...s.otherAccounts.map((a) => a.accountID)], s.total]);

describe('matches', () => {
  it('every word somewhere, in any case, without accents', () => {
    expect(matches(['Zoë Park', 'WhatsApp'], 'zoe whats')).toBe(true);
    expect(matches(['Zoë Park', 'WhatsApp'], 'ZOË')).toBe(true);
    expect(matches(['Zoë Park', 'WhatsApp'], 'zoe telegram')).toBe(false);
    expect(matches(['Zoë Park', null], '   ')).toBe(true);
  });

  it('a number matches the digits of a phone however either is written; two digits are not a number search', () => {
    expect(matches(['+1 555-010-0101'], '5550100')).toBe(true);
    expect(matches(['+1 555-010-0101'], '(555) 010')).toBe(true);
    expect(matches(['+15550100101'], '+1 555 010 0101')).toBe(true);
    expect(matches(['+1 555-010-0101'], '5559')).toBe(false);
    expect(matches(['Network 12'], '12')).toBe(true); // as text
    expect(matches(['+1 555'], '12')).toBe(false);
  });
});

describe('filterNetworks', () => {
  it('no filter: every listed network whole, with its totals; unlisted networks never', () => {
    expect(ids(NO_FILTER)).toEqual([
      ['wa', ['w1', 'w2'], 2],
      ['sl', ['s1', 'o'], 2],
    ]);
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ query: ' ', attentionOnly: false })).toBe(false);
  });

  it('a search keeps the matching rows: name, number, username, network, and a login’s accounts; a network with none is left out', () => {
    expect(ids({ query: 'zoe', attentionOnly: false })).toEqual([['wa', ['w1'], 2]]);
    expect(ids({ query: '7946', attentionOnly: false })).toEqual([['wa', ['w2'], 2]]);
    expect(ids({ query: '@alex', attentionOnly: false })).toEqual([['sl', ['s1'], 2]]);
    expect(ids({ query: 'acme labs', attentionOnly: false })).toEqual([['sl', ['s1'], 2]]);
    expect(ids({ query: 'slack', attentionOnly: false })).toEqual([['sl', ['s1', 'o'], 2]]);
    expect(ids({ query: 'nobody', attentionOnly: false })).toEqual([]);
  });

  it('needs attention keeps only the rows the view says need it, and combines with a search', () => {
    expect(ids({ query: '', attentionOnly: true })).toEqual([
      ['wa', ['w2'], 2],
      ['sl', ['o'], 2],
    ]);
    expect(ids({ query: 'orphan', attentionOnly: true })).toEqual([['sl', ['o'], 2]]);
    expect(isFiltering({ query: '', attentionOnly: true })).toBe(true);
  });

  it('never keeps a row that does not match, never drops one that does', () => {
    const all = nets().flatMap((n) => [...n.logins.map((l) => ({ n, id: l.loginID, texts: [n.displayName, n.network, l.identity.name, l.identity.detail, ...l.accounts.flatMap((a) => [a.label, a.identity.name, a.identity.detail])], attention: l.needsAttention })), ...n.otherAccounts.map((a) => ({ n, id: a.accountID, texts: [n.displayName, n.network, a.label, a.identity.name, a.identity.detail], attention: a.needsAttention }))]);
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.boolean(), (query, attentionOnly) => {
        const kept = new Set(filterNetworks(nets(), { query, attentionOnly }).flatMap((s) => [...s.logins.map((l) => l.loginID), ...s.otherAccounts.map((a) => a.accountID)]));
        for (const row of all) expect(kept.has(row.id)).toBe((!attentionOnly || row.attention) && matches(row.texts, query));
      }),
    );
  });
});

describe('when Find shows, and the network picker', () => {
  it('counts the rows of listed networks against the threshold', () => {
    expect(rowCount(nets())).toBe(4);
    expect(FIND_FROM).toBeGreaterThan(4);
  });

  it('the picker finds a network by its name or its kind', () => {
    const n = network({ bridgeID: 'x', displayName: 'Google Messages', network: 'SMS' });
    expect(pickerMatches(n, 'goo mess')).toBe(true);
    expect(pickerMatches(n, 'sms')).toBe(true);
    expect(pickerMatches(n, 'whatsapp')).toBe(false);
  });
});
