/** renderer/src/selection.ts: which row a route's selection names, and finding it in a view. */
import { describe, expect, it } from 'vitest';
import { accountTarget, loginTarget, rowKey, sameRow } from '../../../renderer/src/selection.ts';
import type { AccountView } from '../../../preload/contract/views.ts';
import { accounts, identity, login, network } from '../../support/views.ts';

const acc = (accountID: string): AccountView => ({ accountID, network: 'Slack', status: 'connected', statusText: null, identity: identity(accountID), label: accountID, needsAttention: false, reconnect: 'offered' });
const view = accounts([network({ bridgeID: 'sl', displayName: 'Slack', logins: [login({ bridgeID: 'sl', loginID: 'L', accounts: [acc('A'), acc('B')] })], otherAccounts: [acc('O')] })]);

describe('selection', () => {
  it('a row is its login (whatever account was asked for) or its account', () => {
    const l = view.networks[0]!.logins[0]!;
    expect(sameRow(loginTarget(l), { bridgeID: 'sl', loginID: 'L', accountID: 'A' })).toBe(true);
    expect(sameRow(accountTarget('sl', acc('O')), { bridgeID: 'sl', loginID: null, accountID: 'O' })).toBe(true);
    expect(sameRow(accountTarget('sl', acc('O')), loginTarget(l))).toBe(false);
    expect(sameRow(undefined, loginTarget(l))).toBe(false);
    expect(rowKey({ bridgeID: 'a"b', loginID: null, accountID: 'c' })).not.toBe(rowKey({ bridgeID: 'a', loginID: null, accountID: 'b"c' }));
  });
});
